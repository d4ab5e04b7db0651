import { describe, expect, it } from 'vitest';
import { confidenceWords } from '../../../src/lib/ocr/messages.ts';
import {
  OCR_MAX_SIDE,
  invertPixels,
  isLightOnDark,
  prepareForOcr,
} from '../../../src/lib/ocr/prepare.ts';
import type { Pixels } from '../../../src/lib/reveal/types.ts';

/** A `width` × `height` picture of `ground` with a bar of `ink` through its middle third. */
function bar(width: number, height: number, ground: number, ink: number, alpha = 255): Pixels {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const v = y >= height / 3 && y < (2 * height) / 3 && x % 4 < 2 ? ink : ground;
      data.set([v, v, v, alpha], (y * width + x) * 4);
    }
  }
  return { width, height, data };
}

describe('prepareForOcr', () => {
  it('turns white text on black into black on white, and leaves dark on light alone', () => {
    // Bars 30 px tall: text of a size the reader takes as it is (small text is enlarged).
    const lightOnDark = bar(60, 90, 0, 255);
    expect(isLightOnDark(lightOnDark)).toBe(true);
    const turned = prepareForOcr(lightOnDark);
    expect(turned.data[0]).toBe(255); // the ground, now white
    expect(turned.data[(45 * 60 + 0) * 4]).toBe(0); // a stroke, now black
    expect(turned.data[3]).toBe(255); // alpha kept

    const darkOnLight = bar(60, 90, 255, 0);
    expect(isLightOnDark(darkOnLight)).toBe(false);
    expect(prepareForOcr(darkOnLight).data).toEqual(darkOnLight.data);
  });

  it('rounds a speckled mask at its text’s size: breaks in strokes close, specks go', () => {
    // A mask as Auto cuts it under noise: an H 28 px tall with strokes 4 px wide, its right
    // stroke broken by a one-pixel gap, and single-pixel specks of noise around it.
    const width = 60;
    const height = 60;
    const data = new Uint8ClampedArray(width * height * 4).fill(255);
    const ink = (x: number, y: number) =>
      data.fill(0, (y * width + x) * 4, (y * width + x) * 4 + 3);
    for (let y = 16; y < 44; y++) {
      for (let x = 16; x < 20; x++) ink(x, y);
      for (let x = 36; x < 40; x++) if (y !== 38) ink(x, y);
    }
    for (let y = 28; y < 32; y++) for (let x = 20; x < 36; x++) ink(x, y);
    const specks = [
      [5, 5],
      [50, 10],
      [10, 50],
      [45, 48],
    ];
    for (const [x, y] of specks) ink(x, y);
    const at = (p: Pixels, x: number, y: number) => p.data[(y * p.width + x) * 4];
    const mask: Pixels = { width, height, data };
    expect(at(mask, 38, 38)).toBe(255);
    for (const [x, y] of specks) expect(at(mask, x, y)).toBe(0);
    const prepared = prepareForOcr(mask);
    expect([prepared.width, prepared.height]).toEqual([width, height]);
    expect(at(prepared, 38, 38)).toBe(0); // the break, closed
    for (const [x, y] of specks) expect(at(prepared, x, y)).toBe(255); // the specks, gone
    expect(at(prepared, 18, 20)).toBe(0); // the strokes, kept
    expect(at(prepared, 28, 20)).toBe(255); // the ground inside the H, kept
  });

  it('counts transparent pixels as the white page they are shown on', () => {
    expect(isLightOnDark(bar(20, 20, 0, 0, 0))).toBe(false);
  });

  it('inverts colour, not alpha, and does not touch its input', () => {
    const p: Pixels = { width: 1, height: 1, data: new Uint8ClampedArray([10, 20, 30, 40]) };
    expect([...invertPixels(p).data]).toEqual([245, 235, 225, 40]);
    expect([...p.data]).toEqual([10, 20, 30, 40]);
  });

  it('shrinks pictures beyond the reader’s size, keeping their proportions', () => {
    const big = bar(OCR_MAX_SIDE * 2, 300, 255, 0);
    const small = prepareForOcr(big);
    expect(small.width).toBe(OCR_MAX_SIDE);
    expect(small.height).toBe(150);
  });
});

describe('confidenceWords', () => {
  it.each([
    [95, /^High confidence.*\(95 %\)$/],
    [70, /^Fair confidence/],
    [50, /^Low confidence/],
    [10, /^Very low confidence/],
    [-5, /\(0 %\)$/],
  ])('says %d in words', (c, words) => {
    expect(confidenceWords(c)).toMatch(words);
  });
});
