/**
 * "All views": every channel through every revealing view at once, as small pictures, so a
 * person sees which one shows the message instead of stepping through them one by one (as
 * Stegsolve makes them). Computed from a screen-sized copy: each view maps the copy's levels,
 * averaged over blocks down to a tile, so thin strokes stay visible as grey, not lost.
 */
import { mostCommonColour } from './background.ts';
import { channelValues } from './channel.ts';
import { downsample } from './downsample.ts';
import { equaliseTable } from './equalise.ts';
import { renderView, type RevealView } from './render-view.ts';
import { channels, type Channel, type Pixels, type Rgba } from './types.ts';
import { BLUE, GREEN, RED, wordsOf } from './words.ts';

/** Longest side of the copy every view is computed from: about what a screen shows. */
export const GRID_COPY_SIDE = 1024;
/** Longest side of one tile's pixels (shown smaller, sharp on high-density screens). */
export const TILE_SIDE = 256;

/** What one tile shows, in terms the Reveal view's settings can take over. */
export type TileView =
  | { kind: 'threshold'; threshold: number; invert: boolean }
  | { kind: 'bit'; bit: number }
  | { kind: 'colour-map' }
  | { kind: 'equalise' };

/** One tile of the grid: a channel through a view. */
export interface ViewTile {
  channel: Channel;
  view: TileView;
}

/**
 * Otsu's cut on a 256-level histogram: the level that best splits the counts in two
 * (values above it are one class). A flat image (one level) cuts just below it.
 */
export function otsuCut(counts: ArrayLike<number>): number {
  let total = 0;
  let sum = 0;
  for (let v = 0; v < 256; v++) {
    total += counts[v];
    sum += v * counts[v];
  }
  let n0 = 0;
  let s0 = 0;
  let best = -1;
  let cut = 0;
  for (let v = 0; v < 255; v++) {
    n0 += counts[v];
    s0 += v * counts[v];
    const n1 = total - n0;
    if (n0 === 0 || n1 === 0) continue;
    const d = s0 / n0 - (sum - s0) / n1;
    const between = n0 * n1 * d * d;
    if (between > best) {
      best = between;
      cut = v;
    }
  }
  if (best < 0) {
    // One populated level: nothing to split; cut just below it so the picture is one colour.
    for (let v = 0; v < 256; v++) if (counts[v] > 0) return Math.max(0, v - 1);
  }
  return cut;
}

/** The most common level of a histogram: the background's. */
function modeLevel(counts: ArrayLike<number>): number {
  let best = 0;
  for (let v = 1; v < 256; v++) if (counts[v] > counts[best]) best = v;
  return best;
}

/** The views of one channel, in grid order: auto-cut threshold, bits 0–7, colour map, equalise. */
function channelTiles(channel: Channel, counts: ArrayLike<number>): ViewTile[] {
  const cut = otsuCut(counts);
  // The background (the most common level) is shown white, so the message is dark.
  const threshold: TileView = {
    kind: 'threshold',
    threshold: cut,
    invert: modeLevel(counts) > cut,
  };
  const bits: ViewTile[] = Array.from({ length: 8 }, (_, bit) => ({
    channel,
    view: { kind: 'bit', bit },
  }));
  return [
    { channel, view: threshold },
    ...bits,
    { channel, view: { kind: 'colour-map' } },
    { channel, view: { kind: 'equalise' } },
  ];
}

/**
 * A channel's levels block by block: each tile pixel covers a block of the copy, and holds
 * the distinct levels in it with how many pixels have each. A hidden message's background is
 * flat, so most blocks hold one level: a tile then costs one look-up per block, not one per
 * pixel, and the eleven views of a channel share this.
 */
export interface BlockLevels {
  /** Block b's pairs are `start[b]` to `start[b + 1]` (exclusive). */
  start: Uint32Array;
  level: Uint8Array;
  count: Uint16Array;
}

/** A grid's copy, its background, every tile, and each channel's blocks and histogram. */
export interface ViewGrid {
  copy: Pixels;
  background: Rgba;
  tiles: ViewTile[];
  /** Side of a block of the copy that becomes one tile pixel. */
  block: number;
  /** Tile size in pixels. */
  width: number;
  height: number;
  /** Each channel's levels, block by block. */
  blocks: Map<Channel, BlockLevels>;
  /** Each channel's histogram over the copy. */
  counts: Map<Channel, Uint32Array>;
}

/** Group a channel's levels (row by row over a `width`-wide copy) into `f` × `f` blocks. */
function blockLevels(values: Uint8Array, width: number, height: number, f: number): BlockLevels {
  const w = Math.ceil(width / f);
  const h = Math.ceil(height / f);
  const start = new Uint32Array(w * h + 1);
  let level = new Uint8Array(w * h * 2);
  let count = new Uint16Array(w * h * 2);
  const seen = new Uint16Array(256);
  const touched = new Uint8Array(f * f);
  let pairs = 0;
  for (let by = 0; by < h; by++) {
    const yEnd = Math.min(height, (by + 1) * f);
    for (let bx = 0; bx < w; bx++) {
      const xEnd = Math.min(width, (bx + 1) * f);
      let distinct = 0;
      for (let y = by * f; y < yEnd; y++) {
        for (let i = y * width + bx * f, stop = y * width + xEnd; i < stop; i++) {
          const v = values[i];
          if (seen[v]++ === 0) touched[distinct++] = v;
        }
      }
      if (pairs + distinct > level.length) {
        const grow = Math.max(level.length * 2, pairs + distinct);
        level = copyInto(new Uint8Array(grow), level);
        count = copyInto(new Uint16Array(grow), count);
      }
      for (let k = 0; k < distinct; k++) {
        const v = touched[k];
        level[pairs] = v;
        count[pairs++] = seen[v];
        seen[v] = 0;
      }
      start[by * w + bx + 1] = pairs;
    }
  }
  return { start, level, count };
}

