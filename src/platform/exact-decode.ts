/**
 * Decode a checked file to the exact pixels it holds, through `createImageBitmap` and a 2D
 * canvas (WebGL where there is translucency). No DOM: the reveal worker runs it, so reading
 * back a huge picture (a second's work at 35 MP) does not hold the page.
 */
import type { ImageKind } from '../lib/image/formats.ts';
import type { Pixels } from '../lib/reveal/types.ts';
import { decodeBitmap } from './image-decoder.ts';

/**
 * Straight RGBA of `bytes` exactly as stored (EXIF orientation applied). Throws `ImageError`
 * (undecodable, too-many-pixels) or the signal's reason.
 */
export async function decodeThroughCanvas(
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

function context2d(width: number, height: number): OffscreenCanvasRenderingContext2D {
  const ctx = new OffscreenCanvas(width, height).getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('This browser gave no 2D canvas context.');
  return ctx;
}
