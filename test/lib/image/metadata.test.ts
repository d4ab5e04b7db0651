import { describe, expect, it } from 'vitest';
import { findMetadata, readExifOrientation } from '../../../src/lib/image/metadata.ts';
import { exifApp1, insertAfterSoi, isobmff } from './bytes.ts';
import { fixture } from './fixtures.ts';

const cat = () => fixture('gemini/generative-ai-js/cat.jpeg');

describe('findMetadata', () => {
  it('finds the EXIF and XMP a camera JPEG carries', () => {
    expect(findMetadata(cat(), 'jpeg').sort()).toEqual(['Exif', 'XMP']);
  });

  it.each(['MM', 'II'] as const)('finds a GPS position inside EXIF (byte order %s)', (order) => {
    const withGps = insertAfterSoi(cat(), exifApp1(1, true, order));
    expect(findMetadata(withGps, 'jpeg'), `GPS missed in ${order} EXIF`).toContain('GPS');
    expect(findMetadata(insertAfterSoi(cat(), exifApp1(1, false, order)), 'jpeg')).not.toContain(
      'GPS',
    );
  });

  it('finds the text chunks matplotlib wrote into the lesson PNG', () => {
    expect(findMetadata(fixture('lesson/hidden-message.png'), 'png')).toEqual(['text']);
  });

  it('finds EXIF and XMP chunks in a PNG', () => {
    expect(findMetadata(fixture('gemini/generative-ai-js/cat.png'), 'png').sort()).toEqual([
      'Exif',
      'XMP',
    ]);
  });

  it('finds an Exif item in a HEIC', () => {
    const heic = isobmff('heic', ['mif1']);
    expect(findMetadata(heic, 'heic')).toEqual([]);
    const withExif = new Uint8Array([...heic, ...new TextEncoder().encode('infeExif')]);
    expect(findMetadata(withExif, 'heic')).toEqual(['Exif']);
  });
});

describe('readExifOrientation', () => {
  // Every orientation, in both TIFF byte orders: big-endian (MM, most cameras) and
  // little-endian (II, many phones). The same value must come out of both.
  const cases = (['MM', 'II'] as const).flatMap((order) =>
    [1, 2, 3, 4, 5, 6, 7, 8].map((orientation) => ({ order, orientation })),
  );
  it.each(cases)('reads orientation $orientation from $order EXIF', ({ order, orientation }) => {
    const jpeg = insertAfterSoi(cat(), exifApp1(orientation, false, order));
    expect(
      readExifOrientation(jpeg),
      `orientation ${orientation} misread from ${order === 'II' ? 'little' : 'big'}-endian EXIF: byte order ignored?`,
    ).toBe(orientation);
  });

  it('the two byte orders really differ in the bytes, so both are exercised', () => {
    const mm = exifApp1(6, true, 'MM');
    const ii = exifApp1(6, true, 'II');
    expect(mm.length).toBe(ii.length);
    expect(mm).not.toEqual(ii);
    expect(String.fromCharCode(mm[10], mm[11], ii[10], ii[11])).toBe('MMII');
  });

  it('is 1 when a JPEG has no EXIF at all', () => {
    const bare = new Uint8Array([0xff, 0xd8, 0xff, 0xdb, 0, 4, 0, 0, 0xff, 0xd9]);
    expect(readExifOrientation(bare)).toBe(1);
  });

  it('is 1 for an out-of-range orientation value', () => {
    expect(readExifOrientation(insertAfterSoi(cat(), exifApp1(9, false, 'II')))).toBe(1);
    expect(readExifOrientation(insertAfterSoi(cat(), exifApp1(0, false, 'MM')))).toBe(1);
  });
});
