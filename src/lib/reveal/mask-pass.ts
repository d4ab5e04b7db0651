/**
 * The full-size Auto reveal mask: the projection onto the text axis minus the background,
 * smoothed when the image is noisy, cut, black text on white, in one streaming pass.
 */
import {
  backgroundRow,
  byteTables,
  halfTables,
  plainReading,
  type Projection,
  type Reading,
} from './projection.ts';
import type { Pixels } from './types.ts';
import { BLACK, WHITE, createPixels, wordsOf } from './words.ts';

/**
 * The full-size mask in one streaming pass: black where the smoothed projection is above
 * `cut`, white elsewhere. The binomial runs across each row, then down over a ring of 2r + 1
 * smoothed rows, so memory stays a few rows, not a copy of the image. `half` smooths 2 × 2
 * blocks instead of pixels (see {@link HALF_RESOLUTION_PIXELS}); by default large images do.
 */
export function maskPass(
  pixels: Pixels,
  p: Projection,
  radius: number,
  cut: number,
  signal?: AbortSignal,
  output?: Uint8ClampedArray,
  reading: Reading = plainReading,
  half = radius > 0 &&
    radius <= HALF_MAX_RADIUS &&
    pixels.width * pixels.height >= HALF_RESOLUTION_PIXELS,
): Pixels {
  const { width, height } = pixels;
  const unsigned = wordsOf(pixels.data);
  // Int32: V8 reads an opaque word (over 2³¹) from a Uint32Array as a double.
  const src = new Int32Array(unsigned.buffer, unsigned.byteOffset, unsigned.length);
  const { pixels: out, words } = createPixels(width, height, output);
  // Int32 words stay small integers in V8; the uint32 black and white would go through doubles.
  const dst = new Int32Array(words.buffer, words.byteOffset, words.length);
  const black = BLACK | 0;
  const white = WHITE | 0;
  const back = new Float32Array(width);
  const across = Float32Array.from(
    { length: width },
    (_, x) => (x - p.model.centreX) / p.model.halfWidth,
  );
  if (radius === 0 && reading.far === Infinity) {
    const { low, high } = halfTables(p);
    for (let y = 0; y < height; y++) {
      if ((y & 127) === 0) signal?.throwIfAborted();
      backgroundRow(p, y, back, across);
      if (!p.model.gradient) {
        // A flat background: the decision depends on the word alone, and a clean image
        // repeats one word for long runs, so a run takes no look-ups at all.
        const level = back[0];
        let last = src[y * width];
        let word = low[last & 0xffff] + high[last >>> 16] - level > cut ? black : white;
        for (let i = y * width, end = i + width; i < end; i++) {
          const w = src[i];
          if (w !== last) {
            last = w;
            word = low[w & 0xffff] + high[w >>> 16] - level > cut ? black : white;
          }
          dst[i] = word;
        }
        continue;
      }
      for (let x = 0, i = y * width; x < width; x++, i++) {
        const w = src[i];
        const v = low[w & 0xffff] + high[w >>> 16];
        dst[i] = v - back[x] > cut ? black : white;
      }
    }
    return out;
  }
  return smoothedMask(pixels, p, radius, cut, dst, reading, signal, out, half);
}

/** Fixed-point scale of the smoothed mask's integer sums: 1/64 of a level. */
const FIXED = 64;

/**
 * Pixels from which a smoothed mask of radius 1 to {@link HALF_MAX_RADIUS} is made at half
 * resolution: each 2 × 2 block summed (itself a denoising step), the 3-tap triangle over the
 * blocks, each decision drawn as a 2 × 2 block. The cost is in reading and writing every
 * pixel, so this saves about a third; at 4 megapixels and more strokes span many pixels,
 * so the block edges do not show in the text.
 */
export const HALF_RESOLUTION_PIXELS = 4_000_000;

/**
 * Largest full-resolution radius that the half pass stands in for. Its noise left (Σw² of
 * 0.19) is below that of radii 1 and 2 (0.375, 0.235), and its blur (variance 2.25 pixels²)
 * costs wide strokes nothing. Radii 3 and 4 are for heavier noise, where the full pass's
 * triangles read thin strokes better (0.82 against 0.75 IoU in the half-mask test): they
 * stay at full resolution.
 */
export const HALF_MAX_RADIUS = 2;

/** Radius of the triangle over 2 × 2 blocks in the half pass. */
const HALF_RADIUS = 1;

/** Fixed-point byte tables of a projection; `alpha` says whether the alpha byte matters. */
interface ByteTables {
  t0: Int32Array;
  t1: Int32Array;
  t2: Int32Array;
  t3: Int32Array;
  alpha: boolean;
}

/**
 * Deviation from the background (fixed point) of the `row.length` words from `start`, read
 * as the reading says (`far` of 2³⁰ reads all as they are). Opaque images' alpha byte adds
 * the same to every pixel, so a constant alpha table is folded into the background.
 */
