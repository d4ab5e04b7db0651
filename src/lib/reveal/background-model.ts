/**
 * The background of a hidden-message image: per channel a quadratic surface over the image
 * (flat, a linear gradient in any direction, or a bowl or vignette), fitted robustly to block
 * medians so that text, even where it fills a block, does not pull it.
 */
import { histogramMedian, type SampleGrid } from './samples.ts';
import { byteShift } from './words.ts';

/** Terms of the surface, in coordinates u, v running from −1 to 1 across the image. */
export const TERMS = 6;

/**
 * Background level of channel c at (x, y): Σ coefficients[c·6 + k] · term k of
 * (1, u, v, u², uv, v²), with u = (x − centreX) / halfWidth, v = (y − centreY) / halfHeight.
 */
export interface BackgroundModel {
  coefficients: Float64Array;
  centreX: number;
  centreY: number;
  halfWidth: number;
  halfHeight: number;
  /** Whether the background changes by more than a level and a half across the image. */
  gradient: boolean;
}

/** Blocks across the longer side of the image for the block medians. */
const BLOCKS = 16;

/** Change across the image, in levels, above which the background counts as a gradient. */
const GRADIENT_LEVELS = 1.5;

/** Times the block medians' robust spread that a real gradient must change by. */
const WANDER = 6;

/** How much worse (levels of robust spread) a simpler surface may fit and still be chosen. */
const SIMPLER_LEVELS = 0.5;

/** Median of each channel of the samples in each block, with the block centres. */
function blockMedians(grid: SampleGrid) {
  // Square blocks, so a wide image's blocks are not thinner than its text lines.
  const bw = Math.max(1, Math.ceil(Math.max(grid.columns, grid.rows) / BLOCKS));
  const bh = bw;
  const nx = Math.ceil(grid.columns / bw);
  const ny = Math.ceil(grid.rows / bh);
  const nb = nx * ny;
  const counts = new Uint32Array(nb * 4 * 256);
  const sizes = new Uint32Array(nb);
  const cx = new Float64Array(nb);
  const cy = new Float64Array(nb);
  const [s0, s1, s2, s3] = [0, 1, 2, 3].map(byteShift);
  // Each column's block across, looked up rather than divided for every sample.
  const blockAcross = Int32Array.from({ length: grid.columns }, (_, i) => Math.floor(i / bw));
  for (let j = 0, k = 0; j < grid.rows; j++) {
    const by = Math.floor(j / bh);
    for (let i = 0; i < grid.columns; i++, k++) {
      const b = by * nx + blockAcross[i];
      const w = grid.words[k];
      // The block's four channel histograms, 256 counts each, side by side.
      const at = b * 1024;
      counts[at + ((w >>> s0) & 255)]++;
      counts[at + 256 + ((w >>> s1) & 255)]++;
      counts[at + 512 + ((w >>> s2) & 255)]++;
      counts[at + 768 + ((w >>> s3) & 255)]++;
      sizes[b]++;
      cx[b] += grid.xs[k];
      cy[b] += grid.ys[k];
    }
  }
  const medians = new Float64Array(nb * 4);
  for (let b = 0; b < nb; b++) {
    cx[b] /= sizes[b];
    cy[b] /= sizes[b];
    for (let c = 0; c < 4; c++) {
      const h = counts.subarray((b * 4 + c) * 256, (b * 4 + c + 1) * 256);
      medians[b * 4 + c] = histogramMedian(h, sizes[b]);
    }
  }
  return { nb, cx, cy, medians };
}

/** The six terms at (x, y), into `out`. */
export function surfaceTerms(
  model: BackgroundModel,
  x: number,
  y: number,
  out: Float64Array,
): void {
  const u = (x - model.centreX) / model.halfWidth;
  const v = (y - model.centreY) / model.halfHeight;
  out[0] = 1;
  out[1] = u;
  out[2] = v;
  out[3] = u * u;
  out[4] = u * v;
  out[5] = v * v;
}

