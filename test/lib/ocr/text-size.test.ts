import { describe, expect, it } from 'vitest';
import {
  OCR_BORDER,
  OCR_SMALL_TEXT,
  OCR_TEXT_HEIGHT,
  prepareForOcr,
} from '../../../src/lib/ocr/prepare.ts';
import { dropLoneSpecks, inkHeight, isTwoTone } from '../../../src/lib/ocr/text-size.ts';
import type { Pixels } from '../../../src/lib/reveal/types.ts';

/** A white `width` × `height` picture with `marks` drawn in `ink`: [x, y, w, h] rectangles. */
function page(width: number, height: number, marks: number[][], ink = 0): Pixels {
  const data = new Uint8ClampedArray(width * height * 4).fill(255);
  for (const [x0, y0, w, h] of marks)
    for (let y = y0; y < y0 + h; y++)
      for (let x = x0; x < x0 + w; x++) data.set([ink, ink, ink, 255], (y * width + x) * 4);
  return { width, height, data };
}

function at(p: Pixels, x: number, y: number): number {
  return p.data[(y * p.width + x) * 4];
}

/** Three 12 px "letters" (bars 2 wide), the middle one broken by a one-pixel gap, and specks. */
function smallText(): Pixels {
  return page(40, 24, [
    [5, 6, 2, 12],
    [15, 6, 2, 5],
    [15, 12, 2, 6],
    [25, 6, 2, 12],
    [33, 2, 1, 1],
    [35, 20, 2, 2],
  ]);
}

describe('inkHeight', () => {
  it('is the height of the letters, not of the specks around them', () => {
    expect(inkHeight(smallText())).toBe(12);
  });

  it('is 0 on a blank picture', () => {
    expect(inkHeight(page(10, 10, []))).toBe(0);
  });
});

describe('dropLoneSpecks', () => {
  // Two 32 px "letters", a full stop just after the second, and three specks far from both.
  const marks = [
    [20, 20, 5, 32],
    [40, 20, 5, 32],
    [48, 48, 3, 3],
    [2, 2, 2, 2],
    [100, 10, 3, 2],
    [90, 60, 1, 1],
  ];

  it('drops specks far from the text and keeps the letters and a full stop beside them', () => {
    const clean = dropLoneSpecks(page(110, 64, marks), 4, 16);
    expect(at(clean, 22, 30)).toBe(0);
    expect(at(clean, 42, 30)).toBe(0);
    expect(at(clean, 49, 49)).toBe(0);
    expect(at(clean, 2, 2)).toBe(255);
    expect(at(clean, 101, 10)).toBe(255);
    expect(at(clean, 90, 60)).toBe(255);
    // Nothing else changes: the letters keep every pixel.
    let dark = 0;
    for (let i = 0; i < clean.data.length; i += 4) if (clean.data[i] === 0) dark++;
    expect(dark).toBe(2 * 5 * 32 + 9);
  });

  it('keeps a mark as big as a stroke, even alone', () => {
    const clean = dropLoneSpecks(page(110, 64, [[90, 10, 5, 5]]), 4, 16);
    expect(at(clean, 92, 12)).toBe(0);
  });
});

describe('prepareForOcr on small text', () => {
  it('enlarges 12 px text towards the height the reader reads best, with a white border', () => {
    const out = prepareForOcr(smallText());
    const factor = OCR_TEXT_HEIGHT / 12;
    expect(out.width).toBe(Math.round(40 * factor) + 2 * OCR_BORDER);
    expect(out.height).toBe(Math.round(24 * factor) + 2 * OCR_BORDER);
    const tall = inkHeight(out);
    expect(tall).toBeGreaterThanOrEqual(OCR_TEXT_HEIGHT - 2);
    expect(tall).toBeLessThanOrEqual(OCR_TEXT_HEIGHT + 4);
    for (let x = 0; x < out.width; x++) {
      expect(at(out, x, 0)).toBe(255);
      expect(at(out, x, out.height - 1)).toBe(255);
    }
  });

  it('keeps a mask two-tone and closes a one-pixel break in a stroke', () => {
    const out = prepareForOcr(smallText());
    expect(isTwoTone(out)).toBe(true);
    // Down the middle of the broken bar, from its top to its bottom, every pixel is ink.
    const factor = OCR_TEXT_HEIGHT / 12;
    const x = OCR_BORDER + Math.round(16 * factor);
    const top = OCR_BORDER + Math.round(7 * factor);
    const bottom = OCR_BORDER + Math.round(17 * factor);
    for (let y = top; y <= bottom; y++) expect(at(out, x, y)).toBe(0);
    // Before, the break was there: the gap's row is white in the input.
    expect(at(smallText(), 16, 11)).toBe(255);
  });

  it('enlarges a grey view smoothly without cutting it', () => {
    const grey = page(
      40,
      24,
      [
        [5, 6, 2, 12],
        [25, 6, 2, 12],
      ],
      60,
    );
    const out = prepareForOcr(grey);
    expect(out.width).toBeGreaterThan(40);
    expect(isTwoTone(out)).toBe(false);
  });

  it(`leaves text ${OCR_SMALL_TEXT} px tall or more exactly as shown`, () => {
    const big = page(60, 40, [
      [5, 5, 3, OCR_SMALL_TEXT],
      [20, 5, 3, OCR_SMALL_TEXT],
    ]);
    expect(prepareForOcr(big)).toEqual(big);
  });
});

describe('prepareForOcr on speckle', () => {
  it('does not enlarge small text lost in specks (it would grow them into blots)', () => {
    const marks = [
      [5, 6, 2, 12],
      [25, 6, 2, 12],
    ];
    // A speck on every fourth pixel of every fourth row, away from the letters.
    for (let y = 1; y < 24; y += 4) for (let x = 10; x < 22; x += 4) marks.push([x, y, 1, 1]);
    const noisy = page(40, 24, marks);
    expect(prepareForOcr(noisy)).toEqual(noisy);
  });
});
