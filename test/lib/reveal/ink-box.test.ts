/**
 * The box round a mask's ink, and cutting a part out (src/lib/reveal/ink-box.ts), with plain
 * values: the further reading pictures and the reader's second look read only what these give,
 * so a box one pixel short drops a stroke of the text, and one past the edge reads memory that
 * is not the picture.
 */
import { describe, expect, it } from 'vitest';
import { cropPixels, inkBox } from '../../../src/lib/reveal/ink-box.ts';
import type { Pixels } from '../../../src/lib/reveal/types.ts';

/** A white `width` × `height` picture with the given pixels dark (red `level`). */
function mask(width: number, height: number, ink: [number, number][], level = 0): Pixels {
  const data = new Uint8ClampedArray(width * height * 4).fill(255);
  for (const [x, y] of ink) data.set([level, level, level, 255], (y * width + x) * 4);
  return { width, height, data };
}

describe('inkBox', () => {
  it('is the box round every dark pixel, to the last column and row', () => {
    expect(inkBox(mask(10, 6, [[4, 2]]))).toEqual({ x0: 4, y0: 2, x1: 4, y1: 2 });
    expect(
      inkBox(
        mask(10, 6, [
          [9, 1],
          [3, 4],
          [6, 5],
        ]),
      ),
    ).toEqual({ x0: 3, y0: 1, x1: 9, y1: 5 });
    expect(
      inkBox(
        mask(10, 6, [
          [0, 0],
          [5, 3],
        ]),
      ),
    ).toEqual({ x0: 0, y0: 0, x1: 5, y1: 3 });
  });

  it('runs to the end of a stroke, and finds ink in the first column alone', () => {
    const stroke = mask(10, 6, [
      [3, 2],
      [4, 2],
      [5, 2],
    ]);
    expect(inkBox(stroke)).toEqual({ x0: 3, y0: 2, x1: 5, y1: 2 });
    expect(inkBox(mask(10, 6, [[0, 4]]))).toEqual({ x0: 0, y0: 4, x1: 0, y1: 4 });
    // A stroke leaning left: its second row starts one pixel before the first.
    const leaning = mask(10, 6, [
      [5, 1],
      [4, 2],
    ]);
    expect(inkBox(leaning)).toEqual({ x0: 4, y0: 1, x1: 5, y1: 2 });
  });

  it('takes red under 128 as ink, and 128 as paper', () => {
    expect(inkBox(mask(10, 6, [[2, 2]], 127))).toEqual({ x0: 2, y0: 2, x1: 2, y1: 2 });
    expect(inkBox(mask(10, 6, [[2, 2]], 128))).toBeNull();
  });

  it('is null for a blank mask', () => {
    expect(inkBox(mask(10, 6, []))).toBeNull();
    expect(inkBox(mask(10, 6, []), 3)).toBeNull();
  });

  it('grows by the margin, and stops at the picture edges', () => {
    expect(inkBox(mask(20, 12, [[8, 5]]), 2)).toEqual({ x0: 6, y0: 3, x1: 10, y1: 7 });
    expect(
      inkBox(
        mask(20, 12, [
          [1, 1],
          [18, 10],
        ]),
        4,
      ),
    ).toEqual({ x0: 0, y0: 0, x1: 19, y1: 11 });
  });
});

describe('cropPixels', () => {
  it('cuts out exactly the pixels asked for, row by row', () => {
    // Each pixel's red is its index, so any shift shows.
    const width = 6;
    const height = 4;
    const data = new Uint8ClampedArray(width * height * 4);
    for (let i = 0; i < width * height; i++) data.set([i, 0, 0, 255], i * 4);
    const part = cropPixels({ width, height, data }, 2, 1, 3, 2);
    expect([part.width, part.height]).toEqual([3, 2]);
    expect(Array.from(part.data.filter((_, i) => i % 4 === 0))).toEqual([8, 9, 10, 14, 15, 16]);
    // The whole picture, and its last column.
    expect(cropPixels({ width, height, data }, 0, 0, width, height).data).toEqual(data);
    const last = cropPixels({ width, height, data }, 5, 0, 1, 4);
    expect(Array.from(last.data.filter((_, i) => i % 4 === 0))).toEqual([5, 11, 17, 23]);
  });
});