const scratch = new Float64Array(TERMS);

/** Background level of channel `c` at (x, y). */
export function backgroundAt(model: BackgroundModel, c: number, x: number, y: number): number {
  surfaceTerms(model, x, y, scratch);
  let level = 0;
  for (let k = 0; k < TERMS; k++) level += model.coefficients[c * TERMS + k] * scratch[k];
  return level;
}

/**
 * Weighted least squares for the first `used` coefficients (the rest stay 0). A whisper of
 * ridge keeps the solve sound when blocks cannot tell some terms apart (one row of blocks:
 * v, v² and 1 coincide).
 */
function solveSurface(
  terms: Float64Array[],
  values: Float64Array,
  weights: Float64Array,
  used: number,
): Float64Array {
  const m = new Float64Array(TERMS * (TERMS + 1));
  const n = values.length;
  for (let b = 0; b < n; b++) {
    const w = weights[b];
    if (w === 0) continue;
    const t = terms[b];
    for (let i = 0; i < used; i++) {
      for (let j = 0; j < used; j++) m[i * (TERMS + 1) + j] += w * t[i] * t[j];
      m[i * (TERMS + 1) + TERMS] += w * t[i] * values[b];
    }
  }
  // Unused terms: an identity row, so they solve to zero.
  for (let i = used; i < TERMS; i++) m[i * (TERMS + 1) + i] = 1;
  let trace = 0;
  for (let i = 0; i < TERMS; i++) trace += m[i * (TERMS + 1) + i];
  for (let i = 0; i < TERMS; i++) m[i * (TERMS + 1) + i] += 1e-9 * trace + 1e-12;
  // Gaussian elimination with partial pivoting on the augmented 6 × 7 matrix.
  const row = (i: number) => i * (TERMS + 1);
  for (let col = 0; col < TERMS; col++) {
    let pivot = col;
    for (let r = col + 1; r < TERMS; r++) {
      if (Math.abs(m[row(r) + col]) > Math.abs(m[row(pivot) + col])) pivot = r;
    }
    if (pivot !== col) {
      for (let k = 0; k <= TERMS; k++) {
        const tmp = m[row(col) + k];
        m[row(col) + k] = m[row(pivot) + k];
        m[row(pivot) + k] = tmp;
      }
    }
    const diag = m[row(col) + col];
    if (diag === 0) continue;
    for (let r = col + 1; r < TERMS; r++) {
      const f = m[row(r) + col] / diag;
      for (let k = col; k <= TERMS; k++) m[row(r) + k] -= f * m[row(col) + k];
    }
  }
  const x = new Float64Array(TERMS);
  for (let i = TERMS - 1; i >= 0; i--) {
    let sum = m[row(i) + TERMS];
    for (let k = i + 1; k < TERMS; k++) sum -= m[row(i) + k] * x[k];
    const diag = m[row(i) + i];
    x[i] = diag === 0 ? 0 : sum / diag;
  }
  return x;
}

/** Median of absolute values (of the points with weight). */
function medianAbs(values: Float64Array, weights: Float64Array): number {
  const a = Array.from(values, Math.abs).filter((_, i) => weights[i] > 0);
  a.sort((p, q) => p - q);
  return a.length ? a[a.length >> 1] : 0;
}

/** Median of each channel over all samples, in one pass over them. */
function channelMedians(grid: SampleGrid): Float64Array {
  const counts = new Uint32Array(4 * 256);
  const [s0, s1, s2, s3] = [0, 1, 2, 3].map(byteShift);
  for (let k = 0; k < grid.words.length; k++) {
    const w = grid.words[k];
    counts[(w >>> s0) & 255]++;
    counts[256 + ((w >>> s1) & 255)]++;
    counts[512 + ((w >>> s2) & 255)]++;
    counts[768 + ((w >>> s3) & 255)]++;
  }
  return Float64Array.from({ length: 4 }, (_, c) =>
    histogramMedian(counts.subarray(c * 256, (c + 1) * 256), grid.words.length),
  );
}

