/**
 * Getting a revealed picture ready for OCR: dark text on a light ground, at a size the
 * reader handles quickly. Tesseract reads black on white best; a view that shows the message
 * white on black (an inverted threshold, a bit plane) is turned over first.
 */
import { downsample } from '../reveal/downsample.ts';
import type { Pixels } from '../reveal/types.ts';
import { dropLoneSpecks, enlarge, inkMarks, isTwoTone, pad, smoothCut } from './text-size.ts';

/** Longest side handed to the reader: bigger pictures take seconds and read no better. */
export const OCR_MAX_SIDE = 2400;

/** Mean luminance (0–255) of the picture, on a sample of at most ~65 000 pixels. */
export function meanLuminance(pixels: Pixels): number {
  const { data } = pixels;
  const n = data.length >> 2;
  if (n === 0) return 255;
  const step = Math.max(1, Math.floor(n / 65536));
  let sum = 0;
  let count = 0;
  for (let i = 0; i < n; i += step, count++) {
    const p = i * 4;
    // BT.601 weights; transparent pixels count as the white page they are drawn on.
    const a = data[p + 3] / 255;
    const y = 0.299 * data[p] + 0.587 * data[p + 1] + 0.114 * data[p + 2];
    sum += a * y + (1 - a) * 255;
  }
  return sum / count;
}

/**
 * Whether the picture is light marks on a dark ground: a message takes a small part of a
 * picture, so a mostly dark picture is a dark ground.
 */
export function isLightOnDark(pixels: Pixels): boolean {
  return meanLuminance(pixels) < 128;
}

/** A copy with red, green and blue turned over (255 − v), alpha kept. */
export function invertPixels(pixels: Pixels): Pixels {
  const data = new Uint8ClampedArray(pixels.data);
  for (let p = 0; p < data.length; p += 4) {
    data[p] = 255 - data[p];
    data[p + 1] = 255 - data[p + 1];
    data[p + 2] = 255 - data[p + 2];
  }
  return { width: pixels.width, height: pixels.height, data };
}

/** Capital height (pixels) the reader reads best: tesseract's model saw text of about 30–40. */
export const OCR_TEXT_HEIGHT = 36;

/**
 * Text whose capitals are shorter than this is enlarged. Taller text reads as well at its size
 * (enlarging 24–28 px text measured worse), so it keeps it (a mask of it is only rounded).
 */
export const OCR_SMALL_TEXT = 20;

/** Most a picture is enlarged: beyond this a mark is too coarse to say what it was. */
export const OCR_MAX_ENLARGE = 4;

/** More specks than this per letter-sized mark is a noisy picture, left as it is. */
export const OCR_MAX_SPECKS = 2;

/** White border (pixels) around enlarged text: tesseract misses letters touching the edge. */
export const OCR_BORDER = 10;

/**
 * Where an enlarged two-tone picture is cut again after smoothing (0–255): above the middle,
 * so strokes come out a little thicker and JPEG's breaks in them close. Measured on the
 * tuning draws of the 12 px JPEG family: the middle (128) read 1 of 12, 160 read 4, 190
 * read 6 (the drawn masks as shown: 9).
 */
const RECUT = 190;

/**
 * Capital heights per pixel of the radius a speckled mask is rounded with (see
 * {@link prepareForOcr}): text 20–26 px tall gets a 3 × 3 box, 27–44 px a 5 × 5 one. Measured
 * on 24 tuning draws of the Gaussian noise family, rounding every mask at 190 (Auto's mask
 * read / drawn mask read): as shown 15 / 24 in Arimo and 4 / 11 in the bitmap face; ÷ 10:
 * 15 / 21 and 6 / 22; ÷ 14: 16 / 24 and 10 / 23; ÷ 18: 17 / 24 and 10 / 24. Rounding only
 * speckled masks, as now, 12 draws: Arimo 7 → 10 of 12, bitmap 2 → 4 (drawn: 12 and 7).
 */
export const OCR_ROUNDING = 18;

/**
 * Marks smaller than the capital height over this, either way, and half a capital clear of
 * other ink, are noise left after rounding a speckled mask: dropped before reading. A stroke
 * is about a seventh of the capital height, so a full stop stays even when it stands alone.
 */
export const SPECK_SIZE = 8;

/** The picture no larger than {@link OCR_MAX_SIDE}, turned dark on light where it is not. */
export function uprightForOcr(pixels: Pixels): Pixels {
  const small = downsample(pixels, OCR_MAX_SIDE, { method: 'box' });
  return isLightOnDark(small) ? invertPixels(small) : small;
}

/**
 * The picture as the reader should see it: dark on light, no larger than {@link OCR_MAX_SIDE}.
 * A speckled mask (a cut under noise) of text at reading size is rounded at its strokes'
 * scale. Small text (capitals under {@link OCR_SMALL_TEXT} px) is enlarged towards
 * {@link OCR_TEXT_HEIGHT}, a two-tone picture (a mask) smoothed and cut clean again, and given
 * a white border.
 */
export function prepareForOcr(pixels: Pixels): Pixels {
  const upright = uprightForOcr(pixels);
  const { height: tall, letters, specks } = inkMarks(upright);
  if (tall === 0) return upright;
  if (tall >= OCR_SMALL_TEXT) {
    // More specks than letters: a mask cut under noise, with ragged, broken strokes. Smoothed
    // at the strokes' scale and cut above the middle, its breaks close and specks smaller
    // than a quarter of the window go. Only then: a clean mask's sharp corners tell a bitmap
    // face's D from its O, and JPEG masks of bold text read worse rounded ("HIDOEN"). Small
    // text is smoothed after it is enlarged, below; a 3 × 3 box at its own size is too coarse
    // (a 12 px JPEG mask read "VESTHET VE" for "SECRET MESSAGE HERE").
    if (specks <= letters || !isTwoTone(upright)) return upright;
    const rounded = smoothCut(upright, Math.max(1, Math.round(tall / OCR_ROUNDING)), RECUT);
    return dropLoneSpecks(rounded, Math.round(tall / SPECK_SIZE), Math.round(tall / 2));
  }
  // Speckle (a mask cut under noise): enlarging and thickening it would only grow the specks
  // into blots, and give the reader a bigger picture to be slow on.
  if (specks > OCR_MAX_SPECKS * letters) return upright;
  const longest = Math.max(upright.width, upright.height) + 2 * OCR_BORDER;
  const factor = Math.min(OCR_MAX_ENLARGE, OCR_TEXT_HEIGHT / tall, OCR_MAX_SIDE / longest);
  if (factor < 1.25) return upright;
  const grey = enlarge(upright, factor);
  const clean = isTwoTone(upright)
    ? smoothCut(grey, Math.max(1, Math.round(factor / 2)), RECUT)
    : grey;
  return pad(clean, OCR_BORDER);
}
