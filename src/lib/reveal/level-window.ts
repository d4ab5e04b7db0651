/** Level window: stretch a narrow band of levels to full black-to-white. */
import { mapChannel } from './channel.ts';
import type { Channel, Pixels, Rgba } from './types.ts';
import { greyWord } from './words.ts';

/** Options of {@link levelWindow}. */
export interface LevelWindowOptions {
  /** Which value of each pixel is stretched. */
  channel: Channel;
  /** Middle of the window, in levels. */
  centre: number;
  /** Width of the window in levels (at least 1): a gap of a few levels becomes black vs white. */
  width: number;
  /** Swap dark and light. */
  invert: boolean;
  /** Background for the `distance` channel; estimated when left out. */
  background?: Rgba;
}

/** A window of 8 levels around the lesson's cut of 120 on red. */
export const defaultLevelWindowOptions: LevelWindowOptions = {
  channel: 'red',
  centre: 120,
  width: 8,
  invert: false,
};

/** The 256-entry table of {@link levelWindow}. */
export function levelWindowTable(centre: number, width: number, invert = false): Uint32Array {
  const w = Math.max(1, width);
  const low = centre - w / 2;
  const table = new Uint32Array(256);
  for (let v = 0; v < 256; v++) {
    const level = Math.min(255, Math.max(0, Math.round(((v - low) * 255) / w)));
    table[v] = greyWord(invert ? 255 - level : level);
  }
  return table;
}

/** Levels below the window → black, above → white, inside → a grey ramp. */
export function levelWindow(
  pixels: Pixels,
  options: Partial<LevelWindowOptions> = {},
  signal?: AbortSignal,
  output?: Uint8ClampedArray,
): Pixels {
  const o = { ...defaultLevelWindowOptions, ...options };
  return mapChannel(pixels, o.channel, levelWindowTable(o.centre, o.width, o.invert), {
    background: o.background,
    signal,
    output,
  });
}
