/**
 * The JavaScript BMP decoder against Chromium's own decode: every layout in the gallery
 * (test/lib/image/bmp-cases.ts), read both ways, must give the same RGBA to the level. That is
 * what makes a BMP read the same in a browser that alters canvas readback as in one that
 * does not.
 */
import { describe, expect, it } from 'vitest';
import { decodeBmp } from '../../src/lib/image/bmp.ts';
import { decodeImage } from '../../src/platform/canvas.ts';
import { bmpCases } from '../lib/image/bmp-cases.ts';

describe('decodeBmp matches Chromium', () => {
  for (const [name, file] of bmpCases()) {
    it(name, async () => {
      const ours = decodeBmp(file);
      const chromium = await decodeImage(new Blob([file], { type: 'image/bmp' }));
      expect([ours.width, ours.height]).toEqual([chromium.width, chromium.height]);
      expect(Array.from(ours.data)).toEqual(Array.from(chromium.data));
    });
  }
});
