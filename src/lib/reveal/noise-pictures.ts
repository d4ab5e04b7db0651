/**
 * Extra pictures for "Read text" when Auto reveal smoothed away noise. Auto's mask cuts the
 * smoothed deviation at one level, and under heavy noise (σ near 0.7 × the difference) a thin
 * stroke's smoothed peak sits right at that cut: half of it falls white and the reader sees
 * "WAVY INES" for "WAVY LINES". The picture here shows the same smoothed deviation in grey
 * around the cut, so the faint half of a stroke stays a grey stroke for the reader to weigh,
 * and keeps only what lies near the mask's letters, so the grey noise of the background (which
 * the reader would read as a page of letters) is white.
 *
 * Computed only when "Read text" asks, never by Auto itself; DOM-free.
 */
import { fitBackground } from './background-model.ts';
import { channelNoise, deviations } from './colour-axis.ts';
import { defaultAutoRevealOptions, type AutoRevealResult } from './auto-reveal.ts';
import { hasImpulses } from './impulses.ts';
import { backgroundRow, projection } from './projection.ts';
import { sampleGrid } from './samples.ts';
import type { Pixels } from './types.ts';
import { dropLoneSpecks, inkMarks } from '../ocr/text-size.ts';

/**
 * The grey ramp around Auto's cut, as fractions of the cut: at or below `RAMP_LOW` × cut white,
 * at or above `RAMP_HIGH` × cut black. The cut sits halfway to the text's level, so this spans
 * the levels between a quarter and three quarters of the way from background to text.
 */
export const RAMP_LOW = 0.5;
export const RAMP_HIGH = 1.5;

/** Marks of the mask smaller than the capital height over this are specks, not letters. */
const SPECK_PART = 4;

/**
 * Pixels of grey kept either side of the mask's letters, per pixel of Auto's smoothing radius
 * (plus one): as far as the smoothing can have moved a stroke's edge, and a little more.
 */
const REACH_PER_RADIUS = 2;

/**
 * The pictures "Read text" may read after Auto's mask on a noisy image (empty when Auto did
 * not smooth, found nothing, or the noise is salt and pepper): the smoothed deviation in grey
 * near the mask's letters. Each is the source's size, dark text on white.
 */
export function noiseReadingPictures(
  source: Pixels,
  found: AutoRevealResult,
  signal?: AbortSignal,
): Pixels[] {
  if (found.smoothing === 0 || found.confidence === 0 || !(found.threshold > 0)) return [];
  const { width, height } = source;
  if (found.mask.width !== width || found.mask.height !== height) return [];
  const grid = sampleGrid(source, defaultAutoRevealOptions.samples, signal);
  const model = fitBackground(grid, width, height);
  // Salt and pepper: Auto read its dots as the background; a plain smoothing would smear them.
  if (hasImpulses(grid, deviations(grid, model), channelNoise(grid))) return [];
  const tall = inkMarks(found.mask).height;
  if (tall === 0) return [];
  const letters = dropLoneSpecks(
    found.mask,
    Math.max(1, Math.round(tall / SPECK_PART)),
    Math.round(tall / 2),
  );
  signal?.throwIfAborted();
  const radius = found.smoothing;
  const reach = REACH_PER_RADIUS * radius + 1;
  const box = inkBox(letters, reach + 2 * radius);
  if (!box) return [];
  const { x0, y0, x1, y1 } = box;
  const w = x1 - x0 + 1;
  const h = y1 - y0 + 1;
  const a = found.axis;
  const axis = Float64Array.of(a.red, a.green, a.blue, a.alpha);
  const dev = boxDeviation(source, projection(axis, model), axis, box, signal);
  const smooth = triangle(dev, w, h, radius, signal);
  const near = nearInk(letters, box, reach);
  const low = RAMP_LOW * found.threshold;
  const scale = 255 / ((RAMP_HIGH - RAMP_LOW) * found.threshold);
  const out = new Uint8ClampedArray(width * height * 4).fill(255);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      if (near[i] === 0) continue;
      const p = ((y + y0) * width + x + x0) * 4;
      const g = 255 - (smooth[i] - low) * scale;
      out[p] = out[p + 1] = out[p + 2] = g;
    }
  }
  return [{ width, height, data: out }];
}

