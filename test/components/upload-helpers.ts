/**
 * Images made in the browser for the upload tests: canvas-encoded JPEG/PNG, a hand-written
 * GIF (browsers cannot encode GIF), and pixel reads of what the upload would send.
 */
import { bytes, exifApp1 } from '../lib/image/bytes.ts';

/** A canvas of `width`×`height` painted by `paint`. */
export function paintCanvas(
  width: number,
  height: number,
  paint: (ctx: OffscreenCanvasRenderingContext2D) => void,
): OffscreenCanvas {
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D context');
  paint(ctx);
  return canvas;
}

/** Left half red, right half blue: easy to tell which way it was turned. */
export function halves(width: number, height: number): OffscreenCanvas {
  return paintCanvas(width, height, (ctx) => {
    ctx.fillStyle = '#ff0000';
    ctx.fillRect(0, 0, width / 2, height);
    ctx.fillStyle = '#0000ff';
    ctx.fillRect(width / 2, 0, width / 2, height);
  });
}

/** Bytes of a Blob. */
export async function blobBytes(blob: Blob): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await blob.arrayBuffer());
}

/** A canvas encoded as JPEG by Chromium, as bytes. */
export async function jpegOf(canvas: OffscreenCanvas, quality = 0.92) {
  return blobBytes(await canvas.convertToBlob({ type: 'image/jpeg', quality }));
}

/**
 * `jpeg` with an EXIF APP1 segment (orientation, optional GPS) written in after its JFIF
 * APP0 segment, where cameras put it.
 */
export function withExif(
  jpeg: Uint8Array,
  orientation: number,
  gps: boolean,
  order: 'MM' | 'II' = 'MM',
) {
  const afterApp0 = jpeg[3] === 0xe0 ? 4 + ((jpeg[4] << 8) | jpeg[5]) : 2;
  return bytes(
    jpeg.subarray(0, afterApp0),
    exifApp1(orientation, gps, order),
    jpeg.subarray(afterApp0),
  );
}

/**
 * A GIF with a two-colour palette (index 0 red, 1 blue): left half red, right half blue.
 * LZW data with a clear code every two pixels keeps every code 3 bits wide.
 */
export function twoColourGif(width: number, height: number): Uint8Array<ArrayBuffer> {
  const codes: number[] = [];
  let n = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (n % 2 === 0) codes.push(4); // clear
      codes.push(x < width / 2 ? 0 : 1);
      n++;
    }
  }
  codes.push(5); // end of information
  const packed: number[] = [];
  let acc = 0;
  let bits = 0;
  for (const code of codes) {
    acc |= code << bits;
    bits += 3;
    while (bits >= 8) {
      packed.push(acc & 255);
      acc >>= 8;
      bits -= 8;
    }
  }
  if (bits > 0) packed.push(acc & 255);
  const blocks: number[] = [];
  for (let i = 0; i < packed.length; i += 255) {
    const block = packed.slice(i, i + 255);
    blocks.push(block.length, ...block);
  }
  const le16 = (v: number) => [v & 255, v >> 8];
  return bytes(
    'GIF89a',
    le16(width),
    le16(height),
    0x80, // global colour table of 2 entries
    0,
    0,
    [255, 0, 0, 0, 0, 255],
    0x2c,
    le16(0),
    le16(0),
    le16(width),
    le16(height),
    0,
    2, // LZW minimum code size
    blocks,
    0,
    0x3b,
  );
}

/** RGBA of the pixel at (x, y) of an encoded image, as the browser decodes it. */
export async function pixelAt(blob: Blob, x: number, y: number): Promise<number[]> {
  const bitmap = await createImageBitmap(blob);
  const canvas = paintCanvas(bitmap.width, bitmap.height, (ctx) => ctx.drawImage(bitmap, 0, 0));
  bitmap.close();
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D context');
  return [...ctx.getImageData(x, y, 1, 1).data];
}

/** Whether `haystack` contains the Latin-1 text `needle`. */
export function containsAscii(haystack: Uint8Array, needle: string): boolean {
  const text = new TextDecoder('latin1').decode(haystack);
  return text.includes(needle);
}

/** Whether two colours are within `tolerance` on every channel (JPEG shifts colours a bit). */
export function near(a: number[], b: number[], tolerance = 40): boolean {
  return a.every((v, i) => Math.abs(v - b[i]) <= tolerance);
}
