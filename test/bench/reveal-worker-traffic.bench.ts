/**
 * What Read text's three further pictures (lesson, noise, jpeg) cost on a 12 MP noisy image
 * through the reveal worker's handler, with what crosses between page and worker cloned as
 * postMessage clones it (structuredClone; the reply's buffers moved, as the worker moves
 * them), as a ratio to reveal.bench.ts's baseline (the naive per-pixel threshold) measured in
 * the same run. Three ways: the worker keeps the image and Auto's result (now), it keeps only
 * the image (before: Auto's 48 MB mask copied with each picture), and a new worker that gets
 * both again. The request's serialisation runs on the page, so the copy is also shown alone.
 */
import { cpus, loadavg } from 'node:os';
import { serialize } from 'node:v8';
import { autoReveal, type AutoRevealResult } from '../../src/lib/reveal/auto-reveal.ts';
import { readingPictureKinds } from '../../src/lib/reveal/reading-candidates.ts';
import type { Pixels } from '../../src/lib/reveal/types.ts';
import {
  handleRevealRequest,
  type KeptResults,
  type RevealRequest,
} from '../../src/workers/reveal-worker.ts';
import { addNoise, drawText, flat, paint } from '../lib/reveal/corpus.ts';
import { medianCpuMs, naiveThreshold } from './reveal.bench.ts';

/** One round trip as the bridge makes it: request cloned in, reply's buffers moved back. */
function roundTrip(request: RevealRequest, keep: Map<number, Pixels>, results: KeptResults) {
  const { reply, transfer } = handleRevealRequest(structuredClone(request), keep, results);
  return structuredClone(reply, { transfer });
}

export default async function bench(): Promise<void> {
  console.log(`machine: ${cpus().length} cores, load average ${loadavg()[0].toFixed(1)}`);
  // As reveal-noise-pictures.bench.ts: red +10 under Gaussian σ 7, 280 px capitals, 12 MP.
  const drawn = drawText(['HIDDEN TEXT', 'GLIMPSE'], 40, 4000, 3000);
  const image = addNoise(
    paint(drawn, flat([120, 160, 90, 255]), flat([130, 160, 90, 255])),
    7,
    'gaussian',
    3,
  );
  const baseline = medianCpuMs(() => naiveThreshold(image), 7, 2);
  const found = autoReveal(image);
  const id = 1;
  const keep = new Map<number, Pixels>([[id, image]]);
  const results: KeptResults = new Map([[id, found]]);
  const three = (source: Pixels | null, result: AutoRevealResult | null) => () => {
    for (const kind of readingPictureKinds) {
      if (!source) keep.set(id, image);
      if (!result) results.set(id, found);
      roundTrip(
        { op: 'readingPicture', args: [source, result, kind], sourceId: id },
        keep,
        results,
      );
    }
  };
  const kept = medianCpuMs(three(null, null), 5, 1);
  const maskSent = medianCpuMs(three(null, found), 5, 1);
  const bothSent = medianCpuMs(three(image, found), 3, 1);
  const pageCopy = medianCpuMs(() => serialize({ args: [null, found, 'noise'] }), 7, 1);
  const ratio = (ms: number) => `${(ms / baseline).toFixed(2)} ×`;
  console.log(
    `three Read text pictures, 12 MP noisy (baseline ${baseline.toFixed(1)} ms CPU): ` +
      `worker keeps image and Auto's result ${ratio(kept)}; keeps the image only (before) ` +
      `${ratio(maskSent)}; new worker, both sent ${ratio(bothSent)}. ` +
      `Serialising Auto's result once on the page: ${ratio(pageCopy)}`,
  );
}
