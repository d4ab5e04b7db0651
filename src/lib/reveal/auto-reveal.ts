/**
 * Auto reveal: find the background, the colour axis that carries the message and the cut,
 * with no tuning, and say what was found in plain words.
 */
import {
  TERMS,
  backgroundAt,
  fitBackground,
  surfaceTerms,
  type BackgroundModel,
} from './background-model.ts';
import {
  FAINT_LEVELS,
  channelNoise,
  deviations,
  estimateAxis,
  smoothedDeviations,
} from './colour-axis.ts';
import { checkImageSize } from './errors.ts';
import { chooseCut } from './choose-cut.ts';
import { denseGrid, regionMask } from './dense-look.ts';
import { hasImpulses } from './impulses.ts';
import { settleJpegMask } from './jpeg-settle.ts';
import type { JpegTables } from './jpeg-tables.ts';
import { autoRevealMessages as say } from './messages.ts';
import { maskPass } from './mask-pass.ts';
import { projection } from './projection.ts';
import { histogramMedian, sampleGrid, type SampleGrid } from './samples.ts';
import type { Split } from './separation.ts';
import { MAX_RADIUS, noiseFactor } from './smoothing.ts';
import type { Channel, Pixels, Rgba } from './types.ts';
import { WHITE, byteShift, createPixels, wordsOf } from './words.ts';

/** Options of {@link autoReveal}. Nothing to tune; only how much to look at. */
export interface AutoRevealOptions {
  /** Pixels sampled to choose the axis and the cut; the mask itself is always full size. */
  samples: number;
  /** Buffer to write the mask into (width × height × 4 bytes), reused between calls. */
  output?: Uint8ClampedArray;
}

/** About a quarter of a million samples: stable statistics, a few milliseconds. */
export const defaultAutoRevealOptions: AutoRevealOptions = { samples: 1 << 18 };

/** Weights of red, green, blue and alpha along which the text differs (unit length). */
export interface ColourAxis {
  red: number;
  green: number;
  blue: number;
  alpha: number;
}

/** What {@link autoReveal} found, and the mask it made. */
export interface AutoRevealResult {
  /** Text black on white, opaque, full size, whatever the text's own polarity. */
  mask: Pixels;
  /** Plain words, e.g. "Text differs from the background by 11 in red and 2 in blue." */
  description: string;
  /** The single channel that carries the message, or null when it spans several. */
  channel: Channel | null;
  /** Direction in RGBA along which text and background differ, text side positive. */
  axis: ColourAxis;
  /** Cut along the axis, in levels of deviation from the background. */
  threshold: number;
  /** Typical background colour (at the image's centre, where it varies). */
  background: Rgba;
  /** Text minus background, per channel, in levels (typical text pixel). */
  difference: Rgba;
  /** Whether the background varies across the image (a gradient or a curve) and was modelled. */
  gradient: boolean;
  /** Whether the text is higher or lower than the background in its strongest channel. */
  polarity: 'higher' | 'lower';
  /** Box smoothing radius used before the cut (0 = none): needed under noise. */
  smoothing: number;
  /** 0 (nothing found) to 1 (clean separation). */
  confidence: number;
  /** Share of the image classed as text (0–1). */
  textFraction: number;
  /**
   * The image's JPEG tables as Auto read them (null: not JPEG-coded), for the pictures "Read
   * text" makes of the same image; absent when Auto did not read them.
   */
  jpegTables?: JpegTables | null;
}

const channelNames = ['red', 'green', 'blue', 'alpha'] as const;

/** "11 in red and 2 in blue" from a per-channel difference. */
export function describeDifference(difference: Rgba): string {
  const parts = channelNames
    .map((name, c) => ({ name, d: Math.round(Math.abs(difference[c])) }))
    .filter((p) => p.d > 0)
    .map((p) => say.inChannel(p.d, p.name));
  if (parts.length === 0) return say.underOneLevel;
  if (parts.length === 1) return parts[0];
  return `${parts.slice(0, -1).join(say.comma)}${say.and}${parts[parts.length - 1]}`;
}

/** Samples used to compare smoothing radii: plenty for a stable split, cheap at 49 reads each. */
const EVALUATION_SAMPLES = 1 << 14;

