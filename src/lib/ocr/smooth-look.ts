/**
 * A second look at a clean mask of mid-sized text, for "Read text" to read last, only when no
 * picture read confidently (src/lib/ocr/reading-order.ts): the text enlarged a little to
 * {@link SMOOTH_LOOK_HEIGHT} px capitals, smoothed and cut again, so a blocky or stair-stepped
 * face gets rounded strokes. Read first, such a picture misreads letters a sharp mask reads
 * right ("HIODEN" at 92, which would end the read), so it only ever comes after them.
 */
import { OCR_BORDER, OCR_MAX_SIDE, OCR_SMALL_TEXT, uprightForOcr } from './prepare.ts';
import { enlarge, inkMarks, isTwoTone, pad, smoothCut } from './text-size.ts';
import { cropPixels, inkBox } from '../reveal/ink-box.ts';
import type { Pixels } from '../reveal/types.ts';

/**
 * Capital height (pixels) of the second look. Measured on the reading check's 24 tuning draws
 * per family (test/lib/reveal/auto-reads.test.ts), read last as here, draws reading as the
 * phrase in Arimo / in the bitmap face, of 144 each: no second look 126 / 66; 28 px 126 / 83;
 * 32 px 126 / 101; 36 px 125 / 91; 40 px 124 / 90. At 32 no family of either face lost a draw.
 */
export const SMOOTH_LOOK_HEIGHT = 32;

/**
 * Where the smoothed picture is cut again (0–255): above the middle, so strokes thicken a little,
 * as for small text. Measured as above: 128 read 127 / 75, 160 126 / 95, 190 126 / 101, 215
 * 125 / 96.
 */
const RECUT = 190;

/** Ink margin (pixels) kept around the text's box before smoothing, so the box edge stays white. */
const MARGIN = 4;

/**
 * The second look at `pixels` (as shown: any size, either way round), or undefined when there is
 * none to take: only a clean two-tone picture (no more specks than letters) of text with
 * capitals from {@link OCR_SMALL_TEXT} to under {@link SMOOTH_LOOK_HEIGHT} px gets one. Smaller
 * text is already enlarged and smoothed by `prepareForOcr`; a speckled mask is rounded there.
 * Only the text's box (and a white border) is read, so a large mask costs little more. A picture
 * with a side over `OCR_MAX_SIDE` is shrunk to grey tones first, so it has none.
 */
export function smoothLook(pixels: Pixels): Pixels | undefined {
  const upright = uprightForOcr(pixels);
  // A picture larger than the reader's size is grey once shrunk: it has no look, found cheaply.
  if (!isTwoTone(upright)) return undefined;
  const { height: tall, letters, specks } = inkMarks(upright);
  if (tall < OCR_SMALL_TEXT || tall >= SMOOTH_LOOK_HEIGHT || specks > letters) return undefined;
  const box = inkBox(upright, MARGIN);
  if (!box) return undefined;
  const text = cropPixels(upright, box.x0, box.y0, box.x1 - box.x0 + 1, box.y1 - box.y0 + 1);
  const longest = Math.max(text.width, text.height) + 2 * OCR_BORDER;
  const factor = Math.max(1, Math.min(SMOOTH_LOOK_HEIGHT / tall, OCR_MAX_SIDE / longest));
  const smooth = smoothCut(enlarge(text, factor), Math.max(1, Math.round(factor / 2)), RECUT);
  return pad(smooth, OCR_BORDER);
}
