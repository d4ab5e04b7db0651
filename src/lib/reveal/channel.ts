/**
 * One value per pixel from a chosen channel, and the look-up pass that every grey view
 * (threshold, level window, bit plane, equalisation) is built on.
 */
import { mostCommonColour } from './background.ts';
import type { Channel, Pixels, Rgba } from './types.ts';
import { ALPHA, BLUE, CHUNK, GREEN, RED, createPixels, wordsOf } from './words.ts';

/** What a channel read needs besides the pixels. */
export interface ChannelOptions {
  /** Background for `distance`; the most common colour when left out. */
  background?: Rgba;
  /** Cancels a long pass. */
  signal?: AbortSignal;
  /** Buffer to write the result into (width × height × 4 bytes), reused between calls. */
  output?: Uint8ClampedArray;
}

/** Byte shift of a plain channel within a pixel word, or -1 for derived channels. */
function shiftOf(channel: Channel): number {
  switch (channel) {
    case 'red':
      return RED;
    case 'green':
      return GREEN;
    case 'blue':
      return BLUE;
    case 'alpha':
      return ALPHA;
    default:
      return -1;
  }
}

/**
 * A derived channel as look-ups: the level of a pixel is `finish[min(sum, cap)]` where
 * sum = r[red] + g[green] + b[blue] + a[alpha]. Four look-ups and a fifth, no arithmetic
 * per pixel beyond adds, so luminance and distance cost about what a plain channel does.
 */
interface Derived {
  r: Int32Array;
  g: Int32Array;
  b: Int32Array;
  a: Int32Array;
  finish: Uint8Array;
}

const MAX_SQUARED = 255 * 255;

// Luminance in integer arithmetic (BT.601 weights × 256), exact for grey pixels.
const LUMA = [77, 150, 29, 0];

let luminanceCache: Derived | undefined;
let distanceFinish: Uint8Array | undefined;

/** The tables of `luminance` or `distance` (from `background`). */
function derived(channel: Channel, background: Rgba): Derived {
  if (channel === 'luminance') {
    luminanceCache ??= {
      r: Int32Array.from({ length: 256 }, (_, v) => LUMA[0] * v),
      g: Int32Array.from({ length: 256 }, (_, v) => LUMA[1] * v),
      b: Int32Array.from({ length: 256 }, (_, v) => LUMA[2] * v),
      a: new Int32Array(256),
      finish: Uint8Array.from({ length: 65536 }, (_, s) => Math.min(255, (s + 128) >> 8)),
    };
    return luminanceCache;
  }
  // Distance: squared differences summed, then a rounded square root capped at 255.
  distanceFinish ??= Uint8Array.from({ length: MAX_SQUARED + 1 }, (_, s) =>
    Math.min(255, Math.round(Math.sqrt(s))),
  );
  const square = (c: number) =>
    Int32Array.from({ length: 256 }, (_, v) => (v - background[c]) ** 2);
  return { r: square(0), g: square(1), b: square(2), a: square(3), finish: distanceFinish };
}

/**
 * The pixel words as signed integers: they stay in V8's small-integer form, where uint32
 * words above 2^31 would be converted to doubles and back on every read.
 */
function int32Words(pixels: Pixels): Int32Array {
  const words = wordsOf(pixels.data);
  return new Int32Array(words.buffer, words.byteOffset, words.length);
}

/**
 * The derived channels' pass, shared by the level read and the grey views:
 * `out[i] = table[min(sum, cap)]`, the sum being the pixel's four part look-ups. A plain
 * loop with no callback, so V8 optimises it as it is.
 */
function lookUpSums(
  src: Int32Array,
  parts: Omit<Derived, 'finish'>,
  table: Uint8Array | Int32Array,
  out: Uint8Array | Int32Array,
  signal: AbortSignal | undefined,
): void {
  const { r, g, b, a } = parts;
  const n = src.length;
  const cap = table.length - 1;
  for (let start = 0; start < n; start += CHUNK) {
    signal?.throwIfAborted();
    const end = Math.min(n, start + CHUNK);
    for (let i = start; i < end; i++) {
      const w = src[i];
      const s =
        r[(w >>> RED) & 255] +
        g[(w >>> GREEN) & 255] +
        b[(w >>> BLUE) & 255] +
        a[(w >>> ALPHA) & 255];
      out[i] = table[s < cap ? s : cap];
    }
  }
}

/** The background `distance` measures from. */
function backgroundFor(pixels: Pixels, options: ChannelOptions): Rgba {
  return options.background ?? mostCommonColour(pixels, options.signal);
}

