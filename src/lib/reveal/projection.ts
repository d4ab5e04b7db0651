/**
 * Projection of pixels onto the text axis, minus the background, optionally smoothed:
 * on the sample grid (to choose the smoothing and the cut) and over the whole image (the mask).
 */
import { TERMS, surfaceTerms, type BackgroundModel } from './background-model.ts';
import type { SampleGrid } from './samples.ts';
import type { Pixels } from './types.ts';
import { kernels } from './smoothing.ts';
import { BLACK, WHITE, byteShift, createPixels, wordsOf } from './words.ts';

/** A pixel's deviation from the background along a unit axis in RGBA levels. */
export interface Projection {
  /** The projection of a pixel word's low and high 16 bits: two look-ups and one add a pixel. */
  low: Float32Array;
  high: Float32Array;
  /** The background model, for its coordinates. */
  model: BackgroundModel;
  /** The background's surface coefficients projected onto the axis. */
  surface: Float64Array;
}

const shifts = [0, 1, 2, 3].map(byteShift);

/** Projection of every value of one half (low or high 16 bits) of a pixel word. */
function halfTable(axis: Float64Array, high: boolean): Float32Array {
  const table = new Float32Array(65536);
  for (let h = 0; h < 65536; h++) {
    const w = high ? (h << 16) >>> 0 : h;
    let v = 0;
    for (let c = 0; c < 4; c++) v += axis[c] * ((w >>> shifts[c]) & 255);
    table[h] = v;
  }
  return table;
}

/** Tables and background terms for projecting onto `axis`. */
export function projection(axis: Float64Array, model: BackgroundModel): Projection {
  const surface = new Float64Array(TERMS);
  for (let c = 0; c < 4; c++) {
    for (let k = 0; k < TERMS; k++) surface[k] += axis[c] * model.coefficients[c * TERMS + k];
  }
  // Each half of a word holds two channels whatever the byte order, so two tables cover all four.
  return { low: halfTable(axis, false), high: halfTable(axis, true), model, surface };
}

const terms = new Float64Array(TERMS);

/** The projected background at (x, y). */
function backgroundAtPoint(p: Projection, x: number, y: number): number {
  surfaceTerms(p.model, x, y, terms);
  let level = 0;
  for (let k = 0; k < TERMS; k++) level += p.surface[k] * terms[k];
  return level;
}

/** The projected background along row `y`, into `out`: a quadratic in x, so a few ops each. */
function backgroundRow(p: Projection, y: number, out: Float32Array, across: Float32Array): void {
  const { model, surface: k } = p;
  const v = (y - model.centreY) / model.halfHeight;
  const constant = k[0] + k[2] * v + k[5] * v * v;
  const linear = k[1] + k[4] * v;
  const square = k[3];
  if (linear === 0 && square === 0) {
    out.fill(constant);
    return;
  }
  for (let x = 0; x < out.length; x++) {
    const u = across[x];
    out[x] = constant + linear * u + square * u * u;
  }
}

/**
 * How each pixel's deviation is read before smoothing. Deviations beyond `far` levels from
 * `neutral` are taken as `neutral`: salt-and-pepper dots and the like say nothing about the
 * text, and a binomial would smear them into blots.
 */
export interface Reading {
  neutral: number;
  far: number;
}

/** Every deviation as it is. */
export const plainReading: Reading = { neutral: 0, far: Infinity };

/**
 * Smoothed projection minus the background at every `every`-th sample: the binomial of
 * radius r over the window (edges replicated), each pixel read as {@link Reading} says.
 */
export function sampleValues(
  pixels: Pixels,
  grid: SampleGrid,
  p: Projection,
  radius: number,
  every: number,
  signal?: AbortSignal,
  reading: Reading = plainReading,
): Float32Array {
  const { width, height } = pixels;
  const words = wordsOf(pixels.data);
  const n = Math.ceil(grid.words.length / every);
  const out = new Float32Array(n);
  const { low, high } = p;
  const weights = kernels[radius];
  const { neutral, far } = reading;
  for (let k = 0, o = 0; k < grid.words.length; k += every, o++) {
    if ((o & 0x3fff) === 0) signal?.throwIfAborted();
    const x = grid.xs[k];
    const y = grid.ys[k];
    // One background level for the window: a surface changes by far less than a level over it.
    const back = backgroundAtPoint(p, x, y);
    let sum = 0;
    for (let dy = -radius; dy <= radius; dy++) {
      const yy = Math.min(height - 1, Math.max(0, y + dy));
      let across = 0;
      for (let dx = -radius; dx <= radius; dx++) {
        const w = words[yy * width + Math.min(width - 1, Math.max(0, x + dx))];
        let d = low[w & 0xffff] + high[w >>> 16] - back;
        if (d - neutral > far || neutral - d > far) d = neutral;
        across += weights[dx + radius] * d;
      }
      sum += weights[dy + radius] * across;
    }
    out[o] = sum;
  }
  return out;
}

/**
 * The full-size mask in one streaming pass: black where the smoothed projection is above
 * `cut`, white elsewhere. The binomial runs across each row, then down over a ring of 2r + 1
 * smoothed rows, so memory stays a few rows, not a copy of the image.
 */
