/**
 * History in real Chromium IndexedDB (a fresh profile, a page on an https origin):
 * - open History with 1,000 saved conversations: the store's `list()` and the thumbnails of
 *   the first 20 rows (what the History list paints first) against reading the same summary
 *   rows raw from IndexedDB;
 * - open a saved 100-turn conversation with 20 images: the store's `open()` (conversation
 *   checked, image Blobs ready) against reading the record and its images raw;
 * - storage of one image used in 10 turns: bytes stored ÷ image bytes (goal ≤ 1.05).
 */
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { launchChromium } from '../support/browser.ts';
import { figure } from './measure.ts';

// https (intercepted, so no certificate): Web Crypto and randomUUID need a secure context.
const ORIGIN = 'https://history.bench.test';

/** Bundle history-page.ts (the store, the model, the baselines) for the page. */
export async function bundle(): Promise<string> {
  const out = await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      minify: true,
      lib: {
        entry: fileURLToPath(new URL('./history-page.ts', import.meta.url)),
        formats: ['iife'],
        name: 'GlimpseHistoryBench',
      },
    },
  });
  for (const o of Array.isArray(out) ? out : [out]) {
    if ('output' in o) {
      const chunk = o.output.find((c) => c.type === 'chunk');
      if (chunk && 'code' in chunk) return chunk.code;
    }
  }
  throw new Error('no bundle produced');
}

// Runs in the page (plain JavaScript: tsx would add helpers the page lacks). Times `runs`
// alternating calls of the store and the raw baseline after two warm-ups; returns medians.
const compareInPage = `async ({ kind, runs }) => {
  const lib = window.GlimpseHistoryBench;
  const s = window.__bench;
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const time = async (fn) => { const t0 = performance.now(); await fn(); return performance.now() - t0; };
  // The list as the first screen paints it: every row, and the thumbnails of the first 20.
  const list = async () => s.many.thumbnails((await s.many.list()).slice(0, 20));
  const store = kind === 'list' ? list : () => s.many.open(s.longId);
  const raw = kind === 'list' ? () => lib.rawSummaries(s.dbName) : () => lib.rawOpen(s.dbName, s.longId);
  const a = [], b = [];
  for (let i = 0; i < runs + 2; i++) {
    const ta = await time(store);
    const tb = await time(raw);
    if (i >= 2) { a.push(ta); b.push(tb); }
  }
  return { store: median(a), raw: median(b) };
}`;

export default async function bench(): Promise<void> {
  const code = await bundle();
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.route(`${ORIGIN}/**`, (route) =>
      route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>bench</title>' }),
    );
    await page.goto(`${ORIGIN}/`);
    await page.addScriptTag({ content: code });

    const storage = (await page.evaluate(
      `window.GlimpseHistoryBench.storageOfOneImage('bench-storage')`,
    )) as { imageBytes: number; storedImageBytes: number; usageDelta: number; recordBytes: number };
    const ratio = storage.storedImageBytes / storage.imageBytes;
    console.log(
      `storage, one ${(storage.imageBytes / 1e6).toFixed(2)} MB image used in 10 turns: image bytes stored ÷ image bytes = ${ratio.toFixed(2)} (goal ≤ 1.05: ${ratio <= 1.05 ? 'met' : 'MISSED'}); ` +
        `browser-reported usage grew ${(storage.usageDelta / 1e6).toFixed(2)} MB = ${(storage.usageDelta / storage.imageBytes).toFixed(2)} × the image (with the 10-turn record, ${(storage.recordBytes / 1e3).toFixed(0)} KB of JSON, and the thumbnail)`,
    );

    await page.evaluate(`(async () => {
      const lib = window.GlimpseHistoryBench;
      const dbName = 'bench-many';
      const many = await lib.seedMany(dbName, 1000);
      const longId = await lib.seedLong(many);
      window.__bench = { dbName, many, longId };
    })()`);
    const runs = 15;
    const list = (await page.evaluate(`(${compareInPage})({ kind: 'list', runs: ${runs} })`)) as {
      store: number;
      raw: number;
    };
    console.log(
      figure(
        `History list, 1,001 saved conversations: store.list() + thumbnails of the first 20 rows vs the same rows read raw (median of ${runs})`,
        list.store,
        list.raw,
        100,
      ),
    );
    const open = (await page.evaluate(`(${compareInPage})({ kind: 'open', runs: ${runs} })`)) as {
      store: number;
      raw: number;
    };
    console.log(
      figure(
        `open a 100-turn conversation with 20 images, data ready: store.open() vs record and images read raw (median of ${runs})`,
        open.store,
        open.raw,
        300,
      ),
    );
  } finally {
    await browser.close();
  }
}