/** Per channel, the median deviation of text samples minus that of background samples. */
function medianDifference(
  grid: SampleGrid,
  dev: Float32Array,
  values: Float32Array,
  every: number,
  cut: number,
): Rgba {
  // Quarter-level bins from −256 to +256.
  const bins = 2048;
  const text = new Uint32Array(4 * bins);
  const back = new Uint32Array(4 * bins);
  let nText = 0;
  let nBack = 0;
  for (let k = 0, o = 0; k < grid.words.length; k += every, o++) {
    const isText = values[o] > cut;
    const target = isText ? text : back;
    if (isText) nText++;
    else nBack++;
    for (let c = 0; c < 4; c++) {
      const b = Math.min(bins - 1, Math.max(0, Math.round((dev[k * 4 + c] + 256) * 4)));
      target[c * bins + b]++;
    }
  }
  const result = [0, 0, 0, 0];
  if (nText === 0 || nBack === 0) return [0, 0, 0, 0];
  for (let c = 0; c < 4; c++) {
    const t = histogramMedian(text.subarray(c * bins, (c + 1) * bins), nText) / 4 - 256;
    const b = histogramMedian(back.subarray(c * bins, (c + 1) * bins), nBack) / 4 - 256;
    result[c] = t - b;
  }
  return result as unknown as Rgba;
}

/** Confidence the faint-only look must reach to be preferred over the look at everything. */
const FAINT_CONFIDENCE = 0.5;

/** How the image is looked at: how far a difference may go, speckle, and the axis's smoothing. */
interface Look {
  limit: number;
  impulses: boolean;
  axisRadius: number;
}

/** The axis, its projection and the cut, looking at deviations up to `limit`; null if flat. */
function analyse(
  pixels: Pixels,
  grid: SampleGrid,
  model: BackgroundModel,
  dev: Float32Array,
  look: Look,
  every: number,
  signal?: AbortSignal,
  margin?: number,
) {
  const { limit, impulses, axisRadius } = look;
  // Under noise the text's colour shows only once averaged: find the axis on smoothed samples.
  const smoothed =
    axisRadius > 0
      ? smoothedDeviations(pixels, grid, model, axisRadius, every, limit, signal)
      : undefined;
  const { axis, mixed } = estimateAxis(grid, dev, limit, signal, smoothed);
  if (Math.hypot(...axis) === 0) return null;
  let p = projection(axis, model);
  const noise = channelNoise(grid);
  let variance = 0;
  for (let c = 0; c < 4; c++) variance += (axis[c] * noise[c]) ** 2;
  const choice = chooseCut(
    pixels,
    grid,
    p,
    every,
    limit,
    signal,
    impulses,
    Math.sqrt(variance),
    margin,
  );
  if (choice.flipped) {
    for (let c = 0; c < 4; c++) axis[c] = -axis[c];
    p = projection(axis, model);
  }
  return { axis, p, choice, mixed };
}

/** Noise (levels) the smoothed samples that choose the axis may keep: well under one level. */
const AXIS_NOISE = 0.75;

/** The smallest kernel that brings the noisiest colour channel under {@link AXIS_NOISE}. */
function axisRadiusFor(grid: SampleGrid): number {
  const noise = channelNoise(grid);
  const worst = Math.max(noise[0], noise[1], noise[2], noise[3]);
  for (let r = 0; r < MAX_RADIUS; r++) if (worst * noiseFactor(r) <= AXIS_NOISE) return r;
  return MAX_RADIUS;
}

/**
 * Share of the faint text found that sits within two pixels of visible content: JPEG's
 * ringing round visible text is faint and clean too, but it hugs the text it comes from.
 */