/** A rectangle of pixels, inclusive. */
interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** The box round a mask's ink, grown by `margin` and clipped to the image; null if no ink. */
function inkBox(mask: Pixels, margin: number): Box | null {
  const { width, height, data } = mask;
  let x0 = width;
  let y0 = height;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0, p = y * width * 4; x < width; x++, p += 4) {
      if (data[p] >= 128) continue;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      y1 = y;
    }
  }
  if (x1 < 0) return null;
  return {
    x0: Math.max(0, x0 - margin),
    y0: Math.max(0, y0 - margin),
    x1: Math.min(width - 1, x1 + margin),
    y1: Math.min(height - 1, y1 + margin),
  };
}

/** Each pixel's level along the axis minus the background's, over the box. */
function boxDeviation(
  source: Pixels,
  p: ReturnType<typeof projection>,
  axis: Float64Array,
  box: Box,
  signal?: AbortSignal,
): Float32Array {
  const { width, data } = source;
  const { x0, y0, x1, y1 } = box;
  const w = x1 - x0 + 1;
  const dev = new Float32Array(w * (y1 - y0 + 1));
  const back = new Float32Array(width);
  const across = Float32Array.from(
    { length: width },
    (_, x) => (x - p.model.centreX) / p.model.halfWidth,
  );
  const [r, g, b, al] = axis;
  for (let y = y0, i = 0; y <= y1; y++) {
    if ((y & 127) === 0) signal?.throwIfAborted();
    backgroundRow(p, y, back, across);
    for (let x = x0, q = (y * width + x0) * 4; x <= x1; x++, q += 4, i++) {
      dev[i] = r * data[q] + g * data[q + 1] + b * data[q + 2] + al * data[q + 3] - back[x];
    }
  }
  return dev;
}

/**
 * Auto's smoothing (a triangle of radius r: a box of r + 1 taps run twice, across and then
 * down), edges repeated, on a w × h grid of values.
 */
function triangle(
  values: Float32Array,
  w: number,
  h: number,
  radius: number,
  signal?: AbortSignal,
): Float32Array {
  const taps = radius + 1;
  const a = new Float32Array(values.length);
  const b = new Float32Array(values.length);
  // Box of `taps` ending `shift` past each position: two of them, shifted r/2 apart in sum,
  // centre the triangle (the first box looks back ⌊r/2⌋, the second ⌈r/2⌉).
  const first = radius >> 1;
  const second = radius - first;
  runBox(values, a, w, h, taps, first, 1, w);
  runBox(a, b, w, h, taps, second, 1, w);
  signal?.throwIfAborted();
  runBox(b, a, h, w, taps, first, w, 1);
  runBox(a, b, h, w, taps, second, w, 1);
  return b;
}

/**
 * Mean of `taps` values along lines of `n` values (`step` apart; lines `stride` apart, `m` of
 * them): out[k] = mean of in[k − back … k − back + taps − 1], the line's ends repeated.
 */
function runBox(
  src: Float32Array,
  dst: Float32Array,
  n: number,
  m: number,
  taps: number,
  back: number,
  step: number,
  stride: number,
): void {
  const at = (base: number, k: number) => src[base + Math.min(n - 1, Math.max(0, k)) * step];
  for (let j = 0; j < m; j++) {
    const base = j * stride;
    let sum = 0;
    for (let k = -back; k < taps - back; k++) sum += at(base, k);
    for (let k = 0; k < n; k++) {
      dst[base + k * step] = sum / taps;
      sum += at(base, k + taps - back) - at(base, k - back);
    }
  }
}

/** Over the box, 1 where the mask has ink within `reach` pixels (a square), else 0. */
function nearInk(mask: Pixels, box: Box, reach: number): Uint8Array {
  const { width, data } = mask;
  const { x0, y0, x1, y1 } = box;
  const w = x1 - x0 + 1;
  const h = y1 - y0 + 1;
  const ink = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++)
      ink[y * w + x] = data[((y + y0) * width + x + x0) * 4] < 128 ? 1 : 0;
  }
  const across = new Float32Array(ink.length);
  const grown = new Float32Array(ink.length);
  runBox(ink, across, w, h, 2 * reach + 1, reach, 1, w);
  runBox(across, grown, h, w, 2 * reach + 1, reach, w, 1);
  return Uint8Array.from(grown, (v) => (v > 1e-6 ? 1 : 0));
}
