/**
 * The window sums (src/lib/reveal/window-sums.ts) that the colour axis and the cut's radii are
 * read from: each must be the triangle-weighted sum of the window round its sample, edges
 * replicated, in RGBA order, as a pixel-by-pixel sum gives it; and the smoothed deviations and
 * projections made from them must equal those made by reading every window pixel, which the
 * same functions still do when a pixel far off the background is read as the background.
 */
import { describe, expect, it } from 'vitest';
import { fitBackground } from '../../../src/lib/reveal/background-model.ts';
import { smoothedDeviations } from '../../../src/lib/reveal/colour-axis.ts';
import { seededRandom } from '../../../src/lib/reveal/colour-map.ts';
import { plainReading, projection, sampleValuesUpTo } from '../../../src/lib/reveal/projection.ts';
import { regionGrid, type SampleGrid } from '../../../src/lib/reveal/samples.ts';
import { MAX_RADIUS, triangle } from '../../../src/lib/reveal/smoothing.ts';
import type { Pixels } from '../../../src/lib/reveal/types.ts';
import { windowSums } from '../../../src/lib/reveal/window-sums.ts';

/** Random levels in every channel, alpha included, so a channel out of place shows. */
function noisy(width: number, height: number, seed: number): Pixels {
  const random = seededRandom(seed);
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < data.length; i++) data[i] = Math.floor(random() * 256);
  return { width, height, data };
}

/** The triangle sum of radius r round (x, y) in channel c, one pixel at a time. */
function directSum(p: Pixels, x: number, y: number, r: number, c: number): number {
  const w = triangle(r);
  let sum = 0;
  for (let dy = -r; dy <= r; dy++) {
    for (let dx = -r; dx <= r; dx++) {
      const px = Math.min(p.width - 1, Math.max(0, x + dx));
      const py = Math.min(p.height - 1, Math.max(0, y + dy));
      sum += w[dx + r] * w[dy + r] * p.data[(py * p.width + px) * 4 + c];
    }
  }
  return sum;
}

/** Every sample the sums cover: every `every`-th of the grid. */
function covered(grid: SampleGrid, every: number): number[] {
  const ks: number[] = [];
  for (let k = 0; k < grid.columns * grid.rows; k += every) ks.push(k);
  return ks;
}

describe('windowSums', () => {
  it('is the triangle sum of each window at every radius, edges replicated', () => {
    const p = noisy(23, 17, 3);
    // Samples on the very edges and corners, and an `every` that skips across rows; with
    // every third sample none lies within reach of the right edge, so every one as well.
    for (const every of [3, 1]) {
      const grid = regionGrid(p, [0, 0, 23, 17], 2, 0, `window-sums test ${every}`);
      const { sums } = windowSums(p, grid, every);
      expect(sums).toHaveLength(MAX_RADIUS + 1);
      covered(grid, every).forEach((k, o) => {
        for (let r = 0; r <= MAX_RADIUS; r++) {
          for (let c = 0; c < 4; c++) {
            expect(sums[r][o * 4 + c], `sample ${k}, radius ${r}, channel ${c}`).toBe(
              directSum(p, grid.xs[k], grid.ys[k], r, c),
            );
          }
        }
      });
    }
  });

  it('gives the sums of the step asked for when the same grid was summed at another', () => {
    const p = noisy(23, 17, 5);
    const grid = regionGrid(p, [0, 0, 23, 17], 2, 1, 'window-sums step test');
    windowSums(p, grid, 3);
    const { every, sums } = windowSums(p, grid, 1);
    expect(every).toBe(1);
    covered(grid, 1).forEach((k, o) => {
      expect(sums[2][o * 4 + 1], `sample ${k}`).toBe(directSum(p, grid.xs[k], grid.ys[k], 2, 1));
    });
  });

  it('stops when Auto is stopped', () => {
    const p = noisy(23, 17, 7);
    const grid = regionGrid(p, [0, 0, 23, 17], 2, 0, 'window-sums stop test');
    const job = new AbortController();
    job.abort(new Error('stopped'));
    expect(() => windowSums(p, grid, 1, job.signal)).toThrow('stopped');
  });

  it('holds exact sums for the brightest windows (no carry between channels)', () => {
    const data = new Uint8ClampedArray(12 * 12 * 4).fill(255);
    const p = { width: 12, height: 12, data };
    const grid = regionGrid(p, [0, 0, 12, 12], 5, 1, 'window-sums test');
    const { sums } = windowSums(p, grid, 1);
    const most = 255 * (MAX_RADIUS + 1) ** 4;
    expect([...sums[MAX_RADIUS].subarray(0, 4)]).toEqual([most, most, most, most]);
  });
});

describe('smoothing from the window sums', () => {
  const p = noisy(60, 40, 11);
  const grid = regionGrid(p, [0, 0, 60, 40], 3, 1, 'window-sums test');
  const model = fitBackground(grid, p.width, p.height);
  // Far beyond any deviation: every pixel is read as it is, but through the per-pixel path.
  const everywhere = 1e6;

  it('gives the smoothed deviations of reading every window pixel', () => {
    for (const radius of [0, 2, MAX_RADIUS]) {
      const fast = smoothedDeviations(p, grid, model, radius, 4);
      const direct = smoothedDeviations(p, grid, model, radius, 4, everywhere);
      expect(fast.length).toBe(direct.length);
      for (let i = 0; i < fast.length; i++) expect(fast[i]).toBeCloseTo(direct[i], 3);
    }
  });

  it('gives the projections of reading every window pixel, at every radius', () => {
    const p1 = projection(new Float64Array([0.6, -0.48, 0.64, 0]), model);
    const fast = sampleValuesUpTo(p, grid, p1, MAX_RADIUS, 4, undefined, plainReading);
    const direct = sampleValuesUpTo(p, grid, p1, MAX_RADIUS, 4, undefined, {
      neutral: 0,
      far: everywhere,
    });
    for (let r = 0; r <= MAX_RADIUS; r++) {
      for (let i = 0; i < fast[r].length; i++) expect(fast[r][i]).toBeCloseTo(direct[r][i], 3);
    }
  });
});
