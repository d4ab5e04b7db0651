/**
 * Salt-and-pepper noise: single pixels far from the background whose neighbours are not.
 * Visible content (a frame, a caption) is far too, but its pixels come in strokes.
 */
import { FAINT_LEVELS } from './colour-axis.ts';
import type { SampleGrid } from './samples.ts';
import { byteShift } from './words.ts';

const shifts = [0, 1, 2, 3].map(byteShift);

/** Share of far samples that must stand alone for the image to count as speckled. */
const ISOLATED_SHARE = 0.6;

/** Share of all samples that must be far for speckle to matter (1 in 500). */
const FAR_SHARE = 0.002;

/**
 * Whether isolated far-off dots speckle the image, from the samples' deviations (`dev`, four
 * per sample), each sample's right-hand neighbour and the noise per channel.
 */
export function hasImpulses(grid: SampleGrid, dev: Float32Array, noise: Float64Array): boolean {
  const n = grid.words.length;
  // Gaussian noise reaches far too, now and then: a dot must lie beyond six of its spreads.
  const spread = Math.hypot(noise[0], noise[1], noise[2], noise[3]);
  const limit = Math.max(FAINT_LEVELS, 6 * spread) ** 2;
  let far = 0;
  let isolated = 0;
  for (let k = 0; k < n; k++) {
    const q = k * 4;
    const square = dev[q] ** 2 + dev[q + 1] ** 2 + dev[q + 2] ** 2 + dev[q + 3] ** 2;
    if (square <= limit) continue;
    far++;
    // The background here is the sample's level minus its deviation.
    const w = grid.words[k];
    const m = grid.neighbours[k];
    let next = 0;
    for (let c = 0; c < 4; c++) {
      const level = ((w >>> shifts[c]) & 255) - dev[q + c];
      next += (((m >>> shifts[c]) & 255) - level) ** 2;
    }
    if (next <= limit) isolated++;
  }
  return far >= Math.max(20, n * FAR_SHARE) && isolated >= far * ISOLATED_SHARE;
}
