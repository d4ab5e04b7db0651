/**
 * The smoothing kernels Auto reveal denoises with: binomial weights (1 2 1, 1 4 6 4 1, …),
 * applied across and then down. A binomial is a near-Gaussian: for the same noise reduction
 * it keeps far more of a thin stroke than a box does (the 5-tap keeps 7/8 of a 3-pixel stroke
 * at its centre, a 5 × 5 box only 3/5), so the cut halfway between background and text
 * still finds strokes as thin as small text has.
 */

/** Largest kernel radius: 9 taps, for strokes several pixels wide under heavy noise. */
export const MAX_RADIUS = 4;

/** Binomial weights of radius r (2r + 1 taps), summing to 1. */
export const kernels: readonly Float64Array[] = Array.from({ length: MAX_RADIUS + 1 }, (_, r) => {
  const taps = 2 * r + 1;
  const w = new Float64Array(taps);
  w[0] = 1;
  for (let n = 1; n < taps; n++) {
    for (let k = n; k > 0; k--) w[k] += w[k - 1];
  }
  const total = 4 ** r;
  for (let k = 0; k < taps; k++) w[k] /= total;
  return w;
});

/**
 * How much the two-dimensional kernel of radius r shrinks the spread of independent noise:
 * σ after = σ before × Σ w² (the square root of (Σ w²)² for the two directions).
 */
export function noiseFactor(radius: number): number {
  let sum = 0;
  for (const w of kernels[radius]) sum += w * w;
  return sum;
}
