import { describe, expect, it } from 'vitest';
import { sniffImageFormat } from '../../../src/lib/image/formats.ts';
import { bmp, bytes, gif, isobmff, webpVp8x } from './bytes.ts';
import { fixture } from './fixtures.ts';

describe('sniffImageFormat', () => {
  it.each([
    ['the lesson PNG', () => fixture('lesson/hidden-message.png'), 'png', 'image/png'],
    ['a camera JPEG', () => fixture('gemini/generative-ai-js/cat.jpeg'), 'jpeg', 'image/jpeg'],
    ['a GIF', () => gif(10, 10), 'gif', 'image/gif'],
    ['a BMP', () => bmp(10, 10), 'bmp', 'image/bmp'],
    ['a WebP', () => webpVp8x(10, 10, false), 'webp', 'image/webp'],
    ['an AVIF (also mif1)', () => isobmff('avif', ['mif1', 'miaf']), 'avif', 'image/avif'],
    ['an iPhone HEIC', () => isobmff('heic', ['mif1', 'heic']), 'heic', 'image/heic'],
    ['a HEIC with heix major brand', () => isobmff('heix', ['mif1']), 'heic', 'image/heic'],
    ['a HEIC sequence', () => isobmff('msf1', ['hevc']), 'heic', 'image/heic'],
    ['a generic HEIF', () => isobmff('mif1', ['miaf']), 'heif', 'image/heif'],
  ])('recognises %s by its bytes', (_name, make, kind, mimeType) => {
    expect(sniffImageFormat(make())).toEqual({ kind, mimeType });
  });

  it.each([
    ['an empty file', new Uint8Array()],
    ['text', bytes('Hello, this is not an image at all.')],
    ['an MP4 video', isobmff('isom', ['iso2', 'mp41'])],
    ['a PDF', bytes('%PDF-1.7\n%âãÏÓ\n1 0 obj')],
    ['a few bytes of PNG signature only', bytes(0x89, 'PNG')],
  ])('refuses %s', (_name, data) => {
    expect(sniffImageFormat(data)).toBeNull();
  });

  it('goes by content, so a HEIC renamed .png is still HEIC', () => {
    // The sniffer never sees a name; a File's name or type cannot sway it.
    const heic = isobmff('heic', ['mif1']);
    const file = new File([heic], 'photo.png', { type: 'image/png' });
    expect(file.type).toBe('image/png');
    expect(sniffImageFormat(heic)?.mimeType).toBe('image/heic');
  });
});
