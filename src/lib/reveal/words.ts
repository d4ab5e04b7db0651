/**
 * 32-bit word access to RGBA buffers: one read per pixel instead of four, and look-up
 * tables that hold whole output pixels. Byte order is detected once, so the tables are
 * right on any machine (all browsers today run little-endian, but it costs nothing).
 */
import { checkImageSize } from './errors.ts';
import type { Pixels } from './types.ts';

const littleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** Bit shift that brings byte `index` (0 = red … 3 = alpha) of a pixel word to the bottom. */
export function byteShift(index: number): number {
  return littleEndian ? index * 8 : 24 - index * 8;
}

/** Shifts of red, green, blue and alpha within a pixel word. */
export const RED = byteShift(0);
/** See {@link RED}. */
export const GREEN = byteShift(1);
/** See {@link RED}. */
export const BLUE = byteShift(2);
/** See {@link RED}. */
export const ALPHA = byteShift(3);

/** The pixel word holding these four levels. */
export function packWord(r: number, g: number, b: number, a: number): number {
  return ((r << RED) | (g << GREEN) | (b << BLUE) | (a << ALPHA)) >>> 0;
}

/** An opaque grey pixel word. */
export function greyWord(level: number): number {
  return packWord(level, level, level, 255);
}

/** Opaque black as a pixel word. */
export const BLACK = greyWord(0);
/** Opaque white as a pixel word. */
export const WHITE = greyWord(255);

/** A Uint32Array view of an RGBA buffer (copied only when the buffer is misaligned). */
export function wordsOf(data: Uint8ClampedArray): Uint32Array {
  if (data.byteOffset % 4 === 0) {
    return new Uint32Array(data.buffer, data.byteOffset, data.length >> 2);
  }
  const copy = new Uint8ClampedArray(data);
  return new Uint32Array(copy.buffer, 0, copy.length >> 2);
}

/**
 * An image of the given size with its word view: written into `output` when that buffer has
 * the right length (reusing a buffer spares the ~50 ms a fresh 48 MB buffer costs in page
 * faults at 12 megapixels), else a fresh one.
 */
export function createPixels(
  width: number,
  height: number,
  output?: Uint8ClampedArray,
): { pixels: Pixels; words: Uint32Array } {
  checkImageSize(width, height);
  const fits = output && output.length === width * height * 4 && output.byteOffset % 4 === 0;
  const data = fits ? output : new Uint8ClampedArray(width * height * 4);
  return {
    pixels: { width, height, data },
    words: new Uint32Array(data.buffer, data.byteOffset, width * height),
  };
}

/** Pixels handled between two checks of the abort signal (about 1 ms of work). */
export const CHUNK = 1 << 20;
