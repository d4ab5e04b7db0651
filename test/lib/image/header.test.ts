import { describe, expect, it } from 'vitest';
import { isTruncated, mayHaveAlpha, readImageSize } from '../../../src/lib/image/header.ts';
import { bmpFile } from './bmp-files.ts';
import { bmp, gif, isobmff, webpVp8x } from './bytes.ts';
import { fixture } from './fixtures.ts';

describe('readImageSize', () => {
  it.each([
    ['PNG', 'png', () => fixture('lesson/hidden-message.png'), 500, 500],
    ['JPEG', 'jpeg', () => fixture('gemini/generative-ai-js/cat.jpeg'), 256, 256],
    ['GIF', 'gif', () => gif(640, 480), 640, 480],
    ['BMP', 'bmp', () => bmp(300, 200), 300, 200],
    ['BMP stored top-down', 'bmp', () => bmp(300, -200), 300, 200],
    [
      'BMP with a core (OS/2 1.x) header',
      'bmp',
      () => bmpFile({ width: 30, height: 2, bpp: 24, header: 12, pixels: Array(60).fill(0) }),
      30,
      2,
    ],
    ['WebP (VP8X)', 'webp', () => webpVp8x(5000, 4000, true), 5000, 4000],
    ['HEIC (ispe)', 'heic', () => isobmff('heic', ['mif1'], 4032, 3024), 4032, 3024],
  ] as const)('reads %s', (_name, kind, make, width, height) => {
    expect(readImageSize(make(), kind)).toEqual({ width, height });
  });

  it("reads a PNG's sides from 1 to 2^31 - 1, and calls anything else no size (damaged)", () => {
    /** The lesson PNG with its IHDR sides set to `width` × `height` (unsigned 32-bit). */
    const png = (width: number, height: number) => {
      const b = fixture('lesson/hidden-message.png').slice();
      new DataView(b.buffer, b.byteOffset).setUint32(16, width);
      new DataView(b.buffer, b.byteOffset).setUint32(20, height);
      return b;
    };
    expect(readImageSize(png(1, 0x7fffffff), 'png')).toEqual({ width: 1, height: 0x7fffffff });
    expect(readImageSize(png(0x7fffffff, 1), 'png')).toEqual({ width: 0x7fffffff, height: 1 });
    expect(readImageSize(png(0, 500), 'png')).toBeNull();
    expect(readImageSize(png(500, 0), 'png')).toBeNull();
    expect(readImageSize(png(0x80000000, 500), 'png')).toBeNull();
    expect(readImageSize(png(500, 0xffffffff), 'png')).toBeNull();
    // A first chunk that is no IHDR: its bytes are no size.
    const noHeader = png(500, 500);
    noHeader.set([0x74, 0x45, 0x58, 0x74], 12); // 'tEXt'
    expect(readImageSize(noHeader, 'png')).toBeNull();
  });

  it('says nothing for a JPEG cut before its frame header', () => {
    expect(
      readImageSize(fixture('gemini/generative-ai-js/cat.jpeg').subarray(0, 40), 'jpeg'),
    ).toBeNull();
  });
});

describe('isTruncated', () => {
  it.each([
    ['PNG', 'png', 'lesson/hidden-message.png'],
    ['JPEG', 'jpeg', 'gemini/generative-ai-js/cat.jpeg'],
  ] as const)('tells a whole %s from one cut short', (_name, kind, path) => {
    const whole = fixture(path);
    expect(isTruncated(whole, kind)).toBe(false);
    expect(isTruncated(whole.subarray(0, Math.floor(whole.length * 0.6)), kind)).toBe(true);
  });

  it('accepts a motion photo: a JPEG with a video appended after its end', () => {
    const video = new Uint8Array(200_000).fill(0x42);
    const cat = fixture('gemini/generative-ai-js/cat.jpeg');
    expect(isTruncated(new Uint8Array([...cat, ...video]), 'jpeg')).toBe(false);
  });

  it('calls a JPEG cut inside its scan truncated, even though its EXIF thumbnail has an end marker', () => {
    const cat = fixture('gemini/generative-ai-js/cat.jpeg');
    const thumbnailEnd = cat.findIndex((v, i) => v === 0xff && cat[i + 1] === 0xd9);
    expect(thumbnailEnd).toBeLessThan(cat.length - 2); // the EXIF thumbnail's own marker
    expect(isTruncated(cat.subarray(0, cat.length - 200), 'jpeg')).toBe(true);
  });

  it('tells a whole GIF from one without its trailer, zero padding allowed', () => {
    const g = gif(2, 2);
    expect(isTruncated(g, 'gif')).toBe(false);
    expect(isTruncated(new Uint8Array([...g, 0, 0, 0]), 'gif')).toBe(false);
    expect(isTruncated(g.subarray(0, g.length - 1), 'gif')).toBe(true);
  });

  it('tells a WebP whose RIFF size runs past the end', () => {
    const w = webpVp8x(4, 4, false);
    expect(isTruncated(w, 'webp')).toBe(false);
    expect(isTruncated(w.subarray(0, w.length - 3), 'webp')).toBe(true);
  });
});

describe('mayHaveAlpha', () => {
  it('knows a JPEG is opaque and an RGBA PNG may not be', () => {
    expect(mayHaveAlpha(fixture('gemini/generative-ai-js/cat.jpeg'), 'jpeg')).toBe(false);
    expect(mayHaveAlpha(fixture('lesson/hidden-message.png'), 'png')).toBe(true);
  });

  it('reads the WebP alpha flag', () => {
    expect(mayHaveAlpha(webpVp8x(4, 4, true), 'webp')).toBe(true);
    expect(mayHaveAlpha(webpVp8x(4, 4, false), 'webp')).toBe(false);
  });
});
