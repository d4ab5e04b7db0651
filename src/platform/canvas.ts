/**
 * All canvas I/O of the page: decode a file to the exact pixels it holds, encode pixels as
 * PNG, paint pixels on a canvas. Browsers colour-manage and premultiply by default, which
 * changes exactly the one-level differences Reveal exists to find, so every decode here
 * turns both off.
 */
import { INTAKE_MESSAGES, checkPixels } from '../lib/image/intake.ts';
import type { Pixels } from '../lib/reveal/types.ts';
import { canvasReadbackAltered } from './canvas-noise.ts';
import { readImageFile } from './image-decoder.ts';
import { decodeDirect } from './direct-decode.ts';
import { decodeThroughCanvas } from './exact-decode.ts';

// Kept importable from here for the callers that encode on the page (Hide).
export { encodePng } from './png-encode.ts';

/**
 * Decode an image file to straight RGBA exactly as stored (EXIF orientation applied), through
 * the one intake. Failures throw `ImageError` with a message written for the person.
 */
export async function decodeImage(blob: Blob, signal?: AbortSignal): Promise<Pixels> {
  return (await decodeImageNoted(blob, signal)).pixels;
}

/**
 * {@link decodeImage}, with a note for the person when the pixels could not be read exactly
 * as stored: where the browser alters canvas readback, PNG and BMP are decoded in JavaScript
 * instead (and said so), and other formats are read through the canvas with a warning.
 */
export async function decodeImageNoted(
  blob: Blob,
  signal?: AbortSignal,
): Promise<{ pixels: Pixels; note: string }> {
  const file = await readImageFile(blob, signal);
  const kind = file.format.kind;
  if (canvasReadbackAltered()) {
    const direct = decodeDirect(file.bytes, kind);
    if (direct) {
      checkPixels(direct.width, direct.height);
      return { pixels: direct, note: INTAKE_MESSAGES.canvasNoise() };
    }
    const pixels = await decodeThroughCanvas(file.bytes, kind, signal);
    return { pixels, note: INTAKE_MESSAGES.canvasNoiseLossy(kind) };
  }
  return { pixels: await decodeThroughCanvas(file.bytes, kind, signal), note: '' };
}

/** ImageBitmaps made (in a worker) of some pixels: painting them skips converting the pixels. */
const bitmaps = new WeakMap<Pixels, ImageBitmap>();

/**
 * Let the next {@link putPixels} of `pixels` draw `bitmap`, the same pixels made ready to draw
 * elsewhere (the reveal worker), maybe shrunk to the size they are shown at (the canvas then
 * takes the bitmap's size): putImageData's conversion of a 35 MP picture held the page for
 * 100 ms or more. The bitmap is closed once drawn.
 */
export function paintWith(pixels: Pixels, bitmap: ImageBitmap): void {
  bitmaps.get(pixels)?.close();
  bitmaps.set(pixels, bitmap);
}

/**
 * Paint pixels on a canvas, resizing it to their size (or to the size of the bitmap
 * {@link paintWith} gave for them).
 */
export function putPixels(canvas: HTMLCanvasElement, pixels: Pixels): void {
  const bitmap = bitmaps.get(pixels);
  const { width, height } = bitmap ?? pixels;
  if (canvas.width !== width) canvas.width = width;
  if (canvas.height !== height) canvas.height = height;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('This browser gave no 2D canvas context.');
  if (bitmap) {
    bitmaps.delete(pixels);
    // 'copy': the picture replaces what was there, transparent pixels included, as
    // putImageData does.
    ctx.globalCompositeOperation = 'copy';
    ctx.drawImage(bitmap, 0, 0);
    ctx.globalCompositeOperation = 'source-over';
    bitmap.close();
    return;
  }
  ctx.putImageData(toImageData(pixels), 0, 0);
}

function toImageData(pixels: Pixels): ImageData {
  const data = new Uint8ClampedArray(
    pixels.data.buffer,
    pixels.data.byteOffset,
    pixels.data.length,
  );
  return new ImageData(data as Uint8ClampedArray<ArrayBuffer>, pixels.width, pixels.height);
}
