/**
 * The mask of text in a JPEG, decided against what the file stored rather than pixel by
 * pixel. The text was drawn in two colours; JPEG kept each 8 × 8 block's DCT coefficients
 * only to the nearest multiple of a step per frequency (chroma as 2 × 2 averages), so a
 * coefficient's error is about a step wide: small for the low frequencies, large for the high
 * ones, which carry the strokes' edges and the ringing. A plain cut trusts every frequency
 * alike. Here the mask is the two-colour picture whose coefficients are nearest the stored
 * ones, each frequency weighted by its step (error variance q²/12): flip a pixel between
 * background and text whenever that brings the painted picture's coefficients closer, and
 * refit the text's colour to the mask in turn. Each 16 × 16 macroblock is coded alone, so each
 * is settled alone, and only those with text in or beside them are touched. It assumes 4:2:0
 * chroma and a block grid at the image's corner (an uncropped JPEG).
 */
import { backgroundAt, type BackgroundModel } from './background-model.ts';
import {
  PIXEL_BASIS,
  blockOfPlanes,
  forwardDct,
  macroblockPlanes,
  toYCbCr,
  type JpegTables,
} from './jpeg-tables.ts';
import type { Pixels } from './types.ts';
import { BLACK, WHITE, wordsOf } from './words.ts';

/**
 * The basis as a binding of this module: the hot loops read it often, and a test runner's
 * module wrapper can turn every read of an imported name into a property look-up (the
 * coverage fit took 2.4 s under Vitest against 0.5 s with a binding of its own).
 */
const BASIS = PIXEL_BASIS;

/**
 * Most macroblocks settled (a megapixel of text and its surroundings, about a second): beyond
 * that the cut is kept as it is.
 */
const MOST_MACROBLOCKS = 4096;

/** Sweeps over a macroblock's pixels: flips settle in a few. */
const SWEEPS = 6;

/**
 * Cost of each neighbour that disagrees (in the weighted residual's units): text comes in
 * strokes, not dots, and the high frequencies the file barely keeps would otherwise let the
 * fit dither the strokes' insides (with none, 12 tuning draws of the lesson's colours read as
 * the phrase 0 times in 12). 0.5–3 all keep IoU within 0.03; how many masks read as the
 * phrase swings by one or two in twelve between them, and 0.75–1 read best.
 */
const SMOOTH = 0.75;

/** {@link neighbourChange} of a background pixel with no text beside it (3 at the edge). */
const ALONE = 3;

/** Variance (levels²) the decoder's rounding adds to every coefficient. */
const ROUNDING_VARIANCE = 0.1;

/** What the restoration needs from Auto's analysis. */
export interface TextModel {
  /** The background under each pixel. */
  model: BackgroundModel;
  /** Text minus background in red, green and blue (levels). */
  difference: readonly [number, number, number];
}

/** Weight of each coefficient of each of a macroblock's six blocks (four luma, Cb, Cr). */
export function weightsOf(tables: JpegTables): Float64Array {
  const w = new Float64Array(384);
  for (let b = 0; b < 6; b++) {
    const q = b < 4 ? tables.luma : tables.chroma;
    // A step not known (0) says nothing about that frequency: no weight.
    for (let k = 0; k < 64; k++)
      w[b * 64 + k] = q[k] > 0 ? 1 / ((q[k] * q[k]) / 12 + ROUNDING_VARIANCE) : 0;
  }
  return w;
}

/** A macroblock being settled: where it is, its base residual and its flags. */
export interface Macroblock {
  mx: number;
  my: number;
  /** The background's coefficients minus the stored ones (4 luma blocks, Cb, Cr). */
  base: Float64Array;
  flags: Uint8Array;
}

/**
 * Per whole macroblock, whether it or one of its eight neighbours holds text in the mask as
 * cut: where the settling may change anything.
 */
export function markedNear(out: Uint32Array, width: number, height: number): Uint8Array {
  const mw = width >> 4;
  const mh = height >> 4;
  const marked = new Uint8Array(mw * mh);
  // A binding of its own, as BASIS above: read 12 million times on a 12 MP mask (160 ms under
  // tsx against 20 ms), now that estimateTables finds small text's tables in such images.
  const black = BLACK;
  for (let y = 0; y < mh * 16; y++) {
    const row = y * width;
    const at = (y >> 4) * mw;
    for (let x = 0; x < mw * 16; x++) {
      if (out[row + x] === black) marked[at + (x >> 4)] = 1;
    }
  }
  const near = new Uint8Array(mw * mh);
  for (let my = 0; my < mh; my++) {
    for (let mx = 0; mx < mw; mx++) {
      if (!marked[my * mw + mx]) continue;
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const x = mx + dx;
          const y = my + dy;
          if (x >= 0 && y >= 0 && x < mw && y < mh) near[y * mw + x] = 1;
        }
      }
    }
  }
  return near;
}

/** Rounds of fitting the text's colour to the mask and the mask to the colour. */
const ROUNDS = 4;

