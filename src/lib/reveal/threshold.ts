/** The lesson's rule, generalised: a channel above a cut turns black, the rest white. */
import { mapChannel } from './channel.ts';
import type { Channel, Pixels, Rgba } from './types.ts';
import { BLACK, WHITE } from './words.ts';

/** Options of {@link threshold}. */
export interface ThresholdOptions {
  /** Which value of each pixel is compared. */
  channel: Channel;
  /** Levels strictly above this turn black (0–255). */
  threshold: number;
  /** Swap black and white. */
  invert: boolean;
  /** Background for the `distance` channel; estimated when left out. */
  background?: Rgba;
}

/**
 * The lesson's defaults: `np.where(image[:, :, 0] > 120, 0, 1)`, red above 120 → black,
 * the rest → white.
 */
export const defaultThresholdOptions: ThresholdOptions = {
  channel: 'red',
  threshold: 120,
  invert: false,
};

/** The 256-entry table of {@link threshold}, exposed so previews can reuse it. */
export function thresholdTable(threshold: number, invert = false): Uint32Array {
  const table = new Uint32Array(256);
  for (let v = 0; v < 256; v++) table[v] = v > threshold !== invert ? BLACK : WHITE;
  return table;
}

/** Black where the channel is above the threshold, white elsewhere (swapped by `invert`). */
export function threshold(
  pixels: Pixels,
  options: Partial<ThresholdOptions> = {},
  signal?: AbortSignal,
  output?: Uint8ClampedArray,
): Pixels {
  const o = { ...defaultThresholdOptions, ...options };
  return mapChannel(pixels, o.channel, thresholdTable(o.threshold, o.invert), {
    background: o.background,
    signal,
    output,
  });
}
