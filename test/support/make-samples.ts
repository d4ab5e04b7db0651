/**
 * Draws the three sample images the Ask view offers, on a canvas in Debian's Chromium, and
 * writes them to public/samples/ (`npm run samples`, then commit the PNGs). The project
 * makes its own samples so it ships nothing it may not redistribute:
 * - stock-index-chart.png: a long-run index on a log scale; the data is a seeded random walk
 *   (synthetic, said in the caption), with crashes placed at the famous years;
 * - contrastive-pretraining.png: CLIP-style training: two encoders, their embeddings and the
 *   N×N similarity matrix whose diagonal holds the matching pairs;
 * - hidden-message.png: the lesson's image: 500×500, "#73D955" text on "#7ED957",
 *   sans-serif at 20 pt (27.8 px at 100 dpi), centred.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from './chromium.ts';

const outDir = join(import.meta.dirname, '..', '..', 'public', 'samples');

/** A drawing run inside the page; returns the PNG as a data URL. */
type Drawing = () => string;

function drawStockChart(): string {
  const W = 1200;
  const H = 700;
  const canvas = document.createElement('canvas');
  canvas.width = W;
  canvas.height = H;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D context');
  // mulberry32: a seeded generator, so the chart is the same on every run.
  let seed = 1929;
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const gauss = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  // Crashes: [year, months it lasts, total fall as a fraction].
  const crashes: [number, number, number][] = [
    [1930, 30, 0.8],
    [1937, 12, 0.45],
    [1973, 20, 0.45],
    [1987.8, 2, 0.3],
    [2000.2, 30, 0.45],
    [2007.8, 17, 0.55],
    [2020.15, 2, 0.33],
  ];
  const start = 1930;
  const end = 2021;
  const values: number[] = [];
  let level = Math.log(25);
  for (let m = 0; m < (end - start) * 12; m++) {
    const year = start + m / 12;
    let drift = 0.0062;
    for (const [y, months, fall] of crashes) {
      if (year >= y && year < y + months / 12) drift = Math.log(1 - fall) / months;
    }
    level += drift + 0.035 * gauss();
    values.push(Math.exp(level));
  }
  const left = 90;
  const right = W - 40;
  const top = 80;
  const bottom = H - 110;
  const lo = Math.log10(2);
  const hi = Math.log10(10000);
  const x = (year: number) => left + ((year - start) / (end - start)) * (right - left);
  const y = (v: number) => bottom - ((Math.log10(v) - lo) / (hi - lo)) * (bottom - top);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, W, H);
  ctx.fillStyle = '#1a1a1a';
  ctx.font = 'bold 28px sans-serif';
  ctx.textAlign = 'center';
  ctx.fillText('A broad stock index, 1930–2020 (log scale)', W / 2, 45);
  ctx.font = '16px sans-serif';
  ctx.lineWidth = 1;
  for (const v of [10, 100, 1000, 10000]) {
    ctx.strokeStyle = '#d9d9d9';
    ctx.beginPath();
    ctx.moveTo(left, y(v));
    ctx.lineTo(right, y(v));
    ctx.stroke();
    ctx.textAlign = 'right';
    ctx.fillText(v.toLocaleString('en-US'), left - 10, y(v) + 5);
  }
  for (let decade = 1930; decade <= 2020; decade += 10) {
    ctx.strokeStyle = '#ececec';
    ctx.beginPath();
    ctx.moveTo(x(decade), top);
    ctx.lineTo(x(decade), bottom);
    ctx.stroke();
    ctx.textAlign = 'center';
    ctx.fillText(String(decade), x(decade), bottom + 24);
  }
  ctx.strokeStyle = '#1a1a1a';
  ctx.strokeRect(left, top, right - left, bottom - top);
  ctx.font = '18px sans-serif';
  ctx.fillText('Year', (left + right) / 2, bottom + 52);
  ctx.save();
  ctx.translate(28, (top + bottom) / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.fillText('Index level (points, log scale)', 0, 0);
  ctx.restore();
  ctx.strokeStyle = '#1f5fbf';
  ctx.lineWidth = 2;
  ctx.beginPath();
  values.forEach((v, m) => {
    const px = x(start + m / 12);
    const py = y(v);
    if (m === 0) ctx.moveTo(px, py);
    else ctx.lineTo(px, py);
  });
  ctx.stroke();
  ctx.fillStyle = '#555555';
  ctx.font = 'italic 15px sans-serif';
  ctx.textAlign = 'left';
  ctx.fillText(
    'Synthetic data: a seeded random walk with crashes near 1930, 1937, 1973, 1987, 2000, 2008 and 2020. Not real market data.',
    left,
    H - 22,
  );
  return canvas.toDataURL('image/png');
}

