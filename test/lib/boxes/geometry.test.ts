import { describe, expect, it } from 'vitest';
import {
  boxToRect,
  clampRect,
  cropRect,
  orientRect,
  orientedSize,
  rectToBox,
  scaleRect,
  unorientRect,
  type Rect,
  type Size,
} from '../../../src/lib/boxes/index.ts';

describe('boxToRect', () => {
  it('maps [ymin, xmin, ymax, xmax] over 0–1000 to pixels of the image', () => {
    expect(boxToRect([100, 200, 500, 900], { width: 2000, height: 1000 })).toEqual({
      x: 400,
      y: 100,
      width: 1400,
      height: 400,
    });
  });

  it('lands on the same part of a downscaled copy and of the original', () => {
    const box = [250, 250, 750, 750] as const;
    const small = boxToRect(box, { width: 768, height: 576 });
    const full = boxToRect(box, { width: 4000, height: 3000 });
    expect(scaleRect(small, 4000 / 768, 3000 / 576)).toEqual(full);
  });

  it('round-trips through rectToBox', () => {
    const size = { width: 640, height: 480 };
    expect(rectToBox(boxToRect([10, 20, 990, 980], size), size)).toEqual([10, 20, 990, 980]);
  });
});

describe('clampRect', () => {
  const size = { width: 100, height: 50 };
  it('keeps the part inside the image', () => {
    expect(clampRect({ x: -10, y: 40, width: 50, height: 30 }, size)).toEqual({
      x: 0,
      y: 40,
      width: 40,
      height: 10,
    });
  });
  it('gives an empty rectangle when the region misses the image', () => {
    expect(clampRect({ x: 150, y: 10, width: 10, height: 10 }, size)).toMatchObject({
      width: 0,
    });
  });
});

describe('cropRect', () => {
  const size = { width: 1000, height: 800 };
  it('adds 10 % of the region on every side, in whole pixels', () => {
    expect(cropRect({ x: 100, y: 100, width: 200, height: 100 }, size)).toEqual({
      x: 80,
      y: 90,
      width: 240,
      height: 120,
    });
  });
  it('stays inside the image at its edges', () => {
    expect(cropRect({ x: 0, y: 700, width: 1000, height: 100 }, size)).toEqual({
      x: 0,
      y: 690,
      width: 1000,
      height: 110,
    });
  });
  it('rounds outwards, so a fractional region is never cut', () => {
    const c = cropRect({ x: 10.4, y: 10.6, width: 5.2, height: 5.2 }, size, 0);
    expect(c).toEqual({ x: 10, y: 10, width: 6, height: 6 });
  });
  it('is at least one pixel, even for a region of no size', () => {
    expect(cropRect({ x: 1000, y: 800, width: 0, height: 0 }, size)).toEqual({
      x: 999,
      y: 799,
      width: 1,
      height: 1,
    });
  });
});

describe('EXIF orientation', () => {
  // A 4 × 2 stored image with a 1 × 1 region at its top-left corner (0, 0).
  const stored: Size = { width: 4, height: 2 };
  const corner: Rect = { x: 0, y: 0, width: 1, height: 1 };
  // Where that corner pixel is shown, for each orientation (EXIF 2.32, tag 0x0112).
  const expected: Record<number, [number, number]> = {
    1: [0, 0], // as stored
    2: [3, 0], // mirrored left-right
    3: [3, 1], // rotated 180°
    4: [0, 1], // mirrored top-bottom
    5: [0, 0], // transposed
    6: [1, 0], // rotated 90° clockwise: the top-left goes to the top-right
    7: [1, 3], // transverse
    8: [0, 3], // rotated 90° anticlockwise: the top-left goes to the bottom-left
  };

  it.each(Object.entries(expected))('orientation %s puts the corner where it shows', (o, xy) => {
    const shown = orientRect(corner, stored, Number(o));
    expect([shown.x, shown.y]).toEqual(xy);
    expect([shown.width, shown.height]).toEqual([1, 1]);
  });

  it.each([1, 2, 3, 4, 5, 6, 7, 8])('orientation %i is undone by unorientRect', (o) => {
    const region = { x: 1, y: 0, width: 2, height: 1 };
    const shown = orientRect(region, stored, o);
    const size = orientedSize(stored, o);
    expect(shown.x + shown.width).toBeLessThanOrEqual(size.width);
    expect(shown.y + shown.height).toBeLessThanOrEqual(size.height);
    expect(unorientRect(shown, stored, o)).toEqual(region);
  });

  it('swaps the sides for orientations 5 to 8 only', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((o) => orientedSize(stored, o).width)).toEqual([
      4, 4, 4, 4, 2, 2, 2, 2,
    ]);
  });
});
