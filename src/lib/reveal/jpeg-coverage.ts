/**
 * Text coverages in a JPEG's settled macroblocks (after jpeg-restore.ts), for "Read text"
 * (jpeg-pictures.ts). Text as drawn is anti-aliased, so the pixels along a stroke's edge hold a
 * share of the text's colour, not all or none. The two-colour mask has to give each such pixel
 * wholly to one side, and the best it can do for a stroke a pixel and a bit wide is often two
 * pixels or none. Here each pixel of a settled macroblock holds a coverage from 0 to 1 instead,
 * fitted to the stored coefficients the same way (each frequency weighted by its step), with
 * the same cost for neighbours that differ (now by how much they differ). Written by branch
 * jpeg1 as Auto's last step; there it doubled Auto's time on JPEG inputs for 12 px text read
 * 7 → 9 times in 12 tuning draws, so it runs only when Read text asks for it.
 */
import { PIXEL_BASIS } from './jpeg-tables.ts';
import { addPixel, fitDifference } from './jpeg-restore.ts';
import { BLACK } from './words.ts';

/**
 * The basis as a binding of this module: the hot loops read it often, and a test runner's
 * module wrapper can turn every read of an imported name into a property look-up.
 */
const BASIS = PIXEL_BASIS;

/** A settled macroblock: its corner, its base residual (6 × 64) and its pixels' flags. */
export interface SettledBlock {
  mx: number;
  my: number;
  base: Float64Array;
  flags: Uint8Array;
}

/**
 * Most sweeps over a macroblock's coverages (each solves every pixel exactly in turn); they stop
 * sooner once no coverage moves by {@link SETTLED}. Four read as the phrase 17 times in 24
 * tuning draws of 12 px text after JPEG; eight and thirty, 20.
 */
const SWEEPS = 8;

/** Rounds of fitting the text's colour to the coverages and the coverages to the colour. */
const ROUNDS = 2;

/**
 * Most macroblocks refined (a paragraph of small text and its surroundings), so that Read text
 * takes at most about a second more: twelve lines of 12 px text in a 12 MP JPEG touch 362
 * macroblocks, refined in 0.5–0.8 s on a loaded 2-core machine. Past this there is no picture.
 */
const MOST_REFINED = 512;

/** Candidate points of {@link bestCoverage}, reused. */
const points = new Float64Array(6);

/**
 * The v in [0, 1] that minimises a·(v − c)² + 2g·(v − c) + λ·Σ|v − n_j| over the first
 * `count` neighbours' values n: a convex piecewise quadratic, solved on each interval between
 * the neighbours' values.
 */
function bestCoverage(
  a: number,
  g: number,
  c: number,
  lambda: number,
  n: Float64Array,
  count: number,
): number {
  let m = 0;
  points[m++] = 0;
  points[m++] = 1;
  for (let j = 0; j < count; j++) if (n[j] > 0 && n[j] < 1) points[m++] = n[j];
  // Insertion sort: at most six values.
  for (let j = 1; j < m; j++) {
    const v = points[j];
    let k = j - 1;
    while (k >= 0 && points[k] > v) {
      points[k + 1] = points[k];
      k--;
    }
    points[k + 1] = v;
  }
  let best = c;
  let bestCost = Infinity;
  for (let k = 0; k + 1 < m; k++) {
    const lo = points[k];
    const hi = points[k + 1];
    if (hi <= lo) continue;
    // Slope of the neighbours' term inside (lo, hi): +λ for each below, −λ for each above.
    let slope = 0;
    for (let j = 0; j < count; j++) slope += n[j] <= lo ? lambda : -lambda;
    const v = a > 0 ? Math.min(hi, Math.max(lo, c - (2 * g + slope) / (2 * a))) : lo;
    let e = a * (v - c) ** 2 + 2 * g * (v - c);
    for (let j = 0; j < count; j++) e += lambda * Math.abs(v - n[j]);
    if (e < bestCost) [best, bestCost] = [v, e];
  }
  return best;
}

/** Coverage changes smaller than this end a macroblock's sweeps: the mask cuts at ½. */
const SETTLED = 0.01;

/**
 * Curvature of the weighted residual for one pixel's coverage, per place: the luma part by the
 * pixel's place in its block, the chroma part by its place in the chroma block (the same for
 * all four luma blocks, whose weights are alike).
 */
function curvatures(w: Float64Array, dy: number, dcb: number, dcr: number) {
  const luma = new Float64Array(64);
  const chroma = new Float64Array(64);
  for (let p = 0; p < 64; p++) {
    for (let k = 0; k < 64; k++) {
      const b = BASIS[p * 64 + k] ** 2;
      luma[p] += w[k] * dy * dy * b;
      chroma[p] += (w[256 + k] * dcb * dcb + w[320 + k] * dcr * dcr) * b;
    }
  }
  return { luma, chroma };
}

/**
 * Each pixel's share of the text (0–1) over the whole image: the settled mask `start` (black
 * text on white) with each settled macroblock's pixels refined to coverages. Null past
 * {@link MOST_REFINED} macroblocks. `d` is the text's difference as the two-colour fit left it
 * (luma, a quarter of Cb and Cr); `smooth` the cost per unit of difference between neighbours.
 */