function haloShare(
  pixels: Pixels,
  grid: SampleGrid,
  model: BackgroundModel,
  values: Float32Array,
  every: number,
  cut: number,
): number {
  const { width, height } = pixels;
  const words = wordsOf(pixels.data);
  const limit = FAINT_LEVELS * FAINT_LEVELS;
  const terms = new Float64Array(TERMS);
  let text = 0;
  let halo = 0;
  for (let k = 0, o = 0; k < grid.words.length; k += every, o++) {
    if (!(values[o] > cut)) continue;
    text++;
    const x0 = grid.xs[k];
    const y0 = grid.ys[k];
    surfaceTerms(model, x0, y0, terms);
    const back = [0, 1, 2, 3].map((c) =>
      terms.reduce((sum, t, i) => sum + t * model.coefficients[c * TERMS + i], 0),
    );
    search: for (let y = Math.max(0, y0 - 2); y <= Math.min(height - 1, y0 + 2); y++) {
      for (let x = Math.max(0, x0 - 2); x <= Math.min(width - 1, x0 + 2); x++) {
        const w = words[y * width + x];
        let sq = 0;
        for (let c = 0; c < 4; c++) sq += (((w >>> shifts[c]) & 255) - back[c]) ** 2;
        if (sq > limit) {
          halo++;
          break search;
        }
      }
    }
  }
  return text === 0 ? 0 : halo / text;
}

const shifts = [0, 1, 2, 3].map(byteShift);

/** Confidence from the separation: one blob of noise split in two scores about 2.7. */
function confidenceOf(split: Split): number {
  return Math.min(1, Math.max(0, (split.separation - 3) / 5));
}

/** Below this confidence the text found is called weak. */
export const WEAK_CONFIDENCE = 0.35;

/** The least confidence of text that is there: shown, and called weak. */
const THERE = 0.05;

/** Share of samples past the cut that counts as text, beyond what noise puts there. */
const TEXT_SHARE = 0.002;

