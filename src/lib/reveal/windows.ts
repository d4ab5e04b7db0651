/**
 * The pixels round the evaluation samples, copied once: every step that smooths samples
 * (the axis, each radius of the cut) reads the same windows. Read from the image, each window
 * touches nine scattered rows, and at 12 megapixels those cache misses cost more than the
 * sums; read from this compact copy they cost nothing. Only readings that set far-off pixels
 * aside (salt and pepper, visible content) need the pixels themselves; reading every pixel
 * as it is, the smoothing is linear and comes from window-sums.ts instead.
 */
import type { SampleGrid } from './samples.ts';
import { MAX_RADIUS } from './smoothing.ts';
import type { Pixels } from './types.ts';
import { wordsOf } from './words.ts';
import { scratchInt32 } from './scratch.ts';

/** Side of every window: the largest kernel's taps. */
export const WINDOW_SIDE = 2 * MAX_RADIUS + 1;

/** Pixel words of the window round every `every`-th sample, row by row (edges replicated). */
export interface SampleWindows {
  every: number;
  /** Int32, not Uint32: opaque words are over 2³¹, which V8 would read as doubles. */
  words: Int32Array;
}

const known = new WeakMap<SampleGrid, SampleWindows>();

/**
 * The windows round every `every`-th sample of the grid, each WINDOW_SIDE² words centred
 * on its sample; made once per grid and step.
 */
export function sampleWindows(
  pixels: Pixels,
  grid: SampleGrid,
  every: number,
  signal?: AbortSignal,
): SampleWindows {
  const cached = known.get(grid);
  if (cached && cached.every === every) return cached;
  const { width, height } = pixels;
  const unsigned = wordsOf(pixels.data);
  const image = new Int32Array(unsigned.buffer, unsigned.byteOffset, unsigned.length);
  const n = Math.ceil(grid.words.length / every);
  const side = WINDOW_SIDE;
  const words = scratchInt32('windows', n * side * side);
  const columns = new Int32Array(side);
  for (let k = 0, o = 0, q = 0; k < grid.words.length; k += every, o++) {
    if ((o & 0x3fff) === 0) signal?.throwIfAborted();
    const x = grid.xs[k];
    const y = grid.ys[k];
    for (let d = 0; d < side; d++) {
      columns[d] = Math.min(width - 1, Math.max(0, x + d - MAX_RADIUS));
    }
    for (let dy = 0; dy < side; dy++) {
      const row = Math.min(height - 1, Math.max(0, y + dy - MAX_RADIUS)) * width;
      for (let dx = 0; dx < side; dx++) words[q++] = image[row + columns[dx]];
    }
  }
  const windows = { every, words };
  known.set(grid, windows);
  return windows;
}
