/** Smaller copies of big images, for previews while a slider moves. */
import type { Pixels } from './types.ts';
import { createPixels, wordsOf } from './words.ts';

/** Options of {@link downsample}. */
export interface DownsampleOptions {
  /**
   * `nearest` keeps each pixel's exact levels (what a threshold preview needs: averaging would
   * blur a one-level difference away); `box` averages each block (smoother, less aliasing).
   */
  method: 'nearest' | 'box';
}

/** Nearest keeps exact levels, which the reveal views depend on. */
export const defaultDownsampleOptions: DownsampleOptions = { method: 'nearest' };

/**
 * Shrink by a whole factor so that neither side exceeds `maxSide`. Returns the input itself
 * when it is small enough already (callers must not mutate it).
 */
export function downsample(
  pixels: Pixels,
  maxSide: number,
  options: Partial<DownsampleOptions> = {},
  signal?: AbortSignal,
): Pixels {
  const { width, height } = pixels;
  const factor = Math.ceil(Math.max(width, height) / Math.max(1, maxSide));
  if (factor <= 1) return pixels;
  const w = Math.ceil(width / factor);
  const h = Math.ceil(height / factor);
  const { pixels: out, words: dst } = createPixels(w, h);
  if ((options.method ?? defaultDownsampleOptions.method) === 'nearest') {
    const src = wordsOf(pixels.data);
    const offset = factor >> 1;
    for (let y = 0; y < h; y++) {
      if ((y & 255) === 0) signal?.throwIfAborted();
      const sy = Math.min(height - 1, y * factor + offset);
      const row = sy * width;
      for (let x = 0; x < w; x++)
        dst[y * w + x] = src[row + Math.min(width - 1, x * factor + offset)];
    }
    return out;
  }
  const src = pixels.data;
  const sums = new Float64Array(w * 4);
  const counts = new Float64Array(w);
  const o = out.data;
  for (let y = 0; y < h; y++) {
    if ((y & 63) === 0) signal?.throwIfAborted();
    sums.fill(0);
    counts.fill(0);
    const yEnd = Math.min(height, (y + 1) * factor);
    for (let sy = y * factor; sy < yEnd; sy++) {
      let p = sy * width * 4;
      for (let sx = 0; sx < width; sx++, p += 4) {
        const x = (sx / factor) | 0;
        sums[x * 4] += src[p];
        sums[x * 4 + 1] += src[p + 1];
        sums[x * 4 + 2] += src[p + 2];
        sums[x * 4 + 3] += src[p + 3];
        counts[x]++;
      }
    }
    for (let x = 0; x < w; x++) {
      const q = (y * w + x) * 4;
      for (let c = 0; c < 4; c++) o[q + c] = Math.round(sums[x * 4 + c] / counts[x]);
    }
  }
  return out;
}