function drawContrastive(): string {
  const W = 1300;
  const H = 820;
  const N = 4;
  const canvas = document.createElement('canvas');
  canvas.width = W;
  canvas.height = H;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D context');
  const box = (bx: number, by: number, w: number, h: number, fill: string, label: string) => {
    ctx.fillStyle = fill;
    ctx.strokeStyle = '#333333';
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.roundRect(bx, by, w, h, 12);
    ctx.fill();
    ctx.stroke();
    ctx.fillStyle = '#1a1a1a';
    ctx.font = 'bold 20px sans-serif';
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillText(label, bx + w / 2, by + h / 2);
  };
  const arrow = (x1: number, y1: number, x2: number, y2: number) => {
    ctx.strokeStyle = '#333333';
    ctx.fillStyle = '#333333';
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.moveTo(x1, y1);
    ctx.lineTo(x2, y2);
    ctx.stroke();
    const a = Math.atan2(y2 - y1, x2 - x1);
    ctx.beginPath();
    ctx.moveTo(x2, y2);
    ctx.lineTo(x2 - 12 * Math.cos(a - 0.4), y2 - 12 * Math.sin(a - 0.4));
    ctx.lineTo(x2 - 12 * Math.cos(a + 0.4), y2 - 12 * Math.sin(a + 0.4));
    ctx.closePath();
    ctx.fill();
  };
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, W, H);
  ctx.fillStyle = '#1a1a1a';
  ctx.font = 'bold 28px sans-serif';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'alphabetic';
  ctx.fillText('Contrastive image–text pre-training', W / 2, 44);

  // The batch: N captions (top) and N images (left).
  const captions = ['a dog on grass', 'a red car', 'a cup of tea', 'a city at night'];
  const cell = 110;
  const gridX = 560;
  const gridY = 330;
  ctx.font = '15px sans-serif';
  captions.forEach((c, j) => {
    ctx.fillStyle = '#1a1a1a';
    ctx.textAlign = 'center';
    ctx.fillText(`“${c}”`, gridX + j * cell + cell / 2, 90);
  });
  box(gridX, 110, N * cell, 60, '#fde2b8', 'Text encoder');
  captions.forEach((_c, j) => {
    const cx = gridX + j * cell + cell / 2;
    arrow(cx, 172, cx, 228);
    ctx.fillStyle = '#f6b756';
    ctx.fillRect(cx - 40, 232, 80, 40);
    ctx.strokeRect(cx - 40, 232, 80, 40);
    ctx.fillStyle = '#1a1a1a';
    ctx.font = 'bold 18px sans-serif';
    ctx.textBaseline = 'middle';
    ctx.fillText(`T${j + 1}`, cx, 253);
    arrow(cx, 274, cx, gridY - 6);
  });

  const colours = ['#8bc34a', '#e53935', '#8d6e63', '#3949ab'];
  for (let i = 0; i < N; i++) {
    const cy = gridY + i * cell + cell / 2;
    // A tiny picture for each image: a coloured tile with a simple shape.
    ctx.fillStyle = '#eeeeee';
    ctx.fillRect(40, cy - 40, 80, 80);
    ctx.fillStyle = colours[i];
    if (i === 0) ctx.fillRect(55, cy - 5, 50, 30);
    if (i === 1) ctx.fillRect(50, cy - 15, 60, 25);
    if (i === 2) {
      ctx.beginPath();
      ctx.arc(80, cy + 5, 22, 0, Math.PI * 2);
      ctx.fill();
    }
    if (i === 3)
      for (let k = 0; k < 4; k++) ctx.fillRect(48 + k * 17, cy - 30 + k * 7, 12, 60 - k * 7);
    ctx.strokeStyle = '#333333';
    ctx.strokeRect(40, cy - 40, 80, 80);
    arrow(122, cy, 168, cy);
  }
  box(172, gridY, 150, N * cell, '#c8e6f9', 'Image encoder');
  for (let i = 0; i < N; i++) {
    const cy = gridY + i * cell + cell / 2;
    arrow(324, cy, 380, cy);
    ctx.fillStyle = '#64b5f6';
    ctx.fillRect(384, cy - 20, 80, 40);
    ctx.strokeStyle = '#333333';
    ctx.strokeRect(384, cy - 20, 80, 40);
    ctx.fillStyle = '#1a1a1a';
    ctx.font = 'bold 18px sans-serif';
    ctx.textAlign = 'center';
    ctx.fillText(`I${i + 1}`, 424, cy);
    arrow(466, cy, gridX - 6, cy);
  }

  // The similarity matrix: every image against every caption; matching pairs on the diagonal.
  for (let i = 0; i < N; i++) {
    for (let j = 0; j < N; j++) {
      const cx = gridX + j * cell;
      const cy = gridY + i * cell;
      ctx.fillStyle = i === j ? '#7ed957' : '#f2f2f2';
      ctx.fillRect(cx, cy, cell, cell);
      ctx.strokeStyle = '#999999';
      ctx.lineWidth = 1;
      ctx.strokeRect(cx, cy, cell, cell);
      ctx.fillStyle = '#1a1a1a';
      ctx.font = i === j ? 'bold 19px sans-serif' : '17px sans-serif';
      ctx.fillText(`I${i + 1}·T${j + 1}`, cx + cell / 2, cy + cell / 2);
    }
  }
  ctx.strokeStyle = '#1b5e20';
  ctx.lineWidth = 3;
  ctx.strokeRect(gridX, gridY, N * cell, N * cell);

  ctx.textAlign = 'left';
  ctx.textBaseline = 'alphabetic';
  ctx.fillStyle = '#1a1a1a';
  ctx.font = '18px sans-serif';
  const notes = [
    'N×N cosine similarities',
    'in a batch of N pairs.',
    '',
    'Training pulls the',
    'matching pairs (green',
    'diagonal) together and',
    'pushes the N²−N others',
    'apart: a symmetric',
    'cross-entropy loss over',
    'rows and columns.',
  ];
  notes.forEach((line, k) => ctx.fillText(line, gridX + N * cell + 30, gridY + 24 + k * 26));
  ctx.font = 'italic 15px sans-serif';
  ctx.fillStyle = '#555555';
  ctx.fillText(
    'Both encoders map into one shared embedding space, so images and texts can be compared directly (as in CLIP).',
    40,
    H - 22,
  );
  return canvas.toDataURL('image/png');
}

