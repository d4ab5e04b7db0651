/** The 12 MP picture the Reveal benches share, so their figures are comparable. */

/** Width and height of the bench photo (12 megapixels, a phone camera's size). */
export const PHOTO_WIDTH = 4000;
export const PHOTO_HEIGHT = 3000;

/**
 * A 12 MP image (or another size): a soft gradient with bars of text 11 levels lower in red.
 */
export function benchPhoto(
  width = PHOTO_WIDTH,
  height = PHOTO_HEIGHT,
): { width: number; height: number; data: Uint8ClampedArray } {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const text = y % 400 > 150 && y % 400 < 250 && x % 300 < 60;
      data[i] = text ? 115 : 126;
      data[i + 1] = (100 + (x * 100) / width) | 0;
      data[i + 2] = (60 + (y * 100) / height) | 0;
      data[i + 3] = 255;
    }
  }
  return { width, height, data };
}
