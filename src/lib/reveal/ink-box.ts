/**
 * Where the ink is on a two-tone mask (dark text on white, as Auto reveal and the reader's
 * pictures draw it), and cutting that part out: what the further reading pictures and the
 * reader's second look each need to work on the text alone, not the whole picture.
 */
import type { Pixels } from './types.ts';

/** A rectangle of pixels, inclusive. */
export interface InkBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** The box round a mask's ink (red under 128), grown by `margin` and clipped to the image; null if no ink. */
export function inkBox(mask: Pixels, margin = 0): InkBox | null {
  const { width, height, data } = mask;
  let x0 = width;
  let y0 = height;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0, p = y * width * 4; x < width; x++, p += 4) {
      if (data[p] >= 128) continue;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      y1 = y;
    }
  }
  if (x1 < 0) return null;
  return {
    x0: Math.max(0, x0 - margin),
    y0: Math.max(0, y0 - margin),
    x1: Math.min(width - 1, x1 + margin),
    y1: Math.min(height - 1, y1 + margin),
  };
}

/** The part of a picture from (`x0`, `y0`), `width` × `height` pixels. */
export function cropPixels(
  pixels: Pixels,
  x0: number,
  y0: number,
  width: number,
  height: number,
): Pixels {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    const from = ((y0 + y) * pixels.width + x0) * 4;
    data.set(pixels.data.subarray(from, from + width * 4), y * width * 4);
  }
  return { width, height, data };
}
