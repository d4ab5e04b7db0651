import type { Rgb } from '../color/types.ts';
import type { Pixels } from '../reveal/types.ts';

/** Coverage at or above this (of 255) counts as text: antialiasing thresholded at 50 %. */
export const COVERAGE_THRESHOLD = 128;

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * Turn antialiased text coverage (0–255 a pixel, e.g. white text drawn on black) into a
 * yes/no mask: 1 where the text covers at least half the pixel.
 */
export function coverageToMask(coverage: Uint8Array | Uint8ClampedArray): Uint8Array {
  const mask = new Uint8Array(coverage.length);
  for (let i = 0; i < coverage.length; i++) mask[i] = coverage[i] >= COVERAGE_THRESHOLD ? 1 : 0;
  return mask;
}

/**
 * Paint a two-colour image from a text mask: text colour (with `textAlpha`, straight alpha)
 * where the mask is 1, opaque background elsewhere. No blended edge pixels, so the picture
 * holds exactly the two chosen colours and nothing a reveal could mistake for a third.
 */
export function paintTwoColours(
  mask: Uint8Array,
  width: number,
  height: number,
  text: Rgb,
  background: Rgb,
  textAlpha = 255,
): Pixels {
  if (mask.length !== width * height) throw new RangeError('mask size does not match the image');
  const data = new Uint8ClampedArray(width * height * 4);
  const px = new Uint32Array(data.buffer);
  // Write whole pixels at once; a Uint32Array uses the machine's byte order.
  const pack = (c: Rgb, a: number): number =>
    LITTLE_ENDIAN
      ? ((a << 24) | (c.b << 16) | (c.g << 8) | c.r) >>> 0
      : ((c.r << 24) | (c.g << 16) | (c.b << 8) | a) >>> 0;
  const t = pack(text, textAlpha);
  const b = pack(background, 255);
  for (let i = 0; i < mask.length; i++) px[i] = mask[i] ? t : b;
  return { width, height, data };
}
