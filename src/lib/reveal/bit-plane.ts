/** Bit planes: one bit of a channel, where a one-level difference always shows (bit 0). */
import { mapChannel } from './channel.ts';
import type { Channel, Pixels, Rgba } from './types.ts';
import { BLACK, WHITE } from './words.ts';

/** Options of {@link bitPlane}. */
export interface BitPlaneOptions {
  /** Which value of each pixel the bit is taken from. */
  channel: Channel;
  /** Bit 0 (least significant) to 7 (most significant). */
  bit: number;
  /** Background for the `distance` channel; estimated when left out. */
  background?: Rgba;
}

/** The least significant bit of red, where the smallest differences live. */
export const defaultBitPlaneOptions: BitPlaneOptions = { channel: 'red', bit: 0 };

/** The 256-entry table of {@link bitPlane}: a set bit → white, a clear bit → black. */
export function bitPlaneTable(bit: number): Uint32Array {
  const table = new Uint32Array(256);
  const b = Math.min(7, Math.max(0, Math.round(bit)));
  for (let v = 0; v < 256; v++) table[v] = (v >> b) & 1 ? WHITE : BLACK;
  return table;
}

/** White where the chosen bit of the channel is set, black where it is clear. */
export function bitPlane(
  pixels: Pixels,
  options: Partial<BitPlaneOptions> = {},
  signal?: AbortSignal,
  output?: Uint8ClampedArray,
): Pixels {
  const o = { ...defaultBitPlaneOptions, ...options };
  return mapChannel(pixels, o.channel, bitPlaneTable(o.bit), {
    background: o.background,
    signal,
    output,
  });
}
