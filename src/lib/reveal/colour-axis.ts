/**
 * The colour axis that carries the message: the main direction of the samples' deviation
 * from the background, after scaling each channel by its own noise so that a clean channel
 * with a one-level difference beats a noisy channel with none.
 */
import { TERMS, surfaceTerms, type BackgroundModel } from './background-model.ts';
import type { SampleGrid } from './samples.ts';
import { MAX_RADIUS, kernels } from './smoothing.ts';
import type { Pixels } from './types.ts';
import { byteShift } from './words.ts';
import { WINDOW_SIDE, sampleWindows } from './windows.ts';
import { windowSums } from './window-sums.ts';
import { scratchFloat32 } from './scratch.ts';

/** Noise spread per channel (levels) and the unit axis in RGBA level space. */
export interface AxisEstimate {
  noise: Float64Array;
  axis: Float64Array;
  /** Whether the image has both faint differences and ones beyond {@link FAINT_LEVELS}. */
  mixed: boolean;
}

/**
 * Hidden text differs by a few levels; anything further than this from the background is
 * visible content (a frame, a logo, a caption) that would otherwise outweigh the message.
 */
export const FAINT_LEVELS = 24;

const shifts = [0, 1, 2, 3].map(byteShift);

/** Noise below this (levels) counts as none: a clean image is quantised to whole levels. */
const NOISE_FLOOR = 0.5;

const noiseOf = new WeakMap<SampleGrid, Float64Array>();

/**
 * Per-channel noise from neighbour differences (robust: median absolute difference),
 * which background slopes and the few text edges barely touch.
 */
export function channelNoise(grid: SampleGrid): Float64Array {
  // Several steps ask for it; the grid does not change, so measure it once.
  const known = noiseOf.get(grid);
  if (known) return known;
  const noise = new Float64Array(4);
  noiseOf.set(grid, noise);
  const counts = new Uint32Array(256);
  const n = grid.words.length;
  for (let c = 0; c < 4; c++) {
    counts.fill(0);
    const s = shifts[c];
    for (let k = 0; k < n; k++) {
      counts[Math.abs(((grid.words[k] >>> s) & 255) - ((grid.neighbours[k] >>> s) & 255))]++;
    }
    let seen = 0;
    let median = 0;
    for (let v = 0; v < 256; v++) {
      seen += counts[v];
      if (seen * 2 >= n) {
        median = v;
        break;
      }
    }
    // MAD of a difference of two independent samples → σ of one: × 1.4826 / √2.
    noise[c] = (1.4826 * median) / Math.SQRT2;
  }
  return noise;
}

/**
 * Deviation of every sample from the background, per channel (sample k's red at 4k): computed
 * once and shared by the axis search, its second look and the description.
 */
export function deviations(grid: SampleGrid, model: BackgroundModel): Float32Array {
  const n = grid.words.length;
  const out = scratchFloat32('deviations', n * 4);
  const count = TERMS;
  const terms = new Float64Array(count);
  const coefficients = model.coefficients;
  // A flat background is the same everywhere: skip the surface per sample.
  const level = new Float64Array(4);
  for (let c = 0; c < 4; c++) level[c] = coefficients[c * TERMS];
  for (let k = 0; k < n; k++) {
    const w = grid.words[k];
    if (model.gradient) {
      surfaceTerms(model, grid.xs[k], grid.ys[k], terms);
      for (let c = 0; c < 4; c++) {
        let v = 0;
        for (let t = 0; t < count; t++) v += coefficients[c * count + t] * terms[t];
        level[c] = v;
      }
    }
    out[k * 4] = ((w >>> shifts[0]) & 255) - level[0];
    out[k * 4 + 1] = ((w >>> shifts[1]) & 255) - level[1];
    out[k * 4 + 2] = ((w >>> shifts[2]) & 255) - level[2];
    out[k * 4 + 3] = ((w >>> shifts[3]) & 255) - level[3];
  }
  return out;
}

