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

/** Encode pixels as an RGBA PNG whose decoded values are exactly the pixels given. */
export async function encodePng(pixels: Pixels): Promise<Blob> {
  // Written here rather than by a canvas, whose premultiplied store shifts translucent colours.
  const { width, height, data } = pixels;
  const stride = width * 4;
  const raw = new Uint8Array((stride + 1) * height);
  // Filter "up" on every row after the first: the difference to the row above is mostly 0
  // in a mask or a flat background, which deflate packs tightly.
  for (let y = 0; y < height; y++) {
    const at = y * (stride + 1);
    const row = data.subarray(y * stride, (y + 1) * stride);
    if (y === 0) {
      raw.set(row, 1);
      continue;
    }
    raw[at] = 2;
    const up = data.subarray((y - 1) * stride, y * stride);
    for (let x = 0; x < stride; x++) raw[at + 1 + x] = row[x] - up[x];
  }
  const ihdr = new Uint8Array(13);
  new DataView(ihdr.buffer).setUint32(0, width);
  new DataView(ihdr.buffer).setUint32(4, height);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8 bits, RGBA, deflate, no filter set, not interlaced
  const zlib = new Blob([raw]).stream().pipeThrough(new CompressionStream('deflate'));
  const idat = new Uint8Array(await new Response(zlib).arrayBuffer());
  const signature = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return new Blob([signature, pngChunk('IHDR', ihdr), pngChunk('IDAT', idat), pngChunk('IEND')], {
    type: 'image/png',
  });
}

/** Paint pixels on a canvas, resizing it to their size. */
export function putPixels(canvas: HTMLCanvasElement, pixels: Pixels): void {
  if (canvas.width !== pixels.width) canvas.width = pixels.width;
  if (canvas.height !== pixels.height) canvas.height = pixels.height;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('This browser gave no 2D canvas context.');
  ctx.putImageData(toImageData(pixels), 0, 0);
}

let crcTable: Uint32Array | undefined;

function pngChunk(type: string, body = new Uint8Array()): Uint8Array<ArrayBuffer> {
  crcTable ??= Uint32Array.from({ length: 256 }, (_, n) => {
    for (let k = 0; k < 8; k++) n = n & 1 ? 0xedb88320 ^ (n >>> 1) : n >>> 1;
    return n >>> 0;
  });
  const out = new Uint8Array(12 + body.length);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, body.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(body, 8);
  let c = 0xffffffff;
  for (let i = 4; i < 8 + body.length; i++) c = crcTable[(c ^ out[i]) & 0xff] ^ (c >>> 8);
  dv.setUint32(8 + body.length, (c ^ 0xffffffff) >>> 0);
  return out;
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
