/**
 * A gallery of valid BMPs, one per layout the decoder reads: every bit depth, every header,
 * both row orders, odd widths (row padding), short colour tables and bit fields. The browser
 * test decodes each with Chromium and with the decoder and compares; the fuzz test mutates
 * them. No Node imports.
 */
import { bmpFile, type BmpSpec } from './bmp-files.ts';

/** A pseudo-random but fixed value in 0..max for pixel (x, y) of channel c. */
const level = (x: number, y: number, c: number, max: number) =>
  (x * 7 + y * 13 + c * 29 + ((x * y) % 5)) % (max + 1);

/** Every pixel of a width×height image, from (x, y). */
const grid = (width: number, height: number, value: (x: number, y: number) => number) =>
  Array.from({ length: width * height }, (_, i) => value(i % width, Math.floor(i / width)));

const PALETTE_16: [number, number, number][] = Array.from({ length: 16 }, (_, i) => [
  (i * 17) & 255,
  (255 - i * 13) & 255,
  (i * 71) & 255,
]);
const PALETTE_256: [number, number, number][] = Array.from({ length: 256 }, (_, i) => [
  i,
  (i * 3) & 255,
  255 - i,
]);

/** The gallery's specs, by name. */
export const BMP_CASES: Record<string, BmpSpec> = {
  '1-bit, width 13': {
    width: 13,
    height: 5,
    bpp: 1,
    palette: [
      [10, 20, 30],
      [240, 200, 7],
    ],
    pixels: grid(13, 5, (x, y) => (x + y) % 2),
  },
  '4-bit, width 7, top-down': {
    width: 7,
    height: 6,
    bpp: 4,
    topDown: true,
    palette: PALETTE_16,
    pixels: grid(7, 6, (x, y) => level(x, y, 0, 15)),
  },
  '4-bit, 5 colours used': {
    width: 9,
    height: 4,
    bpp: 4,
    palette: PALETTE_16.slice(0, 5),
    used: 5,
    pixels: grid(9, 4, (x, y) => level(x, y, 1, 4)),
  },
  '8-bit, width 5': {
    width: 5,
    height: 7,
    bpp: 8,
    palette: PALETTE_256,
    pixels: grid(5, 7, (x, y) => (x * 50 + y * 3) & 255),
  },
  '8-bit, core header': {
    width: 6,
    height: 3,
    bpp: 8,
    header: 12,
    palette: PALETTE_256,
    pixels: grid(6, 3, (x, y) => (x * 40 + y * 9) & 255),
  },
  '16-bit 5-5-5': {
    width: 7,
    height: 5,
    bpp: 16,
    pixels: grid(
      7,
      5,
      (x, y) => (level(x, y, 0, 31) << 10) | (level(x, y, 1, 31) << 5) | level(x, y, 2, 31),
    ),
  },
  '16-bit 5-6-5 bit fields': {
    width: 5,
    height: 4,
    bpp: 16,
    compression: 3,
    masks: [0xf800, 0x07e0, 0x001f],
    pixels: grid(
      5,
      4,
      (x, y) => (level(x, y, 0, 31) << 11) | (level(x, y, 1, 63) << 5) | level(x, y, 2, 31),
    ),
  },
  '24-bit, width 3': {
    width: 3,
    height: 4,
    bpp: 24,
    pixels: grid(
      3,
      4,
      (x, y) => level(x, y, 0, 255) * 0x10000 + level(x, y, 1, 255) * 0x100 + level(x, y, 2, 255),
    ),
  },
  '24-bit, top-down': {
    width: 5,
    height: 3,
    bpp: 24,
    topDown: true,
    pixels: grid(5, 3, (x, y) => level(x, y, 2, 255) * 0x10000 + level(x, y, 0, 255) * 0x100 + 9),
  },
  '32-bit plain': {
    width: 4,
    height: 3,
    bpp: 32,
    pixels: grid(4, 3, (x, y) => level(x, y, 0, 255) * 0x10000 + level(x, y, 1, 255) * 0x100 + 200),
  },
  '32-bit bit fields, no alpha, V3 header': {
    width: 4,
    height: 4,
    bpp: 32,
    header: 56,
    compression: 3,
    masks: [0xff0000, 0xff00, 0xff, 0],
    pixels: grid(4, 4, (x, y) => level(x, y, 1, 255) * 0x10000 + 77 * 0x100 + level(x, y, 2, 255)),
  },
  '32-bit V4, opaque alpha': {
    width: 3,
    height: 3,
    bpp: 32,
    header: 108,
    compression: 3,
    masks: [0xff0000, 0xff00, 0xff, 0xff000000],
    pixels: grid(3, 3, (x, y) => (255 * 0x1000000 + level(x, y, 0, 255) * 0x10000 + 0x8040) >>> 0),
  },
  '32-bit V5, RGBA order': {
    width: 5,
    height: 2,
    bpp: 32,
    header: 124,
    compression: 3,
    masks: [0xff, 0xff00, 0xff0000, 0xff000000],
    pixels: grid(5, 2, (x, y) => (255 * 0x1000000 + 0x204000 + level(x, y, 0, 255)) >>> 0),
  },
  '32-bit, alpha bit fields all zero': {
    width: 3,
    height: 2,
    bpp: 32,
    compression: 6,
    masks: [0xff0000, 0xff00, 0xff, 0xff000000],
    pixels: grid(3, 2, (x, y) => level(x, y, 0, 255) * 0x10000 + 0x1234),
  },
  '32-bit plain, fourth byte set (unused)': {
    width: 4,
    height: 1,
    bpp: 32,
    pixels: [0x00102030, 0x80102030, 0xff102030, 0x01102030],
  },
  '32-bit V4, translucent': {
    width: 3,
    height: 1,
    bpp: 32,
    header: 108,
    compression: 3,
    masks: [0xff0000, 0xff00, 0xff, 0xff000000],
    pixels: [0x00102030, 0x80405060, 0xff405060],
  },
  '16-bit 4-4-4-4 with alpha': {
    width: 4,
    height: 1,
    bpp: 16,
    header: 56,
    compression: 3,
    masks: [0x0f00, 0x00f0, 0x000f, 0xf000],
    pixels: [0x1234, 0x8abc, 0xf123, 0x0fff],
  },
  '32-bit 10-10-10 bit fields': {
    width: 3,
    height: 1,
    bpp: 32,
    compression: 3,
    masks: [0x3ff00000, 0xffc00, 0x3ff],
    pixels: [0x3ff003ff, 0x12345678, 0x00100401],
  },
  '16-bit 2-3-6 bit fields': {
    width: 4,
    height: 1,
    bpp: 16,
    compression: 3,
    masks: [0x0003, 0x001c, 0x07e0],
    pixels: [0x0001, 0x0002, 0x0003, 0x07ff],
  },
  '4-bit, an index past the 2 colours used': {
    width: 3,
    height: 1,
    bpp: 4,
    used: 2,
    palette: [
      [1, 2, 3],
      [4, 5, 6],
    ],
    pixels: [0, 1, 9],
  },
  '1-bit, core header, width 9': {
    width: 9,
    height: 2,
    bpp: 1,
    header: 12,
    palette: [
      [1, 2, 3],
      [200, 100, 50],
    ],
    pixels: [1, 0, 1, 0, 1, 1, 0, 0, 1, 0, 0, 0, 1, 1, 1, 0, 1, 0],
  },
};

/** The gallery's files, by name. */
export function bmpCases(): [string, Uint8Array<ArrayBuffer>][] {
  return Object.entries(BMP_CASES).map(([name, spec]) => [name, bmpFile(spec)]);
}
