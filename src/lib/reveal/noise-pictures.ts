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
import { backgroundRow, byteTables, projection, type Projection } from './projection.ts';
import { sampleGrid } from './samples.ts';
import { downsample } from './downsample.ts';
import type { Pixels } from './types.ts';
import { wordsOf } from './words.ts';
import { OCR_MAX_SIDE } from '../ocr/prepare.ts';
import { dropLoneSpecks, inkMarks } from '../ocr/text-size.ts';
import { inkBox, type InkBox } from './ink-box.ts';

/**
 * The grey ramp around Auto's cut, as fractions of the cut: at or below `RAMP_LOW` × cut white,
 * at or above `RAMP_HIGH` × cut black. The cut sits halfway to the text's level, so this spans
 * the levels between a quarter and three quarters of the way from background to text.
 */
const RAMP_LOW = 0.5;
const RAMP_HIGH = 1.5;

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
 * near the mask's letters. Each is the source's size, or for a source larger than the reader
 * reads ({@link OCR_MAX_SIDE}) shrunk by the whole factor "Read text" would shrink it by;
 * dark text on white.
 */
export function noiseReadingPictures(
  source: Pixels,
  found: AutoRevealResult,
  signal?: AbortSignal,
): Pixels[] {
  const grey = greyNearLetters(source, found, signal);
  return grey ? [grey] : [];
}

/**
 * How a picture smooths the deviation over its w × h box: Auto's triangle of `radius` by
 * default. Only the values where `near` is 1 are drawn, so a costlier smoothing may skip the
 * rest.
 */
export type Smoothing = (
  deviation: Float32Array,
  w: number,
  h: number,
  radius: number,
  near: Uint8Array,
  signal?: AbortSignal,
) => Float32Array;

/**
 * The smoothed deviation in grey near the mask's letters (white elsewhere), or null when there
 * is nothing to draw: no smoothing, nothing found, salt and pepper, no letters. `smoothing`
 * is Auto's triangle unless another picture (src/lib/reveal/stroke-pictures.ts) gives its own.
 */
export function greyNearLetters(
  source: Pixels,
  found: AutoRevealResult,
  signal?: AbortSignal,
  smoothing: Smoothing = (dev, w, h, radius, _near, s) => triangle(dev, w, h, radius, s),
): Pixels | null {
  if (found.smoothing === 0 || found.confidence === 0 || !(found.threshold > 0)) return null;
  if (found.mask.width !== source.width || found.mask.height !== source.height) return null;
  // A picture larger than the reader reads is drawn at the size it reads (block means of a
  // whole factor, as "Read text" shrinks it): after one pass over the source, the work is on
  // a quarter of the pixels at 12 MP, and the reader gets the same picture.
  const factor = Math.ceil(Math.max(source.width, source.height) / OCR_MAX_SIDE);
  const grid = sampleGrid(source, defaultAutoRevealOptions.samples, signal);
  const model = fitBackground(grid, source.width, source.height);
  // Salt and pepper: Auto read its dots as the background; a plain smoothing would smear them.
  if (hasImpulses(grid, deviations(grid, model), channelNoise(grid))) return null;
  const mask = downsample(found.mask, OCR_MAX_SIDE, { method: 'nearest' }, signal);
  const { width, height } = mask;
  // Each block's mean smooths as much as `factor` pixels of Auto's radius did.
  const radius = Math.max(1, Math.round(found.smoothing / factor));
  const tall = inkMarks(mask).height;
  if (tall === 0) return null;
  const letters = dropLoneSpecks(
    mask,
    Math.max(1, Math.round(tall / SPECK_PART)),
    Math.round(tall / 2),
  );
  signal?.throwIfAborted();
  const reach = REACH_PER_RADIUS * radius + 1;
  const box = inkBox(letters, reach + 2 * radius);
  if (!box) return null;
  const { x0, y0, x1, y1 } = box;
  const w = x1 - x0 + 1;
  const h = y1 - y0 + 1;
  const a = found.axis;
  const axis = Float64Array.of(a.red, a.green, a.blue, a.alpha);
  const dev = blockDeviation(source, projection(axis, model), factor, box, signal);
  const near = nearInk(letters, box, reach);
  const smooth = smoothing(dev, w, h, radius, near, signal);
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
  return { width, height, data: out };
}

/**
 * Over the box (in the picture's pixels, each a `factor` × `factor` block of the source): the
 * block's mean level along the axis minus the background's. One pass over the source's
 * blocks, four table look-ups a pixel.
 */
