/**
 * JPEG's quantisation tables read back from the decoded pixels. A JPEG stores each 8 × 8
 * block's DCT coefficients as whole multiples of a step per frequency, so after decoding the
 * coefficients still cluster on those multiples (the classic quantisation-estimation or
 * "JPEG ghost" technique): the spacing of each frequency's nonzero coefficients is its step.
 * Chroma is read on the 2 × 2 averages, where 4:2:0 subsampling coded it.
 */
import type { Pixels } from './types.ts';
import { busyMacroblocks } from './busy-macroblocks.ts';
import { wordsOf } from './words.ts';

/** C[u·8 + x] = c(u)/2 · cos((2x + 1)uπ/16): JPEG's orthonormal 8-point DCT basis. */
const BASIS = Float64Array.from({ length: 64 }, (_, i) => {
  const u = i >> 3;
  const x = i & 7;
  return Math.cos(((2 * x + 1) * u * Math.PI) / 16) * (u === 0 ? Math.SQRT1_2 : 1) * 0.5;
});

/**
 * PIXEL_BASIS[(y·8 + x)·64 + v·8 + u]: what one level at (x, y) of a block adds to coefficient
 * (u, v). A pixel's change moves every coefficient of its block by this much.
 */
export const PIXEL_BASIS = Float64Array.from({ length: 4096 }, (_, i) => {
  const pixel = i >> 6;
  const k = i & 63;
  return BASIS[(k & 7) * 8 + (pixel & 7)] * BASIS[(k >> 3) * 8 + (pixel >> 3)];
});

const rows = new Float64Array(64);

/** Forward DCT of an 8 × 8 block (row-major, levels already shifted by −128) into `out`. */
export function forwardDct(block: ArrayLike<number>, out: Float64Array): void {
  for (let y = 0; y < 8; y++) {
    for (let u = 0; u < 8; u++) {
      let s = 0;
      for (let x = 0; x < 8; x++) s += BASIS[u * 8 + x] * block[y * 8 + x];
      rows[y * 8 + u] = s;
    }
  }
  for (let v = 0; v < 8; v++) {
    for (let u = 0; u < 8; u++) {
      let s = 0;
      for (let y = 0; y < 8; y++) s += BASIS[v * 8 + y] * rows[y * 8 + u];
      out[v * 8 + u] = s;
    }
  }
}

/** Inverse of {@link forwardDct}, into `out`. */
export function inverseDct(coef: ArrayLike<number>, out: Float64Array): void {
  for (let v = 0; v < 8; v++) {
    for (let x = 0; x < 8; x++) {
      let s = 0;
      for (let u = 0; u < 8; u++) s += BASIS[u * 8 + x] * coef[v * 8 + u];
      rows[v * 8 + x] = s;
    }
  }
  for (let y = 0; y < 8; y++) {
    for (let x = 0; x < 8; x++) {
      let s = 0;
      for (let v = 0; v < 8; v++) s += BASIS[v * 8 + y] * rows[v * 8 + x];
      out[y * 8 + x] = s;
    }
  }
}

/** Luma and chroma (JFIF) of one RGB pixel. */
export function toYCbCr(r: number, g: number, b: number, out: Float64Array, at: number): void {
  out[at] = 0.299 * r + 0.587 * g + 0.114 * b;
  out[at + 1] = -0.168736 * r - 0.331264 * g + 0.5 * b + 128;
  out[at + 2] = 0.5 * r - 0.418688 * g - 0.081312 * b + 128;
}

// prettier-ignore
const BASE_LUMA = [16,11,10,16,24,40,51,61,12,12,14,19,26,58,60,55,14,13,16,24,40,57,69,56,14,17,22,29,51,87,80,62,18,22,37,56,68,109,103,77,24,35,55,64,81,104,113,92,49,64,78,87,103,121,120,101,72,92,95,98,112,100,103,99];
// prettier-ignore
const BASE_CHROMA = [17,18,24,47,99,99,99,99,18,21,26,66,99,99,99,99,24,26,56,99,99,99,99,99,47,66,99,99,99,99,99,99,99,99,99,99,99,99,99,99,99,99,99,99,99,99,99,99,99,99,99,99,99,99,99,99,99,99,99,99,99,99,99,99];

/** The JPEG standard's example table (Annex K) scaled as libjpeg does for a quality 1–100. */
export function standardTable(base: readonly number[], quality: number): Float64Array {
  const scale = quality < 50 ? 5000 / quality : 200 - quality * 2;
  return Float64Array.from(base, (v) =>
    Math.min(255, Math.max(1, Math.floor((v * scale + 50) / 100))),
  );
}

