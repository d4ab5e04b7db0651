/**
 * Getting a revealed picture ready for OCR: dark text on a light ground, at a size the
 * reader handles quickly. Tesseract reads black on white best; a view that shows the message
 * white on black (an inverted threshold, a bit plane) is turned over first.
 */
import { downsample } from '../reveal/downsample.ts';
import type { Pixels } from '../reveal/types.ts';

/** Longest side handed to the reader: bigger pictures take seconds and read no better. */
export const OCR_MAX_SIDE = 2400;

/** Mean luminance (0–255) of the picture, on a sample of at most ~65 000 pixels. */
export function meanLuminance(pixels: Pixels): number {
  const { data } = pixels;
  const n = data.length >> 2;
  if (n === 0) return 255;
  const step = Math.max(1, Math.floor(n / 65536));
  let sum = 0;
  let count = 0;
  for (let i = 0; i < n; i += step, count++) {
    const p = i * 4;
    // BT.601 weights; transparent pixels count as the white page they are drawn on.
    const a = data[p + 3] / 255;
    const y = 0.299 * data[p] + 0.587 * data[p + 1] + 0.114 * data[p + 2];
    sum += a * y + (1 - a) * 255;
  }
  return sum / count;
}

/**
 * Whether the picture is light marks on a dark ground: a message takes a small part of a
 * picture, so a mostly dark picture is a dark ground.
 */
export function isLightOnDark(pixels: Pixels): boolean {
  return meanLuminance(pixels) < 128;
}

/** A copy with red, green and blue turned over (255 − v), alpha kept. */
export function invertPixels(pixels: Pixels): Pixels {
  const data = new Uint8ClampedArray(pixels.data);
  for (let p = 0; p < data.length; p += 4) {
    data[p] = 255 - data[p];
    data[p + 1] = 255 - data[p + 1];
    data[p + 2] = 255 - data[p + 2];
  }
  return { width: pixels.width, height: pixels.height, data };
}

/** The picture as the reader should see it: dark on light, no larger than {@link OCR_MAX_SIDE}. */
export function prepareForOcr(pixels: Pixels): Pixels {
  const small = downsample(pixels, OCR_MAX_SIDE, { method: 'box' });
  return isLightOnDark(small) ? invertPixels(small) : small;
}
