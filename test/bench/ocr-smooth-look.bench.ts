/**
 * The cost of "Read text"'s smoothed second look (src/lib/ocr/smooth-look.ts) on a 12 MP mask,
 * paid only when no picture read confidently: making it, as a ratio to reveal.bench.ts's
 * baseline (the naive per-pixel threshold) and to preparing the mask as usual, and reading it
 * with tesseract.js in Node, as a ratio to reading the mask as usual, all in the same run.
 */
import { createRequire } from 'node:module';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import Tesseract from 'tesseract.js';
import { prepareForOcr } from '../../src/lib/ocr/prepare.ts';
import { smoothLook } from '../../src/lib/ocr/smooth-look.ts';
import type { Pixels } from '../../src/lib/reveal/types.ts';
import { drawText, flat, paint } from '../lib/reveal/corpus.ts';
import { encodePng } from '../support/png.ts';
import { medianCpuMs, naiveThreshold } from './reveal.bench.ts';

const require = createRequire(import.meta.url);
const langPath = join(
  dirname(require.resolve('@tesseract.js-data/eng/package.json')),
  '4.0.0_best_int',
);

/** A `width` × `height` mask: black bitmap-face text on white, capitals `7 × scale` px. */
function mask(lines: string[], scale: number, width: number, height: number): Pixels {
  const text = drawText(lines, scale, width, height);
  return paint(text, flat([255, 255, 255, 255]), flat([0, 0, 0, 255]));
}

/** Median wall-clock milliseconds of reading `pixels` (already prepared) `runs` times. */
async function readMs(worker: Tesseract.Worker, pixels: Pixels, runs = 3): Promise<number> {
  const png = Buffer.from(encodePng(pixels));
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await worker.recognize(png);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[runs >> 1];
}

export default async function bench(): Promise<void> {
  console.log(`machine: ${cpus().length} cores, load average ${loadavg()[0].toFixed(1)}`);
  const worker = await Tesseract.createWorker('eng', Tesseract.OEM.LSTM_ONLY, {
    langPath,
    gzip: true,
    cacheMethod: 'none',
  });
  try {
    // A 12 MP mask is shrunk to the reader's size in grey tones, so it has no look: the cost
    // is finding that out.
    const large = mask(['HIDDEN TEXT', 'GLIMPSE'], 6, 4000, 3000);
    const largeBaseline = medianCpuMs(() => naiveThreshold(large), 7, 2);
    const none = medianCpuMs(() => smoothLook(large), 3, 1);
    const prepareLarge = medianCpuMs(() => prepareForOcr(large), 3, 1);
    console.log(
      `12 MP mask, 42 px capitals (baseline ${largeBaseline.toFixed(1)} ms CPU): no look ` +
        `(${String(smoothLook(large))}), found in ${(none / largeBaseline).toFixed(2)} × = ` +
        `${(none / prepareLarge).toFixed(2)} × preparing the mask`,
    );
    // The largest mask read at its own size: 2400 × 1800, capitals 28 px.
    const lines = Array.from({ length: 12 }, () => 'QUICK BROWN FOX JUMPS OVER');
    const cases: [string, string[]][] = [
      ['a two-line heading', ['HIDDEN TEXT', 'GLIMPSE']],
      ['twelve lines', lines],
    ];
    for (const [name, text] of cases) {
      const image = mask(text, 4, 2400, 1800);
      const baseline = medianCpuMs(() => naiveThreshold(image), 7, 2);
      const prepare = medianCpuMs(() => prepareForOcr(image), 3, 1);
      const make = medianCpuMs(() => smoothLook(image), 3, 1);
      const look = smoothLook(image);
      if (!look) throw new Error('a clean mask of 28 px capitals has a second look');
      const prepared = prepareForOcr(image);
      const readMask = await readMs(worker, prepared);
      const readLook = await readMs(worker, look);
      console.log(
        `2400 × 1800 mask, ${name} (baseline ${baseline.toFixed(1)} ms CPU): making the look ` +
          `${(make / baseline).toFixed(2)} × = ${(make / prepare).toFixed(2)} × preparing the mask; ` +
          `reading it (${look.width} × ${look.height}) ${(readLook / readMask).toFixed(2)} × ` +
          `reading the mask (${prepared.width} × ${prepared.height}, ${readMask.toFixed(0)} ms here)`,
      );
    }
  } finally {
    await worker.terminate();
  }
}
