/**
 * A grey reading picture for a JPEG of text 20 px tall or more, made only when "Read text"
 * asks for it: the image's own difference from the background along the text's colour,
 * continuous rather than cut, smoothed across JPEG's 8 × 8 block edges and enlarged by cubic
 * interpolation, so the reader binarises the strokes itself at a size where they are several
 * pixels wide. Auto's mask cuts each pixel to text or background at the file's own size, and a
 * stroke that JPEG left just under the cut is gone from it ("ZERQ" for "ZERO", an E's bar).
 *
 * The difference is weighed per component of the file's coding: luma at full resolution, the
 * two chromas at a quarter of their weight (4:2:0 keeps one chroma sample per four pixels and
 * quantises it more coarsely), which read better than the difference along the RGB axis Auto
 * cuts (the RGB axis mixes chroma's blockier error back into every channel).
 *
 * Measured with the product's rule (this picture read after Auto's mask and the lesson's
 * rule, before the second look), 24 tuning draws per family: Arimo one-channel JPEG 16 → 17,
 * bitmap face's lesson's colours JPEG 20 → 21; no family lower in either face; held-out
 * one-channel JPEG 9 → 10 of 12 (the draw Auto's mask read "ZERQ" for "ZERO"). Made for
 * clean images too, not only those whose JPEG tables are found (quality 94 passes for a drawn
 * image): Arimo one-channel JPEG 17 → 18 of 24 ("FOX AMPS" now reads), no family lower in
 * either face (src/lib/reveal/jpeg-pictures.ts gives it only to text 20 px or taller). Small text
 * keeps jpeg-pictures.ts's coverage picture: there this picture read no more draws by the rule
 * (its readings lose to more confident misreadings read before it).
 */
import type { AutoRevealResult } from './auto-reveal.ts';
import { fitBackground, surfaceTerms, TERMS } from './background-model.ts';
import { tablesOf, toYCbCr } from './jpeg-tables.ts';
import { sampleGrid } from './samples.ts';
import type { Pixels } from './types.ts';
import { OCR_MAX_SIDE } from '../ocr/prepare.ts';

/** Samples for the background model, as many as Auto takes. */
const SAMPLES = 1 << 18;

/** Weight of a chroma component against luma, per level of the text's difference in it. */
const CHROMA_WEIGHT = 1 / 4;

/**
 * Largest step (in shares of the text's difference) smoothed across a block edge: a smaller
 * step is JPEG's blocking, a larger one a stroke's edge, kept.
 */
const DEBLOCK_STEP = 0.6;

/** Shares of the text (0 background, 1 text) drawn white to black; beyond them, clipped. */
const WHITE_BELOW = 0.3;
const BLACK_ABOVE = 0.7;

/** Capital height (pixels) the picture is enlarged towards, at most {@link MOST_ENLARGE}×. */
const TARGET_HEIGHT = 40;
const LEAST_ENLARGE = 1.5;
const MOST_ENLARGE = 3;

/** A rectangle of the image, its corner on the 16 × 16 grid (JPEG's macroblocks). */
export interface BlockBox {
  x0: number;
  y0: number;
  width: number;
  height: number;
}

/** Luma, blue and red chroma of an RGB difference (JFIF's {@link toYCbCr}, less chroma's offset). */
function yccOf(r: number, g: number, b: number): [number, number, number] {
  const ycc = new Float64Array(3);
  toYCbCr(r, g, b, ycc, 0);
  return [ycc[0], ycc[1] - 128, ycc[2] - 128];
}

/**
 * Each pixel's share of the text in `box` (0 background, 1 text), from its difference to the
 * background weighed per component: least squares against the text's own difference, with
 * chroma at {@link CHROMA_WEIGHT}.
 */
function sharesIn(source: Pixels, found: AutoRevealResult, box: BlockBox): Float32Array {
  const { x0, y0, width, height } = box;
  const model = fitBackground(sampleGrid(source, SAMPLES), source.width, source.height);
  // The text's colour: the cut sits halfway between the background (0) and the text's level.
  const level = 2 * found.threshold;
  const { red, green, blue } = found.axis;
  const [dy, dcb, dcr] = yccOf(red * level, green * level, blue * level);
  const norm = dy * dy + CHROMA_WEIGHT * (dcb * dcb + dcr * dcr);
  const weights = [dy / norm, (CHROMA_WEIGHT * dcb) / norm, (CHROMA_WEIGHT * dcr) / norm];
  // The three components' weights folded back onto red, green and blue: each channel's column
  // of the conversion (a unit of it, converted), weighed.
  const fold = (column: number[]) => column.reduce((sum, m, c) => sum + m * weights[c], 0);
  const kr = fold(yccOf(1, 0, 0));
  const kg = fold(yccOf(0, 1, 0));
  const kb = fold(yccOf(0, 0, 1));
  const shares = new Float32Array(width * height);
  const { data } = source;
  const terms = new Float64Array(TERMS);
  const { coefficients } = model;
  for (let y = 0; y < height; y++) {
    const sy = y0 + y;
    for (let x = 0; x < width; x++) {
      const sx = x0 + x;
      const p = (sy * source.width + sx) * 4;
      // The background's three channels at this pixel (backgroundAt, with the terms shared).
      surfaceTerms(model, sx, sy, terms);
      let r = data[p];
      let g = data[p + 1];
      let b = data[p + 2];
      for (let k = 0; k < TERMS; k++) {
        r -= coefficients[k] * terms[k];
        g -= coefficients[TERMS + k] * terms[k];
        b -= coefficients[2 * TERMS + k] * terms[k];
      }
      shares[y * width + x] = kr * r + kg * g + kb * b;
    }
  }
  return shares;
}

