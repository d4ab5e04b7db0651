/**
 * Tiles whose mean colour stands off their surroundings: where small text hides under noise.
 * Under noise of σ 3 or more, text 6–12 levels off is within 2σ of the background, so no
 * single sample is evidence of it, and the first look's one pixel in 46 gives a tile of text a
 * few dozen samples. A tile's pixels averaged together are: a 64 px tile is 4096 of them, so
 * the noise of its mean shrinks 64-fold, while the text's share
 * of the tile (a sixth or so of a tile inside a block of 12 px text) shifts it by a level or
 * two. Each tile is compared with the tiles around it (the median of opposite pairs' averages,
 * which follows a gradient and which small text barely reaches) and must stand off them by far
 * more than noise of the measured spread would put any of the ~3000 tiles of a 12 MP image.
 */
import type { Pixels } from './types.ts';
import { ALPHA, BLUE, GREEN, RED, wordsOf } from './words.ts';

/** Pixels read across and down: every one (every other one missed a line of 16 px under σ 5). */
const STRIDE = 1;

/**
 * How many standard errors a tile's mean must stand off its surroundings. Bonferroni over
 * ~3000 tiles × 4 channels at 1 % is z ≈ 5; more, because the surroundings' median is itself
 * noisy and the noise not quite Gaussian after rounding and clipping.
 */
const Z = 6;

/** Least spread (levels) assumed for a channel: a clean one's mean still rounds. */
const LEAST_NOISE = 0.5;

/**
 * Least shift of a tile's mean (levels) that counts: a smooth background rounded to whole levels
 * is a staircase, whose tiles stand up to about half a level off the plane through their
 * neighbours (a shift of 0.3 let a dozen tiles of a gently curved noisy background through).
 */
const LEAST_SHIFT = 0.6;

/**
 * Offsets of one tile of each pair of tiles opposite each other around a tile, one and two
 * tiles away. A pair's average is the tile's own level on any plane, so a gradient (and near an
 * edge, where only some pairs are inside, a gradient along the edge) does not stand off; the
 * median over pairs keeps out those that small text reaches.
 */
const OPPOSITES: readonly (readonly [number, number])[] = [
  [1, 0],
  [0, 1],
  [1, 1],
  [1, -1],
  [2, 0],
  [0, 2],
  [2, 2],
  [2, -2],
  [2, 1],
  [2, -1],
  [1, 2],
  [-1, 2],
];

/**
 * Per tile of side `tile` (row by row, `across` per row), 1 where its mean stands off its
 * surroundings in some channel beyond what noise of `noise` per channel explains, keeping only
 * the strongest cluster of such tiles. `tile` is at most 256 (see tileMeans).
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
  // How far each tile stands off, in standard errors; 0 when within noise.
  const score = new Float64Array(across * down);
  // A typed array and an insertion sort: a dozen values, for each of ~12,000 tile channels,
  // where a JS array's push and sort with a comparator cost more than the tiles' sums.
  const pairs = new Float64Array(OPPOSITES.length);
  for (let ty = 0; ty < down; ty++) {
    for (let tx = 0; tx < across; tx++) {
      const t = ty * across + tx;
      for (let c = 0; c < 4; c++) {
        let count = 0;
        for (const [dx, dy] of OPPOSITES) {
          const ax = tx + dx;
          const ay = ty + dy;
          const bx = tx - dx;
          const by = ty - dy;
          if (Math.min(ax, ay, bx, by) < 0 || Math.max(ax, bx) >= across) continue;
          if (Math.max(ay, by) >= down) continue;
          const a = means.sums[(ay * across + ax) * 4 + c];
          const b = means.sums[(by * across + bx) * 4 + c];
          const v = (a + b) / 2;
          let i = count++;
          for (; i > 0 && pairs[i - 1] > v; i--) pairs[i] = pairs[i - 1];
          pairs[i] = v;
        }
        if (count < 2) continue;
        const half = count >> 1;
        const local = count % 2 ? pairs[half] : (pairs[half - 1] + pairs[half]) / 2;
        // The median of the pairs adds about a tenth to the variance of the difference.
        const error = (1.1 * Math.max(LEAST_NOISE, noise[c])) / Math.sqrt(counts[t]);
        const shift = Math.abs(means.sums[t * 4 + c] - local);
        if (shift >= LEAST_SHIFT && shift >= Z * error)
          score[t] = Math.max(score[t], shift / error);
      }
    }
  }
  return strongestCluster(score, across, down);
}

/** Tiles between two that stand off and still belong together: a tile of text may fall short. */
const REACH = 2;

