/** Per-channel histograms, drawn under the threshold slider. */
import { channelValues } from './channel.ts';
import type { Channel, Pixels, Rgba } from './types.ts';
import { ALPHA, BLUE, GREEN, RED, CHUNK, wordsOf } from './words.ts';

/** Options of {@link histogram}. */
export interface HistogramOptions {
  /** Background for the `distance` channel; estimated when left out. */
  background?: Rgba;
}

/** How many pixels have each level (0–255) of the channel: 256 counts. */
export function histogram(
  pixels: Pixels,
  channel: Channel,
  options: HistogramOptions = {},
  signal?: AbortSignal,
): Uint32Array {
  const counts = new Uint32Array(256);
  const plain = { red: RED, green: GREEN, blue: BLUE, alpha: ALPHA } as Partial<
    Record<Channel, number>
  >;
  const shift = plain[channel];
  if (shift !== undefined) {
    const words = wordsOf(pixels.data);
    for (let start = 0; start < words.length; start += CHUNK) {
      signal?.throwIfAborted();
      const end = Math.min(words.length, start + CHUNK);
      for (let i = start; i < end; i++) counts[(words[i] >>> shift) & 255]++;
    }
    return counts;
  }
  const values = channelValues(pixels, channel, { background: options.background, signal });
  for (let i = 0; i < values.length; i++) counts[values[i]]++;
  return counts;
}

/** Histograms of red, green, blue and alpha in one pass over the image. */
export function rgbaHistograms(
  pixels: Pixels,
  signal?: AbortSignal,
): Record<'red' | 'green' | 'blue' | 'alpha', Uint32Array> {
  const r = new Uint32Array(256);
  const g = new Uint32Array(256);
  const b = new Uint32Array(256);
  const a = new Uint32Array(256);
  const words = wordsOf(pixels.data);
  for (let start = 0; start < words.length; start += CHUNK) {
    signal?.throwIfAborted();
    const end = Math.min(words.length, start + CHUNK);
    for (let i = start; i < end; i++) {
      const w = words[i];
      r[(w >>> RED) & 255]++;
      g[(w >>> GREEN) & 255]++;
      b[(w >>> BLUE) & 255]++;
      a[(w >>> ALPHA) & 255]++;
    }
  }
  return { red: r, green: g, blue: b, alpha: a };
}
