/**
 * "All views": every channel through every revealing view at once, as small pictures, so a
 * person sees which one shows the message instead of stepping through them one by one (as
 * Stegsolve makes them). Computed from a screen-sized copy: each view maps the copy's levels,
 * averaged down to a tile, so thin strokes stay visible as grey instead of vanishing.
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

/** A grid's copy, its background, every tile, and each channel's levels and histogram. */
export interface ViewGrid {
  copy: Pixels;
  background: Rgba;
  tiles: ViewTile[];
  /** Each channel's level (0–255) of every pixel of the copy. */
  levels: Map<Channel, Uint8Array>;
  /** Each channel's histogram over the copy. */
  counts: Map<Channel, Uint32Array>;
}

/** Plan the grid for an image: the screen-sized copy, its background, and the tiles' views. */
export function planGrid(pixels: Pixels, signal?: AbortSignal): ViewGrid {
  // Nearest keeps every level exact: bit planes and one-level differences depend on it.
  const copy = downsample(pixels, GRID_COPY_SIDE, { method: 'nearest' }, signal);
  const background = mostCommonColour(copy, signal);
  const levels = new Map<Channel, Uint8Array>();
  const counts = new Map<Channel, Uint32Array>();
  const tiles: ViewTile[] = [];
  for (const channel of channels) {
    const values = channelValues(copy, channel, { background, signal });
    const histogram = new Uint32Array(256);
    for (let i = 0; i < values.length; i++) histogram[values[i]]++;
    levels.set(channel, values);
    counts.set(channel, histogram);
    tiles.push(...channelTiles(channel, histogram));
  }
  return { copy, background, tiles, levels, counts };
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
 * One tile's pixels: each pixel of the copy through the view's table, averaged over blocks
 * down to {@link TILE_SIDE}. One pass of look-ups and adds over the copy's levels, with no
 * full-size picture in between.
 */
export function renderTile(
  grid: ViewGrid,
  tile: ViewTile,
  seed: number,
  signal?: AbortSignal,
): Pixels {
  const table = tableOf(grid, tile, seed);
  const tr = Uint8Array.from(table, (w) => (w >>> RED) & 255);
  const tg = Uint8Array.from(table, (w) => (w >>> GREEN) & 255);
  const tb = Uint8Array.from(table, (w) => (w >>> BLUE) & 255);
  const levels = grid.levels.get(tile.channel) ?? new Uint8Array(0);
  const { width, height } = grid.copy;
  const f = Math.max(1, Math.ceil(Math.max(width, height) / TILE_SIDE));
  const w = Math.ceil(width / f);
  const h = Math.ceil(height / f);
  const out = new Uint8ClampedArray(w * h * 4);
  // Threshold, bit planes and equalisation are grey: one sum instead of three.
  const grey = tr.every((v, i) => v === tg[i] && v === tb[i]);
  const sums = grey
    ? [new Uint32Array(w)]
    : [new Uint32Array(w), new Uint32Array(w), new Uint32Array(w)];
  const tables = grey ? [tr] : [tr, tg, tb];
  const n = new Uint32Array(w);
  for (let oy = 0; oy < h; oy++) {
    if ((oy & 31) === 0) signal?.throwIfAborted();
    const end = Math.min(height, (oy + 1) * f);
    for (let c = 0; c < sums.length; c++) {
      const sum = sums[c];
      const t = tables[c];
      sum.fill(0);
      for (let sy = oy * f; sy < end; sy++) {
        // Runs of f pixels summed in a register, then added to their tile column.
        let x = 0;
        let k = 0;
        let run = 0;
        for (let i = sy * width, stop = i + width; i < stop; i++) {
          run += t[levels[i]];
          if (++k === f) {
            sum[x++] += run;
            run = 0;
            k = 0;
          }
        }
        if (k > 0) sum[x] += run;
      }
    }
    // Pixels per tile pixel: f × the block's rows, fewer in a cut-off last column.
    for (let x = 0; x < w; x++) n[x] = (end - oy * f) * (Math.min(width, (x + 1) * f) - x * f);
    for (let x = 0, p = oy * w * 4; x < w; x++, p += 4) {
      const half = n[x] >> 1;
      const r = ((sums[0][x] + half) / n[x]) | 0;
      out[p] = r;
      out[p + 1] = grey ? r : ((sums[1][x] + half) / n[x]) | 0;
      out[p + 2] = grey ? r : ((sums[2][x] + half) / n[x]) | 0;
      out[p + 3] = 255;
    }
  }
  return { width: w, height: h, data: out };
}