/**
 * The tiles that stand off, linked (within {@link REACH} tiles) to the one that stands off
 * most. Small text lies in one place; a smooth background's rounding to whole levels puts a
 * stray tile past the bar now and then, far weaker than text and apart from it.
 */
function strongestCluster(score: Float64Array, across: number, down: number): Uint8Array {
  const flags = new Uint8Array(score.length);
  let best = 0;
  for (let t = 1; t < score.length; t++) if (score[t] > score[best]) best = t;
  if (!(score[best] > 0)) return flags;
  const queue = [best];
  flags[best] = 1;
  while (queue.length > 0) {
    const t = queue.pop() as number;
    const tx = t % across;
    const ty = Math.floor(t / across);
    for (let y = Math.max(0, ty - REACH); y <= Math.min(down - 1, ty + REACH); y++) {
      for (let x = Math.max(0, tx - REACH); x <= Math.min(across - 1, tx + REACH); x++) {
        const u = y * across + x;
        if (flags[u] || !(score[u] > 0)) continue;
        flags[u] = 1;
        queue.push(u);
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
  // Which byte of a word holds each channel (the words are in the platform's byte order).
  const byteOf = [RED, GREEN, BLUE, ALPHA].map((shift) => shift / 8);
  const bytes = new Float64Array(4);
  const sums = new Float64Array(across * down * 4);
  const counts = new Uint32Array(across * down);
  for (let y = 0; y < height; y += STRIDE) {
    if ((y & 127) === 0) signal?.throwIfAborted();
    const row = Math.floor(y / tile) * across;
    for (let tx = 0; tx < across; tx++) {
      // Bytes 0 and 2, and 1 and 3, summed two at a time in 16-bit lanes: a row of a tile
      // (at most 256 pixels of at most 255) cannot carry from one lane into the other.
      let even = 0;
      let odd = 0;
      const start = y * width + tx * tile;
      const last = y * width + Math.min(width, (tx + 1) * tile);
      let p = start;
      // Four words a turn where the stride is one: a quarter of the loop's own overhead,
      // which costs as much as the sums themselves in a pass over every pixel.
      if (STRIDE === 1) {
        for (; p + 3 < last; p += 4) {
          const w0 = words[p];
          const w1 = words[p + 1];
          const w2 = words[p + 2];
          const w3 = words[p + 3];
          even += (w0 & 0xff00ff) + (w1 & 0xff00ff) + (w2 & 0xff00ff) + (w3 & 0xff00ff);
          odd +=
            ((w0 >>> 8) & 0xff00ff) +
            ((w1 >>> 8) & 0xff00ff) +
            ((w2 >>> 8) & 0xff00ff) +
            ((w3 >>> 8) & 0xff00ff);
        }
      }
      for (; p < last; p += STRIDE) {
        const w = words[p];
        even += w & 0xff00ff;
        odd += (w >>> 8) & 0xff00ff;
      }
      bytes[0] = even & 0xffff;
      bytes[1] = odd & 0xffff;
      bytes[2] = even >>> 16;
      bytes[3] = odd >>> 16;
      const t = (row + tx) * 4;
      for (let c = 0; c < 4; c++) sums[t + c] += bytes[byteOf[c]];
      counts[row + tx] += Math.ceil((last - start) / STRIDE);
    }
  }
  for (let t = 0; t < counts.length; t++) {
    for (let c = 0; c < 4; c++) sums[t * 4 + c] /= Math.max(1, counts[t]);
  }
  return { sums, counts };
}