/**
 * Smooth small steps across the 8 × 8 block edges of `s` (a field whose corner is on the
 * block grid) in place: a quarter of the step moved into each of the two pixels beside the
 * edge and an eighth into the next, as a video codec's weak deblocking filter does. Steps over
 * {@link DEBLOCK_STEP} are strokes' edges and stay.
 */
function deblock(s: Float32Array, width: number, height: number): void {
  const edge = (p1: number, p0: number, q0: number, q1: number) => {
    const step = s[q0] - s[p0];
    if (Math.abs(step) > DEBLOCK_STEP) return;
    const delta = step / 4;
    s[p0] += delta;
    s[q0] -= delta;
    s[p1] += delta / 2;
    s[q1] -= delta / 2;
  };
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 8; x < width - 1; x += 8) edge(row + x - 2, row + x - 1, row + x, row + x + 1);
  }
  for (let y = 8; y < height - 1; y += 8) {
    for (let x = 0; x < width; x++) {
      edge((y - 2) * width + x, (y - 1) * width + x, y * width + x, (y + 1) * width + x);
    }
  }
}

/** Catmull–Rom's cubic kernel. */
function cubic(t: number): number {
  const a = Math.abs(t);
  if (a < 1) return (1.5 * a - 2.5) * a * a + 1;
  if (a < 2) return ((-0.5 * a + 2.5) * a - 4) * a + 2;
  return 0;
}

/** Each output position's four source positions and their weights, enlarging `factor` times. */
function taps(size: number, out: number, factor: number): { at: Int32Array; weight: Float32Array } {
  const at = new Int32Array(out * 4);
  const weight = new Float32Array(out * 4);
  for (let o = 0; o < out; o++) {
    const from = (o + 0.5) / factor - 0.5;
    const first = Math.floor(from) - 1;
    for (let i = 0; i < 4; i++) {
      at[o * 4 + i] = Math.min(size - 1, Math.max(0, first + i));
      weight[o * 4 + i] = cubic(first + i - from);
    }
  }
  return { at, weight };
}

/**
 * `s` enlarged `factor` times by cubic interpolation (across, then down) and drawn as grey:
 * shares under {@link WHITE_BELOW} white, over {@link BLACK_ABOVE} black, linear between.
 */
function enlargedGrey(s: Float32Array, width: number, height: number, factor: number): Pixels {
  const w = Math.round(width * factor);
  const h = Math.round(height * factor);
  const across = taps(width, w, factor);
  const down = taps(height, h, factor);
  const wide = new Float32Array(w * height);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0, k = 0; x < w; x++, k += 4) {
      const { at, weight } = across;
      wide[y * w + x] =
        weight[k] * s[row + at[k]] +
        weight[k + 1] * s[row + at[k + 1]] +
        weight[k + 2] * s[row + at[k + 2]] +
        weight[k + 3] * s[row + at[k + 3]];
    }
  }
  const data = new Uint8ClampedArray(w * h * 4);
  const scale = 255 / (BLACK_ABOVE - WHITE_BELOW);
  const { at, weight } = down;
  for (let y = 0, k = 0; y < h; y++, k += 4) {
    const r0 = at[k] * w;
    const r1 = at[k + 1] * w;
    const r2 = at[k + 2] * w;
    const r3 = at[k + 3] * w;
    for (let x = 0; x < w; x++) {
      const v =
        weight[k] * wide[r0 + x] +
        weight[k + 1] * wide[r1 + x] +
        weight[k + 2] * wide[r2 + x] +
        weight[k + 3] * wide[r3 + x];
      // Clamped to 0–255 by the array: black above BLACK_ABOVE, white below WHITE_BELOW.
      const p = (y * w + x) * 4;
      data[p] = data[p + 1] = data[p + 2] = 255 - (v - WHITE_BELOW) * scale;
      data[p + 3] = 255;
    }
  }
  return { width: w, height: h, data };
}

/**
 * The text's difference from the background in `box` as a grey picture (black text on
 * white), deblocked and enlarged towards capitals {@link TARGET_HEIGHT} px tall, given Auto's
 * finding and the capital height `tall` of its mask; null when Auto found nothing, or smoothed
 * noise in an image that is not JPEG-coded.
 */
export function differencePicture(
  source: Pixels,
  found: AutoRevealResult,
  box: BlockBox,
  tall: number,
  signal?: AbortSignal,
): Pixels | null {
  if (found.confidence === 0 || !(found.threshold > 0) || tall === 0) return null;
  // Under noise, only for a JPEG (noise-pictures.ts draws the smoothed picture there). A clean
  // image gets it whether or not its tables are found: at quality 94 their steps of 1–2
  // levels look like whole numbers, and the file is not recognised as JPEG-coded.
  if (found.smoothing > 0 && !tablesOf(source, found.jpegTables)) return null;
  signal?.throwIfAborted();
  const shares = sharesIn(source, found, box);
  deblock(shares, box.width, box.height);
  signal?.throwIfAborted();
  // No larger than the reader is given: a bigger picture would only be shrunk again.
  const longest = Math.max(box.width, box.height);
  const wanted = Math.min(MOST_ENLARGE, Math.max(LEAST_ENLARGE, TARGET_HEIGHT / tall));
  const factor = Math.max(1, Math.min(wanted, OCR_MAX_SIDE / longest));
  return enlargedGrey(shares, box.width, box.height, factor);
}
