/** An even grid of sample pixels: Auto reveal decides on these, then makes the mask in one pass. */
import type { Pixels } from './types.ts';
import { wordsOf } from './words.ts';
import { scratchInt32 } from './scratch.ts';

/** Sampled pixels with their positions and right-hand neighbours (for the noise estimate). */
export interface SampleGrid {
  /** Distance in pixels between samples, across and down. */
  step: number;
  /** Samples across and down. */
  columns: number;
  rows: number;
  /** Position of each sample, row by row. */
  xs: Int32Array;
  ys: Int32Array;
  /**
   * Pixel word of each sample. Int32, not Uint32: an opaque word is over 2³¹, which V8 reads
   * from a Uint32Array as a double; the bytes are the same either way.
   */
  words: Int32Array;
  /** Pixel word right of each sample (or left, on the last column). */
  neighbours: Int32Array;
}

/** Sample about `target` pixels on a regular grid (every pixel when the image is small). */
export function sampleGrid(pixels: Pixels, target: number, signal?: AbortSignal): SampleGrid {
  const { width, height } = pixels;
  const step = Math.max(1, Math.floor(Math.sqrt((width * height) / Math.max(1, target))));
  return regionGrid(pixels, [0, 0, width, height], step, step >> 1, 'grid', signal);
}

/**
 * Every `step`-th pixel across and down of the region [x0, x1) × [y0, y1), from `offset` pixels
 * in. Its arrays are scratch named by `name`: a second grid made while the first is still in
 * use needs a name of its own.
 */
export function regionGrid(
  pixels: Pixels,
  [x0, y0, x1, y1]: readonly [number, number, number, number],
  step: number,
  offset: number,
  name: string,
  signal?: AbortSignal,
): SampleGrid {
  const { width } = pixels;
  const unsigned = wordsOf(pixels.data);
  const words = new Int32Array(unsigned.buffer, unsigned.byteOffset, unsigned.length);
  const columns = Math.max(1, Math.ceil((x1 - x0 - offset) / step));
  const rows = Math.max(1, Math.ceil((y1 - y0 - offset) / step));
  const n = columns * rows;
  const grid: SampleGrid = {
    step,
    columns,
    rows,
    xs: scratchInt32(`${name} x`, n),
    ys: scratchInt32(`${name} y`, n),
    words: scratchInt32(`${name} words`, n),
    neighbours: scratchInt32(`${name} neighbours`, n),
  };
  let k = 0;
  for (let j = 0; j < rows; j++) {
    if ((j & 63) === 0) signal?.throwIfAborted();
    const y = Math.min(y1 - 1, y0 + offset + j * step);
    for (let i = 0; i < columns; i++, k++) {
      const x = Math.min(x1 - 1, x0 + offset + i * step);
      const p = y * width + x;
      grid.xs[k] = x;
      grid.ys[k] = y;
      grid.words[k] = words[p];
      grid.neighbours[k] = words[x + 1 < width ? p + 1 : Math.max(p - 1, y * width)];
    }
  }
  return grid;
}

/** Median of values whose histogram (integer bins from `lowest`) is given. */
export function histogramMedian(counts: ArrayLike<number>, total: number, lowest = 0): number {
  let seen = 0;
  for (let v = 0; v < counts.length; v++) {
    seen += counts[v];
    if (seen * 2 >= total) return v + lowest;
  }
  return lowest;
}