function copyInto<T extends Uint8Array | Uint16Array>(into: T, from: T): T {
  into.set(from);
  return into;
}

/** Plan the grid for an image: the screen-sized copy, its background, and the tiles' views. */
export function planGrid(pixels: Pixels, signal?: AbortSignal): ViewGrid {
  // Nearest keeps every level exact: bit planes and one-level differences depend on it.
  const copy = downsample(pixels, GRID_COPY_SIDE, { method: 'nearest' }, signal);
  const background = mostCommonColour(copy, signal);
  const block = Math.max(1, Math.ceil(Math.max(copy.width, copy.height) / TILE_SIDE));
  const blocks = new Map<Channel, BlockLevels>();
  const counts = new Map<Channel, Uint32Array>();
  const tiles: ViewTile[] = [];
  for (const channel of channels) {
    const values = channelValues(copy, channel, { background, signal });
    const histogram = new Uint32Array(256);
    for (let i = 0; i < values.length; i++) histogram[values[i]]++;
    blocks.set(channel, blockLevels(values, copy.width, copy.height, block));
    counts.set(channel, histogram);
    tiles.push(...channelTiles(channel, histogram));
  }
  const width = Math.ceil(copy.width / block);
  const height = Math.ceil(copy.height / block);
  return { copy, background, tiles, block, width, height, blocks, counts };
}

/** The library view a tile shows (with the colour map's seed). */
export function tileRevealView(tile: ViewTile, background: Rgba, seed: number): RevealView {
  const { channel, view } = tile;
  switch (view.kind) {
    case 'threshold':
      return {
        mode: 'threshold',
        channel,
        threshold: view.threshold,
        invert: view.invert,
        background,
      };
    case 'bit':
      return { mode: 'bit-plane', channel, bit: view.bit, background };
    case 'colour-map':
      return { mode: 'colour-map', channel, seed, background };
    case 'equalise':
      return { mode: 'equalise', channel, background };
  }
}

/** 256 pixels whose red level is their index: a view applied to it reads out its table. */
const ramp: Pixels = {
  width: 256,
  height: 1,
  data: Uint8ClampedArray.from({ length: 1024 }, (_, i) => (i % 4 === 0 ? i >> 2 : 255)),
};

/**
 * The output pixel word of each level under a tile's view. The library's own views make it
 * (applied to {@link ramp}; equalisation from the copy's histogram), so a tile is exactly
 * what the view shows when chosen, averaged down.
 */
function tableOf(grid: ViewGrid, tile: ViewTile, seed: number): Uint32Array {
  if (tile.view.kind === 'equalise') {
    return equaliseTable(grid.counts.get(tile.channel) ?? new Uint32Array(256));
  }
  const view = tileRevealView({ channel: 'red', view: tile.view }, grid.background, seed);
  return new Uint32Array(wordsOf(renderView(ramp, view).data));
}

/**
 * One tile's pixels: each block of the copy through the view's table, averaged (the levels
 * in a block weighted by their counts). No full-size picture in between.
 */
export function renderTile(
  grid: ViewGrid,
  tile: ViewTile,
  seed: number,
  signal?: AbortSignal,
): Pixels {
  signal?.throwIfAborted();
  const table = tableOf(grid, tile, seed);
  const tr = Uint32Array.from(table, (w) => (w >>> RED) & 255);
  const tg = Uint32Array.from(table, (w) => (w >>> GREEN) & 255);
  const tb = Uint32Array.from(table, (w) => (w >>> BLUE) & 255);
  const { start, level, count } =
    grid.blocks.get(tile.channel) ?? blockLevels(new Uint8Array(0), 0, 0, 1);
  const out = new Uint8ClampedArray(grid.width * grid.height * 4);
  // Threshold, bit planes and equalisation are grey: one sum instead of three.
  const grey = tr.every((v, i) => v === tg[i] && v === tb[i]);
  for (let b = 0, p = 0; b < grid.width * grid.height; b++, p += 4) {
    let n = 0;
    let r = 0;
    let g = 0;
    let bl = 0;
    for (let k = start[b], end = start[b + 1]; k < end; k++) {
      const c = count[k];
      const v = level[k];
      n += c;
      r += c * tr[v];
      if (!grey) {
        g += c * tg[v];
        bl += c * tb[v];
      }
    }
    const half = n >> 1;
    const red = ((r + half) / n) | 0;
    out[p] = red;
    out[p + 1] = grey ? red : ((g + half) / n) | 0;
    out[p + 2] = grey ? red : ((bl + half) / n) | 0;
    out[p + 3] = 255;
  }
  return { width: grid.width, height: grid.height, data: out };
}
