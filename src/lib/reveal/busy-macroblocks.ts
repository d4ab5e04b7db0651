/**
 * The 16 × 16 macroblocks of an image that hold something: a cheap look at every one, for
 * estimateTables (jpeg-tables.ts) when its spread-out sample of a big image missed the few
 * blocks that hold text. On a plain background saved as JPEG those blocks are exactly flat,
 * and a line of 12 px text in a 12 MP photo is a dozen or so of its 46,750 macroblocks.
 */
import { BLUE, GREEN, RED } from './words.ts';

/**
 * How far (levels) the macroblock at (mx, my) spreads in its most spread channel, on every
 * other pixel of every other row (a quarter of its pixels); 0 when those are all one colour.
 * Text strokes are wider than a pixel and JPEG rings them across their 8 × 8 block, so a
 * quarter of the pixels finds them.
 */
function spreadOf(words: Uint32Array, width: number, mx: number, my: number): number {
  const first = words[my * width + mx];
  let rLo = 255;
  let gLo = 255;
  let bLo = 255;
  let rHi = 0;
  let gHi = 0;
  let bHi = 0;
  let same = true;
  for (let y = 0; y < 16; y += 2) {
    const row = (my + y) * width + mx;
    for (let x = 0; x < 16; x += 2) {
      const w = words[row + x];
      if (same && w === first) continue;
      same = false;
      const r = (w >>> RED) & 255;
      const g = (w >>> GREEN) & 255;
      const b = (w >>> BLUE) & 255;
      rLo = Math.min(rLo, r);
      rHi = Math.max(rHi, r);
      gLo = Math.min(gLo, g);
      gHi = Math.max(gHi, g);
      bLo = Math.min(bLo, b);
      bHi = Math.max(bHi, b);
    }
  }
  if (same) return 0;
  // The first pixel counts too: it may be one end of the spread.
  const r = (first >>> RED) & 255;
  const g = (first >>> GREEN) & 255;
  const b = (first >>> BLUE) & 255;
  return Math.max(
    Math.max(rHi, r) - Math.min(rLo, r),
    Math.max(gHi, g) - Math.min(gLo, g),
    Math.max(bHi, b) - Math.min(bLo, b),
  );
}

/**
 * Indices (row-major, `mw` a row) of the macroblocks that `skip` does not rule out and that are
 * not one colour, in order: all of them when there are at most `most`, else the `most` that
 * spread furthest (ties spread evenly over the image). A photograph's gradient spreads a level
 * or so across a macroblock; the rings JPEG leaves around text spread further, though weak
 * text (blue 10 levels off at quality 85) leaves some of its blocks only a level apart.
 */
export function busyMacroblocks(
  words: Uint32Array,
  width: number,
  mw: number,
  mh: number,
  skip: (n: number) => boolean,
  most: number,
): number[] {
  const spreads = new Uint8Array(mw * mh);
  const counts = new Uint32Array(256);
  for (let n = 0; n < mw * mh; n++) {
    if (skip(n)) continue;
    const spread = spreadOf(words, width, (n % mw) * 16, Math.floor(n / mw) * 16);
    spreads[n] = spread;
    counts[spread]++;
  }
  // The least spread taken whole, and how many of the next lower to take besides.
  let least = 256;
  let taken = 0;
  while (least > 1 && taken + counts[least - 1] <= most) taken += counts[--least];
  const partial = least > 1 ? least - 1 : 0;
  const share = partial ? (most - taken) / counts[partial] : 0;
  const found: number[] = [];
  let seen = 0;
  for (let n = 0; n < spreads.length; n++) {
    const spread = spreads[n];
    if (spread >= least) found.push(n);
    else if (spread === partial && partial) {
      // Every 1/share-th of them: evenly over the image.
      if (Math.floor((seen + 1) * share) > Math.floor(seen * share)) found.push(n);
      seen++;
    }
  }
  return found;
}
