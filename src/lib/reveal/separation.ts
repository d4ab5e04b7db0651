/** Splitting a set of values in two: Otsu's cut refined by two-means, and how clean the split is. */

/** A two-class split of values along the text axis. */
export interface Split {
  /** Values above this are one class, the rest the other. */
  cut: number;
  /** Means, variances and sizes of the classes below and above the cut. */
  lowMean: number;
  highMean: number;
  lowVariance: number;
  highVariance: number;
  lowCount: number;
  highCount: number;
  /** Gap between the means over their pooled spread: about 2–3 for one noise blob, far more for text. */
  separation: number;
}

const BINS = 2048;

/** Otsu's cut on a fine histogram of the values, then two-means iterations from there. */
export function splitValues(values: Float32Array): Split {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (!(hi > lo)) return stats(values, lo);
  const scale = (BINS - 1) / (hi - lo);
  const counts = new Float64Array(BINS);
  const sums = new Float64Array(BINS);
  for (let i = 0; i < values.length; i++) {
    if (values[i] !== values[i]) continue;
    const b = Math.round((values[i] - lo) * scale);
    counts[b]++;
    sums[b] += values[i];
  }
  let total = 0;
  let sum = 0;
  for (let b = 0; b < BINS; b++) {
    total += counts[b];
    sum += sums[b];
  }
  let n0 = 0;
  let s0 = 0;
  let best = -1;
  let bestBin = 0;
  for (let b = 0; b < BINS - 1; b++) {
    n0 += counts[b];
    s0 += sums[b];
    const n1 = total - n0;
    if (n0 === 0 || n1 === 0) continue;
    const d = s0 / n0 - (sum - s0) / n1;
    const between = n0 * n1 * d * d;
    if (between > best) {
      best = between;
      bestBin = b;
    }
  }
  // Otsu leans towards the bigger class when one class is small; two-means settles midway.
  let cut = lo + (bestBin + 0.5) / scale;
  for (let round = 0; round < 20; round++) {
    let c0 = 0;
    let m0 = 0;
    let c1 = 0;
    let m1 = 0;
    for (let b = 0; b < BINS; b++) {
      const centre = lo + b / scale;
      if (centre <= cut) {
        c0 += counts[b];
        m0 += sums[b];
      } else {
        c1 += counts[b];
        m1 += sums[b];
      }
    }
    if (c0 === 0 || c1 === 0) break;
    const next = (m0 / c0 + m1 / c1) / 2;
    if (Math.abs(next - cut) < 0.5 / scale) break;
    cut = next;
  }
  return stats(values, cut);
}

/** Class statistics of the values either side of `cut`. */
export function stats(values: Float32Array, cut: number): Split {
  let c0 = 0;
  let s0 = 0;
  let q0 = 0;
  let c1 = 0;
  let s1 = 0;
  let q1 = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    // NaN marks visible content, outside every class.
    if (v !== v) continue;
    if (v > cut) {
      c1++;
      s1 += v;
      q1 += v * v;
    } else {
      c0++;
      s0 += v;
      q0 += v * v;
    }
  }
  const m0 = c0 ? s0 / c0 : cut;
  const m1 = c1 ? s1 / c1 : cut;
  const v0 = c0 ? Math.max(0, q0 / c0 - m0 * m0) : 0;
  const v1 = c1 ? Math.max(0, q1 / c1 - m1 * m1) : 0;
  const gap = m1 - m0;
  // Quantised, noise-free images have zero spread: floor it at a hundredth of a level.
  const spread = Math.sqrt(Math.max((v0 + v1) / 2, 1e-4));
  return {
    cut,
    lowMean: m0,
    highMean: m1,
    lowVariance: v0,
    highVariance: v1,
    lowCount: c0,
    highCount: c1,
    separation: c0 && c1 ? gap / spread : 0,
  };
}
