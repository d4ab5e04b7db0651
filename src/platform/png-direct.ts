/**
 * PNG decoded in JavaScript (fast-png), for browsers that add noise to what a canvas hands
 * back (Brave, Firefox resisting fingerprinting): the file's own values, never a canvas
 * readback, so one-level differences survive. Colour management and gamma are ignored, as
 * in the canvas path.
 */
import { convertIndexedToRgb, decode } from 'fast-png';
import { decodeFailure } from '../lib/image/intake.ts';
import type { Pixels } from '../lib/reveal/types.ts';

/** Straight RGBA of a PNG, exactly as stored. Throws `ImageError('undecodable')`. */
export function decodePngDirect(bytes: Uint8Array): Pixels {
  let png: ReturnType<typeof decode>;
  try {
    png = decode(bytes);
  } catch {
    throw decodeFailure('png');
  }
  const { width, height, depth } = png;
  const out = new Uint8ClampedArray(width * height * 4);
  if (png.palette) {
    const rgb = convertIndexedToRgb(png);
    const n = png.palette[0]?.length ?? 3;
    for (let i = 0; i < width * height; i++) {
      out[i * 4] = rgb[i * n];
      out[i * 4 + 1] = rgb[i * n + 1];
      out[i * 4 + 2] = rgb[i * n + 2];
      out[i * 4 + 3] = n === 4 ? rgb[i * n + 3] : 255;
    }
    return { width, height, data: out };
  }
  const channels = png.channels;
  const samples = unpack(png.data, width, height, channels, depth);
  const max = (1 << depth) - 1;
  // 16-bit samples keep their high byte; 1-, 2- and 4-bit grey stretch to 0–255.
  const to8 = (v: number) => (depth === 16 ? v >> 8 : depth === 8 ? v : (v * 255) / max);
  const key = png.transparency; // tRNS: the one grey or RGB value that is transparent
  for (let i = 0; i < width * height; i++) {
    const s = i * channels;
    const grey = channels < 3;
    const r = samples[s];
    const g = grey ? r : samples[s + 1];
    const b = grey ? r : samples[s + 2];
    const alpha = channels === 2 || channels === 4 ? to8(samples[s + channels - 1]) : 255;
    const keyed = key && (grey ? key[0] === r : key[0] === r && key[1] === g && key[2] === b);
    out.set([to8(r), to8(g), to8(b), keyed ? 0 : alpha], i * 4);
  }
  return { width, height, data: out };
}

/** Samples one a number: bit depths under 8 are packed, rows starting on a byte. */
function unpack(
  data: ArrayLike<number>,
  width: number,
  height: number,
  channels: number,
  depth: number,
): ArrayLike<number> {
  if (depth >= 8) return data;
  const out = new Uint8Array(width * height * channels);
  const rowBytes = Math.ceil((width * channels * depth) / 8);
  const mask = (1 << depth) - 1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width * channels; x++) {
      const bit = x * depth;
      const byte = data[y * rowBytes + (bit >> 3)];
      out[y * width * channels + x] = (byte >> (8 - depth - (bit & 7))) & mask;
    }
  }
  return out;
}
