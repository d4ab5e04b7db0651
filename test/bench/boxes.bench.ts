/**
 * `npm run bench -- boxes`: "Show me where" on a 12 MP photo (4000×3000 JPEG) in Debian's
 * Chromium, through the app's own modules on a Vite dev server.
 *
 * 1. 50 boxes: from the answer's JSON arriving (parse, hand to the stage, render, layout and
 *    paint) to the boxes painted, against the baseline of painting the image alone on the same
 *    stage (load, decode, paint). Goal ≤ 1.2×.
 * 2. "Ask about this": from a region of the photo to the request body ready (crop from the
 *    original after EXIF orientation, plan it to send as it is, base64, the JSON body).
 *    Goal ≤ 150 ms. As the app runs it, the photo is decoded for crops when a box is selected
 *    or "Select a region" is turned on (`prepareCrops`), so the figure starts from that
 *    decoded photo; the cold figure (decode included) is printed beside it. Baseline:
 *    decoding the whole photo once, which any crop of it needs.
 */
import type { Browser } from 'playwright-core';
import { createServer, type Plugin } from 'vite';
import { launchChromium, openPage } from '../support/browser.ts';
import { figure } from './measure.ts';

const root = new URL('../..', import.meta.url).pathname;
const RUNS = 7;

/** Serves `/bench.html`, a blank page on the dev server that can import the app's modules. */
function benchPage(): Plugin {
  return {
    name: 'bench-page',
    configureServer(server) {
      server.middlewares.use('/bench.html', (_req, res) => {
        res.setHeader('content-type', 'text/html');
        res.end('<!doctype html><title>boxes bench</title><body style="margin:0"></body>');
      });
    },
  };
}

// Runs in the page: a 4000×3000 photo-like JPEG (gradients, shapes, noise) as `benchPhoto`.
const MAKE_PHOTO = `(async () => {
  const W = 4000, H = 3000;
  const canvas = new OffscreenCanvas(W, H);
  const ctx = canvas.getContext('2d');
  const sky = ctx.createLinearGradient(0, 0, 0, H);
  sky.addColorStop(0, '#6aa7e8'); sky.addColorStop(0.55, '#dfe9f2'); sky.addColorStop(1, '#2f4420');
  ctx.fillStyle = sky; ctx.fillRect(0, 0, W, H);
  let s = 12345;
  const rnd = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 4294967296);
  for (let k = 0; k < 120; k++) {
    ctx.fillStyle = 'hsl(' + rnd() * 360 + ',40%,' + (25 + rnd() * 50) + '%)';
    ctx.fillRect(rnd() * W, rnd() * H, 20 + rnd() * 400, 20 + rnd() * 400);
  }
  const img = ctx.getImageData(0, 0, W, H);
  const d = img.data;
  for (let i = 0; i < d.length; i += 4) {
    const n = ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) >>> 28) - 8;
    d[i] += n; d[i + 1] += n; d[i + 2] += n;
  }
  ctx.putImageData(img, 0, 0);
  window.benchPhoto = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.92 });
  return window.benchPhoto.size;
})()`;

