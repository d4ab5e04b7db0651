/** Histogram equalisation: spread the few populated levels over the whole grey range. */
import { mapChannel } from './channel.ts';
import { histogram } from './histogram.ts';
import type { Channel, Pixels, Rgba } from './types.ts';
import { greyWord } from './words.ts';

/** Options of {@link equalise}. */
export interface EqualiseOptions {
  /** Which value of each pixel is equalised. */
  channel: Channel;
  /** Background for the `distance` channel; estimated when left out. */
  background?: Rgba;
}

/** Equalise red by default, like the other views. */
export const defaultEqualiseOptions: EqualiseOptions = { channel: 'red' };

/**
 * The table mapping each level through the cumulative histogram: the lowest populated
 * level → black, the highest → white, the rest by how many pixels lie at or below them.
 * Two neighbouring levels that hold many pixels end far apart.
 */
export function equaliseTable(counts: Uint32Array): Uint32Array {
  let total = 0;
  let lowest = 0;
  for (let v = 0; v < 256; v++) {
    if (total === 0) lowest = counts[v];
    total += counts[v];
  }
  const table = new Uint32Array(256);
  const span = total - lowest;
  let cumulative = 0;
  for (let v = 0; v < 256; v++) {
    cumulative += counts[v];
    // A one-level image has nothing to spread: keep it black rather than divide by zero.
    const level = span > 0 ? Math.round((255 * Math.max(0, cumulative - lowest)) / span) : 0;
    table[v] = greyWord(level);
  }
  return table;
}

/** Map the channel through its cumulative histogram. */
export function equalise(
  pixels: Pixels,
  options: Partial<EqualiseOptions> = {},
  signal?: AbortSignal,
  output?: Uint8ClampedArray,
): Pixels {
  const o = { ...defaultEqualiseOptions, ...options };
  const counts = histogram(pixels, o.channel, { background: o.background }, signal);
  return mapChannel(pixels, o.channel, equaliseTable(counts), {
    background: o.background,
    signal,
    output,
  });
}
