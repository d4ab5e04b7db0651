/** The most common colour of an image: the background of a hidden-message picture. */
import type { Pixels, Rgba } from './types.ts';
import { ALPHA, BLUE, GREEN, RED, wordsOf } from './words.ts';

/** Pixels looked at when estimating the background: enough for a stable mode, and fast. */
const SAMPLE_TARGET = 1 << 18;

/**
 * The most common exact RGBA colour, counted on an even sample of at most ~262 000 pixels.
 * Exact colours matter here: the text differs by as little as one level.
 */
export function mostCommonColour(pixels: Pixels, signal?: AbortSignal): Rgba {
  const words = wordsOf(pixels.data);
  const n = words.length;
  if (n === 0) return [0, 0, 0, 0];
  const step = Math.max(1, Math.floor(n / SAMPLE_TARGET));
  const counts = new Map<number, number>();
  let best = words[0];
  let bestCount = 0;
  for (let i = 0; i < n; i += step) {
    if ((i & 0xfffff) < step) signal?.throwIfAborted();
    const w = words[i];
    const c = (counts.get(w) ?? 0) + 1;
    counts.set(w, c);
    if (c > bestCount) {
      bestCount = c;
      best = w;
    }
  }
  return [
    (best >>> RED) & 255,
    (best >>> GREEN) & 255,
    (best >>> BLUE) & 255,
    (best >>> ALPHA) & 255,
  ];
}
