/**
 * Choosing the smoothing and the cut along the text axis, on samples. Clean images are cut
 * as they are. Under noise, a heavily smoothed split finds where the text surely is; the
 * text's true level is read from the unsmoothed values there; then the smallest window that
 * beats the noise is used, cut halfway between background and text levels. Halfway matters:
 * a box window blurs a stroke, and only a cut at half the true difference keeps its width
 * (a cut between the blurred classes would thicken strokes to the window's size).
 */
import { plainReading, sampleValuesUpTo, type Projection, type Reading } from './projection.ts';
import type { SampleGrid } from './samples.ts';
import { splitValues, stats, type Split } from './separation.ts';
import { MAX_RADIUS, noiseFactor } from './smoothing.ts';
import type { Pixels } from './types.ts';

/** Separation (gap over spread) that counts as clean: about 1 pixel in 1000 on the wrong side. */
export const CLEAN_SEPARATION = 6;

/** Spreads of smoothed noise (×2) between the classes that a kernel must reach to be enough. */
const NOISE_MARGIN = 5;

/** Smoothed-noise spreads past which a sample is surely text. */
const SURE = 4;

/** Least smoothed spread assumed (levels): JPEG's errors hide from neighbour differences. */
const SURE_FLOOR = 0.25;

/**
 * Where in the band of likely text, from the bottom, the text's true level is read on a clean
 * background (see chooseCut). Tuning draws (min / median IoU), JPEG quality 70–95 of the
 * lesson's colours: the mode alone 0.61 / 0.73, 0.85 → 0.64 / 0.76, 0.9 → 0.71 / 0.78;
 * 12 px text after JPEG: 0.56 / 0.63, 0.85 → 0.58 / 0.72, 0.9 → 0.63 / 0.76. Higher reads
 * Chromium's own JPEG of the lesson image too thin: at 0.9 it leaves 15 % of the lesson rule's
 * text white (the e2e check allows 10 %), at 0.85 6 %, as before.
 */
const TEXT_QUANTILE = 0.85;

/** Share of samples that must be sure text for the sure-text path. */
const SURE_SHARE = 0.001;

/** What {@link chooseCut} decided. */
export interface CutChoice {
  /** Box radius (0 = no smoothing). */
  radius: number;
  /** Cut on the projection; text is above it. */
  cut: number;
  /** Sample values at that radius, text side positive. */
  values: Float32Array;
  /** Class statistics of those values at the cut. */
  split: Split;
  /** Whether the projection must be negated so that text lies above the cut. */
  flipped: boolean;
  /** How the mask must read each pixel (outliers taken as the midpoint). */
  reading: Reading;
}

/** The values where `keep` holds, as a typed array (sorts numerically, and fast). */
function pick(values: Float32Array, keep: (i: number) => boolean): Float32Array {
  let n = 0;
  for (let i = 0; i < values.length; i++) if (keep(i) && values[i] === values[i]) n++;
  const out = new Float32Array(n);
  // NaN marks visible content (see `faint`): never part of a level or a spread.
  for (let i = 0, o = 0; i < values.length; i++) {
    if (keep(i) && values[i] === values[i]) out[o++] = values[i];
  }
  return out;
}

/** Mark values beyond `limit` as NaN: visible content, left out of every statistic. */
function faint(values: Float32Array, limit: number): Float32Array {
  if (limit === Infinity) return values;
  for (let i = 0; i < values.length; i++) if (Math.abs(values[i]) > limit) values[i] = NaN;
  return values;
}

/** Median of the values where `keep` holds (NaN when none do). */
function medianWhere(values: Float32Array, keep: (i: number) => boolean): number {
  const picked = pick(values, keep).sort();
  return picked.length === 0 ? NaN : picked[picked.length >> 1];
}

/**
 * Text level of a two-part Gaussian mixture over the selected values, with the background's
 * level and the common noise known: a few rounds of expectation-maximisation.
 */