export function coverageMap(
  blocks: readonly SettledBlock[],
  w: Float64Array,
  d: readonly number[],
  smooth: number,
  start: Uint32Array,
  width: number,
  height: number,
  signal?: AbortSignal,
): Float32Array | null {
  if (blocks.length > MOST_REFINED) return null;
  // Coverage of every pixel of the image, for neighbours across a macroblock's edge.
  const whole = new Float32Array(width * height);
  for (let i = 0; i < whole.length; i++) whole[i] = start[i] === BLACK ? 1 : 0;
  const cover = blocks.map((m) => Float64Array.from(m.flags));
  const residual = new Float64Array(384);
  const weighted = new Float64Array(320);
  const lumaStep = new Float64Array(256);
  const chromaStep = new Float64Array(64);
  const n = new Float64Array(4);
  let [dy, dcb, dcr] = d;
  for (let round = 0; round < ROUNDS; round++) {
    signal?.throwIfAborted();
    if (round > 0) {
      const fitted = fitDifference(blocks, w, (b, i) => cover[b][i]);
      const along = fitted ? fitted[0] * dy + fitted[1] * dcb + fitted[2] * dcr : 0;
      if (fitted && along > 0) [dy, dcb, dcr] = fitted;
    }
    const curve = curvatures(w, dy, dcb, dcr);
    // What one unit of a pixel's share moves the weighted residual by, per coefficient.
    for (let l = 0; l < 256; l++) lumaStep[l] = dy * dy * w[l];
    for (let k = 0; k < 64; k++) chromaStep[k] = dcb * dcb * w[256 + k] + dcr * dcr * w[320 + k];
    blocks.forEach((m, b) => {
      const t = cover[b];
      const { mx, my } = m;
      residual.set(m.base);
      for (let i = 0; i < 256; i++) if (t[i] > 0) addPixel(residual, i, t[i], dy, dcb, dcr);
      // The residual weighted by the steps and by the text's colour, luma and both chromas in
      // one: a pixel's slope is then two short dot products (see {@link slope}).
      for (let l = 0; l < 256; l++) weighted[l] = dy * w[l] * residual[l];
      for (let k = 0; k < 64; k++)
        weighted[256 + k] =
          dcb * w[256 + k] * residual[256 + k] + dcr * w[320 + k] * residual[320 + k];
      for (let sweep = 0; sweep < SWEEPS; sweep++) {
        let moved = 0;
        for (let i = 0; i < 256; i++) {
          const x = i & 15;
          const y = i >> 4;
          let count = 0;
          let any = t[i] > 0;
          // Neighbours inside the macroblock from `t`, outside from the whole image.
          if (x > 0) n[count++] = t[i - 1];
          else if (mx > 0) n[count++] = whole[(my + y) * width + mx - 1];
          if (x < 15) n[count++] = t[i + 1];
          else if (mx + 16 < width) n[count++] = whole[(my + y) * width + mx + 16];
          if (y > 0) n[count++] = t[i - 16];
          else if (my > 0) n[count++] = whole[(my - 1) * width + mx + x];
          if (y < 15) n[count++] = t[i + 16];
          else if (my + 16 < height) n[count++] = whole[(my + 16) * width + mx + x];
          for (let j = 0; j < count && !any; j++) any = n[j] > 0;
          // Text grows from text: a pixel with none beside it stays background.
          if (!any) continue;
          const lp = (y & 7) * 8 + (x & 7);
          const cp = (y >> 1) * 8 + (x >> 1);
          const a = curve.luma[lp] + curve.chroma[cp];
          const g = slope(weighted, i);
          const v = bestCoverage(a, g, t[i], smooth, n, count);
          if (v !== t[i]) {
            moved = Math.max(moved, Math.abs(v - t[i]));
            moveShare(weighted, i, v - t[i], lumaStep, chromaStep);
            t[i] = v;
          }
        }
        if (moved < SETTLED) break;
      }
      for (let i = 0; i < 256; i++) whole[(my + (i >> 4)) * width + mx + (i & 15)] = t[i];
    });
  }
  return whole;
}

/**
 * Move pixel i's share by δ in the weighted residual (luma, then both chromas in one): each
 * coefficient by δ × the pixel's basis value × its step from {@link coverageMap}.
 */
function moveShare(
  weighted: Float64Array,
  i: number,
  delta: number,
  lumaStep: Float64Array,
  chromaStep: Float64Array,
): void {
  const x = i & 15;
  const y = i >> 4;
  const lb = ((y >> 3) * 2 + (x >> 3)) * 64;
  const lp = ((y & 7) * 8 + (x & 7)) * 64;
  const cp = ((y >> 1) * 8 + (x >> 1)) * 64;
  for (let k = 0; k < 64; k++) {
    weighted[lb + k] += delta * lumaStep[lb + k] * BASIS[lp + k];
    weighted[256 + k] += delta * chromaStep[k] * BASIS[cp + k];
  }
}

/**
 * For pixel i's coverage moving by δ, the weighted squared residual changes by 2g·δ + a·δ²
 * (a from {@link curvatures}): g here, from the weighted residual of {@link coverageMap}.
 */
function slope(weighted: Float64Array, i: number): number {
  const x = i & 15;
  const y = i >> 4;
  const lb = ((y >> 3) * 2 + (x >> 3)) * 64;
  const lp = ((y & 7) * 8 + (x & 7)) * 64;
  const cp = ((y >> 1) * 8 + (x >> 1)) * 64;
  let g = 0;
  for (let k = 0; k < 64; k++) {
    g += BASIS[lp + k] * weighted[lb + k] + BASIS[cp + k] * weighted[256 + k];
  }
  return g;
}
