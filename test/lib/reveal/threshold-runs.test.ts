/**
 * The plain-channel pass writes long runs of equal pixels with `fill` and noisy rows pixel by
 * pixel. Whatever mix of the two an image has, the output must equal a look-up per pixel.
 */
import { describe, expect, it } from 'vitest';
import { mapChannel, thresholdTable, type Channel } from '../../../src/lib/reveal/index.ts';
import { seededRandom } from '../../../src/lib/reveal/colour-map.ts';

/** Rows of flat runs (some shorter than a fill is worth), rows of noise, and both in one row. */
function mixedImage(width: number, height: number) {
  const random = seededRandom(42);
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    const kind = y % 5;
    let level = Math.floor(random() * 256);
    for (let x = 0; x < width; x++) {
      const noisy = kind === 1 || kind === 2 || (kind === 3 && x > width / 2);
      if (noisy || random() < 0.02) level = Math.floor(random() * 256);
      const i = (y * width + x) * 4;
      data[i] = level;
      data[i + 1] = (level * 7) & 255;
      data[i + 2] = 255 - level;
      data[i + 3] = noisy ? Math.floor(random() * 256) : 255;
    }
  }
  return { width, height, data };
}

describe('mapChannel by runs', () => {
  it.each<Channel>(['red', 'green', 'blue', 'alpha'])(
    'gives exactly the per-pixel look-up on %s',
    (channel) => {
      const image = mixedImage(257, 83);
      const table = thresholdTable(120);
      const shift = { red: 0, green: 1, blue: 2, alpha: 3 }[channel as 'red'];
      const expected = new Uint8ClampedArray(image.data.length);
      const words = new Uint32Array(expected.buffer);
      for (let i = 0; i < words.length; i++) words[i] = table[image.data[i * 4 + shift]];
      const out = mapChannel(image, channel, table);
      expect(Buffer.compare(Buffer.from(out.data), Buffer.from(expected))).toBe(0);
      // Both black and white occur, so the comparison is not between two blank images.
      expect(new Set(new Uint32Array(out.data.buffer)).size).toBe(2);
    },
  );
});
