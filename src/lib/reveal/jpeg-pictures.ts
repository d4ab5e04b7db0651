/**
 * An extra picture for "Read text" on a JPEG of small text, made only when it is pressed.
 *
 * Auto settles its mask against the file's blocks with two colours: each pixel is text or
 * background. Text 12 px tall is drawn anti-aliased, with strokes a pixel or so wide, and the
 * two-colour fit has to give each edge pixel wholly to one side: an E's bar goes or doubles
 * ("SELRET", "MIDDEN", "GLRMPSE"). Here each pixel of the settled macroblocks holds a share of
 * the text (0–1) fitted to the stored coefficients (jpeg-coverage.ts), drawn as grey, which
 * "Read text" enlarges smoothly as it enlarges any small picture. In Auto itself this fit
 * doubled the time on JPEG inputs; as a reading picture it costs only when Read text is pressed,
 * and it is kept only where the reader is more confident of it than of Auto's mask.
 *
 * Read with the product's rule (Auto's mask, then this picture; stop at confidence 90; the
 * most confident reading wins), Arimo glyphs, 12 px text in the lesson's colours after JPEG
 * 85–95: tuning draws 1–12 read 7 → 9, 1–24 15 → 19; the held-out draws 10 of 12 either way
 * (one misread by Auto's mask at confidence 92 stops the reading first). No other family moved
 * in either face, except the bitmap face's 20 px lesson's colours, 7 → 8 of 12; its 12 px JPEG
 * draws stay 6 of 12 (one gained, one lost to a more confident misreading). Text 20 px tall and
 * more does not get this picture: there it read no better and once worse than Auto's mask
 * ("MESSACE" for "MESSAGE", one-channel JPEG); it gets the enlarged difference of
 * jpeg-difference.ts instead. Cost: 0.5–0.8 s for twelve lines of 12 px text in a 12 MP JPEG
 * (362 macroblocks, loaded 2-core machine); 30 ms to decide there is none.
 */
import type { AutoRevealResult } from './auto-reveal.ts';
import { fitBackground, type BackgroundModel } from './background-model.ts';
import { coverageMap } from './jpeg-coverage.ts';
import { activeMacroblocks, fitDifference, markedNear, weightsOf } from './jpeg-restore.ts';
import { tablesOf, toYCbCr, type JpegTables } from './jpeg-tables.ts';
import { sampleGrid } from './samples.ts';
import type { Pixels } from './types.ts';
import { BLACK, wordsOf } from './words.ts';
import { OCR_SMALL_TEXT } from '../ocr/prepare.ts';
import { inkHeight } from '../ocr/text-size.ts';
import { cropPixels } from './ink-box.ts';
import { differencePicture } from './jpeg-difference.ts';

/** Samples for the background model, as many as Auto takes. */
const SAMPLES = 1 << 18;

/** Cost per unit of coverage difference between neighbours: the settle's own (SMOOTH). */
const SMOOTH = 0.75;

/** Background kept round the text (pixels, a macroblock): strokes near the crop's edge. */
const MARGIN = 16;

/** A rectangle of an image, its corner on the 16 × 16 grid. */
interface Box {
  x0: number;
  y0: number;
  width: number;
  height: number;
}

/** The macroblock-aligned box round the black pixels of `mask`, or null when it has none. */
function textBox(mask: Pixels): Box | null {
  const { width, height } = mask;
  const words = wordsOf(mask.data);
  let left = width;
  let right = -1;
  let top = height;
  let bottom = -1;
  // A local: a test runner's module wrapper can make each read of an imported name a look-up.
  const black = BLACK;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      if (words[row + x] !== black) continue;
      if (x < left) left = x;
      if (x > right) right = x;
      if (y < top) top = y;
      bottom = y;
    }
  }
  if (right < 0) return null;
  // Corners on the 16 × 16 grid: the file's macroblocks are coded alone, from the corner.
  const x0 = Math.max(0, Math.floor((left - MARGIN) / 16) * 16);
  const y0 = Math.max(0, Math.floor((top - MARGIN) / 16) * 16);
  const x1 = Math.min(width, Math.ceil((right + 1 + MARGIN) / 16) * 16);
  const y1 = Math.min(height, Math.ceil((bottom + 1 + MARGIN) / 16) * 16);
  return { x0, y0, width: x1 - x0, height: y1 - y0 };
}