export function maskPass(
  pixels: Pixels,
  p: Projection,
  radius: number,
  cut: number,
  signal?: AbortSignal,
  output?: Uint8ClampedArray,
  reading: Reading = plainReading,
): Pixels {
  const { width, height } = pixels;
  const src = wordsOf(pixels.data);
  const { pixels: out, words } = createPixels(width, height, output);
  // Int32 words stay small integers in V8; the uint32 black and white would go through doubles.
  const dst = new Int32Array(words.buffer, words.byteOffset, words.length);
  const black = BLACK | 0;
  const white = WHITE | 0;
  const { low, high } = p;
  const back = new Float32Array(width);
  const across = Float32Array.from(
    { length: width },
    (_, x) => (x - p.model.centreX) / p.model.halfWidth,
  );
  if (radius === 0 && reading.far === Infinity) {
    for (let y = 0; y < height; y++) {
      if ((y & 127) === 0) signal?.throwIfAborted();
      backgroundRow(p, y, back, across);
      for (let x = 0, i = y * width; x < width; x++, i++) {
        const w = src[i];
        const v = low[w & 0xffff] + high[w >>> 16];
        dst[i] = v - back[x] > cut ? black : white;
      }
    }
    return out;
  }
  return smoothedMask(pixels, p, radius, cut, dst, reading, signal, out);
}

/** Fixed-point scale of the smoothed mask's integer sums: 1/64 of a level. */
const FIXED = 64;

/**
 * The smoothed mask in integers: each pixel's projection minus the background in 1/64 levels,
 * the triangle across and then down, each as two running box sums: a few adds a pixel at any
 * radius. Int32 arithmetic throughout (V8's fastest) keeps this pass near a threshold's cost.
 */
function smoothedMask(
  pixels: Pixels,
  p: Projection,
  radius: number,
  cut: number,
  dst: Int32Array,
  reading: Reading,
  signal: AbortSignal | undefined,
  out: Pixels,
): Pixels {
  const { width, height } = pixels;
  const words = wordsOf(pixels.data);
  const src = new Int32Array(words.buffer, words.byteOffset, words.length);
  const black = BLACK | 0;
  const white = WHITE | 0;
  // One 256-entry table per byte of the word: four look-ups that stay in the fastest cache,
  // where two 64K-entry tables miss it on every noisy pixel.
  const t0 = Int32Array.from({ length: 256 }, (_, v) => Math.round(p.low[v] * FIXED));
  const t1 = Int32Array.from({ length: 256 }, (_, v) => Math.round(p.low[v << 8] * FIXED));
  const t2 = Int32Array.from({ length: 256 }, (_, v) => Math.round(p.high[v] * FIXED));
  const t3 = Int32Array.from({ length: 256 }, (_, v) => Math.round(p.high[v << 8] * FIXED));
  const b = radius + 1;
  const neutral = Math.round(reading.neutral * FIXED);
  const far = reading.far === Infinity ? 2 ** 30 : Math.round(reading.far * FIXED);
  // Text where the weighted sum (total weight b⁴) exceeds the cut.
  const bar = cut * FIXED * b ** 4;
  const back = new Float32Array(width);
  const backFixed = new Int32Array(width);
  const across = Float32Array.from(
    { length: width },
    (_, x) => (x - p.model.centreX) / p.model.halfWidth,
  );
  const padded = new Int32Array(width + 2 * radius);
  const once = new Int32Array(width + radius);
  const across2 = new Int32Array(width);
  // Down, the same two running box sums over rows: the rows streamed are −r … height − 1 + r
  // (outside the image, the edge rows again); each ring holds the last b rows of one sum and
  // starts at zero, so the first rows need no special case.
  const ringRows = Array.from({ length: b }, () => new Int32Array(width));
  const ringFirsts = Array.from({ length: b }, () => new Int32Array(width));
  const first = new Int32Array(width);
  const second = new Int32Array(width);
  let lastY = -1;
  for (let t = 0; t < height + 2 * radius; t++) {
    if ((t & 127) === 0) signal?.throwIfAborted();
    const y = Math.min(height - 1, Math.max(0, t - radius));
    if (y !== lastY) {
      lastY = y;
      // A flat background is one level: fill it once, not per pixel.
      if (p.model.gradient || y === 0) {
        backgroundRow(p, y, back, across);
        for (let x = 0; x < width; x++) backFixed[x] = Math.round(back[x] * FIXED);
      }
      for (let x = 0, i = y * width; x < width; x++, i++) {
        const w = src[i];
        let d =
          t0[w & 255] + t1[(w >>> 8) & 255] + t2[(w >>> 16) & 255] + t3[w >>> 24] - backFixed[x];
        if (d - neutral > far || neutral - d > far) d = neutral;
        padded[x + radius] = d;
      }
      for (let x = 0; x < radius; x++) {
        padded[x] = padded[radius];
        padded[width + radius + x] = padded[width + radius - 1];
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
      for (let x = 1; x < width; x++) {
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
      for (let x = 0; x < width; x++) {
        const h = across2[x];
        const f = first[x] + h - rowSlot[x];
        rowSlot[x] = h;
        first[x] = f;
        second[x] += f - firstSlot[x];
        firstSlot[x] = f;
      }
      continue;
    }
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
  }
  return out;
}