/** The standard luma and chroma tables at a quality, as most encoders (libjpeg, browsers) use. */
export function standardTables(quality: number): JpegTables {
  return {
    luma: standardTable(BASE_LUMA, quality),
    chroma: standardTable(BASE_CHROMA, quality),
    quality,
  };
}

/** The steps found, per frequency (row-major, DC first); 0 where a frequency told nothing. */
export interface JpegTables {
  luma: Float64Array;
  chroma: Float64Array;
  /** The standard tables' quality (libjpeg's 1–100) these are. */
  quality: number;
}

/** Most macroblocks read for the estimate: spread over the image, enough for every frequency. */
const MAX_BLOCKS = 1024;

/** AC coefficients read before judging whether they are mostly zero (about 60 blocks). */
const EARLY_LOOK = 63 * 64;

/**
 * Share of nonzero AC coefficients beyond which the image is not JPEG-coded at a loss that
 * matters: JPEG text at quality 70–95 has at most about 0.1, noise of σ 6 about 0.45.
 */
const MOST_NONZERO = 0.2;

/**
 * Nonzero coefficients kept before a first look at whether any lattice explains them: about
 * twenty macroblocks of noise of σ 2, or most of a small JPEG (which then never takes the look).
 */
const QUICK_LOOK = 512;

/**
 * Values the spread-out sample of a big image should give: fewer, and the busy macroblocks it
 * passed over are read too. A line of 12 px JPEG text in a 12 MP photo gave it 4–22 values
 * (the tests' five), where the small JPEG of the same text gives 26–228: the second look reads
 * exactly those.
 */
const ENOUGH_VALUES = QUICK_LOOK;

/**
 * Most coefficients kept per frequency and plane: plenty to place a lattice, and the quality
 * fit (100 qualities × every value) stays a few milliseconds on a noisy photograph.
 */
const PER_FREQUENCY = 48;

/**
 * Least size of a coefficient counted as nonzero: the decoder's rounding to whole levels moves
 * a zero coefficient by about 0.3 typically and up to about 1.5 in two-level blocks.
 */
const NONZERO = 2.5;

/** Spread (levels) of a coefficient about its lattice point after the decoder's rounding. */
const SPREAD = 0.5;

/**
 * Least and most span (levels) of a smooth block: a gentle ramp, as a gradient leaves after
 * JPEG. The decoder rounds such a ramp to a staircase whose rounding is the same across the
 * block, so it moves the low coefficients off the lattice by up to about 2 (a step of 7 read
 * as 8.8 on a 12 MP gradient at quality 70), where a busier block's rounding mostly cancels
 * out. Two-level blocks stay sharp: they sit on the lattice as well as busier ones.
 */
const SMOOTH_LEAST = 2;
const SMOOTH_MOST = 3;

/** Where a plane's values from smooth blocks are kept: frequency k at SMOOTH_AT + k. */
const SMOOTH_AT = 64;

/** Spread (levels) of a smooth block's coefficient about its lattice point. */
const SMOOTH_SPREAD = 1.5;

/**
 * What a smooth block's value counts for in the share of values the lattice must explain: it
 * tells a coarse step from a fine one only roughly, so it adds little to the gain.
 */
const SMOOTH_WEIGHT = 0.25;

/** Floor of one coefficient's likelihood, so that a few stray values cannot veto a step. */
const STRAY = 0.05;

/** Nonzero coefficients needed to tell anything. */
const LEAST_VALUES = 24;

/** Above this quality the steps are too fine to tell from whole numbers, and to matter. */
const MOST_QUALITY = 95;

/** How much better (nats a coefficient) the lattice must explain them than whole numbers. */
const LATTICE_GAIN = 0.5;

/**
 * How well a lattice of step q explains the values: Σ log(STRAY + q · N(distance to the
 * nearest multiple)). The factor q is the lattice's own odds (a coarser lattice is less
 * likely to hold values by chance), so a step's divisors, which fit as well, score less.
 */
function latticeScore(values: readonly number[], q: number): number {
  let score = 0;
  for (const v of values) {
    const d = v - Math.round(v / q) * q;
    score += Math.log(STRAY + q * Math.exp((-d * d) / (2 * SPREAD * SPREAD)));
  }
  return score;
}