/**
 * The macroblocks that hold text (in the mask as cut) or detail (any stored AC coefficient),
 * with their base residuals. Macroblocks at the right and bottom edges that JPEG padded are
 * left out (and so left as cut).
 */
export function activeMacroblocks(
  pixels: Pixels,
  model: BackgroundModel,
  out: Uint32Array,
  near: Uint8Array,
  signal?: AbortSignal,
): Macroblock[] {
  const { width, height } = pixels;
  const y = new Float64Array(256);
  const cb = new Float64Array(64);
  const cr = new Float64Array(64);
  const block = new Float64Array(64);
  const coef = new Float64Array(64);
  const ycc = new Float64Array(3);
  const back = new Float64Array(3);
  const found: Macroblock[] = [];
  const mw = width >> 4;
  for (let my = 0; my + 16 <= height; my += 16) {
    signal?.throwIfAborted();
    for (let mx = 0; mx + 16 <= width; mx += 16) {
      // Text found here or next door: a stroke may cross in.
      if (!near[(my >> 4) * mw + (mx >> 4)]) continue;
      const flags = new Uint8Array(256);
      let marked = false;
      for (let i = 0; i < 256; i++) {
        flags[i] = out[(my + (i >> 4)) * width + mx + (i & 15)] === BLACK ? 1 : 0;
        if (flags[i]) marked = true;
      }
      const base = new Float64Array(384);
      macroblockPlanes(pixels, mx, my, y, cb, cr);
      let detail = false;
      for (let b = 0; b < 6; b++) {
        blockOfPlanes(b, y, cb, cr, block);
        forwardDct(block, coef);
        for (let k = 0; k < 64; k++) {
          base[b * 64 + k] = -coef[k];
          if (k > 0 && Math.abs(coef[k]) > 1.6) detail = true;
        }
      }
      // A flat block with no text: the background alone explains it.
      if (!marked && !detail) continue;
      for (let i = 0; i < 256; i++) {
        for (let c = 0; c < 3; c++) back[c] = backgroundAt(model, c, mx + (i & 15), my + (i >> 4));
        toYCbCr(back[0], back[1], back[2], ycc, 0);
        y[i] = ycc[0];
        // Chroma of the background at the 2 × 2 block's corner: it varies slowly if at all.
        if (((i >> 4) & 1) === 0 && (i & 1) === 0) {
          const c = ((i >> 5) << 3) + ((i & 15) >> 1);
          cb[c] = ycc[1];
          cr[c] = ycc[2];
        }
      }
      for (let b = 0; b < 6; b++) {
        blockOfPlanes(b, y, cb, cr, block);
        forwardDct(block, coef);
        for (let k = 0; k < 64; k++) base[b * 64 + k] += coef[k];
      }
      found.push({ mx, my, base, flags });
    }
  }
  return found;
}

/**
 * The text's difference in luma, Cb and Cr (per pixel; chroma already a quarter, as one pixel
 * moves its 2 × 2 average) that best explains the stored coefficients given each pixel's share
 * of text (by default its flag, 0 or 1; the coverage fit passes fractions): luma coefficients
 * depend on the luma difference alone and each chroma plane on its own, so each is a
 * one-parameter weighted least-squares fit. Null when the mask has no text.
 */
export function fitDifference(
  blocks: readonly Macroblock[],
  w: Float64Array,
  share: (block: number, pixel: number) => number = (b, i) => blocks[b].flags[i],
): number[] | null {
  const num = [0, 0, 0];
  const den = [0, 0, 0];
  const g = new Float64Array(384);
  blocks.forEach((m, b) => {
    g.fill(0);
    for (let i = 0; i < 256; i++) {
      const t = share(b, i);
      if (t === 0) continue;
      const { lb, lp, cp } = placeOf(i);
      for (let k = 0; k < 64; k++) {
        g[lb * 64 + k] += t * BASIS[lp * 64 + k];
        g[256 + k] += t * BASIS[cp * 64 + k];
      }
    }
    for (let j = 0; j < 384; j++) {
      const plane = j < 256 ? 0 : j < 320 ? 1 : 2;
      const gj = j < 256 ? g[j] : g[256 + (j & 63)];
      num[plane] -= w[j] * gj * m.base[j];
      den[plane] += w[j] * gj * gj;
    }
  });
  if (!(den[0] > 0)) return null;
  return num.map((n, c) => (den[c] > 0 ? n / den[c] : 0));
}

/**
 * Settle the mask in place (black text on white, the size of `pixels`): in each macroblock
 * with text or detail, the two-colour picture nearest the stored coefficients, starting from
 * the mask as cut; the text's colour is fitted to the mask and the mask to the colour, in turn.
 */
