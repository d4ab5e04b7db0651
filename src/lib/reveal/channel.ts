/**
 * One value per pixel from a chosen channel, and the look-up pass that every grey view
 * (threshold, level window, bit plane, equalisation) is built on.
 */
import { mostCommonColour } from './background.ts';
import type { Channel, Pixels, Rgba } from './types.ts';
import { ALPHA, BLUE, CHUNK, GREEN, RED, createPixels, forChunks, wordsOf } from './words.ts';

/** What a channel read needs besides the pixels. */
export interface ChannelOptions {
  /** Background for `distance`; the most common colour when left out. */
  background?: Rgba;
  /** Cancels a long pass. */
  signal?: AbortSignal;
  /** Buffer to write the result into (width × height × 4 bytes), reused between calls. */
  output?: Uint8ClampedArray;
}

// sqrt of a squared distance, rounded and capped at 255, so distance costs a look-up.
let distanceTable: Uint8Array | undefined;
function distanceLevels(): Uint8Array {
  distanceTable ??= Uint8Array.from({ length: 255 * 255 + 1 }, (_, s) =>
    Math.min(255, Math.round(Math.sqrt(s))),
  );
  return distanceTable;
}
const MAX_SQUARED = 255 * 255;

// Luminance in integer arithmetic (BT.601 weights × 256), exact for grey pixels.
const LUMA_R = 77;
const LUMA_G = 150;
const LUMA_B = 29;

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
 * Call `emit(i, value)` for every pixel, fused per channel so the hot loops stay tight.
 * `emit` is tiny and monomorphic per call site, which V8 inlines.
 */
function eachValue(
  pixels: Pixels,
  channel: Channel,
  options: ChannelOptions,
  emit: (start: number, end: number, words: Uint32Array, value: (w: number) => number) => void,
): void {
  const words = wordsOf(pixels.data);
  const shift = shiftOf(channel);
  let value: (w: number) => number;
  if (shift >= 0) {
    value = (w) => (w >>> shift) & 255;
  } else if (channel === 'luminance') {
    value = (w) =>
      (LUMA_R * ((w >>> RED) & 255) +
        LUMA_G * ((w >>> GREEN) & 255) +
        LUMA_B * ((w >>> BLUE) & 255) +
        128) >>
      8;
  } else {
    const [br, bg, bb, ba] = options.background ?? mostCommonColour(pixels, options.signal);
    const table = distanceLevels();
    value = (w) => {
      const dr = ((w >>> RED) & 255) - br;
      const dg = ((w >>> GREEN) & 255) - bg;
      const db = ((w >>> BLUE) & 255) - bb;
      const da = ((w >>> ALPHA) & 255) - ba;
      const s = dr * dr + dg * dg + db * db + da * da;
      return table[s > MAX_SQUARED ? MAX_SQUARED : s];
    };
  }
  forChunks(words.length, options.signal, (start, end) => emit(start, end, words, value));
}

/**
 * The chosen channel's level (0–255) of every pixel. `distance` is the Euclidean RGBA
 * distance from the background colour, capped at 255.
 */
export function channelValues(
  pixels: Pixels,
  channel: Channel,
  options: ChannelOptions = {},
): Uint8Array {
  const out = new Uint8Array(pixels.width * pixels.height);
  eachValue(pixels, channel, options, (start, end, words, value) => {
    for (let i = start; i < end; i++) out[i] = value(words[i]);
  });
  return out;
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
  const shift = shiftOf(channel);
  if (shift >= 0) {
    // The slider's hot path: plain loops in this function (no callback), so V8 optimises
    // them as they are; a callback per chunk made this pass 3–4 times slower.
    // Int32 views keep words in V8's small-integer form; uint32 words above 2^31 would be
    // converted to doubles and back on every read and write.
    const words = wordsOf(pixels.data);
    const src = new Int32Array(words.buffer, words.byteOffset, words.length);
    const out32 = new Int32Array(dst.buffer, dst.byteOffset, dst.length);
    const lut = new Int32Array(table.buffer, table.byteOffset, 256);
    const n = src.length;
    for (let start = 0; start < n; start += CHUNK) {
      options.signal?.throwIfAborted();
      const end = Math.min(n, start + CHUNK);
      if (shift === 0) {
        for (let i = start; i < end; i++) out32[i] = lut[src[i] & 255];
      } else {
        for (let i = start; i < end; i++) out32[i] = lut[(src[i] >>> shift) & 255];
      }
    }
    return out;
  }
  eachValue(pixels, channel, options, (start, end, words, value) => {
    for (let i = start; i < end; i++) dst[i] = table[value(words[i])];
  });
  return out;
}
