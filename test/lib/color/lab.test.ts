import { describe, expect, it } from 'vitest';
import { rgbToLab } from '../../../src/lib/color/index.ts';

describe('rgbToLab', () => {
  // Reference values from the sRGB and CIELAB definitions (D65), as colour tools print them.
  it.each([
    [
      { r: 255, g: 255, b: 255 },
      { L: 100, a: 0, b: 0 },
    ],
    [
      { r: 0, g: 0, b: 0 },
      { L: 0, a: 0, b: 0 },
    ],
    [
      { r: 255, g: 0, b: 0 },
      { L: 53.24, a: 80.09, b: 67.2 },
    ],
    [
      { r: 0, g: 255, b: 0 },
      { L: 87.73, a: -86.18, b: 83.18 },
    ],
    [
      { r: 0, g: 0, b: 255 },
      { L: 32.3, a: 79.19, b: -107.86 },
    ],
    [
      { r: 128, g: 128, b: 128 },
      { L: 53.59, a: 0, b: 0 },
    ],
  ])('converts %j', (rgb, lab) => {
    const out = rgbToLab(rgb);
    expect(out.L).toBeCloseTo(lab.L, 1);
    expect(out.a).toBeCloseTo(lab.a, 1);
    expect(out.b).toBeCloseTo(lab.b, 1);
  });
});
