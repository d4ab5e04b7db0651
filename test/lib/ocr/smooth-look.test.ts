/**
 * The smoothed second look at a clean mask of mid-sized text (src/lib/ocr/smooth-look.ts):
 * which pictures get one, and what it is: the text's box alone, enlarged to about
 * SMOOTH_LOOK_HEIGHT px capitals, two-tone, with a white border. Whether it reads is checked
 * with the reader in test/lib/reveal/auto-reads.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { OCR_BORDER, OCR_SMALL_TEXT, invertPixels } from '../../../src/lib/ocr/prepare.ts';
import { SMOOTH_LOOK_HEIGHT, smoothLook } from '../../../src/lib/ocr/smooth-look.ts';
import { inkMarks, isTwoTone } from '../../../src/lib/ocr/text-size.ts';
import type { Pixels } from '../../../src/lib/reveal/types.ts';
import { drawText, flat, paint } from '../reveal/corpus.ts';

const white = flat([255, 255, 255, 255]);
const black = flat([0, 0, 0, 255]);

/** Black bitmap-face text on white, `scale` pixels per font pixel (capitals 7 × scale tall). */
function mask(scale: number, width: number, height: number): Pixels {
  return paint(drawText(['HIDDEN TEXT'], scale, width, height), white, black);
}

/** The box of the dark pixels: [left, top, right, bottom]. */
function inkBox(p: Pixels): number[] {
  let [left, top, right, bottom] = [p.width, p.height, -1, -1];
  for (let y = 0; y < p.height; y++)
    for (let x = 0; x < p.width; x++)
      if (p.data[(y * p.width + x) * 4] < 128) {
        left = Math.min(left, x);
        right = Math.max(right, x);
        top = Math.min(top, y);
        bottom = Math.max(bottom, y);
      }
  return [left, top, right, bottom];
}

describe('smoothLook', () => {
  it('enlarges 28 px capitals to about 32, two-tone, within a white border', () => {
    const look = smoothLook(mask(4, 320, 60));
    if (!look) throw new Error('a clean 28 px mask has a second look');
    expect(isTwoTone(look)).toBe(true);
    const { height } = inkMarks(look);
    expect(height).toBeGreaterThanOrEqual(SMOOTH_LOOK_HEIGHT - 1);
    expect(height).toBeLessThanOrEqual(SMOOTH_LOOK_HEIGHT + 2);
    const [left, top, right, bottom] = inkBox(look);
    expect(Math.min(left, top)).toBeGreaterThanOrEqual(OCR_BORDER);
    expect(look.width - 1 - right).toBeGreaterThanOrEqual(OCR_BORDER);
    expect(look.height - 1 - bottom).toBeGreaterThanOrEqual(OCR_BORDER);
  });

  it('reads only the text of a large picture, not its empty page', () => {
    const small = mask(4, 320, 60);
    const big: Pixels = {
      width: 2400,
      height: 1800,
      data: new Uint8ClampedArray(2400 * 1800 * 4).fill(255),
    };
    for (let y = 0; y < small.height; y++)
      big.data.set(
        small.data.subarray(y * small.width * 4, (y + 1) * small.width * 4),
        y * 2400 * 4,
      );
    const look = smoothLook(big);
    const alone = smoothLook(small);
    if (!look || !alone) throw new Error('both have a second look');
    expect([look.width, look.height]).toEqual([alone.width, alone.height]);
    expect(look.width * look.height).toBeLessThan((2400 * 1800) / 100);
  });

  it('turns white text on black over first', () => {
    const m = mask(4, 320, 60);
    expect(smoothLook(invertPixels(m))).toEqual(smoothLook(m));
  });

  it('is none for small text, tall text, a speckled mask, a grey picture and a blank one', () => {
    // 12 px: prepareForOcr already enlarges and smooths it.
    expect(smoothLook(mask(12 / 7, 160, 40))).toBeUndefined();
    // 35 px: at or above the look's own height.
    expect(smoothLook(mask(5, 400, 70))).toBeUndefined();
    const speckled = mask(4, 320, 60);
    let seed = 3;
    for (let i = 0; i < 400; i++) {
      seed = (seed * 16807) % 2147483647;
      const p = (seed % (320 * 60)) * 4;
      speckled.data.set([0, 0, 0, 255], p);
    }
    expect(smoothLook(speckled)).toBeUndefined();
    const grey = paint(drawText(['HIDDEN TEXT'], 4, 320, 60), white, flat([90, 90, 90, 255]));
    expect(smoothLook(grey)).toBeUndefined();
    expect(
      smoothLook({ width: 50, height: 20, data: new Uint8ClampedArray(4000).fill(255) }),
    ).toBeUndefined();
  });

  it('takes a look at capitals from OCR_SMALL_TEXT (20 px) to 31 px, and none at 19 or 32', () => {
    const capitals = (px: number) =>
      paint(drawText(['HIDDEN TEXT'], px / 7, px * 11, px * 2), white, black);
    for (const px of [19, 20, 31, 32]) expect(inkMarks(capitals(px)).height).toBe(px);
    expect(smoothLook(capitals(OCR_SMALL_TEXT - 1))).toBeUndefined();
    expect(smoothLook(capitals(OCR_SMALL_TEXT))).toBeDefined();
    expect(smoothLook(capitals(SMOOTH_LOOK_HEIGHT - 1))).toBeDefined();
    expect(smoothLook(capitals(SMOOTH_LOOK_HEIGHT))).toBeUndefined();
  });
});
