/**
 * All canvas I/O of the page: decode a file to the exact pixels it holds, encode pixels as
 * PNG, paint pixels on a canvas. Browsers colour-manage and premultiply by default, which
 * changes exactly the one-level differences Reveal exists to find, so every decode here
 * turns both off.
 */
import type { Pixels } from '../lib/reveal/types.ts';

/** The largest image Glimpse decodes, in pixels (a 100-megapixel RGBA buffer is 400 MB). */
export const MAX_PIXELS = 100_000_000;

/** Why a file could not be read as an image. */
export type ImageErrorKind = 'empty' | 'not-image' | 'truncated' | 'too-large';

/** A file that is not a readable image; `message` is written for the person. */
export class ImageDecodeError extends Error {
  override name = 'ImageDecodeError';
  constructor(
    readonly kind: ImageErrorKind,
    message: string,
  ) {
    super(message);
  }
}

/** What a file's first bytes say about it, read without decoding the pixels. */
export interface ImageHeader {
  format: 'png' | 'jpeg' | 'gif' | 'webp' | 'bmp';
  width: number;
  height: number;
  /** False when the file stops before its format's end marker. */
  complete: boolean;
}

/** Decode an image file to straight RGBA exactly as stored (EXIF orientation applied). */
export async function decodeImage(blob: Blob, signal?: AbortSignal): Promise<Pixels> {
  signal?.throwIfAborted();
  if (blob.size === 0) throw new ImageDecodeError('empty', 'This file is empty (0 bytes).');
  const header = readImageHeader(new Uint8Array(await blob.arrayBuffer()));
  signal?.throwIfAborted();
  // Refuse huge images from their header, before the browser allocates their pixels.
  if (header) checkSize(header.width, header.height);
  if (header && !header.complete) throw truncated(header.format);
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(blob, {
      premultiplyAlpha: 'none',
      colorSpaceConversion: 'none',
      imageOrientation: 'from-image',
    });
  } catch {
    throw header
      ? truncated(header.format)
      : new ImageDecodeError(
          'not-image',
          'This file is not an image Glimpse can read (PNG, JPEG, GIF, WebP, BMP or AVIF).',
        );
  }
  try {
    signal?.throwIfAborted();
    checkSize(bitmap.width, bitmap.height);
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

/**
 * Encode pixels as an RGBA PNG whose decoded values are exactly the pixels given. Written
 * here rather than by a canvas, whose premultiplied store would shift translucent colours.
 */
export async function encodePng(pixels: Pixels): Promise<Blob> {
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

/** Read format, size and completeness from a file's bytes; undefined for unknown formats. */
export function readImageHeader(b: Uint8Array): ImageHeader | undefined {
  const be32 = (i: number) => ((b[i] << 24) | (b[i + 1] << 16) | (b[i + 2] << 8) | b[i + 3]) >>> 0;
  const le16 = (i: number) => b[i] | (b[i + 1] << 8);
  const ascii = (i: number, n: number) => String.fromCharCode(...b.subarray(i, i + n));
  if (b.length >= 24 && be32(0) === 0x89504e47 && be32(4) === 0x0d0a1a0a) {
    // IHDR is always the first chunk; the file must end with an IEND chunk.
    const tail = ascii(Math.max(0, b.length - 1024), 1024);
    return { format: 'png', width: be32(16), height: be32(20), complete: tail.includes('IEND') };
  }
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return readJpeg(b);
  if (b.length >= 10 && ascii(0, 4) === 'GIF8') {
    return { format: 'gif', width: le16(6), height: le16(8), complete: b.includes(0x3b, 13) };
  }
  if (b.length >= 30 && ascii(0, 4) === 'RIFF' && ascii(8, 4) === 'WEBP') {
    const kind = ascii(12, 4);
    const complete = b.length >= 8 + (b[4] | (b[5] << 8) | (b[6] << 16) | (b[7] << 24));
    if (kind === 'VP8X') {
      const w = 1 + (b[24] | (b[25] << 8) | (b[26] << 16));
      const h = 1 + (b[27] | (b[28] << 8) | (b[29] << 16));
      return { format: 'webp', width: w, height: h, complete };
    }
    if (kind === 'VP8L') {
      const bits = b[21] | (b[22] << 8) | (b[23] << 16) | (b[24] << 24);
      return {
        format: 'webp',
        width: 1 + (bits & 0x3fff),
        height: 1 + ((bits >>> 14) & 0x3fff),
        complete,
      };
    }
    return { format: 'webp', width: le16(26) & 0x3fff, height: le16(28) & 0x3fff, complete };
  }
  if (b.length >= 26 && ascii(0, 2) === 'BM') {
    const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
    const width = Math.abs(dv.getInt32(18, true));
    const height = Math.abs(dv.getInt32(22, true));
    return { format: 'bmp', width, height, complete: b.length >= dv.getUint32(2, true) };
  }
  return undefined;
}

/** JPEG: walk the segments to the frame header; complete when an end marker follows the scan. */
function readJpeg(b: Uint8Array): ImageHeader {
  let width = 0;
  let height = 0;
  let i = 2;
  while (i + 4 <= b.length) {
    if (b[i] !== 0xff) break;
    const marker = b[i + 1];
    if (marker === 0xff) {
      i++;
      continue;
    }
    const length = (b[i + 2] << 8) | b[i + 3];
    const isFrame = marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker);
    if (isFrame && i + 9 <= b.length) {
      height = (b[i + 5] << 8) | b[i + 6];
      width = (b[i + 7] << 8) | b[i + 8];
    }
    if (marker === 0xda) {
      // Inside entropy-coded data 0xFF is always followed by 0x00 or a restart marker, so
      // the first FF D9 after the scan starts is the end of the image.
      for (let j = i + 2 + length; j + 1 < b.length; j++) {
        if (b[j] === 0xff && b[j + 1] === 0xd9)
          return { format: 'jpeg', width, height, complete: true };
      }
      break;
    }
    i += 2 + length;
  }
  return { format: 'jpeg', width, height, complete: false };
}

function checkSize(width: number, height: number): void {
  if (width * height <= MAX_PIXELS) return;
  const mp = ((width * height) / 1e6).toFixed(0);
  throw new ImageDecodeError(
    'too-large',
    `This image is ${width} × ${height} pixels (${mp} megapixels); Glimpse reads images up to 100 megapixels.`,
  );
}

function truncated(format: string): ImageDecodeError {
  return new ImageDecodeError(
    'truncated',
    `This ${format.toUpperCase()} file is incomplete: it was cut short or is damaged.`,
  );
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
