/**
 * Projection of pixels onto the text axis, minus the background, optionally smoothed, on the
 * sample grid (to choose the smoothing and the cut); `mask-pass.ts` makes the full-size mask.
 */
import { TERMS, surfaceTerms, type BackgroundModel } from './background-model.ts';
import type { SampleGrid } from './samples.ts';
import type { Pixels } from './types.ts';
import { MAX_RADIUS, kernels } from './smoothing.ts';
import { WINDOW_SIDE, sampleWindows } from './windows.ts';
import { windowSums } from './window-sums.ts';
import { byteShift } from './words.ts';

/** A pixel's deviation from the background along a unit axis in RGBA levels. */
export interface Projection {
  /** The unit axis, red, green, blue, alpha. */
  axis: Float64Array;
  /** The background model, for its coordinates. */
  model: BackgroundModel;
  /** The background's surface coefficients projected onto the axis. */
  surface: Float64Array;
}

const shifts = [0, 1, 2, 3].map(byteShift);

/**
 * The projection of each byte of a word (4 × 256 entries, byte 0 the lowest): small enough to
 * stay in cache, and cheap to make, so every projection makes its own.
 */
export function byteTables(p: Projection): Float32Array {
  const t = new Float32Array(1024);
  for (let c = 0; c < 4; c++) {
    const at = (shifts[c] >> 3) * 256;
    for (let v = 0; v < 256; v++) t[at + v] = p.axis[c] * v;
  }
  return t;
}

const halves = new WeakMap<Projection, { low: Float32Array; high: Float32Array }>();

/**
 * The projection of a pixel word's low and high 16 bits (two look-ups and one add a pixel),
 * made only for the unsmoothed mask: on a clean image a few entries serve every pixel.
 */
export function halfTables(p: Projection): { low: Float32Array; high: Float32Array } {
  const known = halves.get(p);
  if (known) return known;
  const bytes = byteTables(p);
  const low = new Float32Array(65536);
  const high = new Float32Array(65536);
  for (let h = 0; h < 65536; h++) {
    low[h] = bytes[h & 255] + bytes[256 + (h >>> 8)];
    high[h] = bytes[512 + (h & 255)] + bytes[768 + (h >>> 8)];
  }
  const tables = { low, high };
  halves.set(p, tables);
  return tables;
}

/** Background terms for projecting onto `axis` (tables are made where they are needed). */
export function projection(axis: Float64Array, model: BackgroundModel): Projection {
  const surface = new Float64Array(TERMS);
  for (let c = 0; c < 4; c++) {
    for (let k = 0; k < TERMS; k++) surface[k] += axis[c] * model.coefficients[c * TERMS + k];
  }
  return { axis: Float64Array.from(axis), model, surface };
}

const terms = new Float64Array(TERMS);

/** The projected background at (x, y). */
function backgroundAtPoint(p: Projection, x: number, y: number): number {
  surfaceTerms(p.model, x, y, terms);
  let level = 0;
  // terms.length, not TERMS: an imported binding read in a loop can cost a getter call each.
  for (let k = 0; k < terms.length; k++) level += p.surface[k] * terms[k];
  return level;
}

/** The projected background along row `y`, into `out`: a quadratic in x, so a few ops each. */
export function backgroundRow(
  p: Projection,
  y: number,
  out: Float32Array,
  across: Float32Array,
): void {
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
 * Smoothed projection minus the background at every `every`-th sample, for every radius
 * from 0 to `maxRadius` at once (entry r of the result): the triangle of radius r over the
 * window (edges replicated), each pixel read as {@link Reading} says. Each window is read
 * once, whatever the number of radii, through byte tables that stay in cache.
 */
export function sampleValuesUpTo(
  pixels: Pixels,
  grid: SampleGrid,
  p: Projection,
  maxRadius: number,
  every: number,
  signal?: AbortSignal,
  reading: Reading = plainReading,
): Float32Array[] {
  const n = Math.ceil(grid.words.length / every);
  const outs = Array.from({ length: maxRadius + 1 }, () => new Float32Array(n));
  const t = byteTables(p);
  const { neutral, far } = reading;
  const read = (w: number, back: number) => {
    const d =
      t[w & 255] + t[256 + ((w >>> 8) & 255)] + t[512 + ((w >>> 16) & 255)] + t[768 + (w >>> 24)];
    return d - back - neutral > far || neutral - d + back > far ? neutral : d - back;
  };
  if (maxRadius === 0) {
    // Radius 0 reads the samples themselves.
    for (let k = 0, o = 0; k < grid.words.length; k += every, o++) {
      outs[0][o] = read(grid.words[k], backgroundAtPoint(p, grid.xs[k], grid.ys[k]));
    }
    return outs;
  }
  if (far === Infinity) {
    // Linear in the channels: each radius is the axis applied to the window's channel sums.
    const sums = windowSums(pixels, grid, every, signal).sums;
    // One background level per sample, taken off every radius's value.
    const backs = new Float64Array(n);
    for (let k = 0, o = 0; k < grid.words.length; k += every, o++) {
      backs[o] = backgroundAtPoint(p, grid.xs[k], grid.ys[k]);
    }
    for (let r = 0; r <= maxRadius; r++) {
      // The axis scaled by the triangle's total weight, (r + 1)⁴.
      const scale = 1 / (r + 1) ** 4;
      const [a0, a1, a2, a3] = Array.from(p.axis, (a) => a * scale);
      const s = sums[r];
      const out = outs[r];
      for (let o = 0, i = 0; o < n; o++, i += 4) {
        out[o] = a0 * s[i] + a1 * s[i + 1] + a2 * s[i + 2] + a3 * s[i + 3] - backs[o];
      }
    }
    return outs;
  }
  const side = 2 * maxRadius + 1;
  const window = new Float64Array(side * side);
  const stored = sampleWindows(pixels, grid, every, signal).words;
  const skip = MAX_RADIUS - maxRadius;
  for (let k = 0, o = 0; k < grid.words.length; k += every, o++) {
    if ((o & 0x3fff) === 0) signal?.throwIfAborted();
    // One background level for the window: a surface changes by far less than a level over it.
    const back = backgroundAtPoint(p, grid.xs[k], grid.ys[k]);
    for (let dy = 0, q = 0; dy < side; dy++) {
      const from = (o * WINDOW_SIDE + dy + skip) * WINDOW_SIDE + skip;
      for (let dx = 0; dx < side; dx++, q++) window[q] = read(stored[from + dx], back);
    }
    for (let r = 0; r <= maxRadius; r++) {
      const weights = kernels[r];
      const offset = maxRadius - r;
      let sum = 0;
      for (let dy = -r; dy <= r; dy++) {
        const start = (maxRadius + dy) * side + offset;
        let across = 0;
        for (let dx = 0; dx <= 2 * r; dx++) across += weights[dx] * window[start + dx];
        sum += weights[dy + r] * across;
      }
      outs[r][o] = sum;
    }
  }
  return outs;
}