function blockDeviation(
  source: Pixels,
  p: Projection,
  factor: number,
  box: InkBox,
  signal?: AbortSignal,
): Float32Array {
  const { width, height } = source;
  const words = wordsOf(source.data);
  const { x0, y0, x1, y1 } = box;
  const w = x1 - x0 + 1;
  const dev = new Float32Array(w * (y1 - y0 + 1));
  const bytes = byteTables(p);
  const back = new Float32Array(width);
  const across = Float32Array.from(
    { length: width },
    (_, x) => (x - p.model.centreX) / p.model.halfWidth,
  );
  const right = Math.min(width, (x1 + 1) * factor);
  for (let y = y0, row = 0; y <= y1; y++, row += w) {
    if ((y & 63) === 0) signal?.throwIfAborted();
    const bottom = Math.min(height, (y + 1) * factor);
    for (let sy = y * factor; sy < bottom; sy++) {
      backgroundRow(p, sy, back, across);
      for (let bx = x0; bx <= x1; bx++) {
        const start = bx * factor;
        const end = Math.min(right, start + factor);
        let sum = 0;
        for (let sx = start, i = sy * width + start; sx < end; sx++, i++) {
          const v = words[i];
          sum +=
            bytes[v & 255] +
            bytes[256 + ((v >>> 8) & 255)] +
            bytes[512 + ((v >>> 16) & 255)] +
            bytes[768 + (v >>> 24)] -
            back[sx];
        }
        dev[row + bx - x0] += sum;
      }
    }
    // Mean over each block (the last row and column of blocks may be cut short).
    const rows = bottom - y * factor;
    for (let x = 0; x < w; x++) {
      const cols = Math.min(right, (x + x0 + 1) * factor) - (x + x0) * factor;
      dev[row + x] /= rows * cols;
    }
  }
  return dev;
}

/**
 * Auto's smoothing (a triangle of radius r: a box of r + 1 taps run twice, across and then
 * down), edges repeated, on a w × h grid of values.
 */
export function triangle(
  values: Float32Array,
  w: number,
  h: number,
  radius: number,
  signal?: AbortSignal,
): Float32Array {
  const taps = radius + 1;
  const a = new Float32Array(values.length);
  const b = new Float32Array(values.length);
  // Two boxes of r + 1 taps, the first looking back ⌊r/2⌋ and the second ⌈r/2⌉: together
  // the triangle from −r to r.
  const first = radius >> 1;
  const second = radius - first;
  boxAcross(values, a, w, h, taps, first);
  boxAcross(a, b, w, h, taps, second);
  signal?.throwIfAborted();
  boxDown(b, a, w, h, taps, first);
  boxDown(a, b, w, h, taps, second);
  return b;
}

/**
 * Along each row of a w × h grid: out[x] = mean of in[x − back … x − back + taps − 1], the
 * row's ends repeated. A running sum: two adds a value whatever the width.
 */
function boxAcross(
  src: Float32Array,
  dst: Float32Array,
  w: number,
  h: number,
  taps: number,
  back: number,
): void {
  const last = w - 1;
  for (let y = 0, row = 0; y < h; y++, row += w) {
    let sum = 0;
    for (let k = -back; k < taps - back; k++) sum += src[row + Math.min(last, Math.max(0, k))];
    for (let x = 0; x < w; x++) {
      dst[row + x] = sum / taps;
      const enter = x + taps - back;
      const leave = x - back;
      sum += src[row + (enter > last ? last : enter)] - src[row + (leave < 0 ? 0 : leave)];
    }
  }
}

/** As {@link boxAcross}, down each column, a row at a time (the memory is read in order). */
function boxDown(
  src: Float32Array,
  dst: Float32Array,
  w: number,
  h: number,
  taps: number,
  back: number,
): void {
  const last = h - 1;
  const sum = new Float32Array(w);
  for (let k = -back; k < taps - back; k++) {
    const row = Math.min(last, Math.max(0, k)) * w;
    for (let x = 0; x < w; x++) sum[x] += src[row + x];
  }
  for (let y = 0; y < h; y++) {
    const out = y * w;
    const enter = Math.min(last, y + taps - back) * w;
    const leave = Math.max(0, y - back) * w;
    for (let x = 0; x < w; x++) {
      dst[out + x] = sum[x] / taps;
      sum[x] += src[enter + x] - src[leave + x];
    }
  }
}

/** Over the box, 1 where the mask has ink within `reach` pixels (a square), else 0. */
function nearInk(mask: Pixels, box: InkBox, reach: number): Uint8Array {
  const { width, data } = mask;
  const { x0, y0, x1, y1 } = box;
  const w = x1 - x0 + 1;
  const h = y1 - y0 + 1;
  const ink = new Float32Array(w * h);
  for (let y = 0, i = 0; y < h; y++) {
    for (let x = 0, p = ((y + y0) * width + x0) * 4; x < w; x++, p += 4, i++) {
      ink[i] = data[p] < 128 ? 1 : 0;
    }
  }
  // Counts of ink (whole numbers, exact in float) over the square: the box sums undivided.
  const taps = 2 * reach + 1;
  const across = new Float32Array(ink.length);
  boxAcross(ink, across, w, h, taps, reach);
  boxDown(across, ink, w, h, taps, reach);
  const near = new Uint8Array(ink.length);
  // A mean of whole counts over taps² cells: any ink makes it at least 1 / taps².
  const least = 0.5 / (taps * taps);
  for (let i = 0; i < near.length; i++) near[i] = ink[i] > least ? 1 : 0;
  return near;
}
