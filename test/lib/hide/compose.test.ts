import { describe, expect, it } from 'vitest';
import {
  coverageToMask,
  DEFAULT_HIDE_OPTIONS,
  paintTwoColours,
  pointsToPixels,
} from '../../../src/lib/hide/index.ts';

describe('coverageToMask', () => {
  it('counts a pixel as text from half coverage up', () => {
    expect([...coverageToMask(new Uint8Array([0, 1, 127, 128, 200, 255]))]).toEqual([
      0, 0, 0, 1, 1, 1,
    ]);
  });
});

describe('paintTwoColours', () => {
  it('paints text and background colours, opaque, in RGBA order', () => {
    const px = paintTwoColours(
      new Uint8Array([1, 0, 0, 1]),
      2,
      2,
      { r: 115, g: 217, b: 85 },
      { r: 126, g: 217, b: 87 },
    );
    expect(px.width).toBe(2);
    expect(px.height).toBe(2);
    expect([...px.data]).toEqual([
      115, 217, 85, 255, 126, 217, 87, 255, 126, 217, 87, 255, 115, 217, 85, 255,
    ]);
  });

  it('gives the text its own alpha and keeps the background opaque', () => {
    const c = { r: 126, g: 217, b: 87 };
    const px = paintTwoColours(new Uint8Array([0, 1]), 2, 1, c, c, 254);
    expect([...px.data]).toEqual([126, 217, 87, 255, 126, 217, 87, 254]);
  });

  it('refuses a mask of the wrong size', () => {
    expect(() =>
      paintTwoColours(new Uint8Array(3), 2, 2, { r: 0, g: 0, b: 0 }, { r: 1, g: 1, b: 1 }),
    ).toThrow(RangeError);
  });
});

describe('lesson defaults', () => {
  it('are the lesson’s parameters', () => {
    expect(DEFAULT_HIDE_OPTIONS).toEqual({
      message: 'You can vectorize the whole world with Weaviate!',
      fontSizePt: 20,
      font: 'sans-serif',
      text: '#73D955',
      textAlpha: 255,
      background: '#7ED957',
      width: 500,
      height: 500,
    });
    expect(pointsToPixels(20)).toBeCloseTo(27.8, 1);
  });
});