function drawHiddenMessage(): string {
  const canvas = document.createElement('canvas');
  canvas.width = 500;
  canvas.height = 500;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D context');
  ctx.fillStyle = '#7ED957';
  ctx.fillRect(0, 0, 500, 500);
  ctx.fillStyle = '#73D955';
  // 20 pt at the lesson's 100 dpi = 27.8 px.
  ctx.font = '27.8px sans-serif';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  const lines = ['You can vectorize', 'the whole world', 'with Weaviate!'];
  const lineHeight = 27.8 * 1.25;
  lines.forEach((line, k) => {
    ctx.fillText(line, 250, 250 + (k - (lines.length - 1) / 2) * lineHeight);
  });
  return canvas.toDataURL('image/png');
}

const drawings: [string, Drawing][] = [
  ['stock-index-chart.png', drawStockChart],
  ['contrastive-pretraining.png', drawContrastive],
  ['hidden-message.png', drawHiddenMessage],
];

const browser = await chromium.launch({
  executablePath: chromiumPath,
  args: chromiumArgs,
  headless: true,
});
try {
  const page = await browser.newPage();
  await page.setContent('<!doctype html><title>samples</title>');
  for (const [file, draw] of drawings) {
    // tsx keeps function names with an `__name` helper that does not exist in the page.
    const dataUrl = await page.evaluate<string>(
      `(() => { const __name = (f) => f; return (${draw.toString()})(); })()`,
    );
    const png = Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');
    writeFileSync(join(outDir, file), png);
    process.stdout.write(`public/samples/${file} ${(png.length / 1024).toFixed(1)} KB\n`);
  }
} finally {
  await browser.close();
}
