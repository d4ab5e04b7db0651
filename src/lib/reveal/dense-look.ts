/**
 * A second, denser look where small text may be. Auto reveal decides on about a quarter of a
 * million samples, one pixel in 46 at 12 megapixels, and on a sixteenth of those to choose the
 * cut: two lines of 12 px text in a photo-sized image are then a few dozen samples, and a
 * single one among the cut's, far too few to tell from noise. The samples that stand clearly
 * off the background still show where such text is, in a few clustered tiles; sampling that
 * region densely gives the text its true share, so the axis, the cut and the test of whether
 * text is there are decided where the text is.
 */
import { maskPass } from './mask-pass.ts';
import type { Projection, Reading } from './projection.ts';
import { regionGrid, type SampleGrid } from './samples.ts';
import { offTiles } from './tile-means.ts';
import type { Pixels } from './types.ts';
import { WHITE, createPixels } from './words.ts';

/** Side of the tiles in which off-background samples are counted (pixels). */
const TILE = 64;

/** Off-background samples a tile must hold: a lone one is noise or a speck, not a stroke. */
const CLUSTER = 2;

/** How many spreads of the background's noise a sample must stand off to count. */
const SPREADS = 5;

/**
 * Least deviation (levels) that counts: one level, the least a person can hide, less the
 * background model's rounding error on a gradient (half a level) with room to spare.
 */
const LEAST = 0.9;

/** Largest share of the image the region may cover: beyond it, text is not small. */
const MOST_AREA = 1 / 4;

/**
 * The region around clustered samples off the background, sampled densely with about `target`
 * samples, or null when there are none, or when they spread over much of the image.
 * `dev` holds each sample's deviation per channel, `noise` the background's noise per channel.
 */
export function denseGrid(
  pixels: Pixels,
  grid: SampleGrid,
  dev: Float32Array,
  noise: Float64Array,
  target: number,
  signal?: AbortSignal,
): SampleGrid | null {
  const { width, height } = pixels;
  const across = Math.ceil(width / TILE);
  const down = Math.ceil(height / TILE);
  const counts = new Uint16Array(across * down);
  const bars = [0, 1, 2, 3].map((c) => Math.max(LEAST, SPREADS * noise[c]));
  for (let k = 0; k < grid.words.length; k++) {
    if (
      Math.abs(dev[k * 4]) >= bars[0] ||
      Math.abs(dev[k * 4 + 1]) >= bars[1] ||
      Math.abs(dev[k * 4 + 2]) >= bars[2] ||
      Math.abs(dev[k * 4 + 3]) >= bars[3]
    ) {
      const t = Math.floor(grid.ys[k] / TILE) * across + Math.floor(grid.xs[k] / TILE);
      counts[t] = Math.min(65535, counts[t] + 1);
    }
  }
  let left = across;
  let right = -1;
  let top = down;
  let bottom = -1;
  for (let ty = 0; ty < down; ty++) {
    for (let tx = 0; tx < across; tx++) {
      if (counts[ty * across + tx] < CLUSTER) continue;
      left = Math.min(left, tx);
      right = Math.max(right, tx);
      top = Math.min(top, ty);
      bottom = Math.max(bottom, ty);
    }
  }
  if (right < 0) {
    // No sample stands clear of noise: under noise of σ 3 or more, tiles' means still may.
    const off = offTiles(pixels, TILE, noise, signal);
    for (let t = 0; t < off.length; t++) {
      if (!off[t]) continue;
      const tx = t % across;
      const ty = Math.floor(t / across);
      left = Math.min(left, tx);
      right = Math.max(right, tx);
      top = Math.min(top, ty);
      bottom = Math.max(bottom, ty);
    }
  }
  if (right < 0) return null;
  // A tile of margin: the strokes' edges and the background beside them are part of the look.
  const x0 = Math.max(0, (left - 1) * TILE);
  const y0 = Math.max(0, (top - 1) * TILE);
  const x1 = Math.min(width, (right + 2) * TILE);
  const y1 = Math.min(height, (bottom + 2) * TILE);
  const area = (x1 - x0) * (y1 - y0);
  if (area > width * height * MOST_AREA) return null;
  const step = Math.max(1, Math.floor(Math.sqrt(area / Math.max(1, target))));
  // Names of their own: the first look's grid is still in use when this one is made.
  return regionGrid(pixels, [x0, y0, x1, y1], step, 0, 'dense', signal);
}

/**
 * The full-size mask of small text under noise: smoothed at full resolution over the densely
 * sampled region, white elsewhere. The smoothed pass is the costly one (and large images'
 * half-size pass blurs strokes of a pixel or two away); outside the region no tile held text,
 * and the cut was set so that noise puts few strays past it there (auto-reveal.ts).
 */
export function regionMask(
  pixels: Pixels,
  grid: SampleGrid,
  p: Projection,
  radius: number,
  cut: number,
  reading: Reading,
  signal?: AbortSignal,
  output?: Uint8ClampedArray,
): Pixels {
  const { width, height, data } = pixels;
  const x0 = grid.xs[0];
  const y0 = grid.ys[0];
  const w = Math.min(width, x0 + grid.columns * grid.step) - x0;
  const h = Math.min(height, y0 + grid.rows * grid.step) - y0;
  const crop = new Uint8ClampedArray(w * h * 4);
  for (let y = 0; y < h; y++) {
    const from = ((y0 + y) * width + x0) * 4;
    crop.set(data.subarray(from, from + w * 4), y * w * 4);
  }
  // The same background surface, in the crop's coordinates.
  const model = { ...p.model, centreX: p.model.centreX - x0, centreY: p.model.centreY - y0 };
  const part = maskPass(
    { width: w, height: h, data: crop },
    { ...p, model },
    radius,
    cut,
    signal,
    undefined,
    reading,
    false,
  );
  const { pixels: mask, words } = createPixels(width, height, output);
  words.fill(WHITE);
  for (let y = 0; y < h; y++) {
    mask.data.set(part.data.subarray(y * w * 4, (y + 1) * w * 4), ((y0 + y) * width + x0) * 4);
  }
  return mask;
}
