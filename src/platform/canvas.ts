/**
 * All canvas I/O of the page: decode a file to the exact pixels it holds, encode pixels as
 * PNG, paint pixels on a canvas. Browsers colour-manage and premultiply by default, which
 * changes exactly the one-level differences Reveal exists to find, so every decode here
 * turns both off.
 */
import type { ImageKind } from '../lib/image/formats.ts';
import { INTAKE_MESSAGES, checkPixels } from '../lib/image/intake.ts';
import type { Pixels } from '../lib/reveal/types.ts';
import { canvasReadbackAltered } from './canvas-noise.ts';
import { decodeBitmap, readImageFile } from './image-decoder.ts';
import { decodeDirect } from './direct-decode.ts';

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

async function decodeThroughCanvas(
  bytes: Uint8Array<ArrayBuffer>,
  kind: ImageKind,
  signal?: AbortSignal,
): Promise<Pixels> {
  // Decode the bytes that were checked, not the file again (it may have changed on disk).
  const bitmap = await decodeBitmap(new Blob([bytes]), kind, 'exact');
  try {
    signal?.throwIfAborted();
    const ctx = context2d(bitmap.width, bitmap.height);
    ctx.drawImage(bitmap, 0, 0);
    const { data } = ctx.getImageData(0, 0, bitmap.width, bitmap.height);
    // A 2D canvas stores premultiplied colour, which shifts the colour of translucent pixels
    // by a level or so; WebGL reads those exactly, so images with any translucency go there.
    const exact = hasTranslucency(data) ? readUnpremultiplied(bitmap) : undefined;
    return { width: bitmap.width, height: bitmap.height, data: exact ?? data };
  } finally {
    bitmap.close();
  }
}

/** Paint pixels on a canvas, resizing it to their size. */
export function putPixels(canvas: HTMLCanvasElement, pixels: Pixels): void {
  if (canvas.width !== pixels.width) canvas.width = pixels.width;
  if (canvas.height !== pixels.height) canvas.height = pixels.height;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('This browser gave no 2D canvas context.');
  ctx.putImageData(toImageData(pixels), 0, 0);
}

function hasTranslucency(data: Uint8ClampedArray): boolean {
  for (let i = 3; i < data.length; i += 4) if (data[i] !== 255) return true;
  return false;
}

/** The bitmap's straight RGBA through WebGL; undefined where WebGL or the size is not there. */
function readUnpremultiplied(bitmap: ImageBitmap): Uint8ClampedArray | undefined {
  const { width, height } = bitmap;
  const gl = new OffscreenCanvas(1, 1).getContext('webgl2', { premultipliedAlpha: false });
  if (!gl) return undefined;
  try {
    const max = gl.getParameter(gl.MAX_TEXTURE_SIZE) as number;
    if (width > max || height > max) return undefined;
    gl.bindTexture(gl.TEXTURE_2D, gl.createTexture());
    gl.pixelStorei(gl.UNPACK_PREMULTIPLY_ALPHA_WEBGL, false);
    gl.pixelStorei(gl.UNPACK_COLORSPACE_CONVERSION_WEBGL, gl.NONE);
    gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA8, width, height, 0, gl.RGBA, gl.UNSIGNED_BYTE, bitmap);
    gl.bindFramebuffer(gl.FRAMEBUFFER, gl.createFramebuffer());
    const attach = gl.COLOR_ATTACHMENT0;
    gl.framebufferTexture2D(
      gl.FRAMEBUFFER,
      attach,
      gl.TEXTURE_2D,
      gl.getParameter(gl.TEXTURE_BINDING_2D),
      0,
    );
    if (gl.checkFramebufferStatus(gl.FRAMEBUFFER) !== gl.FRAMEBUFFER_COMPLETE) return undefined;
    const out = new Uint8ClampedArray(width * height * 4);
    // Texture row 0 is the image's top row, and readPixels starts at row 0: no flip needed.
    gl.readPixels(0, 0, width, height, gl.RGBA, gl.UNSIGNED_BYTE, out);
    return gl.getError() === gl.NO_ERROR ? out : undefined;
  } finally {
    gl.getExtension('WEBGL_lose_context')?.loseContext();
  }
}

function toImageData(pixels: Pixels): ImageData {
  const data = new Uint8ClampedArray(
    pixels.data.buffer,
    pixels.data.byteOffset,
    pixels.data.length,
  );
  return new ImageData(data as Uint8ClampedArray<ArrayBuffer>, pixels.width, pixels.height);
}

function context2d(width: number, height: number): OffscreenCanvasRenderingContext2D {
  const ctx = new OffscreenCanvas(width, height).getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('This browser gave no 2D canvas context.');
  return ctx;
}
