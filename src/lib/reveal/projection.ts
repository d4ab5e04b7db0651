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
  const span = 2 * radius + 1;
  const weights = kernels[radius];
  const { neutral, far } = reading;
  // The row read with its edges replicated `radius` pixels either side.
  const padded = new Float32Array(width + 2 * radius);
  const ring = Array.from({ length: span }, () => new Float32Array(width));
  const sums = new Float32Array(width);
  for (let y = 0; y < height + radius; y++) {
    if ((y & 127) === 0) signal?.throwIfAborted();
    if (y < height) {
      backgroundRow(p, y, back, across);
      for (let x = 0, i = y * width; x < width; x++, i++) {
        const w = src[i];
        let d = low[w & 0xffff] + high[w >>> 16] - back[x];
        if (d - neutral > far || neutral - d > far) d = neutral;
        padded[x + radius] = d;
      }
      for (let x = 0; x < radius; x++) {
        padded[x] = padded[radius];
        padded[width + radius + x] = padded[width + radius - 1];
      }
      const row = ring[y % span];
      if (radius === 0) row.set(padded);
      else smoothRow(padded, row, weights, width);
    }
    const yo = y - radius;
    if (yo < 0) continue;
    // Rows above the top and below the bottom repeat the edge rows.
    sums.fill(0);
    for (let k = 0; k < span; k++) {
      const source = ring[Math.min(height - 1, Math.max(0, yo + k - radius)) % span];
      const wk = weights[k];
      for (let x = 0; x < width; x++) sums[x] += wk * source[x];
    }
    for (let x = 0, i = yo * width; x < width; x++, i++) dst[i] = sums[x] > cut ? black : white;
  }
  return out;
}

/** One padded row smoothed across by the binomial, into `out`. */
function smoothRow(padded: Float32Array, out: Float32Array, weights: Float64Array, width: number) {
  const taps = weights.length;
  if (taps === 3) {
    for (let x = 0; x < width; x++) {
      out[x] = 0.25 * (padded[x] + padded[x + 2]) + 0.5 * padded[x + 1];
    }
    return;
  }
  if (taps === 5) {
    for (let x = 0; x < width; x++) {
      out[x] =
        0.0625 * (padded[x] + padded[x + 4]) +
        0.25 * (padded[x + 1] + padded[x + 3]) +
        0.375 * padded[x + 2];
    }
    return;
  }
  for (let x = 0; x < width; x++) {
    let s = 0;
    for (let k = 0; k < taps; k++) s += weights[k] * padded[x + k];
    out[x] = s;
  }
}