function deviationRow(
  src: Int32Array,
  start: number,
  tables: ByteTables,
  backFixed: Int32Array,
  neutral: number,
  far: number,
  row: Int32Array,
): void {
  const { t0, t1, t2, t3 } = tables;
  const n = row.length;
  if (!tables.alpha && far >= 2 ** 30) {
    const a = t3[0];
    for (let x = 0, i = start; x < n; x++, i++) {
      const w = src[i];
      row[x] = t0[w & 255] + t1[(w >>> 8) & 255] + t2[(w >>> 16) & 255] + a - backFixed[x];
    }
    return;
  }
  for (let x = 0, i = start; x < n; x++, i++) {
    const w = src[i];
    let d = t0[w & 255] + t1[(w >>> 8) & 255] + t2[(w >>> 16) & 255] + t3[w >>> 24] - backFixed[x];
    if (d - neutral > far || neutral - d > far) d = neutral;
    row[x] = d;
  }
}

/**
 * The smoothed mask in integers: each pixel's projection minus the background in 1/64 levels,
 * the triangle across and then down, each as two running box sums: a few adds a pixel at any
 * radius. Int32 arithmetic throughout (V8's fastest) keeps this pass near a threshold's cost.
 * With `half`, the rows are 2 × 2 block sums (see {@link HALF_RESOLUTION_PIXELS}).
 */
