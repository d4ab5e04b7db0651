/**
 * The BMP decoder in Node, on files built byte by byte: each bit depth gives the levels a
 * person would work out from the file by hand, rows land the right way up whatever the row
 * order and padding, and damaged, compressed or lying files end in a plain ImageError
 * before any pixels are allocated for them.
 */
import { describe, expect, it } from 'vitest';
import { BmpUnsupportedError, decodeBmp, type BmpImage } from '../../../src/lib/image/bmp.ts';
import { ImageError } from '../../../src/lib/image/errors.ts';
import { INTAKE_LIMITS } from '../../../src/lib/image/intake.ts';
import { bmpFile, type BmpSpec } from './bmp-files.ts';
import { bmp, le32 } from './bytes.ts';
import { bmp24 } from './fuzz-corpus.ts';

/** RGBA of pixel (x, y). */
const at = (image: BmpImage, x: number, y: number) =>
  Array.from(image.data.subarray((y * image.width + x) * 4, (y * image.width + x) * 4 + 4));

/** Every pixel's RGBA, top row first. */
const rgba = (image: BmpImage) =>
  Array.from({ length: image.width * image.height }, (_, i) =>
    Array.from(image.data.subarray(i * 4, i * 4 + 4)),
  );

function errorOf(run: () => unknown): ImageError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ImageError);
    return error as ImageError;
  }
  throw new Error('expected an ImageError');
}

/** `file` with the 32-bit little-endian value at `offset` replaced. */
function patched(file: Uint8Array, offset: number, value: number): Uint8Array<ArrayBuffer> {
  const out = file.slice();
  out.set(le32(value), offset);
  return out;
}