/** Σ coefficient × term. */
function evaluate(coefficients: Float64Array, t: Float64Array): number {
  let v = 0;
  for (let k = 0; k < TERMS; k++) v += coefficients[k] * t[k];
  return v;
}

/**
 * A surface with the first `used` terms, refitted a few times without the blocks that lie far
 * from it (text), and its robust spread over all blocks (median absolute residual × 1.4826).
 */
function robustFit(terms: Float64Array[], values: Float64Array, used: number) {
  const nb = values.length;
  const weights = new Float64Array(nb).fill(1);
  const residuals = new Float64Array(nb);
  let coefficients = solveSurface(terms, values, weights, used);
  for (let round = 0; round < 5; round++) {
    for (let b = 0; b < nb; b++) residuals[b] = values[b] - evaluate(coefficients, terms[b]);
    const limit = Math.max(1, 3 * 1.4826 * medianAbs(residuals, weights));
    for (let b = 0; b < nb; b++) weights[b] = Math.abs(residuals[b]) <= limit ? 1 : 0;
    coefficients = solveSurface(terms, values, weights, used);
  }
  for (let b = 0; b < nb; b++) residuals[b] = values[b] - evaluate(coefficients, terms[b]);
  const scale = 1.4826 * medianAbs(residuals, new Float64Array(nb).fill(1));
  return { coefficients, scale };
}

/**
 * Fit the background. Blocks whose median is the text's colour (text filled them) are
 * outliers of the surface and are dropped over a few rounds of refitting. Channels that barely
 * change are flat at the samples' median: exact levels on clean images, robust under noise.
 */
export function fitBackground(grid: SampleGrid, width: number, height: number): BackgroundModel {
  const { nb, cx, cy, medians } = blockMedians(grid);
  const model: BackgroundModel = {
    coefficients: new Float64Array(4 * TERMS),
    centreX: (width - 1) / 2,
    centreY: (height - 1) / 2,
    halfWidth: Math.max(1, (width - 1) / 2),
    halfHeight: Math.max(1, (height - 1) / 2),
    gradient: false,
  };
  const terms = Array.from({ length: nb }, (_, b) => {
    const t = new Float64Array(TERMS);
    surfaceTerms(model, cx[b], cy[b], t);
    return t;
  });
  // Where to look for the surface's range: a 5 × 5 lattice over the image.
  const lattice = Array.from({ length: 25 }, (_, i) => {
    const t = new Float64Array(TERMS);
    surfaceTerms(model, ((i % 5) * (width - 1)) / 4, (Math.floor(i / 5) * (height - 1)) / 4, t);
    return t;
  });
  const values = new Float64Array(nb);
  let overall: Float64Array | undefined;
  for (let c = 0; c < 4; c++) {
    for (let b = 0; b < nb; b++) values[b] = medians[b * 4 + c];
    // The simplest surface that fits as well as the most flexible one: a bowl's extra terms
    // must earn their place, or they would bend towards where the text is.
    const fits = [1, 3, TERMS].map((used) => robustFit(terms, values, used));
    const best = Math.min(...fits.map((f) => f.scale));
    const chosen = fits.find((f) => f.scale <= best + SIMPLER_LEVELS) ?? fits[fits.length - 1];
    let low = Infinity;
    let high = -Infinity;
    for (const t of lattice) {
      const v = evaluate(chosen.coefficients, t);
      low = Math.min(low, v);
      high = Math.max(high, v);
    }
    // Under noise or JPEG the block medians wander by themselves; a surface that changes by
    // no more than a few times that wander is the noise fitted, not a gradient.
    if (high - low > Math.max(GRADIENT_LEVELS, WANDER * chosen.scale)) {
      model.gradient = true;
      model.coefficients.set(chosen.coefficients, c * TERMS);
    } else {
      overall ??= channelMedians(grid);
      model.coefficients[c * TERMS] = overall[c];
    }
  }
  return model;
}