function mixtureTextLevel(
  values: Float32Array,
  keep: (i: number) => boolean,
  backLevel: number,
  noise: number,
  start: number,
): number {
  const all = pick(values, keep);
  if (all.length === 0) return NaN;
  // A few thousand values pin two parameters down; more only costs exponentials.
  const stride = Math.max(1, Math.floor(all.length / 16384));
  const picked = stride === 1 ? all : all.filter((_, i) => i % stride === 0);
  const twoVar = 2 * Math.max(noise, 0.5) ** 2;
  let level = Math.max(start, backLevel + 1e-3);
  let share = 0.5;
  // The background's level is known: its likelihoods are the same every round.
  const backLikelihood = Float64Array.from(picked, (v) =>
    Math.exp(-((v - backLevel) ** 2) / twoVar),
  );
  for (let round = 0; round < 50; round++) {
    let weight = 0;
    let sum = 0;
    for (let i = 0; i < picked.length; i++) {
      const v = picked[i];
      const t = share * Math.exp(-((v - level) ** 2) / twoVar);
      const b = (1 - share) * backLikelihood[i];
      const r = t + b > 0 ? t / (t + b) : v > (level + backLevel) / 2 ? 1 : 0;
      weight += r;
      sum += r * v;
    }
    if (weight === 0) break;
    const next = sum / weight;
    share = weight / picked.length;
    if (Math.abs(next - level) < 1e-3) {
      level = next;
      break;
    }
    level = next;
  }
  return level;
}

/** The most common of the selected values above `floor` (quarter-level bins, lightly smoothed). */
function modeAbove(values: Float32Array, keep: (i: number) => boolean, floor: number): number {
  const bins = new Float64Array(4 * 512);
  let any = false;
  for (let i = 0; i < values.length; i++) {
    if (!keep(i) || !(values[i] > floor)) continue;
    const b = Math.min(bins.length - 1, Math.round((values[i] - floor) * 4));
    bins[b]++;
    any = true;
  }
  if (!any) return floor;
  let best = 0;
  let bestCount = -1;
  for (let b = 0; b < bins.length; b++) {
    let sum = 0;
    for (let k = -2; k <= 2; k++) sum += (3 - Math.abs(k)) * (bins[b + k] ?? 0);
    if (sum > bestCount) {
      bestCount = sum;
      best = b;
    }
  }
  return floor + best / 4;
}

/**
 * Noise of the selected values around `level`: the RMS of the three quarters nearest to it,
 * scaled to a Gaussian's σ. Trimming ignores JPEG's ringing next to the text; RMS (not a
 * median) stays right when the noise is only a level or two and values are whole levels.
 */
function trimmedNoise(values: Float32Array, keep: (i: number) => boolean, level: number): number {
  const offsets = pick(values, keep);
  if (offsets.length === 0) return 0;
  for (let i = 0; i < offsets.length; i++) offsets[i] = Math.abs(offsets[i] - level);
  offsets.sort();
  const kept = Math.max(1, Math.floor(offsets.length * 0.75));
  let squares = 0;
  for (let i = 0; i < kept; i++) squares += offsets[i] * offsets[i];
  // E[x² | |x| < 1.15σ] = 0.369 σ² for a Gaussian.
  return Math.sqrt(squares / kept / 0.369);
}

/** Where in the text class its full level is read: past antialiased edges, short of outliers. */
const FULL_TEXT_QUANTILE = 0.9;

/** How far below the exact halfway level the cut sits, so a pixel half covered counts as text. */
const HALF_TIE = 1e-3;

/**
 * The cut halfway between the background's level and the text's full level, on a clean image.
 * Antialiased text has edge pixels at every level between the two; a two-class split of their
 * histogram can fall anywhere among them, and where strokes are about a pixel wide (12 px
 * text) a split above the halfway level loses the strokes that fall across two pixel rows,
 * each half covered (an E's bars: "MFSSAGF" for "MESSAGE"). Halfway is where a rasteriser
 * calls a pixel covered, and on the lesson's colours (11 levels apart) it is exactly the
 * lesson's rule, red 120 and below. `cut` is the split's cut, text above it.
 */