describe('decodeBmp reads', () => {
  it('a 24-bit image the right way up: red left half, blue right half', () => {
    const image = decodeBmp(bmp24(12, 6));
    expect([image.width, image.height]).toEqual([12, 6]);
    for (const y of [0, 5]) {
      expect(at(image, 0, y)).toEqual([255, 0, 0, 255]);
      expect(at(image, 11, y)).toEqual([0, 0, 255, 255]);
    }
  });

  it('the first stored row as the bottom row, or as the top row when the height is negative', () => {
    // Stored rows, first to last: one white row, then a black one.
    const stored = [255, 255, 255, 0, 0, 0, 0, 0];
    expect(at(decodeBmp(bmp(1, 2, stored)), 0, 1)).toEqual([255, 255, 255, 255]);
    expect(at(decodeBmp(bmp(1, 2, stored)), 0, 0)).toEqual([0, 0, 0, 255]);
    expect(at(decodeBmp(bmp(1, -2, stored)), 0, 0)).toEqual([255, 255, 255, 255]);
  });

  it.each([1, 2, 3, 4, 5, 6, 7])(
    '24-bit rows padded to 4 bytes at width %i, top-down and bottom-up alike',
    (width) => {
      const pixels = Array.from({ length: width * 3 }, (_, i) => (i * 0x2f1d3b) & 0xffffff);
      const expected = pixels.map((v) => [v >> 16, (v >> 8) & 255, v & 255, 255]);
      for (const topDown of [false, true]) {
        const image = decodeBmp(bmpFile({ width, height: 3, bpp: 24, topDown, pixels }));
        expect(rgba(image)).toEqual(expected);
      }
    },
  );

  it.each([1, 4, 8] as const)('a %i-bit palette, rows of odd widths', (bpp) => {
    const colours = 1 << bpp;
    const palette = Array.from(
      { length: colours },
      (_, i) => [i, 255 - i, (i * 7) & 255] as [number, number, number],
    );
    for (const width of [1, 3, 9, 17]) {
      const pixels = Array.from({ length: width * 2 }, (_, i) => (i * 5 + 1) % colours);
      const image = decodeBmp(bmpFile({ width, height: 2, bpp, palette, pixels }));
      expect(rgba(image)).toEqual(pixels.map((i) => [...palette[i], 255]));
    }
  });

  it('a core header, whose colour table has 3 bytes an entry', () => {
    const palette: [number, number, number][] = [
      [10, 20, 30],
      [40, 50, 60],
      [70, 80, 90],
      ...Array<[number, number, number]>(253).fill([0, 0, 0]),
    ];
    const spec: BmpSpec = { width: 3, height: 1, bpp: 8, header: 12, palette, pixels: [2, 0, 1] };
    expect(rgba(decodeBmp(bmpFile(spec)))).toEqual([
      [70, 80, 90, 255],
      [10, 20, 30, 255],
      [40, 50, 60, 255],
    ]);
  });

  it('indexes past a short colour table as opaque black, and ignores a huge colour count', () => {
    const palette: [number, number, number][] = [
      [1, 2, 3],
      [4, 5, 6],
    ];
    const spec: BmpSpec = { width: 3, height: 1, bpp: 4, used: 2, palette, pixels: [1, 0, 7] };
    expect(rgba(decodeBmp(bmpFile(spec)))).toEqual([
      [4, 5, 6, 255],
      [1, 2, 3, 255],
      [0, 0, 0, 255],
    ]);
    // A full table of 16 with a colour count of 2^32 - 1: the table is still 16 entries.
    const full = bmpFile({ ...spec, used: 0xffffffff, palette: Array(16).fill([9, 9, 9]) });
    expect(at(decodeBmp(full), 2, 0)).toEqual([9, 9, 9, 255]);
  });

  it('16-bit 5-5-5, each 5-bit level stretched to 0–255 with rounding', () => {
    const pixels = [0x7c00, 0x03e0, 0x0001, 0x4210, 0x7fff, 0x8000];
    expect(rgba(decodeBmp(bmpFile({ width: 6, height: 1, bpp: 16, pixels })))).toEqual([
      [255, 0, 0, 255],
      [0, 255, 0, 255],
      [0, 0, 8, 255], // 1 × 255 / 31 = 8.2
      [132, 132, 132, 255], // 16 × 255 / 31 = 131.6
      [255, 255, 255, 255],
      [0, 0, 0, 255], // the top bit means nothing
    ]);
  });

  it('16-bit 5-6-5 bit fields, green with 6 bits', () => {
    const spec: BmpSpec = {
      width: 3,
      height: 1,
      bpp: 16,
      compression: 3,
      masks: [0xf800, 0x07e0, 0x001f],
      pixels: [0x07e0, 0x0020, 0xf81f],
    };
    expect(rgba(decodeBmp(bmpFile(spec)))).toEqual([
      [0, 255, 0, 255],
      [0, 4, 0, 255], // 1 × 255 / 63 = 4.05
      [255, 0, 255, 255],
    ]);
  });

  it('32-bit without alpha: the fourth byte is unused, every pixel opaque', () => {
    const spec: BmpSpec = { width: 2, height: 1, bpp: 32, pixels: [0x80102030, 0x00405060] };
    expect(rgba(decodeBmp(bmpFile(spec)))).toEqual([
      [16, 32, 48, 255],
      [64, 80, 96, 255],
    ]);
  });

  it.each([56, 108, 124] as const)(
    '32-bit with an alpha bit field (%i-byte header): translucent levels exactly',
    (header) => {
      const spec: BmpSpec = {
        width: 3,
        height: 1,
        bpp: 32,
        header,
        compression: 3,
        masks: [0xff0000, 0xff00, 0xff, 0xff000000],
        pixels: [0x00102030, 0x01405060, 0xfe708090],
      };
      expect(rgba(decodeBmp(bmpFile(spec)))).toEqual([
        [16, 32, 48, 0],
        [64, 80, 96, 1],
        [112, 128, 144, 254],
      ]);
    },
  );

  it('alpha bit fields after a 40-byte header, in RGBA order', () => {
    const spec: BmpSpec = {
      width: 1,
      height: 1,
      bpp: 32,
      compression: 6,
      masks: [0xff, 0xff00, 0xff0000, 0xff000000],
      pixels: [0x7f302010],
    };
    expect(rgba(decodeBmp(bmpFile(spec)))).toEqual([[16, 32, 48, 127]]);
  });

  it('pixels right after the colour table when the file says they start at 0', () => {
    const file = patched(
      bmpFile({ width: 2, height: 1, bpp: 24, pixels: [0x010203, 0x040506] }),
      10,
      0,
    );
    expect(rgba(decodeBmp(file))).toEqual([
      [1, 2, 3, 255],
      [4, 5, 6, 255],
    ]);
    // After a table of the 2 colours used, not of all 16 a 4-bit image could have.
    const palette: [number, number, number][] = [
      [7, 7, 7],
      [9, 9, 9],
    ];
    const paletted = bmpFile({ width: 2, height: 1, bpp: 4, used: 2, palette, pixels: [1, 0] });
    expect(rgba(decodeBmp(patched(paletted, 10, 0)))).toEqual([
      [9, 9, 9, 255],
      [7, 7, 7, 255],
    ]);
  });
});