/**
 * {@link latticeScore} of values from smooth blocks, at {@link SMOOTH_SPREAD}: every lattice
 * point within reach counts (at that spread a fine step's points overlap, so a fine step, whole
 * numbers included, explains such values no better than any other), and the point 0 does not
 * (a smooth block's rounding alone can lift a zero coefficient past {@link NONZERO}, which
 * would otherwise make the coarsest steps explain every small value).
 */
function smoothScore(values: readonly number[], q: number): number {
  let score = 0;
  const odds = (q * SPREAD) / SMOOTH_SPREAD;
  const reach = 3 * SMOOTH_SPREAD;
  for (const v of values) {
    let sum = 0;
    const last = Math.floor((v + reach) / q);
    for (let m = Math.ceil((v - reach) / q); m <= last; m++) {
      const d = v - m * q;
      if (m !== 0) sum += Math.exp((-d * d) / (2 * SMOOTH_SPREAD * SMOOTH_SPREAD));
    }
    score += Math.log(STRAY + odds * sum);
  }
  return score;
}

/** How well a table's steps explain a plane's values, sharp and smooth. */
function planeScore(values: number[][], table: ArrayLike<number>): number {
  let score = 0;
  for (let k = 1; k < 64; k++) {
    score += latticeScore(values[k], table[k]) + smoothScore(values[SMOOTH_AT + k], table[k]);
  }
  return score;
}

/** Steps of 1: whole numbers. */
const WHOLE = new Float64Array(64).fill(1);

/**
 * The quality whose standard tables best explain the coefficients of every frequency that
 * has any. Few blocks hold text, so most frequencies have few coefficients alone; together
 * they pin the quality down.
 */
function standardQuality(
  ys: number[][],
  cs: number[][],
  most = 100,
): { quality: number; score: number } {
  let best = 0;
  let bestScore = -Infinity;
  for (let quality = 1; quality <= most; quality++) {
    const t = standardTables(quality);
    const score = planeScore(ys, t.luma) + planeScore(cs, t.chroma);
    if (score > bestScore) [best, bestScore] = [quality, score];
  }
  return { quality: best, score: bestScore };
}

/**
 * The decoder's planes of the 16 × 16 macroblock at (mx, my): luma (256, row-major) and chroma
 * averaged over 2 × 2 (64 each), rounded to whole levels as the decoder held them (rounding
 * undoes the RGB rounding's error, which is correlated within a block and would move
 * coefficients off the lattice).
 */
export function macroblockPlanes(
  pixels: Pixels,
  mx: number,
  my: number,
  y: Float64Array,
  cb: Float64Array,
  cr: Float64Array,
): void {
  const { width, data } = pixels;
  const t = new Float64Array(3);
  cb.fill(0);
  cr.fill(0);
  for (let i = 0; i < 256; i++) {
    const p = ((my + (i >> 4)) * width + mx + (i & 15)) * 4;
    toYCbCr(data[p], data[p + 1], data[p + 2], t, 0);
    y[i] = Math.round(t[0]);
    const c = ((i >> 5) << 3) + ((i & 15) >> 1);
    cb[c] += t[1] / 4;
    cr[c] += t[2] / 4;
  }
  for (let c = 0; c < 64; c++) {
    cb[c] = Math.round(cb[c]);
    cr[c] = Math.round(cr[c]);
  }
}

/** The block b of a macroblock's planes (0–3 luma, 4 Cb, 5 Cr), shifted by −128, into `out`. */
export function blockOfPlanes(
  b: number,
  y: Float64Array,
  cb: Float64Array,
  cr: Float64Array,
  out: Float64Array,
): void {
  const plane = b < 4 ? y : b === 4 ? cb : cr;
  const stride = b < 4 ? 16 : 8;
  const at = b < 4 ? (b >> 1) * 128 + (b & 1) * 8 : 0;
  for (let row = 0; row < 8; row++) {
    for (let x = 0; x < 8; x++) out[row * 8 + x] = plane[at + row * stride + x] - 128;
  }
}

/**
 * How many values there are, what they weigh (those from smooth blocks at
 * {@link SMOOTH_WEIGHT}), and how well whole numbers (a step of 1) explain them.
 */
function wholeScore(
  ys: number[][],
  cs: number[][],
): { count: number; weight: number; whole: number } {
  let count = 0;
  let weight = 0;
  for (let k = 1; k < 64; k++) {
    const smooth = ys[SMOOTH_AT + k].length + cs[SMOOTH_AT + k].length;
    count += ys[k].length + cs[k].length + smooth;
    weight += ys[k].length + cs[k].length + smooth * SMOOTH_WEIGHT;
  }
  return { count, weight, whole: planeScore(ys, WHOLE) + planeScore(cs, WHOLE) };
}

