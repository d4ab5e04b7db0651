/**
 * Projection of pixels onto the text axis, minus the background, optionally box-smoothed:
 * on the sample grid (to choose the smoothing and the cut) and over the whole image (the mask).
 */
import { TERMS, surfaceTerms, type BackgroundModel } from './background-model.ts';
import type { SampleGrid } from './samples.ts';
import type { Pixels } from './types.ts';
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
 * Box-smoothed projection at every `every`-th sample: the mean over a (2r+1)² window
 * (clipped at the edges), minus the background at the window's centre.
 */
export function sampleValues(
  pixels: Pixels,
  grid: SampleGrid,
  p: Projection,
  radius: number,
  every: number,
  signal?: AbortSignal,
): Float32Array {
  const { width, height } = pixels;
  const words = wordsOf(pixels.data);
  const n = Math.ceil(grid.words.length / every);
  const out = new Float32Array(n);
  const { low, high } = p;
  for (let k = 0, o = 0; k < grid.words.length; k += every, o++) {
    if ((o & 0x3fff) === 0) signal?.throwIfAborted();
    const x = grid.xs[k];
    const y = grid.ys[k];
    const x0 = Math.max(0, x - radius);
    const x1 = Math.min(width - 1, x + radius);
    const y0 = Math.max(0, y - radius);
    const y1 = Math.min(height - 1, y + radius);
    let sum = 0;
    for (let yy = y0; yy <= y1; yy++) {
      for (let i = yy * width + x0, end = yy * width + x1; i <= end; i++) {
        const w = words[i];
        sum += low[w & 0xffff] + high[w >>> 16];
      }
    }
    const count = (x1 - x0 + 1) * (y1 - y0 + 1);
    out[o] = sum / count - backgroundAtPoint(p, (x0 + x1) / 2, (y0 + y1) / 2);
  }
  return out;
}

/**
 * The full-size mask in one streaming pass: black where the (smoothed) projection is above
 * `cut`, white elsewhere. Smoothing keeps only 2r+1 rows of running sums, not a copy of the image.
 */
export function maskPass(
  pixels: Pixels,
  p: Projection,
  radius: number,
  cut: number,
  signal?: AbortSignal,
  output?: Uint8ClampedArray,
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
  if (radius === 0) {
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
  const row = new Float32Array(width);
  const ring = new Float32Array(span * width);
  const column = new Float64Array(width);
  // 1 / (window columns) per x, clipped at the edges.
  const inverseAcross = Float64Array.from(
    { length: width },
    (_, x) => 1 / (Math.min(width - 1, x + radius) - Math.max(0, x - radius) + 1),
  );
  for (let y = 0; y < height + radius; y++) {
    if ((y & 127) === 0) signal?.throwIfAborted();
    const slot = (y % span) * width;
    if (y < height) {
      for (let x = 0, i = y * width; x < width; x++, i++) {
        const w = src[i];
        row[x] = low[w & 0xffff] + high[w >>> 16];
      }
      // Horizontal box sums by a running sum; the row leaving the window shares the slot the
      // new row goes into, so the column sums swap one for the other in the same loop.
      let sum = 0;
      for (let x = 0; x < radius && x < width; x++) sum += row[x];
      for (let x = 0; x < width; x++) {
        if (x + radius < width) sum += row[x + radius];
        if (x > radius) sum -= row[x - radius - 1];
        column[x] += sum - ring[slot + x];
        ring[slot + x] = sum;
      }
    } else {
      for (let x = 0; x < width; x++) {
        column[x] -= ring[slot + x];
        ring[slot + x] = 0;
      }
    }
    const yo = y - radius;
    if (yo < 0) continue;
    const inverseDown = 1 / (Math.min(height - 1, yo + radius) - Math.max(0, yo - radius) + 1);
    backgroundRow(p, yo, back, across);
    for (let x = 0, i = yo * width; x < width; x++, i++) {
      dst[i] = column[x] * inverseAcross[x] * inverseDown - back[x] > cut ? black : white;
    }
  }
  return out;
}
