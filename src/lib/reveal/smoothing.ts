/**
 * The smoothing kernels Auto reveal denoises with: triangles (1 2 1, 1 2 3 2 1, …), a box of
 * r + 1 taps run twice, applied across and then down. A triangle is a near-Gaussian: for the
 * same noise reduction it keeps far more of a thin stroke than a box does (the 5-tap keeps
 * 7/9 of a 3-pixel stroke at its centre, a 5 × 5 box only 3/5), so the cut halfway between
 * background and text still finds strokes as thin as small text has. And two running box
 * sums cost the same few adds a pixel whatever the radius.
 */

/** Largest kernel radius: 9 taps, for strokes several pixels wide under heavy noise. */
export const MAX_RADIUS = 4;

/** Integer triangle weights of radius r (1, 2, …, r + 1, …, 2, 1), summing to (r + 1)². */
export function triangle(radius: number): Int32Array {
  return Int32Array.from({ length: 2 * radius + 1 }, (_, k) => radius + 1 - Math.abs(k - radius));
}

/** Triangle weights of radius r (2r + 1 taps), summing to 1. */
export const kernels: readonly Float64Array[] = Array.from({ length: MAX_RADIUS + 1 }, (_, r) =>
  Float64Array.from(triangle(r), (w) => w / (r + 1) ** 2),
);

/**
 * How much the two-dimensional kernel of radius r shrinks the spread of independent noise:
 * σ after = σ before × Σ w² (the square root of (Σ w²)² for the two directions).
 */
export function noiseFactor(radius: number): number {
  let sum = 0;
  for (const w of kernels[radius]) sum += w * w;
  return sum;
}
