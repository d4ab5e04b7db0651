/**
 * A picture for "Read text" that smooths noise along the strokes rather than round each pixel.
 * Auto's smoothing (and the grey noise picture, src/lib/reveal/noise-pictures.ts) averages a
 * square, so under heavy noise a thin diagonal (W, N) or a curve's thin side (O) loses as much
 * contrast as it loses noise, and the mask breaks it into dashes: "BROW!" for "BROWN". Here
 * each pixel averages a short line laid along the local stroke direction (from the structure
 * tensor of the lightly smoothed deviation): the noise drops as much, the stroke keeps its
 * contrast across, and the broken diagonals join.
 *
 * Computed only when "Read text" asks, never by Auto itself; DOM-free.
 */
import type { AutoRevealResult } from './auto-reveal.ts';
import { greyNearLetters, triangle } from './noise-pictures.ts';
import type { Pixels } from './types.ts';

/** Directions the line may take, over half a turn: every 22.5°. */
const TURNS = 8;

/**
 * Pixels the line reaches either side of the pixel it smooths (7 taps): long enough to take
 * the noise down by about √7 more than the light smoothing, short enough to follow a letter's
 * curve. Measured at the reader's scale on the Gaussian sweep (3 read more than 4 or 5).
 */
const REACH = 3;

/** Radius of the light triangle smoothing before the line (and before the gradients). */
const LIGHT = 1;

/** Radius of the triangle over which the gradients' tensor is summed: a stroke's width. */
const TENSOR = 2;

/**
 * The picture, or null when the noise picture has nothing to draw (no smoothing, nothing
 * found, salt and pepper, no letters): the deviation smoothed along the strokes in grey near
 * the mask's letters, with the noise picture's ramp, size and white background.
 */
export function strokeReadingPicture(
  source: Pixels,
  found: AutoRevealResult,
  signal?: AbortSignal,
): Pixels | null {
  return greyNearLetters(source, found, signal, (dev, w, h, _radius, near, s) =>
    alongStrokes(dev, w, h, near, s),
  );
}

/**
 * Over a w × h grid: where `near` is 1, the mean of the lightly smoothed values over a line of
 * 2 × {@link REACH} + 1 pixels along the local stroke direction; 0 elsewhere.
 */
export function alongStrokes(
  values: Float32Array,
  w: number,
  h: number,
  near: Uint8Array,
  signal?: AbortSignal,
): Float32Array {
  const light = triangle(values, w, h, LIGHT, signal);
  const turn = strokeTurns(light, w, h, near, signal);
  const lines = lineSteps();
  // The same steps as offsets in the grid, for pixels at least REACH from every edge.
  const offsets = lines.map((steps) =>
    Int32Array.from({ length: steps.length / 2 }, (_, t) => steps[2 * t + 1] * w + steps[2 * t]),
  );
  const out = new Float32Array(w * h);
  const taps = 2 * REACH + 1;
  for (let y = 0, i = 0; y < h; y++) {
    if ((y & 63) === 0) signal?.throwIfAborted();
    const inside = y >= REACH && y < h - REACH;
    for (let x = 0; x < w; x++, i++) {
      if (near[i] === 0) continue;
      let sum = 0;
      if (inside && x >= REACH && x < w - REACH) {
        const offset = offsets[turn[i]];
        for (let t = 0; t < offset.length; t++) sum += light[i + offset[t]];
      } else {
        // Near an edge: the edge's values repeated, as the triangle smoothing does.
        const steps = lines[turn[i]];
        for (let t = 0; t < steps.length; t += 2) {
          const sx = Math.min(w - 1, Math.max(0, x + steps[t]));
          const sy = Math.min(h - 1, Math.max(0, y + steps[t + 1]));
          sum += light[sy * w + sx];
        }
      }
      out[i] = sum / taps;
    }
  }
  return out;
}

/** For each direction, the (dx, dy) steps of its line, nearest pixel, centre included. */
function lineSteps(): Int8Array[] {
  return Array.from({ length: TURNS }, (_, k) => {
    const angle = (k * Math.PI) / TURNS;
    const steps = new Int8Array(2 * (2 * REACH + 1));
    for (let t = -REACH, j = 0; t <= REACH; t++, j += 2) {
      steps[j] = Math.round(t * Math.cos(angle));
      steps[j + 1] = Math.round(t * Math.sin(angle));
    }
    return steps;
  });
}

/**
 * Where `near` is 1, the stroke's direction as an index into {@link lineSteps}: across the
 * dominant gradient of the structure tensor (central differences, summed over a triangle of
 * {@link TENSOR}). Across a stroke the gradients of its two edges point opposite ways but
 * their tensors add, so the direction holds at the stroke's middle too.
 */
function strokeTurns(
  light: Float32Array,
  w: number,
  h: number,
  near: Uint8Array,
  signal?: AbortSignal,
): Uint8Array {
  const xx = new Float32Array(w * h);
  const xy = new Float32Array(w * h);
  const yy = new Float32Array(w * h);
  for (let y = 0, i = 0; y < h; y++) {
    const up = Math.max(0, y - 1) * w;
    const down = Math.min(h - 1, y + 1) * w;
    for (let x = 0; x < w; x++, i++) {
      const gx = (light[y * w + Math.min(w - 1, x + 1)] - light[y * w + Math.max(0, x - 1)]) / 2;
      const gy = (light[down + x] - light[up + x]) / 2;
      xx[i] = gx * gx;
      xy[i] = gx * gy;
      yy[i] = gy * gy;
    }
  }
  const a = triangle(xx, w, h, TENSOR, signal);
  const b = triangle(xy, w, h, TENSOR, signal);
  const c = triangle(yy, w, h, TENSOR, signal);
  const turn = new Uint8Array(w * h);
  for (let i = 0; i < turn.length; i++) {
    if (near[i] === 0) continue;
    turn[i] = octant(a[i] - c[i], 2 * b[i]);
  }
  return turn;
}

/** tan 22.5°: where the nearest of the eight directions 45° apart changes. */
const HALF_STEP = Math.SQRT2 - 1;

/**
 * The stroke's direction index for a tensor whose gradient direction, doubled, is the vector
 * (u, v): that angle φ = atan2(v, u) rounded to a multiple m of 45°, and the stroke, a quarter
 * turn on from the gradient, is direction (m + 4) mod 8 of {@link lineSteps} (22.5° apart).
 * Comparisons instead of atan2: this runs for every pixel near the letters.
 */
function octant(u: number, v: number): number {
  const au = Math.abs(u);
  const av = Math.abs(v);
  let m: number;
  if (av <= HALF_STEP * au) m = u >= 0 ? 0 : 4;
  else if (au <= HALF_STEP * av) m = v > 0 ? 2 : -2;
  else m = u > 0 ? (v > 0 ? 1 : -1) : v > 0 ? 3 : -3;
  return (m + 4 + TURNS) % TURNS;
}
