/**
 * The tiles whose mean stands off their surroundings (src/lib/reveal/tile-means.ts), where the
 * dense look searches for small text that no single sample shows under noise: the tiles of a
 * few words of faint 12 px text are found and no tile far from them; a smooth background, whose
 * rounding to whole levels makes a staircase, and plain noise flag none.
 */
import { describe, expect, it } from 'vitest';
import { offTiles } from '../../../src/lib/reveal/tile-means.ts';
import type { Pixels, Rgba } from '../../../src/lib/reveal/types.ts';
import { addNoise, drawText, flat, paint, type TextMask } from './corpus.ts';

/** Not whole tiles: the last column and row of tiles are narrower (40 and 40 px). */
const WIDTH = 1000;
const HEIGHT = 680;
const TILE = 64;
const ACROSS = Math.ceil(WIDTH / TILE);

const background: Rgba = [120, 160, 90, 255];
/** Green 10 levels off: "text 6–12 levels off is within 2σ of the background" under σ 4 or 5. */
const faint: Rgba = [120, 170, 90, 255];

/** Six lines of 12 px bitmap text with their top left corner at (`left`, `top`). */
function textAt(left: number, top: number): TextMask {
  const scale = 12 / 7;
  const lines = Array.from({ length: 6 }, (_, i) =>
    i % 2 ? 'QUICK BROWN FOX' : 'SECRET MESSAGE HERE',
  );
  const w = Math.ceil(19 * 6 * scale + 4 * scale);
  const h = Math.ceil(lines.length * 9 * scale + 3 * scale);
  const small = drawText(lines, scale, w, h);
  const text = new Uint8Array(WIDTH * HEIGHT);
  for (let y = 0; y < h; y++) {
    text.set(small.text.subarray(y * w, (y + 1) * w), (top + y) * WIDTH + left);
  }
  return { width: WIDTH, height: HEIGHT, text };
}

/** The tiles holding any of the text's pixels. */
function tilesOf(drawn: TextMask): Set<number> {
  const tiles = new Set<number>();
  drawn.text.forEach((on, i) => {
    if (on) tiles.add(Math.floor(i / WIDTH / TILE) * ACROSS + Math.floor((i % WIDTH) / TILE));
  });
  return tiles;
}

/** Green follows `level(x, y)`, rounded to whole levels as an 8-bit image stores it. */
function smooth(level: (x: number, y: number) => number): Pixels {
  const data = new Uint8ClampedArray(WIDTH * HEIGHT * 4);
  for (let y = 0, i = 0; y < HEIGHT; y++) {
    for (let x = 0; x < WIDTH; x++, i += 4) data.set([120, Math.round(level(x, y)), 90, 255], i);
  }
  return { width: WIDTH, height: HEIGHT, data };
}

/** Tiles `[left, top, right, bottom]` (inclusive) round the tiles given. */
function bounds(tiles: Iterable<number>): number[] {
  const list = [...tiles];
  const xs = list.map((t) => t % ACROSS);
  const ys = list.map((t) => Math.floor(t / ACROSS));
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

/** Flagged tiles as their indices. */
function flagged(flags: Uint8Array): number[] {
  return [...flags.keys()].filter((t) => flags[t] === 1);
}

const sigma = 4;
const noise = new Float64Array([sigma, sigma, sigma, 0]);

describe('offTiles', () => {
  it('finds the tiles of faint small text under noise, and no tile away from it', () => {
    const drawn = textAt(590, 300);
    const image = addNoise(paint(drawn, flat(background), flat(faint)), sigma, 'gaussian', 3);
    const flags = offTiles(image, TILE, noise);
    const text = tilesOf(drawn);
    const found = flagged(flags);
    expect(found.length, 'tiles found').toBeGreaterThan(0);
    expect(
      found.filter((t) => !text.has(t)),
      `tiles flagged outside the text's ${[...text].join(', ')}`,
    ).toEqual([]);
    // The dense look searches the found tiles' bounds and a tile round them: all the text.
    const [left, top, right, bottom] = bounds(found);
    const look = [left - 1, top - 1, right + 1, bottom + 1];
    const [textLeft, textTop, textRight, textBottom] = bounds(text);
    expect(look[0] <= textLeft && look[1] <= textTop, `look ${look.join(', ')}`).toBe(true);
    expect(look[2] >= textRight && look[3] >= textBottom, `look ${look.join(', ')}`).toBe(true);
  }, 20_000);

  it('flags no tile of the same background under noise without text', () => {
    const none: TextMask = { width: WIDTH, height: HEIGHT, text: new Uint8Array(WIDTH * HEIGHT) };
    // Under σ 16 a tile's mean wanders by more than the least shift that counts.
    for (const spread of [sigma, 16]) {
      const image = addNoise(paint(none, flat(background), flat(faint)), spread, 'gaussian', 3);
      const measured = new Float64Array([spread, spread, spread, 0]);
      expect(flagged(offTiles(image, TILE, measured)), `σ ${spread}`).toEqual([]);
    }
  }, 20_000);

  it('flags no tile under noise alone among as many tiles as a 12 MP image has', () => {
    // The bar (6 standard errors) is set for the ~3000 tiles × 3 channels of a 12 MP image:
    // at 3 a few tiles of plain noise stand off by chance. 16 px tiles of this image are 2709
    // tiles; under σ 16 each one's mean wanders by 1 level, above the least shift that counts.
    const none: TextMask = { width: WIDTH, height: HEIGHT, text: new Uint8Array(WIDTH * HEIGHT) };
    for (const seed of [3, 4]) {
      const image = addNoise(paint(none, flat(background), flat(faint)), 16, 'gaussian', seed);
      const measured = new Float64Array([16, 16, 16, 0]);
      expect(flagged(offTiles(image, 16, measured)), `seed ${seed}`).toEqual([]);
    }
  }, 20_000);

  it('flags no tile of a clean gradient, whose whole levels make a staircase', () => {
    // One level every 91 px across: each tile's mean is up to half a level off the line
    // through its neighbours, which is rounding, not text.
    const image = smooth((x) => 100 + 0.011 * x);
    expect(flagged(offTiles(image, TILE, new Float64Array(4)))).toEqual([]);
  });

  it('stops when Auto is stopped', () => {
    const job = new AbortController();
    job.abort(new Error('stopped'));
    expect(() =>
      offTiles(
        smooth(() => 100),
        TILE,
        noise,
        job.signal,
      ),
    ).toThrow('stopped');
  });
});