/** The part of `pixels` in `box`, copied. */
function crop(pixels: Pixels, box: Box): Pixels {
  return cropPixels(pixels, box.x0, box.y0, box.width, box.height);
}

/**
 * Each pixel's share of the text (0–1) in a crop: Auto's settled mask, with every macroblock
 * that holds text or detail refitted as coverages. Null past the refinement's size limit.
 */
function coverages(
  source: Pixels,
  mask: Pixels,
  model: BackgroundModel,
  tables: JpegTables,
  difference: readonly [number, number, number],
  signal?: AbortSignal,
): Float32Array | null {
  const { width, height } = source;
  const start = wordsOf(mask.data);
  const blocks = activeMacroblocks(source, model, start, markedNear(start, width, height), signal);
  const weights = weightsOf(tables);
  // The text's colour in luma and a quarter of each chroma, refitted as the settle does.
  const ycc = new Float64Array(3);
  toYCbCr(...difference, ycc, 0);
  const given = [ycc[0], (ycc[1] - 128) / 4, (ycc[2] - 128) / 4];
  const fitted = fitDifference(blocks, weights);
  const along = fitted ? fitted.reduce((sum, v, k) => sum + v * given[k], 0) : 0;
  const d = fitted && along > 0 ? fitted : given;
  return coverageMap(blocks, weights, d, SMOOTH, start, width, height, signal);
}

/** Shares of text (0–1) as grey: black text on white. */
function greyOf(width: number, height: number, share: Float32Array): Pixels {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0, p = 0; i < share.length; i++, p += 4) {
    const v = 255 * (1 - Math.min(1, Math.max(0, share[i])));
    data[p] = data[p + 1] = data[p + 2] = v;
    data[p + 3] = 255;
  }
  return { width, height, data };
}

/**
 * The text's coverage fitted to the file's blocks, in grey (black text on white), cropped to
 * the macroblocks round Auto's mask; null when the image is not JPEG-coded or there is nothing
 * to refine. Whatever the text's size: {@link jpegReadingPictures} chooses when to use it.
 */
export function coveragePicture(
  source: Pixels,
  found: AutoRevealResult,
  signal?: AbortSignal,
): Pixels | null {
  if (found.confidence === 0 || !(found.threshold > 0)) return null;
  const box = textBox(found.mask);
  return box && pictureIn(source, found, box, crop(found.mask, box), signal);
}

/** {@link coveragePicture} in `box`, with Auto's mask cropped to it. */
function pictureIn(
  source: Pixels,
  found: AutoRevealResult,
  box: Box,
  mask: Pixels,
  signal?: AbortSignal,
): Pixels | null {
  const tables = tablesOf(source, found.jpegTables);
  if (!tables) return null;
  signal?.throwIfAborted();
  // The background over the whole image, as Auto fitted it, moved to the crop's corner.
  const whole = fitBackground(sampleGrid(source, SAMPLES, signal), source.width, source.height);
  const model = { ...whole, centreX: whole.centreX - box.x0, centreY: whole.centreY - box.y0 };
  // The text's colour: the cut sits halfway between the background (0) and the text's level.
  const level = 2 * found.threshold;
  const { red, green, blue } = found.axis;
  const difference = [red * level, green * level, blue * level] as const;
  const cover = coverages(crop(source, box), mask, model, tables, difference, signal);
  return cover ? greyOf(box.width, box.height, cover) : null;
}

/**
 * Extra pictures for "Read text", after Auto's mask: for a JPEG-coded image of small text
 * (capitals under {@link OCR_SMALL_TEXT} px in Auto's mask), {@link coveragePicture}; for
 * bigger text, the deblocked difference enlarged (jpeg-difference.ts). None for other images
 * (not JPEG, nothing found, text over too much of the image).
 */
export function jpegReadingPictures(
  source: Pixels,
  found: AutoRevealResult,
  signal?: AbortSignal,
): Pixels[] {
  if (found.confidence === 0 || !(found.threshold > 0)) return [];
  const box = textBox(found.mask);
  if (!box) return [];
  // Measured on the crop: labelling every pixel of a 12 MP mask would cost more than the fit.
  const mask = crop(found.mask, box);
  const tall = inkHeight(mask);
  if (tall === 0) return [];
  const picture =
    tall >= OCR_SMALL_TEXT
      ? differencePicture(source, found, box, tall, signal)
      : pictureIn(source, found, box, mask, signal);
  return picture ? [picture] : [];
}
