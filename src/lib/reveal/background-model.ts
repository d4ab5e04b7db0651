/**
 * The background of a hidden-message image as a plane per channel (flat, or a linear
 * gradient in any direction), fitted robustly to block medians so text does not pull it.
 */
import { histogramMedian, type SampleGrid } from './samples.ts';
import { byteShift } from './words.ts';

/** Background level of channel c at (x, y) = base[c] + dx[c]·x + dy[c]·y. */
export interface BackgroundModel {
  base: Float64Array;
  dx: Float64Array;
  dy: Float64Array;
  /** Whether the fitted background changes by more than a level across the image. */
  gradient: boolean;
}

/** Blocks across (and down) the image for the block medians. */
const BLOCKS = 16;

/** Change across the image, in levels, above which the background counts as a gradient. */
const GRADIENT_LEVELS = 1.5;

/** Median of each channel of the samples in each block, with the block centres. */
function blockMedians(grid: SampleGrid) {
  const bw = Math.max(1, Math.ceil(grid.columns / BLOCKS));
  const bh = Math.max(1, Math.ceil(grid.rows / BLOCKS));
  const nx = Math.ceil(grid.columns / bw);
  const ny = Math.ceil(grid.rows / bh);
  const nb = nx * ny;
  const counts = new Uint32Array(nb * 4 * 256);
  const sizes = new Uint32Array(nb);
  const cx = new Float64Array(nb);
  const cy = new Float64Array(nb);
  const shifts = [0, 1, 2, 3].map(byteShift);
  for (let j = 0, k = 0; j < grid.rows; j++) {
    const by = Math.floor(j / bh);
    for (let i = 0; i < grid.columns; i++, k++) {
      const b = by * nx + Math.floor(i / bw);
      const w = grid.words[k];
      for (let c = 0; c < 4; c++) counts[(b * 4 + c) * 256 + ((w >>> shifts[c]) & 255)]++;
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

/** Least-squares plane through weighted points: [base, dx, dy]. */
function fitPlane(
  xs: Float64Array,
  ys: Float64Array,
  values: Float64Array,
  weights: Float64Array,
): [number, number, number] {
  let sw = 0;
  let sx = 0;
  let sy = 0;
  let sv = 0;
  for (let i = 0; i < xs.length; i++) {
    sw += weights[i];
    sx += weights[i] * xs[i];
    sy += weights[i] * ys[i];
    sv += weights[i] * values[i];
  }
  if (sw === 0) return [0, 0, 0];
  const mx = sx / sw;
  const my = sy / sw;
  const mv = sv / sw;
  let xx = 0;
  let xy = 0;
  let yy = 0;
  let xv = 0;
  let yv = 0;
  for (let i = 0; i < xs.length; i++) {
    const w = weights[i];
    const x = xs[i] - mx;
    const y = ys[i] - my;
    const v = values[i] - mv;
    xx += w * x * x;
    xy += w * x * y;
    yy += w * y * y;
    xv += w * x * v;
    yv += w * y * v;
  }
  const det = xx * yy - xy * xy;
  // One row or one column of blocks: no slope can be told in the missing direction.
  let a = 0;
  let b = 0;
  if (Math.abs(det) > 1e-9) {
    a = (xv * yy - yv * xy) / det;
    b = (yv * xx - xv * xy) / det;
  } else if (xx > 1e-9) a = xv / xx;
  else if (yy > 1e-9) b = yv / yy;
  return [mv - a * mx - b * my, a, b];
}

/** Median of absolute values. */
function medianAbs(values: Float64Array, weights?: Float64Array): number {
  const a = Array.from(values, Math.abs).filter((_, i) => !weights || weights[i] > 0);
  a.sort((p, q) => p - q);
  return a.length ? a[a.length >> 1] : 0;
}

/**
 * Fit the background. Blocks where text outweighs background (their median is the text's
 * colour) are outliers of the plane and are dropped over a few rounds of refitting.
 */
export function fitBackground(grid: SampleGrid, width: number, height: number): BackgroundModel {
  const { nb, cx, cy, medians } = blockMedians(grid);
  const model: BackgroundModel = {
    base: new Float64Array(4),
    dx: new Float64Array(4),
    dy: new Float64Array(4),
    gradient: false,
  };
  const values = new Float64Array(nb);
  const residuals = new Float64Array(nb);
  for (let c = 0; c < 4; c++) {
    for (let b = 0; b < nb; b++) values[b] = medians[b * 4 + c];
    const weights = new Float64Array(nb).fill(1);
    let plane = fitPlane(cx, cy, values, weights);
    for (let round = 0; round < 4; round++) {
      for (let b = 0; b < nb; b++)
        residuals[b] = values[b] - (plane[0] + plane[1] * cx[b] + plane[2] * cy[b]);
      const scale = 1.4826 * medianAbs(residuals, weights);
      const limit = Math.max(1, 3 * scale);
      for (let b = 0; b < nb; b++) weights[b] = Math.abs(residuals[b]) <= limit ? 1 : 0;
      plane = fitPlane(cx, cy, values, weights);
    }
    [model.base[c], model.dx[c], model.dy[c]] = plane;
    const change = Math.abs(plane[1]) * width + Math.abs(plane[2]) * height;
    if (change > GRADIENT_LEVELS) model.gradient = true;
  }
  return model;
}