function halfwayCut(values: Float32Array, cut: number): number {
  const back = medianWhere(values, (i) => values[i] <= cut);
  const text = pick(values, (i) => values[i] > cut).sort();
  if (text.length === 0 || !(back === back)) return cut;
  const full = text[Math.floor(text.length * FULL_TEXT_QUANTILE)];
  return (back + full) / 2 - HALF_TIE;
}

/** Whether the split's upper class is the background (the class nearer zero deviation). */
function backgroundIsHigh(split: Split): boolean {
  return Math.abs(split.highMean) < Math.abs(split.lowMean);
}

/** Negate values in place when flipped, so text is always the upper class. */
function orient(values: Float32Array, flipped: boolean): Float32Array {
  if (flipped) for (let i = 0; i < values.length; i++) values[i] = -values[i];
  return values;
}

/**
 * Choose the smoothing radius and the cut (see the module comment). `impulses` says that
 * isolated far-off dots (salt and pepper) speckle the image: they are read as background
 * while choosing, as the midpoint in the mask, and at least the smallest kernel votes them out.
 * `margin` is how many spreads of smoothed noise (×2) must part the classes: more when the
 * samples cover only part of a much larger image, whose every pixel the noise may cross the cut.
 */
export function chooseCut(
  pixels: Pixels,
  grid: SampleGrid,
  p: Projection,
  every: number,
  limit: number,
  signal?: AbortSignal,
  impulses = false,
  axisNoise = 0,
  margin = NOISE_MARGIN,
): CutChoice {
  const coarseReading: Reading = impulses ? { neutral: 0, far: limit } : plainReading;
  // Every radius of a reading from one read of each window; each caller gets its own copy
  // (they are turned and marked in place).
  const known = new Map<Reading, Float32Array[]>();
  const valuesAt = (r: number, reading: Reading) => {
    let all = known.get(reading);
    if (!all || all.length <= r) {
      all = sampleValuesUpTo(pixels, grid, p, r === 0 ? 0 : MAX_RADIUS, every, signal, reading);
      known.set(reading, all);
    }
    return faint(all[r].slice(), limit);
  };
  const raw = valuesAt(0, plainReading);
  const rawSplit = splitValues(raw);
  if (rawSplit.separation >= CLEAN_SEPARATION && !impulses) {
    const flipped = backgroundIsHigh(rawSplit);
    const values = orient(raw, flipped);
    const cut = halfwayCut(values, flipped ? -rawSplit.cut : rawSplit.cut);
    const split = stats(values, cut);
    return { radius: 0, cut, values, split, flipped, reading: plainReading };
  }
  // Where text surely is, and at what scale: for each kernel, the samples beyond four spreads
  // of its smoothed noise (measured from neighbour differences, so however little text there
  // is). The kernel that finds the most has the strokes' scale: past their width, blur
  // lowers them under the bar again. Text on either side of the background counts.
  let sure = { radius: 0, values: raw, count: 0, flipped: false, bar: Infinity };
  for (let r = 1; r <= MAX_RADIUS; r++) {
    const v = valuesAt(r, coarseReading);
    const bar = SURE * Math.max(axisNoise * noiseFactor(r), SURE_FLOOR);
    let up = 0;
    let down = 0;
    let upMass = 0;
    let downMass = 0;
    for (let i = 0; i < v.length; i++) {
      if (v[i] > bar) {
        up++;
        upMass += v[i];
      } else if (v[i] < -bar) {
        down++;
        downMass -= v[i];
      }
    }
    // The text's side carries more difference; JPEG's undershoot beside text is weaker.
    const flipped = downMass > upMass;
    const count = flipped ? down : up;
    if (count > sure.count || sure.radius === 0) {
      sure = { radius: r, values: v, count, flipped, bar };
    }
  }
  let coarse: { radius: number; values: Float32Array; split: Split };
  let flipped: boolean;
  let isBack: (i: number) => boolean;
  let inBand: (i: number) => boolean;
  let c: Float32Array;
  let s: Split;
  if (sure.count >= Math.max(20, raw.length * SURE_SHARE)) {
    flipped = sure.flipped;
    orient(raw, flipped);
    c = orient(sure.values, flipped);
    const bar = sure.bar;
    s = stats(c, bar);
    coarse = { radius: sure.radius, values: c, split: s };
    // Background: within two smoothed spreads of it; the band: past the bar.
    const near = bar / 2;
    isBack = (i) => Math.abs(c[i]) < near;
    inBand = (i) => c[i] > bar;
  } else {
    // No sure text: the kernel that separates best, to say what the strongest difference is.
    coarse = { radius: 0, values: raw, split: rawSplit };
    for (let r = 1; r <= MAX_RADIUS; r++) {
      const v = valuesAt(r, coarseReading);
      const split = splitValues(v);
      if (split.separation > coarse.split.separation || coarse.radius === 0) {
        coarse = { radius: r, values: v, split };
      }
    }
    flipped = backgroundIsHigh(coarse.split);
    orient(raw, flipped);
    c = orient(coarse.values, flipped);
    s = stats(c, flipped ? -coarse.split.cut : coarse.split.cut);
    const backCore = (s.cut + s.lowMean) / 2;
    const cutHere = s.cut;
    isBack = (i) => c[i] < backCore;
    inBand = (i) => c[i] > cutHere;
  }
  // The background's level and noise, from points far from any text.
  const backLevel = medianWhere(raw, isBack);
  const noise = trimmedNoise(raw, isBack, backLevel);
  // The text's true level. A wide window marks a band wider than the strokes, so the band's
  // unsmoothed values mix background and text: fit that two-part mixture (background level and
  // noise known, text level and share unknown) by expectation-maximisation.
  let textLevel = mixtureTextLevel(raw, inBand, backLevel, noise, s.highMean);

  // A clean background with an unclean cut is JPEG's or antialiasing's signature: strokes keep
  // their true level inside and blur at the edges, which a Gaussian mixture averages in. JPEG
  // pulls every edge and thin stroke part of the way to the background (its quantisation
  // drops the fine detail), so most values in the band lie below the text's level and only
  // stroke cores reach it: the level is near the top of the band, not its middle or mode.
  // Read too low, the cut lets the blocks' ringing in (false text outnumbered lost text by
  // five to one).
  if (noise < (textLevel - backLevel) / 4) {
    textLevel = Math.max(textLevel, modeAbove(raw, inBand, backLevel + 3 * noise + 0.5));
    const band = pick(raw, inBand).sort();
    if (band.length > 0) {
      textLevel = Math.max(textLevel, band[Math.floor(band.length * TEXT_QUANTILE)]);
    }
  }
  const gap = textLevel - backLevel;
  if (!(gap > 0)) {
    return {
      radius: coarse.radius,
      cut: s.cut,
      values: c,
      split: s,
      flipped,
      reading: coarseReading,
    };
  }
  // A pixel exactly halfway (half covered) counts as text, as in halfwayCut.
  const cut = backLevel + gap / 2 - HALF_TIE;
  // Outliers beyond any noise of either class count as the midpoint: no vote either way.
  // The reading is for the mask, whose projection has text positive; the samples here are
  // read before turning.
  const far = gap / 2 + 4 * noise + 1;
  const reading: Reading = impulses ? { neutral: cut, far } : plainReading;
  // The kernel at the strokes' scale, or a smaller one when that already leaves the midpoint
  // two and a half noise spreads from either class: smaller keeps corners and thin strokes.
  let radius = coarse.radius;
  // JPEG's errors are not independent noise: once the cut is at the true midpoint, its strokes
  // are sharpest unsmoothed. Salt and pepper always needs a vote of neighbours.
  for (let r = impulses ? 1 : 0; r < coarse.radius; r++) {
    if (noise * noiseFactor(r) <= gap / margin) {
      radius = r;
      break;
    }
  }
  const sampling = impulses ? { neutral: flipped ? -cut : cut, far } : plainReading;
  const values = orient(valuesAt(radius, sampling), flipped);
  return { radius, cut, values, split: stats(values, cut), flipped, reading };
}
