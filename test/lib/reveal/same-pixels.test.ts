import { describe, expect, it } from 'vitest';
import { samePixels } from '../../../src/lib/reveal/same-pixels.ts';
import type { Pixels } from '../../../src/lib/reveal/types.ts';

const grey = (width: number, height: number, v: number): Pixels => ({
  width,
  height,
  data: new Uint8ClampedArray(width * height * 4).fill(v),
});

describe('samePixels', () => {
  it('is true for equal pixels in different buffers, false for one channel of one pixel off', () => {
    const a = grey(5, 3, 200);
    const b = grey(5, 3, 200);
    expect(samePixels(a, b)).toBe(true);
    b.data[4 * 14 + 2] = 201;
    expect(samePixels(a, b)).toBe(false);
  });

  it('is false for another size with as many pixels', () => {
    expect(samePixels(grey(5, 3, 0), grey(3, 5, 0))).toBe(false);
  });

  it('compares a view that starts off a 4-byte boundary byte by byte', () => {
    const buffer = new Uint8ClampedArray(1 + 2 * 2 * 4).fill(9);
    const offset: Pixels = { width: 2, height: 2, data: buffer.subarray(1) };
    expect(samePixels(offset, grey(2, 2, 9))).toBe(true);
    expect(samePixels(offset, grey(2, 2, 8))).toBe(false);
  });
});