/**
 * Deviations from the background, per channel, smoothed by the binomial of radius r around
 * every `every`-th sample: under noise the text's colour shows through only once averaged.
 * Pixels further than `far` levels from the background (salt-and-pepper dots) count as
 * background, so they cannot turn the axis towards grey.
 */
export function smoothedDeviations(
  pixels: Pixels,
  grid: SampleGrid,
  model: BackgroundModel,
  radius: number,
  every: number,
  far = Infinity,
  signal?: AbortSignal,
): Float32Array {
  const n = Math.ceil(grid.words.length / every);
  const out = new Float32Array(n * 4);
  const weights = kernels[radius];
  const terms = new Float64Array(TERMS);
  const level = new Float64Array(4);
  const sum = new Float64Array(4);
  const farSquared = far * far;
  // Imported constants are read once: in a loop each read can cost a call (a module getter).
  const count = TERMS;
  const coefficients = model.coefficients;
  if (far === Infinity) {
    // Every pixel counts: the mean minus the level is the window's sum, scaled, minus it.
    const sums = windowSums(pixels, grid, every, signal).sums[radius];
    const scale = 1 / (radius + 1) ** 4;
    for (let k = 0, o = 0; k < grid.words.length; k += every, o++) {
      surfaceTerms(model, grid.xs[k], grid.ys[k], terms);
      for (let c = 0; c < 4; c++) {
        let v = 0;
        for (let t = 0; t < count; t++) v += coefficients[c * count + t] * terms[t];
        out[o * 4 + c] = sums[o * 4 + c] * scale - v;
      }
    }
    return out;
  }
  const words = sampleWindows(pixels, grid, every, signal).words;
  const skip = MAX_RADIUS - radius;
  for (let k = 0, o = 0; k < grid.words.length; k += every, o++) {
    if ((o & 0x3fff) === 0) signal?.throwIfAborted();
    surfaceTerms(model, grid.xs[k], grid.ys[k], terms);
    for (let c = 0; c < 4; c++) {
      let v = 0;
      for (let t = 0; t < count; t++) v += coefficients[c * count + t] * terms[t];
      level[c] = v;
    }
    sum.fill(0);
    // Separable: each row's weighted sums across, then that row's weight down.
    for (let dy = -radius; dy <= radius; dy++) {
      const from = (o * WINDOW_SIDE + dy + radius + skip) * WINDOW_SIDE + skip;
      let sr = 0;
      let sg = 0;
      let sb = 0;
      let sa = 0;
      for (let dx = 0; dx <= 2 * radius; dx++) {
        const w = words[from + dx];
        const r = ((w >>> shifts[0]) & 255) - level[0];
        const g = ((w >>> shifts[1]) & 255) - level[1];
        const b = ((w >>> shifts[2]) & 255) - level[2];
        const a = ((w >>> shifts[3]) & 255) - level[3];
        if (r * r + g * g + b * b + a * a > farSquared) continue;
        const weight = weights[dx];
        sr += weight * r;
        sg += weight * g;
        sb += weight * b;
        sa += weight * a;
      }
      const weight = weights[dy + radius];
      sum[0] += weight * sr;
      sum[1] += weight * sg;
      sum[2] += weight * sb;
      sum[3] += weight * sa;
    }
    for (let c = 0; c < 4; c++) out[o * 4 + c] = sum[c];
  }
  return out;
}

/** Largest eigenvector of a symmetric 4×4 matrix by power iteration. */
function principal(m: Float64Array): Float64Array {
  let v = new Float64Array([1, 0.9, 0.8, 0.7]);
  for (let it = 0; it < 200; it++) {
    const next = new Float64Array(4);
    for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) next[i] += m[i * 4 + j] * v[j];
    const norm = Math.hypot(...next);
    if (norm === 0) return new Float64Array(4);
    for (let i = 0; i < 4; i++) next[i] /= norm;
    v = next;
  }
  return v;
}

/**
 * The axis of largest noise-scaled deviation from the background, as a unit vector in levels,
 * counting only samples that deviate by at most `limit` levels. `smoothed` (from
 * {@link smoothedDeviations}) replaces the raw deviations for the axis itself when given;
 * the raw ones still say whether faint and strong differences are mixed.
 */