// Runs in the page: both figures, as lists of milliseconds per run (the first run is warm-up).
const MEASURE = `(async () => {
  await import('/src/ask/ask-stage.ts');
  const { parseBoxes } = await import('/src/lib/boxes/parse.ts');
  const { cropImage, prepareCrops, releaseCrops } = await import('/src/platform/annotate.ts');
  const { planUpload } = await import('/src/platform/upload.ts');
  const { buildGenerateBody } = await import('/src/lib/gemini/request.ts');
  const photo = window.benchPhoto;
  const painted = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  // Fifty boxes as Gemini sends them: a grid of labelled boxes over the whole image.
  const boxes = Array.from({ length: 50 }, (_, i) => {
    const y = Math.floor(i / 10) * 190 + 20, x = (i % 10) * 98 + 5;
    return { label: 'thing ' + (i + 1), box_2d: [y, x, y + 150, x + 80] };
  });
  const answer = JSON.stringify(boxes);
  const image = [], withBoxes = [], crop = [], cold = [], decode = [];
  const toBody = async () => {
    const cut = await cropImage(photo, { x: 1200, y: 900, width: 1000, height: 750 }, 0.1);
    const plan = await planUpload(cut.blob, 'original');
    const data = await plan.base64();
    const body = JSON.stringify(buildGenerateBody({ prompt: '', contents: [
      { role: 'user', parts: [{ inlineData: { mimeType: plan.mimeType, data } }, { text: 'What does it say?' }] },
    ] }));
    if (!body.includes(data.slice(0, 100))) throw new Error('no image in the body');
  };
  for (let run = 0; run <= ${RUNS}; run++) {
    const stage = document.createElement('ask-stage');
    stage.style.cssText = 'display:flex;width:900px;--stage-height:600px';
    stage.imageSize = { width: 4000, height: 3000 };
    document.body.replaceChildren(stage);
    await stage.updateComplete;
    const url = URL.createObjectURL(photo);
    // The image alone: from its URL given to the stage to it decoded and painted.
    let t0 = performance.now();
    stage.src = url;
    await stage.updateComplete;
    const img = stage.shadowRoot.querySelector('img');
    if (!img.complete) await new Promise((r) => img.addEventListener('load', r, { once: true }));
    await img.decode();
    while (!stage.naturalSize.width) await stage.updateComplete;
    await painted();
    const imageMs = performance.now() - t0;
    // The answer arrives: parse it, hand the boxes to the stage, render and paint them.
    t0 = performance.now();
    stage.boxes = parseBoxes(answer).boxes;
    await stage.updateComplete;
    stage.shadowRoot.querySelector('.box:last-of-type').getBoundingClientRect();
    await painted();
    const boxesMs = performance.now() - t0;
    if (stage.shadowRoot.querySelectorAll('.box').length !== 50) throw new Error('not 50 boxes');
    URL.revokeObjectURL(url);
    // A region to the request body ready: crop, plan (as it is), base64, JSON body; cold,
    // then with the photo decoded for crops as the stage does once a box is selected.
    releaseCrops();
    t0 = performance.now();
    await toBody();
    const coldMs = performance.now() - t0;
    releaseCrops();
    await prepareCrops(photo);
    t0 = performance.now();
    await toBody();
    const cropMs = performance.now() - t0;
    releaseCrops();
    t0 = performance.now();
    (await createImageBitmap(photo, { imageOrientation: 'from-image' })).close();
    const decodeMs = performance.now() - t0;
    if (run > 0) { image.push(imageMs); withBoxes.push(boxesMs); crop.push(cropMs); cold.push(coldMs); decode.push(decodeMs); }
  }
  return { image, withBoxes, crop, cold, decode };
})()`;

/** Median of a list of numbers. */
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function run(browser: Browser): Promise<void> {
  const server = await createServer({
    configFile: false,
    root,
    logLevel: 'silent',
    server: { host: '127.0.0.1', port: 0 },
    optimizeDeps: { noDiscovery: true, include: [] },
    plugins: [benchPage()],
  });
  await server.listen();
  const base = server.resolvedUrls?.local[0] ?? '';
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const { page } = await openPage(context, `${base}bench.html`);
    const bytes = await page.evaluate<number>(MAKE_PHOTO);
    console.log(
      `photo: 4000×3000 JPEG q0.92, ${(bytes / 1e6).toFixed(2)} MB; ${RUNS} runs, median`,
    );
    const r =
      await page.evaluate<Record<'image' | 'withBoxes' | 'crop' | 'cold' | 'decode', number[]>>(
        MEASURE,
      );
    const boxes = median(r.withBoxes);
    const image = median(r.image);
    console.log(
      figure('50 boxes: answer arrived → boxes painted', boxes, image) +
        ` (goal ≤ 1.2 × baseline: ${boxes <= 1.2 * image ? 'met' : 'MISSED'}; baseline: the image alone painted)`,
    );
    console.log(
      figure(
        'region of the photo → request body ready (photo decoded when the box was selected)',
        median(r.crop),
        median(r.decode),
        150,
      ) + ' (baseline: decoding the whole photo once)',
    );
    console.log(
      figure('the same, cold (the decode included)', median(r.cold), median(r.decode)) +
        ' (baseline: decoding the whole photo once)',
    );
  } finally {
    await context.close();
    await server.close();
  }
}

export default async function boxesBench(): Promise<void> {
  const browser = await launchChromium();
  try {
    await run(browser);
  } finally {
    await browser.close();
  }
}
