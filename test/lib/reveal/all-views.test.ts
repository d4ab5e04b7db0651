import { describe, expect, it } from 'vitest';
import {
  GRID_COPY_SIDE,
  TILE_SIDE,
  otsuCut,
  planGrid,
  renderTile,
  tileRevealView,
} from '../../../src/lib/reveal/all-views.ts';
import { downsample } from '../../../src/lib/reveal/downsample.ts';
import { renderView } from '../../../src/lib/reveal/render-view.ts';
import type { Pixels } from '../../../src/lib/reveal/types.ts';

/** The lesson's colours: text #73D955 in a block on #7ED957. */
function lesson(width: number, height: number): Pixels {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const text = y > height / 3 && y < (2 * height) / 3 && x > width / 4 && x < width / 2;
      data.set(text ? [0x73, 0xd9, 0x55, 255] : [0x7e, 0xd9, 0x57, 255], (y * width + x) * 4);
    }
  }
  return { width, height, data };
}

describe('otsuCut', () => {
  it('cuts between two populated levels', () => {
    const counts = new Uint32Array(256);
    counts[115] = 100;
    counts[126] = 900;
    expect(otsuCut(counts)).toBeGreaterThanOrEqual(115);
    expect(otsuCut(counts)).toBeLessThan(126);
  });

  it('cuts just below the only level of a flat channel', () => {
    const counts = new Uint32Array(256);
    counts[217] = 50;
    expect(otsuCut(counts)).toBe(216);
  });
});

describe('planGrid and renderTile', () => {
  it('plans 6 channels × 11 views from a copy no larger than a screen', () => {
    const grid = planGrid(lesson(2400, 1200));
    expect(Math.max(grid.copy.width, grid.copy.height)).toBeLessThanOrEqual(GRID_COPY_SIDE);
    expect(grid.tiles).toHaveLength(66);
    expect(grid.background).toEqual([0x7e, 0xd9, 0x57, 255]);
    const red = grid.tiles.filter((t) => t.channel === 'red').map((t) => t.view.kind);
    expect(red).toEqual(['threshold', ...Array<string>(8).fill('bit'), 'colour-map', 'equalise']);
  });

  it("shows the lesson's text black on white in red's auto-cut tile", () => {
    const grid = planGrid(lesson(400, 300));
    const tile = grid.tiles.find((t) => t.channel === 'red' && t.view.kind === 'threshold');
    expect(tile?.view).toMatchObject({ kind: 'threshold', invert: true });
    const pixels = renderTile(grid, tile!, 1);
    expect(Math.max(pixels.width, pixels.height)).toBeLessThanOrEqual(TILE_SIDE);
    const at = (x: number, y: number) => pixels.data[(y * pixels.width + x) * 4];
    expect(at(5, 5)).toBe(255); // background white
    expect(at(Math.round(pixels.width * 0.37), Math.round(pixels.height / 2))).toBe(0); // text
  });

  it('makes each tile the block average of what its view shows, on a copy bigger than a tile', () => {
    const grid = planGrid(lesson(700, 300));
    expect(grid.copy.width).toBe(700); // under the copy's size: the image itself, 3 × 3 blocks
    for (const tile of grid.tiles) {
      const shown = renderView(grid.copy, tileRevealView(tile, grid.background, 3));
      const averaged = downsample(shown, TILE_SIDE, { method: 'box' }).data;
      const pixels = renderTile(grid, tile, 3).data;
      let wrong = 0;
      for (let i = 0; i < pixels.length; i++) if (pixels[i] !== averaged[i]) wrong++;
      expect({ tile, wrong }).toEqual({ tile, wrong: 0 });
    }
  });

  it('makes each tile exactly what its view shows, where the copy is tile-sized', () => {
    const grid = planGrid(lesson(200, 100));
    for (const tile of grid.tiles) {
      const shown = renderView(grid.copy, tileRevealView(tile, grid.background, 7)).data;
      const pixels = renderTile(grid, tile, 7).data;
      let wrong = 0;
      for (let i = 0; i < pixels.length; i++)
        if (pixels[i] !== (i % 4 === 3 ? 255 : shown[i])) wrong++;
      expect({ tile, wrong }).toEqual({ tile, wrong: 0 });
    }
  });
});
