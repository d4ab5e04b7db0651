/** Random colour map: neighbouring levels get unrelated colours, so one level shows. */
import { mapChannel } from './channel.ts';
import type { Channel, Pixels, Rgba } from './types.ts';
import { ALPHA, BLUE, GREEN, RED, createPixels, CHUNK, packWord, wordsOf } from './words.ts';

/** Options of {@link colourMap}. */
export interface ColourMapOptions {
  /**
   * `rgb`: red, green and blue each go through their own random 256-level palette;
   * a channel: that channel's level picks a random opaque colour.
   */
  channel: Channel | 'rgb';
  /** Seed of the palettes: the same seed always gives the same colours ("re-roll" = new seed). */
  seed: number;
  /** Background for the `distance` channel; estimated when left out. */
  background?: Rgba;
}

/** Palettes for all three colour channels, seed 1. */
export const defaultColourMapOptions: ColourMapOptions = { channel: 'rgb', seed: 1 };

/** A small, fast seeded generator (mulberry32): the same seed gives the same palette everywhere. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 256 random levels (0–255) from the generator. */
function palette(random: () => number): Uint8Array {
  return Uint8Array.from({ length: 256 }, () => Math.floor(random() * 256));
}

/** Recolour through seeded random palettes. */
export function colourMap(
  pixels: Pixels,
  options: Partial<ColourMapOptions> = {},
  signal?: AbortSignal,
  output?: Uint8ClampedArray,
): Pixels {
  const o = { ...defaultColourMapOptions, ...options };
  const random = seededRandom(o.seed);
  if (o.channel !== 'rgb') {
    const table = new Uint32Array(256);
    for (let v = 0; v < 256; v++) {
      table[v] = packWord(
        Math.floor(random() * 256),
        Math.floor(random() * 256),
        Math.floor(random() * 256),
        255,
      );
    }
    return mapChannel(pixels, o.channel, table, { background: o.background, signal, output });
  }
  // Tables already shifted into place, so each pixel is three look-ups and two ORs.
  const [pr, pg, pb] = [palette(random), palette(random), palette(random)];
  const tr = Uint32Array.from(pr, (v) => (v << RED) >>> 0);
  const tg = Uint32Array.from(pg, (v) => (v << GREEN) >>> 0);
  const tb = Uint32Array.from(pb, (v) => ((v << BLUE) | (255 << ALPHA)) >>> 0);
  const src = wordsOf(pixels.data);
  const { pixels: out, words: dst } = createPixels(pixels.width, pixels.height, output);
  for (let start = 0; start < src.length; start += CHUNK) {
    signal?.throwIfAborted();
    const end = Math.min(src.length, start + CHUNK);
    for (let i = start; i < end; i++) {
      const w = src[i];
      dst[i] = (tr[(w >>> RED) & 255] | tg[(w >>> GREEN) & 255] | tb[(w >>> BLUE) & 255]) >>> 0;
    }
  }
  return out;
}
