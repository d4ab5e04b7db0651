/**
 * Auto reveal's sample grids (src/lib/reveal/samples.ts) with plain values: where the samples
 * fall, which pixels they read, and each one's neighbour for the noise estimate. A grid that
 * stops a column short never looks at text along the right edge; a neighbour taken from the
 * next row counts the edge of the picture as noise.
 */
import { describe, expect, it } from 'vitest';
import { regionGrid, sampleGrid } from '../../../src/lib/reveal/samples.ts';
import type { Pixels } from '../../../src/lib/reveal/types.ts';

/** A `width` × `height` picture whose pixel i has red i % 256 and green i >> 8: all differ. */
function numbered(width: number, height: number): Pixels {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < width * height; i++) data.set([i & 255, i >> 8, 7, 255], i * 4);
  return { width, height, data };
}

/** Pixel (x, y)'s word, as the grid holds it. */
const wordAt = (p: Pixels, x: number, y: number) =>
  new Int32Array(p.data.buffer, p.data.byteOffset, p.width * p.height)[y * p.width + x];

describe('regionGrid', () => {
  it('samples every step-th pixel from the offset, up to the last that fits', () => {
    const p = numbered(11, 5);
    const g = regionGrid(p, [0, 0, 11, 5], 3, 1, 'test');
    expect([g.columns, g.rows]).toEqual([4, 2]);
    const n = g.columns * g.rows;
    expect([...g.xs.subarray(0, n)]).toEqual([1, 4, 7, 10, 1, 4, 7, 10]);
    expect([...g.ys.subarray(0, n)]).toEqual([1, 1, 1, 1, 4, 4, 4, 4]);
    for (let k = 0; k < n; k++) expect(g.words[k]).toBe(wordAt(p, g.xs[k], g.ys[k]));
  });

  it('stays inside its region', () => {
    const p = numbered(12, 9);
    const g = regionGrid(p, [3, 2, 9, 7], 2, 0, 'test');
    expect([g.columns, g.rows]).toEqual([3, 3]);
    const n = g.columns * g.rows;
    expect(new Set(g.xs.subarray(0, n))).toEqual(new Set([3, 5, 7]));
    expect(new Set(g.ys.subarray(0, n))).toEqual(new Set([2, 4, 6]));
  });

  it("takes each sample's right-hand neighbour, and the left-hand one on the picture's last column", () => {
    const p = numbered(10, 4);
    const g = regionGrid(p, [0, 0, 10, 4], 3, 0, 'test');
    const n = g.columns * g.rows;
    for (let k = 0; k < n; k++) {
      const [x, y] = [g.xs[k], g.ys[k]];
      const beside = x + 1 < p.width ? x + 1 : x - 1;
      expect(g.neighbours[k], `sample at (${x}, ${y})`).toBe(wordAt(p, beside, y));
    }
    expect(g.xs.subarray(0, n)).toContain(9); // the last column is sampled
  });
});

describe('sampleGrid', () => {
  it('samples every pixel of a picture no larger than the target', () => {
    const p = numbered(6, 4);
    const g = sampleGrid(p, 24);
    expect([g.step, g.columns, g.rows]).toEqual([1, 6, 4]);
  });

  it('spaces about `target` samples evenly over a larger one', () => {
    const g = sampleGrid(numbered(100, 60), 150);
    // √(6000 / 150) = 6.3: every 6th pixel, from 3 in.
    expect(g.step).toBe(6);
    expect([g.columns, g.rows]).toEqual([17, 10]);
    expect([g.xs[0], g.ys[0]]).toEqual([3, 3]);
  });
});