export function restoreMask(
  pixels: Pixels,
  tables: JpegTables,
  text: TextModel,
  mask: Pixels,
  signal?: AbortSignal,
): void {
  const { width, height } = pixels;
  const out = wordsOf(mask.data);
  const weights = weightsOf(tables);
  const near = markedNear(out, width, height);
  // Text over most of a large picture is a photograph, not a hidden message: keep the cut.
  if (near.reduce((n, v) => n + v, 0) > MOST_MACROBLOCKS) return;
  const blocks = activeMacroblocks(pixels, text.model, out, near, signal);
  const residual = new Float64Array(384);
  // The text's difference in luma and chroma (linear, so the same over any background).
  const ycc = new Float64Array(3);
  toYCbCr(...text.difference, ycc, 0);
  const given = [ycc[0], (ycc[1] - 128) / 4, (ycc[2] - 128) / 4];
  for (let round = 0; round < ROUNDS; round++) {
    signal?.throwIfAborted();
    const fitted = fitDifference(blocks, weights);
    // A fit that turns the text's side over (a mask of mostly ringing) is not believed.
    const along = fitted ? fitted.reduce((sum, v, c) => sum + v * given[c], 0) : 0;
    const [dy, dcb, dcr] = fitted && along > 0 ? fitted : given;
    let flipsInRound = 0;
    for (const m of blocks) {
      const { mx, my, flags } = m;
      residual.set(m.base);
      for (let i = 0; i < 256; i++) if (flags[i]) addPixel(residual, i, 1, dy, dcb, dcr);
      for (let sweep = 0; sweep < SWEEPS; sweep++) {
        let flips = 0;
        for (let i = 0; i < 256; i++) {
          const s = flags[i] ? -1 : 1;
          const change = neighbourChange(flags, out, width, height, mx, my, i);
          // Text grows from text: a dot on its own is the blocks' ringing, never a stroke.
          if (s > 0 && change >= ALONE) continue;
          if (SMOOTH * change + flipGain(residual, weights, i, s, dy, dcb, dcr) < 0) {
            addPixel(residual, i, s, dy, dcb, dcr);
            flags[i] ^= 1;
            flips++;
          }
        }
        flipsInRound += flips;
        if (flips === 0) break;
      }
      for (let i = 0; i < 256; i++) {
        out[(my + (i >> 4)) * width + mx + (i & 15)] = flags[i] ? BLACK : WHITE;
      }
    }
    if (flipsInRound === 0) break;
  }
}

/**
 * How many more of pixel i's four neighbours would disagree with it after a flip than do
 * now (from −4 to 4). Neighbours outside the macroblock are read from the mask as it stands.
 */
function neighbourChange(
  flags: Uint8Array,
  out: Uint32Array,
  width: number,
  height: number,
  mx: number,
  my: number,
  i: number,
): number {
  const x = i & 15;
  const y = i >> 4;
  const f = flags[i];
  let same = 0;
  let seen = 0;
  for (const [nx, ny] of [
    [x - 1, y],
    [x + 1, y],
    [x, y - 1],
    [x, y + 1],
  ]) {
    const gx = mx + nx;
    const gy = my + ny;
    if (gx < 0 || gy < 0 || gx >= width || gy >= height) continue;
    seen++;
    const g =
      nx >= 0 && nx < 16 && ny >= 0 && ny < 16
        ? flags[ny * 16 + nx]
        : out[gy * width + gx] === BLACK
          ? 1
          : 0;
    if (g === f) same++;
  }
  // After the flip the same ones disagree and the others agree.
  return same - (seen - same);
}

/** Where pixel i of a macroblock sits: its luma block and place, its chroma place. */
export function placeOf(i: number): { lb: number; lp: number; cp: number } {
  const x = i & 15;
  const y = i >> 4;
  return { lb: (y >> 3) * 2 + (x >> 3), lp: (y & 7) * 8 + (x & 7), cp: (y >> 1) * 8 + (x >> 1) };
}

/** Add `s` × pixel i's text share (luma in its block, a quarter in each chroma) to `r`. */
export function addPixel(
  r: Float64Array,
  i: number,
  s: number,
  dy: number,
  dcb: number,
  dcr: number,
) {
  const { lb, lp, cp } = placeOf(i);
  for (let k = 0; k < 64; k++) {
    r[lb * 64 + k] += s * dy * BASIS[lp * 64 + k];
    const c = BASIS[cp * 64 + k];
    r[256 + k] += s * dcb * c;
    r[320 + k] += s * dcr * c;
  }
}

/** Change of the weighted squared residual if pixel i moved by `s` × its text share. */
function flipGain(
  r: Float64Array,
  w: Float64Array,
  i: number,
  s: number,
  dy: number,
  dcb: number,
  dcr: number,
): number {
  const { lb, lp, cp } = placeOf(i);
  let gain = 0;
  for (let k = 0; k < 64; k++) {
    const a = s * dy * BASIS[lp * 64 + k];
    const l = lb * 64 + k;
    gain += w[l] * a * (2 * r[l] + a);
    const c = BASIS[cp * 64 + k];
    const ab = s * dcb * c;
    gain += w[256 + k] * ab * (2 * r[256 + k] + ab);
    const ar = s * dcr * c;
    gain += w[320 + k] * ar * (2 * r[320 + k] + ar);
  }
  return gain;
}