/**
 * Whether some standard quality up to {@link MOST_QUALITY} explains the values at all better
 * than whole numbers. On its first {@link QUICK_LOOK} values, JPEG of quality 70–95 gains at
 * least 0.4 nats a value (the reading corpus, 24 draws a family), pictures never JPEG-coded
 * lose 0.59 or more. The final test asks {@link LATTICE_GAIN} of every value, so an image
 * turned down here would have passed there only if the rest of its values swung it by more
 * than half a nat a value.
 */
function latticeExplains(ys: number[][], cs: number[][]): boolean {
  return standardQuality(ys, cs, MOST_QUALITY).score > wholeScore(ys, cs).whole;
}

/**
 * Per frequency, the nonzero coefficients of luma and of chroma in up to
 * {@link MAX_BLOCKS} macroblocks spread over the image; flat blocks are passed over unread.
 * When those give fewer than {@link ENOUGH_VALUES} that may be JPEG's (a line of small text in a
 * big photo falls between them), up to {@link MAX_BLOCKS} more are read among the busiest
 * macroblocks not read yet.
 */
function nonzeroCoefficients(pixels: Pixels): { ys: number[][]; cs: number[][] } | null {
  const mw = Math.floor(pixels.width / 16);
  const mh = Math.floor(pixels.height / 16);
  const all = mw * mh;
  const stride = Math.max(1, Math.floor(all / MAX_BLOCKS));
  const sample = new CoefficientSample(pixels);
  for (let n = 0; n < all; n += stride) {
    if (sample.turnedDown()) return null;
    sample.read((n % mw) * 16, Math.floor(n / mw) * 16);
  }
  // Small images were read whole (a stride of 1): the second look is for big ones only, on a
  // plain background (most macroblocks one colour, as JPEG leaves a flat one, or smooth, as it
  // leaves a gradient; noise has no such blocks and keeps the first look's answer), and only
  // when the values so far are too few to tell or fit a lattice (a drawn picture's do not).
  // Smooth macroblocks count as plain only when the sample shows a gradient JPEG left them:
  // some macroblock one colour (a JPEG of a gradient had 44–100 % of them so), or a gradient's
  // values from smooth blocks (39–69 of them in the tests). Weak noise (σ 0.4–0.7) spans 2–3
  // levels a block as well but leaves neither (none one colour, 0–7 such values), and the
  // second look would scan all its macroblocks for nothing: ten times the first look's time.
  const gradient = sample.flat > 0 || sample.smoothKept >= LEAST_VALUES;
  const plain = sample.flat + (gradient ? sample.smooth : 0);
  const few = stride > 1 && sample.kept < ENOUGH_VALUES && 2 * plain >= sample.visited;
  if (few && (sample.kept < LEAST_VALUES || latticeExplains(sample.ys, sample.cs))) {
    const skip = (n: number) => n % stride === 0;
    for (const n of busyMacroblocks(sample.words, pixels.width, mw, mh, skip, MAX_BLOCKS)) {
      if (sample.turnedDown()) return null;
      sample.read((n % mw) * 16, Math.floor(n / mw) * 16);
    }
  }
  return { ys: sample.ys, cs: sample.cs };
}

/** The coefficients read so far, and the counts that can turn the image down early. */
class CoefficientSample {
  /** Luma's and chroma's values per frequency k, those of smooth blocks at SMOOTH_AT + k. */
  readonly ys: number[][] = Array.from({ length: 2 * SMOOTH_AT }, () => []);
  readonly cs: number[][] = Array.from({ length: 2 * SMOOTH_AT }, () => []);
  readonly words: Uint32Array;
  /**
   * AC coefficients read, nonzero ones among them, and nonzero ones kept (per frequency) from
   * blocks that are not smooth.
   */
  private readCount = 0;
  private nonzero = 0;
  kept = 0;
  /** Values kept from smooth blocks. */
  smoothKept = 0;
  /**
   * Macroblocks visited, those among them one colour throughout, and those smooth throughout
   * (every block spanning at most {@link SMOOTH_MOST} levels) but not one colour.
   */
  visited = 0;
  flat = 0;
  smooth = 0;
  private looked = false;
  private readonly y = new Float64Array(256);
  private readonly cb = new Float64Array(64);
  private readonly cr = new Float64Array(64);
  private readonly block = new Float64Array(64);
  private readonly coef = new Float64Array(64);