/**
 * The chosen channel's level (0–255) of every pixel. `distance` is the Euclidean RGBA
 * distance from the background colour, rounded and capped at 255.
 */
export function channelValues(
  pixels: Pixels,
  channel: Channel,
  options: ChannelOptions = {},
): Uint8Array {
  const src = wordsOf(pixels.data);
  const n = src.length;
  const out = new Uint8Array(n);
  const shift = shiftOf(channel);
  if (shift >= 0) {
    for (let start = 0; start < n; start += CHUNK) {
      options.signal?.throwIfAborted();
      const end = Math.min(n, start + CHUNK);
      for (let i = start; i < end; i++) out[i] = (src[i] >>> shift) & 255;
    }
    return out;
  }
  const parts = derived(channel, backgroundFor(pixels, options));
  lookUpSums(int32Words(pixels), parts, parts.finish, out, options.signal);
  return out;
}

/** A run of equal pixels at least this long is written by `fill` (native, many words a step). */
const LONG_RUN = 16;

/** Rows looked at one pixel at a time before runs are tried again. */
const RETRY_ROWS = 8;

/**
 * The plain channels' pass. Hidden-message images are mostly long runs of one colour, so a
 * row is written a run at a time: the table is read once per run and `fill` writes it, about
 * three times faster than a look-up per pixel. A noisy row has no long runs; after one, rows
 * go pixel by pixel, and runs are tried again every few rows. The output is the same either way.
 */
function mapPlain(
  src: Int32Array,
  out: Int32Array,
  lut: Int32Array,
  shift: number,
  width: number,
  signal: AbortSignal | undefined,
): void {
  const n = src.length;
  const rowsPerCheck = Math.max(1, Math.floor(CHUNK / Math.max(1, width)));
  let byRuns = true;
  for (let row = 0, start = 0; start < n; row++, start += width) {
    if (row % rowsPerCheck === 0) signal?.throwIfAborted();
    const end = Math.min(n, start + width);
    if (!byRuns && row % RETRY_ROWS !== 0) {
      for (let i = start; i < end; i++) out[i] = lut[(src[i] >>> shift) & 255];
      continue;
    }
    let runs = 0;
    let i = start;
    while (i < end) {
      const w = src[i];
      const v = lut[(w >>> shift) & 255];
      let j = i + 1;
      while (j < end && src[j] === w) j++;
      if (j - i >= LONG_RUN) out.fill(v, i, j);
      else for (let k = i; k < j; k++) out[k] = v;
      i = j;
      runs++;
    }
    byRuns = runs * LONG_RUN * 2 <= end - start;
  }
}

/**
 * Map each pixel's channel level through a 256-entry table of output pixel words: one
 * read, one look-up and one write per pixel. The base of every grey view.
 */
export function mapChannel(
  pixels: Pixels,
  channel: Channel,
  table: Uint32Array,
  options: ChannelOptions = {},
): Pixels {
  const { pixels: out, words: dst } = createPixels(pixels.width, pixels.height, options.output);
  // Int32 views keep words in V8's small-integer form; uint32 words above 2^31 would be
  // converted to doubles and back on every read and write.
  const src = int32Words(pixels);
  const out32 = new Int32Array(dst.buffer, dst.byteOffset, dst.length);
  const lut = new Int32Array(table.buffer, table.byteOffset, 256);
  const n = src.length;
  const shift = shiftOf(channel);
  // The slider's hot path: plain loops in this function (no callback), so V8 optimises
  // them as they are; a callback per chunk made this pass 3–4 times slower.
  if (shift >= 0) {
    mapPlain(src, out32, lut, shift, pixels.width, options.signal);
    return out;
  }
  const { r, g, b, a, finish } = derived(channel, backgroundFor(pixels, options));
  if (channel === 'luminance') {
    // The level is the sum rounded down by 8 bits: arithmetic beats a 64K table in cache.
    for (let start = 0; start < n; start += CHUNK) {
      options.signal?.throwIfAborted();
      const end = Math.min(n, start + CHUNK);
      for (let i = start; i < end; i++) {
        const w = src[i];
        out32[i] =
          lut[(r[(w >>> RED) & 255] + g[(w >>> GREEN) & 255] + b[(w >>> BLUE) & 255] + 128) >> 8];
      }
    }
    return out;
  }
  // The level table and the output table composed: one look-up from the sum to the pixel.
  const composed = Int32Array.from(finish, (level) => lut[level]);
  lookUpSums(src, { r, g, b, a }, composed, out32, options.signal);
  return out;
}
