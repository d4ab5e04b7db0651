/**
 * Tiles whose mean colour stands off their surroundings: where small text hides under noise.
 * Under noise of σ 3 or more, text 6–12 levels off is within 2σ of the background, so no
 * single sample is evidence of it, and the first look's one pixel in 46 gives a tile of text a
 * few dozen samples. A tile's pixels averaged together are: a 64 px tile read at every other
 * pixel is a thousand of them, so the noise of its mean shrinks 32-fold, while the text's share
 * of the tile (a sixth or so of a tile inside a block of 12 px text) shifts it by a level or
 * two. Each tile is compared with the median of the ring of tiles two away, which follows a
 * gradient and which small text barely reaches, and must stand off it by far more than
 * noise of the measured spread would put any of the ~3000 tiles of a 12 MP image.
 */
import type { Pixels } from './types.ts';
import { ALPHA, BLUE, GREEN, RED, wordsOf } from './words.ts';

/** Pixels read across and down within each tile: every other one is plenty and half the cost. */
const STRIDE = 1;

/**
 * How many standard errors a tile's mean must stand off its ring. Bonferroni over ~3000 tiles
 * × 4 channels at 1 % is z ≈ 5; more, because the ring's median is itself noisy and the noise
 * not quite Gaussian after rounding and clipping.
 */
const Z = 6;

/** Least spread (levels) assumed for a channel: a clean one's mean still rounds. */
const LEAST_NOISE = 0.5;

/** Least shift of a tile's mean (levels) that counts: below it a background's smooth wobble. */
const LEAST_SHIFT = 0.3;

/**
 * Per tile of side `tile` (row by row, `across` per row), whether its mean stands off its
 * surroundings in any channel beyond what noise of `noise` per channel explains.
 */
export function offTiles(
  pixels: Pixels,
  tile: number,
  noise: Float64Array,
  signal?: AbortSignal,
): Uint8Array {
  const { width, height } = pixels;
  const across = Math.ceil(width / tile);
  const down = Math.ceil(height / tile);
  const means = tileMeans(pixels, tile, across, down, signal);
  const counts = means.counts;
  const flags = new Uint8Array(across * down);
  const ring: number[] = [];
  for (let ty = 0; ty < down; ty++) {
    for (let tx = 0; tx < across; tx++) {
      const t = ty * across + tx;
      for (let c = 0; c < 4; c++) {
        ring.length = 0;
        for (let dy = -2; dy <= 2; dy++) {
          for (let dx = -2; dx <= 2; dx++) {
            if (Math.max(Math.abs(dx), Math.abs(dy)) !== 2) continue;
            const x = tx + dx;
            const y = ty + dy;
            if (x < 0 || y < 0 || x >= across || y >= down) continue;
            ring.push(means.sums[(y * across + x) * 4 + c]);
          }
        }
        if (ring.length < 3) continue;
        ring.sort((a, b) => a - b);
        const median = ring[ring.length >> 1];
        // The median of the ring adds about a tenth to the variance of the difference.
        const error = (1.1 * Math.max(LEAST_NOISE, noise[c])) / Math.sqrt(counts[t]);
        const shift = Math.abs(means.sums[t * 4 + c] - median);
        if (shift >= LEAST_SHIFT && shift >= Z * error) {
          flags[t] = 1;
          break;
        }
      }
    }
  }
  return flags;
}

/** Mean of each channel per tile (`sums`, 4 per tile, divided through) and pixels read. */
function tileMeans(
  pixels: Pixels,
  tile: number,
  across: number,
  down: number,
  signal?: AbortSignal,
): { sums: Float64Array; counts: Uint32Array } {
  const { width, height } = pixels;
  // Int32, not Uint32: an opaque word is over 2³¹, which V8 reads from a Uint32Array as a double.
  const unsigned = wordsOf(pixels.data);
  const words = new Int32Array(unsigned.buffer, unsigned.byteOffset, unsigned.length);
  // Local copies: V8 reloads (and checks) an imported binding on every use in the hot loop.
  const [red, green, blue, alpha] = [RED, GREEN, BLUE, ALPHA];
  const sums = new Float64Array(across * down * 4);
  const counts = new Uint32Array(across * down);
  for (let y = 0; y < height; y += STRIDE) {
    if ((y & 127) === 0) signal?.throwIfAborted();
    const row = Math.floor(y / tile) * across;
    for (let tx = 0; tx < across; tx++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      let n = 0;
      const end = Math.min(width, (tx + 1) * tile);
      for (let p = y * width + tx * tile, last = y * width + end; p < last; p += STRIDE, n++) {
        const w = words[p];
        r += (w >>> red) & 255;
        g += (w >>> green) & 255;
        b += (w >>> blue) & 255;
        a += (w >>> alpha) & 255;
      }
      const t = (row + tx) * 4;
      sums[t] += r;
      sums[t + 1] += g;
      sums[t + 2] += b;
      sums[t + 3] += a;
      counts[row + tx] += n;
    }
  }
  for (let t = 0; t < counts.length; t++) {
    for (let c = 0; c < 4; c++) sums[t * 4 + c] /= Math.max(1, counts[t]);
  }
  return { sums, counts };
}