  constructor(private readonly pixels: Pixels) {
    this.words = wordsOf(pixels.data);
  }

  /** Whether what was read already shows the image is not JPEG-coded (checked between blocks). */
  turnedDown(): boolean {
    // JPEG zeroes most coefficients of a block; noise or a photograph's texture does not.
    if (this.readCount >= EARLY_LOOK && this.nonzero > MOST_NONZERO * this.readCount) {
      return true;
    }
    // Weak noise (σ 1–3) leaves most coefficients zero too, and would be read to the end and
    // scored at 100 qualities to be turned down: turn it down on its first values instead
    // (after the count above, which turns stronger noise down for less).
    if (!this.looked && this.readCount >= EARLY_LOOK && this.kept >= QUICK_LOOK) {
      this.looked = true;
      if (!latticeExplains(this.ys, this.cs)) return true;
    }
    return false;
  }

  /** Read the macroblock whose top left is (mx, my), unless it is one colour throughout. */
  read(mx: number, my: number): void {
    const { pixels, words, y, cb, cr, block, coef } = this;
    // One colour throughout: nothing but DC, no need to transform.
    const first = words[my * pixels.width + mx];
    let flat = true;
    for (let i = 0; i < 256 && flat; i++)
      flat = words[(my + (i >> 4)) * pixels.width + mx + (i & 15)] === first;
    this.visited++;
    if (flat) {
      this.flat++;
      return;
    }
    macroblockPlanes(pixels, mx, my, y, cb, cr);
    let smooth = true;
    for (let b = 0; b < 6; b++) {
      blockOfPlanes(b, y, cb, cr, block);
      let lo = Infinity;
      let hi = -Infinity;
      for (let i = 0; i < 64; i++) {
        lo = Math.min(lo, block[i]);
        hi = Math.max(hi, block[i]);
      }
      // Clipped blocks are off the lattice.
      if (hi - lo < 1 || lo <= -128 || hi >= 127) continue;
      forwardDct(block, coef);
      const found = b < 4 ? this.ys : this.cs;
      if (hi - lo > SMOOTH_MOST) smooth = false;
      // Smooth blocks' values are kept apart, and do not count towards the looks' thresholds.
      const at = hi - lo >= SMOOTH_LEAST && hi - lo <= SMOOTH_MOST ? SMOOTH_AT : 0;
      this.readCount += 63;
      for (let k = 1; k < 64; k++) if (Math.abs(coef[k]) > NONZERO) this.nonzero++;
      for (let k = 1; k < 64; k++) {
        const held = found[k].length + found[SMOOTH_AT + k].length;
        if (Math.abs(coef[k]) > NONZERO && held < PER_FREQUENCY) {
          found[at + k].push(coef[k]);
          if (!at) this.kept++;
          else this.smoothKept++;
        }
      }
    }
    // A gradient is plain background too: a macroblock of smooth blocks holds no text.
    if (smooth) this.smooth++;
  }
}

/**
 * {@link estimateTables} of `pixels`, unless already `known` for them (null included: known
 * not to be JPEG-coded). Auto reveal reads them while settling its mask and hands them on in
 * its result, so that the pictures "Read text" makes of the same image do not read them again.
 */
export function tablesOf(pixels: Pixels, known?: JpegTables | null): JpegTables | null {
  return known === undefined ? estimateTables(pixels) : known;
}

/**
 * The luma and chroma steps of the image's JPEG coding, or null when it does not look
 * JPEG-coded: the coefficients must sit on the standard tables' lattice at some quality up to
 * {@link MOST_QUALITY} far better than on whole numbers (what a drawn or noisy image gives).
 * Encoders with tables of their own are not recognised, and keep the plain cut.
 */
export function estimateTables(pixels: Pixels): JpegTables | null {
  if (pixels.width < 16 || pixels.height < 16) return null;
  const found = nonzeroCoefficients(pixels);
  if (!found) return null;
  const { ys, cs } = found;
  const { count, weight, whole } = wholeScore(ys, cs);
  if (count < LEAST_VALUES) return null;
  const { quality, score } = standardQuality(ys, cs);
  if (quality > MOST_QUALITY || (score - whole) / weight < LATTICE_GAIN) return null;
  return standardTables(quality);
}