export function estimateAxis(
  grid: SampleGrid,
  dev: Float32Array,
  limit = Infinity,
  signal?: AbortSignal,
  smoothed?: Float32Array,
): AxisEstimate {
  const noise = channelNoise(grid);
  // Smoothing shrinks the noise as much in every channel: the scaling stays the same.
  const scale = Array.from(noise, (s) => Math.max(s, NOISE_FLOOR));
  const n = grid.words.length;
  const mean = new Float64Array(4);
  const cov = new Float64Array(16);
  const squares = scratchFloat32('squares', n);
  let faint = 0;
  let strong = 0;
  // Heavy noise reaches past the faint levels by itself now and then: content is strong only
  // beyond six spreads of the noise too (as for salt and pepper), so noise alone is not mixed.
  const strongLimit = Math.max(FAINT_LEVELS, 6 * Math.hypot(...noise)) ** 2;
  for (let k = 0; k < n; k++) {
    const q = k * 4;
    squares[k] = dev[q] ** 2 + dev[q + 1] ** 2 + dev[q + 2] ** 2 + dev[q + 3] ** 2;
    if (squares[k] > strongLimit) strong++;
    else if (squares[k] >= 0.25) faint++;
  }
  const enough = Math.max(20, n / 1000);
  const source = smoothed ?? dev;
  const m = source.length >> 2;
  let counted = 0;
  // Sums in locals, each sample's four scaled values divided once: the same sums in the same
  // order as accumulating into arrays, at a third of the cost over a quarter million samples.
  const [s0, s1, s2, s3] = scale;
  let m0 = 0;
  let m1 = 0;
  let m2 = 0;
  let m3 = 0;
  let c00 = 0;
  let c01 = 0;
  let c02 = 0;
  let c03 = 0;
  let c11 = 0;
  let c12 = 0;
  let c13 = 0;
  let c22 = 0;
  let c23 = 0;
  let c33 = 0;
  for (let k = 0; k < m; k++) {
    if ((k & 0xffff) === 0) signal?.throwIfAborted();
    const q = k * 4;
    const square = smoothed
      ? source[q] ** 2 + source[q + 1] ** 2 + source[q + 2] ** 2 + source[q + 3] ** 2
      : squares[k];
    if (square > limit * limit) continue;
    counted++;
    const z0 = source[q] / s0;
    const z1 = source[q + 1] / s1;
    const z2 = source[q + 2] / s2;
    const z3 = source[q + 3] / s3;
    m0 += z0;
    m1 += z1;
    m2 += z2;
    m3 += z3;
    c00 += z0 * z0;
    c01 += z0 * z1;
    c02 += z0 * z2;
    c03 += z0 * z3;
    c11 += z1 * z1;
    c12 += z1 * z2;
    c13 += z1 * z3;
    c22 += z2 * z2;
    c23 += z2 * z3;
    c33 += z3 * z3;
  }
  mean.set([m0, m1, m2, m3]);
  cov.set([c00, c01, c02, c03, 0, c11, c12, c13, 0, 0, c22, c23, 0, 0, 0, c33]);
  for (let i = 0; i < 4; i++) mean[i] /= Math.max(1, counted);
  for (let i = 0; i < 4; i++) {
    for (let j = i; j < 4; j++) {
      cov[i * 4 + j] = cov[i * 4 + j] / Math.max(1, counted) - mean[i] * mean[j];
      cov[j * 4 + i] = cov[i * 4 + j];
    }
  }
  const e = principal(cov);
  // Back from noise units to levels: project with e/σ, the matched filter for that noise.
  const axis = new Float64Array(4);
  for (let i = 0; i < 4; i++) axis[i] = e[i] / scale[i];
  const norm = Math.hypot(...axis);
  if (norm > 0) for (let i = 0; i < 4; i++) axis[i] /= norm;
  return { noise, axis, mixed: faint >= enough && strong >= enough };
}