describe('decodeBmp refuses', () => {
  it.each([
    [1, 'RLE8'],
    [2, 'RLE4'],
    [4, 'a JPEG inside'],
    [5, 'a PNG inside'],
  ])('compression %i with a plain message naming it', (compression, named) => {
    const file = bmpFile({ width: 2, height: 1, bpp: 8, compression, pixels: [0, 0] });
    const error = errorOf(() => decodeBmp(file));
    expect(error).toBeInstanceOf(BmpUnsupportedError);
    expect(error.code).toBe('undecodable');
    expect(error.message).toContain(named);
    expect(error.message).toContain('Save it as PNG');
  });

  it('an OS/2 2.x header as unsupported', () => {
    const error = errorOf(() => decodeBmp(patched(bmp24(2, 2), 14, 64)));
    expect(error).toBeInstanceOf(BmpUnsupportedError);
  });

  it.each([
    ['a declared size over the pixel limit', 50_000, 50_000],
    ['a height of -2^31', 1, -0x80000000],
    ['a width of 2^31 - 1', 0x7fffffff, 1],
  ])('%s in a tiny file, as too many pixels', (_name, width, height) => {
    expect(errorOf(() => decodeBmp(bmp(width, height))).code).toBe('too-many-pixels');
  });

  it('a size over a smaller limit it is given', () => {
    const file = bmp24(40, 30);
    const limits = { ...INTAKE_LIMITS, maxPixels: 1000 };
    expect(errorOf(() => decodeBmp(file, limits)).code).toBe('too-many-pixels');
    expect(decodeBmp(file, { ...limits, maxPixels: 1200 }).width).toBe(40);
  });

  it('a file missing any of its rows, padding included, as cut short', () => {
    const file = bmp24(5, 4);
    for (const cut of [1, 4, 16, file.length - 54, file.length - 20]) {
      expect(errorOf(() => decodeBmp(file.subarray(0, file.length - cut))).code).toBe('truncated');
    }
    // A 10000×10000 header (within the limit) with no pixels: refused, not allocated.
    expect(errorOf(() => decodeBmp(bmp(10_000, 10_000))).code).toBe('truncated');
  });

  it.each([
    ['not starting with BM', (f: Uint8Array) => patched(f, 0, 0x424d)],
    ['a header size no writer uses', (f: Uint8Array) => patched(f, 14, 41)],
    ['a width of 0', (f: Uint8Array) => patched(f, 18, 0)],
    ['a height of 0', (f: Uint8Array) => patched(f, 22, 0)],
    ['2 bits a pixel', (f: Uint8Array) => patched(f, 28, 2)],
    ['an unknown compression', (f: Uint8Array) => patched(f, 30, 9)],
    ['bit fields on a 24-bit image', (f: Uint8Array) => patched(f, 30, 3)],
  ])('a damaged file (%s) as undecodable', (_name, damage) => {
    expect(errorOf(() => decodeBmp(damage(bmp24(4, 2)))).code).toBe('undecodable');
  });

  it.each([
    ['overlap', [0xff00, 0x0ff0, 0x000f]],
    ['have holes', [0xf0f0, 0x0f00, 0x000f]],
  ])('bit fields that %s, as undecodable', (_name, masks) => {
    const file = bmpFile({ width: 1, height: 1, bpp: 16, compression: 3, masks, pixels: [0] });
    expect(errorOf(() => decodeBmp(file)).code).toBe('undecodable');
  });

  it('a file shorter than its headers as cut short', () => {
    for (const length of [0, 2, 17, 30, 53]) {
      expect(errorOf(() => decodeBmp(bmp24(2, 2).subarray(0, length))).code).toBe('truncated');
    }
  });
});
