/**
 * "All views": every channel through every revealing view at once, as small pictures, so a
 * person sees which one shows the message instead of stepping through them one by one (as
 * Stegsolve makes them). Computed from a screen-sized copy: each view is rendered at that size,
 * then averaged down to a tile, so thin strokes stay visible as grey instead of vanishing.
 */
import { mostCommonColour } from './background.ts';
import { downsample } from './downsample.ts';
import { histogram } from './histogram.ts';
import { renderView, type RevealView } from './render-view.ts';
import { channels, type Channel, type Pixels, type Rgba } from './types.ts';

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

/** A grid's copy, its background and every tile, channel by channel. */
export interface ViewGrid {
  copy: Pixels;
  background: Rgba;
  tiles: ViewTile[];
}

/** Plan the grid for an image: the screen-sized copy, its background, and the tiles' views. */
export function planGrid(pixels: Pixels, signal?: AbortSignal): ViewGrid {
  // Nearest keeps every level exact: bit planes and one-level differences depend on it.
  const copy = downsample(pixels, GRID_COPY_SIDE, { method: 'nearest' }, signal);
  const background = mostCommonColour(copy, signal);
  const tiles = channels.flatMap((channel) =>
    channelTiles(channel, histogram(copy, channel, { background }, signal)),
  );
  return { copy, background, tiles };
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

/**
 * One tile's pixels: the view rendered on the copy (into `buffer` when given, reused between
 * tiles), then averaged down to {@link TILE_SIDE}.
 */
export function renderTile(
  grid: ViewGrid,
  tile: ViewTile,
  seed: number,
  buffer?: Uint8ClampedArray,
  signal?: AbortSignal,
): Pixels {
  const full = renderView(grid.copy, tileRevealView(tile, grid.background, seed), signal, buffer);
  const small = downsample(full, TILE_SIDE, { method: 'box' }, signal);
  // A copy already tile-sized comes back as it is: keep it apart from the reused buffer.
  return small === full ? { ...full, data: new Uint8ClampedArray(full.data) } : small;
}
