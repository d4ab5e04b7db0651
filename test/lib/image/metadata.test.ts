import { describe, expect, it } from 'vitest';
import { findMetadata, readExifOrientation } from '../../../src/lib/image/metadata.ts';
import { exifApp1, insertAfterSoi, isobmff } from './bytes.ts';
import { fixture } from './fixtures.ts';

const cat = () => fixture('gemini/generative-ai-js/cat.jpeg');

describe('findMetadata', () => {
  it('finds the EXIF and XMP a camera JPEG carries', () => {
    expect(findMetadata(cat(), 'jpeg').sort()).toEqual(['Exif', 'XMP']);
  });

  it('finds a GPS position inside EXIF', () => {
    const withGps = insertAfterSoi(cat(), exifApp1(1, true));
    expect(findMetadata(withGps, 'jpeg')).toContain('GPS');
    expect(findMetadata(insertAfterSoi(cat(), exifApp1(1, false)), 'jpeg')).not.toContain('GPS');
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
  it.each([1, 3, 6, 8])('reads orientation %i', (orientation) => {
    expect(readExifOrientation(insertAfterSoi(cat(), exifApp1(orientation, false)))).toBe(
      orientation,
    );
  });

  it('is 1 when a JPEG has no EXIF at all', () => {
    const bare = new Uint8Array([0xff, 0xd8, 0xff, 0xdb, 0, 4, 0, 0, 0xff, 0xd9]);
    expect(readExifOrientation(bare)).toBe(1);
  });
});