function smoothedMask(
  pixels: Pixels,
  p: Projection,
  fullRadius: number,
  cut: number,
  dst: Int32Array,
  reading: Reading,
  signal: AbortSignal | undefined,
  out: Pixels,
  half: boolean,
): Pixels {
  const { width, height } = pixels;
  const words = wordsOf(pixels.data);
  const src = new Int32Array(words.buffer, words.byteOffset, words.length);
  const black = BLACK | 0;
  const white = WHITE | 0;
  // One 256-entry table per byte of the word: four look-ups that stay in the fastest cache,
  // where two 64K-entry tables miss it on every noisy pixel.
  const bytes = byteTables(p);
  const fixed = (at: number) =>
    Int32Array.from({ length: 256 }, (_, v) => Math.round(bytes[at + v] * FIXED));
  const t0 = fixed(0);
  const t1 = fixed(256);
  const t2 = fixed(512);
  const t3 = fixed(768);
  const radius = half ? HALF_RADIUS : fullRadius;
  // The grid smoothed: whole pixels, or 2 × 2 blocks (the last one padded by its edge).
  const cols = half ? (width + 1) >> 1 : width;
  const rows = half ? (height + 1) >> 1 : height;
  const b = radius + 1;
  const neutral = Math.round(reading.neutral * FIXED);
  const far = reading.far === Infinity ? 2 ** 30 : Math.round(reading.far * FIXED);
  // Text where the weighted sum (total weight b⁴, × 4 for a block) exceeds the cut.
  const bar = cut * FIXED * b ** 4 * (half ? 4 : 1);
  const back = new Float32Array(width);
  const backFixed = new Int32Array(width);
  const across = Float32Array.from(
    { length: width },
    (_, x) => (x - p.model.centreX) / p.model.halfWidth,
  );
  const padded = new Int32Array(cols + 2 * radius);
  const once = new Int32Array(cols + radius);
  const across2 = new Int32Array(cols);
  const flags = new Int32Array(half ? width : 0);
  // Down, the same two running box sums over rows: the rows streamed are −r … rows − 1 + r
  // (outside the image, the edge rows again); each ring holds the last b rows of one sum and
  // starts at zero, so the first rows need no special case.
  const ringRows = Array.from({ length: b }, () => new Int32Array(cols));
  const ringFirsts = Array.from({ length: b }, () => new Int32Array(cols));
  const first = new Int32Array(cols);
  const second = new Int32Array(cols);
  const tables = { t0, t1, t2, t3, alpha: t3.some((v) => v !== t3[0]) };
  const rowA = new Int32Array(width);
  const rowB = new Int32Array(half ? width : 0);
  const fused = !p.model.gradient && !tables.alpha && far >= 2 ** 30;
  // A block's background: four pixels' worth of the flat level (surface term 0, as
  // `backgroundRow` gives it), less the constant that alpha adds.
  const blockBack = 4 * (Math.round(Math.fround(p.surface[0]) * FIXED) - t3[0]);
  let backRow = -1;
  /** Deviations of image row y into `row`. */
  const readRow = (y: number, row: Int32Array) => {
    if (y !== backRow && (p.model.gradient || backRow < 0)) {
      // A flat background is one level: fill it once, not per pixel.
      backgroundRow(p, y, back, across);
      for (let x = 0; x < width; x++) backFixed[x] = Math.round(back[x] * FIXED);
    }
    backRow = y;
    deviationRow(src, y * width, tables, backFixed, neutral, far, row);
  };
  let lastY = -1;
  for (let t = 0; t < rows + 2 * radius; t++) {
    if ((t & 127) === 0) signal?.throwIfAborted();
    const y = Math.min(rows - 1, Math.max(0, t - radius));
    if (y !== lastY) {
      lastY = y;
      if (half && fused) {
        // Flat background, plain reading, alpha ignored: each block's twelve look-ups in one
        // go, without the two rows in between.
        const a = 2 * y * width;
        const b2 = Math.min(height - 1, 2 * y + 1) * width;
        const pairs = width >> 1;
        for (let x = 0; x < pairs; x++) {
          const p0 = src[a + 2 * x];
          const p1 = src[a + 2 * x + 1];
          const p2 = src[b2 + 2 * x];
          const p3 = src[b2 + 2 * x + 1];
          padded[x + radius] =
            t0[p0 & 255] +
            t1[(p0 >>> 8) & 255] +
            t2[(p0 >>> 16) & 255] +
            t0[p1 & 255] +
            t1[(p1 >>> 8) & 255] +
            t2[(p1 >>> 16) & 255] +
            t0[p2 & 255] +
            t1[(p2 >>> 8) & 255] +
            t2[(p2 >>> 16) & 255] +
            t0[p3 & 255] +
            t1[(p3 >>> 8) & 255] +
            t2[(p3 >>> 16) & 255] -
            blockBack;
        }
        if (width & 1) {
          const p0 = src[a + width - 1];
          const p2 = src[b2 + width - 1];
          padded[pairs + radius] =
            2 *
              (t0[p0 & 255] +
                t1[(p0 >>> 8) & 255] +
                t2[(p0 >>> 16) & 255] +
                t0[p2 & 255] +
                t1[(p2 >>> 8) & 255] +
                t2[(p2 >>> 16) & 255]) -
            blockBack;
        }
      } else if (half) {
        readRow(2 * y, rowA);
        readRow(Math.min(height - 1, 2 * y + 1), rowB);
        const pairs = width >> 1;
        for (let x = 0; x < pairs; x++) {
          padded[x + radius] = rowA[2 * x] + rowA[2 * x + 1] + rowB[2 * x] + rowB[2 * x + 1];
        }
        // An odd last column: its block is that column twice.
        if (width & 1) padded[pairs + radius] = 2 * (rowA[width - 1] + rowB[width - 1]);
      } else {
        readRow(y, rowA);
        padded.set(rowA, radius);
      }
      for (let x = 0; x < radius; x++) {
        padded[x] = padded[radius];
        padded[cols + radius + x] = padded[cols + radius - 1];
      }
      // Box of b taps, twice, by running sums in one loop: the triangle of 2r + 1 taps.
      // once[i] sums padded[i … i + b − 1]; across2[x] sums once[x … x + b − 1].
      let s1 = 0;
      for (let k = 0; k < b; k++) s1 += padded[k];
      once[0] = s1;
      let s2 = s1;
      for (let i = 1; i < b; i++) {
        s1 += padded[i + b - 1] - padded[i - 1];
        once[i] = s1;
        s2 += s1;
      }
      across2[0] = s2;
      for (let x = 1; x < cols; x++) {
        const i = x + b - 1;
        s1 += padded[i + b - 1] - padded[i - 1];
        once[i] = s1;
        s2 += s1 - once[x - 1];
        across2[x] = s2;
      }
    }
    const rowSlot = ringRows[t % b];
    const firstSlot = ringFirsts[t % b];
    const yo = t - 2 * radius;
    if (yo < 0) {
      for (let x = 0; x < cols; x++) {
        const h = across2[x];
        const f = first[x] + h - rowSlot[x];
        rowSlot[x] = h;
        first[x] = f;
        second[x] += f - firstSlot[x];
        firstSlot[x] = f;
      }
      continue;
    }
    if (!half) {
      // The centre row is complete: update the sums and write its mask in the same loop.
      for (let x = 0, i = yo * width; x < width; x++, i++) {
        const h = across2[x];
        const f = first[x] + h - rowSlot[x];
        rowSlot[x] = h;
        first[x] = f;
        const v = second[x] + f - firstSlot[x];
        second[x] = v;
        firstSlot[x] = f;
        dst[i] = v > bar ? black : white;
      }
      continue;
    }
    // Half resolution: each decision covers two pixels across and two rows down.
    for (let x = 0; x < cols; x++) {
      const h = across2[x];
      const f = first[x] + h - rowSlot[x];
      rowSlot[x] = h;
      first[x] = f;
      const v = second[x] + f - firstSlot[x];
      second[x] = v;
      firstSlot[x] = f;
      const word = v > bar ? black : white;
      flags[2 * x] = word;
      if (2 * x + 1 < width) flags[2 * x + 1] = word;
    }
    const top = 2 * yo * width;
    dst.set(flags, top);
    if (2 * yo + 1 < height) dst.set(flags, top + width);
  }
  return out;
}