/** Upper tail of the standard normal beyond z (Abramowitz and Stegun 7.1.26, to 1.5e-7). */
function upperTail(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const poly =
    t *
    (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erfc = poly * Math.exp(-x * x);
  return z >= 0 ? erfc / 2 : 1 - erfc / 2;
}

/**
 * Share of background pixels past `cut` under noise of the measured spread (per channel, from
 * neighbour differences), taken along the axis and shrunk by the kernel of `radius`.
 */
function noiseTail(axis: Float64Array, noise: Float64Array, radius: number, cut: number): number {
  let variance = 0;
  for (let c = 0; c < 4; c++) variance += (axis[c] * noise[c]) ** 2;
  const spread = Math.sqrt(variance) * noiseFactor(radius);
  return spread > 0 ? upperTail(cut / spread) : 0;
}

/**
 * Whether the samples past the cut are text, not noise: noise of the measured spread (from
 * neighbour differences, along the axis, shrunk by the kernel) would put only a tail past
 * the cut; text puts a share there far beyond that tail.
 */
function textIsThere(
  split: Split,
  cut: number,
  axis: Float64Array,
  noise: Float64Array,
  radius: number,
): boolean {
  const expected = noiseTail(axis, noise, radius, cut);
  const observed = split.highCount / Math.max(1, split.highCount + split.lowCount);
  return observed - expected >= TEXT_SHARE && observed >= 4 * expected;
}

/** Whether what a look found is text, not noise (see {@link textIsThere}). */
function foundText(found: NonNullable<ReturnType<typeof analyse>>, grid: SampleGrid): boolean {
  const { split, cut, radius } = found.choice;
  return textIsThere(split, cut, found.axis, channelNoise(grid), radius);
}

/** Stray pixels the whole image's noise may put past the cut, as a share of the text found. */
const STRAY_SHARE = 0.05;

/** Share of background pixels that noise of the image's spread puts past a look's cut. */
function strayRate(found: NonNullable<ReturnType<typeof analyse>>, noise: Float64Array): number {
  return noiseTail(found.axis, noise, found.choice.radius, found.choice.cut);
}

/**
 * Spreads of smoothed noise (×2) between the classes on a second try in the closer look: half
 * again the first's 5, so the kernel grows one step before it grows to what strays allow.
 */
const RETRY_MARGIN = 7.5;

/** The z beyond which the standard normal's upper tail is `rate` (bisection; rate > 0). */
function zFor(rate: number): number {
  let low = 0;
  let high = 40;
  for (let i = 0; i < 60; i++) {
    const mid = (low + high) / 2;
    if (upperTail(mid) > rate) low = mid;
    else high = mid;
  }
  return high;
}

/**
 * The second, denser look where small text may be (dense-look.ts), when it finds text there:
 * what it found, on which samples, and the share of the image they cover. Null otherwise, with
 * the first look's deviations as they were.
 */
function lookCloser(
  pixels: Pixels,
  grid: SampleGrid,
  model: BackgroundModel,
  dev: Float32Array,
  look: Look,
  every: number,
  samples: number,
  signal?: AbortSignal,
) {
  const dense = denseGrid(pixels, grid, dev, channelNoise(grid), samples, signal);
  if (!dense) return null;
  const denseEvery = Math.max(1, Math.floor(dense.words.length / EVALUATION_SAMPLES));
  // Only a look at least twice as dense as the first can see what the first could not.
  if (dense.step ** 2 * denseEvery * 2 > grid.step ** 2 * every) return null;
  // deviations() reuses one buffer: keep the first look's to put back.
  const first = dev.slice();
  const denseDev = deviations(dense, model);
  let found = analyse(pixels, dense, model, denseDev, look, denseEvery, signal);
  const pixelCount = pixels.width * pixels.height;
  const share = (dense.words.length * dense.step ** 2) / pixelCount;
  if (found && !foundText(found, dense)) {
    // Under noise of half the text's difference, the least kernel that parts the classes
    // leaves a tail past the cut as large as small text's share of the region: smooth more.
    const { highCount, lowCount } = found.choice.split;
    const rate = Math.max(
      1e-6,
      (STRAY_SHARE * share * highCount) / Math.max(1, highCount + lowCount),
    );
    // A little more first (the least that keeps thin strokes), then as much as strays allow.
    for (const margin of [RETRY_MARGIN, 2 * zFor(rate)]) {
      const again = analyse(pixels, dense, model, denseDev, look, denseEvery, signal, margin);
      if (again && foundText(again, dense)) {
        found = again;
        break;
      }
    }
  }
  if (found && foundText(found, dense)) {
    // The cut was chosen where the text is, but the mask covers the whole image: noise that
    // crosses the cut one pixel in a thousand there would bury a few hundred pixels of text.
    const { highCount, lowCount } = found.choice.split;
    const allowed = (STRAY_SHARE * share * highCount) / Math.max(1, highCount + lowCount);
    const noise = channelNoise(grid);
    if (strayRate(found, noise) > allowed) {
      const again = analyse(
        pixels,
        dense,
        model,
        denseDev,
        look,
        denseEvery,
        signal,
        2 * zFor(allowed),
      );
      if (again && foundText(again, dense)) found = again;
    }
    const weak = strayRate(found, noise) > allowed;
    return { found, grid: dense, dev: denseDev, every: denseEvery, share, weak };
  }
  dev.set(first);
  return null;
}

/**
 * Reveal hidden text without settings: fit the background (flat, a gradient or a smooth
 * curve), find the colour axis where the text differs, smooth only as much as the noise
 * demands, cut halfway between background and text, and draw the text black on white.
 * Decisions come from a sample of about `samples` pixels; the mask is one full-size pass.
 * Throws ImageTooLargeError over 100 megapixels, and the signal's reason when aborted.
 */
export function autoReveal(
  pixels: Pixels,
  options: Partial<AutoRevealOptions> = {},
  signal?: AbortSignal,
): AutoRevealResult {
  const { width, height } = pixels;
  checkImageSize(width, height);
  const o = { ...defaultAutoRevealOptions, ...options };
  let grid = sampleGrid(pixels, o.samples, signal);
  const model = fitBackground(grid, width, height);
  const background: Rgba = [0, 1, 2, 3].map((c) =>
    Math.min(255, Math.max(0, Math.round(backgroundAt(model, c, width / 2, height / 2)))),
  ) as unknown as Rgba;
  let every = Math.max(1, Math.floor(grid.words.length / EVALUATION_SAMPLES));
  let dev = deviations(grid, model);
  // Salt and pepper: the dots are far from the background, so look at faint differences only.
  const impulses = hasImpulses(grid, dev, channelNoise(grid));
  const axisRadius = axisRadiusFor(grid);
  const look: Look = { limit: impulses ? FAINT_LEVELS : Infinity, impulses, axisRadius };
  let found = analyse(pixels, grid, model, dev, look, every, signal);
  // Faint text beside visible content (a frame, a logo): looking at all differences alike
  // finds the visible content. Look at the faint ones alone too, and keep that when it
  // separates cleanly; noise alone never does, so visible text under noise is left alone.
  if (found?.mixed && !impulses) {
    const faintOnly = analyse(
      pixels,
      grid,
      model,
      dev,
      { ...look, limit: FAINT_LEVELS },
      every,
      signal,
    );
    if (
      faintOnly &&
      confidenceOf(faintOnly.choice.split) >= FAINT_CONFIDENCE &&
      haloShare(pixels, grid, model, faintOnly.choice.values, every, faintOnly.choice.cut) < 0.5
    ) {
      found = faintOnly;
    }
  }
  // Small text in a big image is too few samples to tell from noise: look again where it is.
  let share = 1;
  let weak = false;
  if (!impulses && !(found && foundText(found, grid))) {
    const closer = lookCloser(pixels, grid, model, dev, look, every, o.samples, signal);
    if (closer) ({ found, grid, dev, every, share, weak } = closer);
  }
  if (!found) return nothingFound(pixels, background, model.gradient);
  const { axis, p, choice } = found;
  const { radius, cut, values, split } = choice;
  const mask =
    share < 1 && radius > 0
      ? regionMask(pixels, grid, p, radius, cut, choice.reading, signal, o.output)
      : maskPass(pixels, p, radius, cut, signal, o.output, choice.reading);
  // A JPEG: settle the mask against the blocks the file holds.
  const jpegTables = impulses ? undefined : settleJpegMask(pixels, model, axis, cut, mask, signal);
  const difference = medianDifference(grid, dev, values, every, cut);
  // Confidence from how cleanly the classes part, but text that is there is never "none".
  const there = textIsThere(split, cut, axis, channelNoise(grid), radius);
  let confidence = there ? Math.max(THERE, confidenceOf(split)) : 0;
  // Noise across the rest of the image speckles the mask of small text: say it is weak.
  if (weak) confidence = Math.min(confidence, WEAK_CONFIDENCE / 2);
  const textFraction = (share * split.highCount) / Math.max(1, split.highCount + split.lowCount);
  const strongest = [0, 1, 2, 3].reduce(
    (best, c) => (Math.abs(axis[c]) > Math.abs(axis[best]) ? c : best),
    0,
  );
  const single = Math.abs(axis[strongest]) >= 0.95 ? channelNames[strongest] : null;
  return {
    mask,
    description: describe(difference, confidence, model.gradient, radius, impulses),
    channel: single,
    axis: { red: axis[0], green: axis[1], blue: axis[2], alpha: axis[3] },
    threshold: cut,
    background,
    difference,
    gradient: model.gradient,
    polarity: (difference[strongest] || axis[strongest]) >= 0 ? 'higher' : 'lower',
    smoothing: radius,
    confidence,
    textFraction,
    ...(jpegTables !== undefined && { jpegTables }),
  };
}

/** The sentences shown to the person. */
function describe(
  difference: Rgba,
  confidence: number,
  gradient: boolean,
  radius: number,
  impulses: boolean,
): string {
  const levels = describeDifference(difference);
  // How it looked does not matter when nothing was found; keep the one useful sentence.
  if (confidence === 0) return say.unclear(levels);
  const parts = [confidence < WEAK_CONFIDENCE ? say.weak(levels) : say.found(levels)];
  if (gradient) parts.push(say.gradient);
  if (radius > 0) parts.push(say.smoothed(2 * radius + 1));
  if (impulses) parts.push(say.specks);
  return parts.join(' ');
}

/** The result for an image with no variation at all: an all-white mask. */
function nothingFound(pixels: Pixels, background: Rgba, gradient: boolean): AutoRevealResult {
  const { pixels: mask, words } = createPixels(pixels.width, pixels.height);
  words.fill(WHITE);
  return {
    mask,
    description: say.nothing,
    channel: null,
    axis: { red: 0, green: 0, blue: 0, alpha: 0 },
    threshold: 0,
    background,
    difference: [0, 0, 0, 0],
    gradient,
    polarity: 'higher',
    smoothing: 0,
    confidence: 0,
    textFraction: 0,
  };
}
