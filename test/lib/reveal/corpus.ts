/**
 * A corpus of hidden-message images made in Node: text from a tiny 5×7 bitmap font, drawn as
 * a known boolean mask onto a background (flat or gradient), then optionally noised or sent
 * through a JPEG round trip. Tests compare what Auto reveal finds with the drawn mask.
 */
import type { Pixels, Rgba } from '../../../src/lib/reveal/index.ts';
import { seededRandom } from '../../../src/lib/reveal/colour-map.ts';

// prettier-ignore
const font: Record<string, string[]> = {
  ' ': ['.....', '.....', '.....', '.....', '.....', '.....', '.....'],
  A: ['.###.', '#...#', '#...#', '#####', '#...#', '#...#', '#...#'],
  B: ['####.', '#...#', '#...#', '####.', '#...#', '#...#', '####.'],
  C: ['.###.', '#...#', '#....', '#....', '#....', '#...#', '.###.'],
  D: ['####.', '#...#', '#...#', '#...#', '#...#', '#...#', '####.'],
  E: ['#####', '#....', '#....', '####.', '#....', '#....', '#####'],
  F: ['#####', '#....', '#....', '####.', '#....', '#....', '#....'],
  G: ['.###.', '#...#', '#....', '#.###', '#...#', '#...#', '.###.'],
  H: ['#...#', '#...#', '#...#', '#####', '#...#', '#...#', '#...#'],
  I: ['#####', '..#..', '..#..', '..#..', '..#..', '..#..', '#####'],
  J: ['..###', '...#.', '...#.', '...#.', '...#.', '#..#.', '.##..'],
  K: ['#...#', '#..#.', '#.#..', '##...', '#.#..', '#..#.', '#...#'],
  L: ['#....', '#....', '#....', '#....', '#....', '#....', '#####'],
  M: ['#...#', '##.##', '#.#.#', '#.#.#', '#...#', '#...#', '#...#'],
  N: ['#...#', '##..#', '#.#.#', '#..##', '#...#', '#...#', '#...#'],
  O: ['.###.', '#...#', '#...#', '#...#', '#...#', '#...#', '.###.'],
  P: ['####.', '#...#', '#...#', '####.', '#....', '#....', '#....'],
  Q: ['.###.', '#...#', '#...#', '#...#', '#.#.#', '#..#.', '.##.#'],
  R: ['####.', '#...#', '#...#', '####.', '#.#..', '#..#.', '#...#'],
  S: ['.####', '#....', '#....', '.###.', '....#', '....#', '####.'],
  T: ['#####', '..#..', '..#..', '..#..', '..#..', '..#..', '..#..'],
  U: ['#...#', '#...#', '#...#', '#...#', '#...#', '#...#', '.###.'],
  V: ['#...#', '#...#', '#...#', '#...#', '#...#', '.#.#.', '..#..'],
  W: ['#...#', '#...#', '#...#', '#.#.#', '#.#.#', '#.#.#', '.#.#.'],
  X: ['#...#', '#...#', '.#.#.', '..#..', '.#.#.', '#...#', '#...#'],
  Y: ['#...#', '#...#', '.#.#.', '..#..', '..#..', '..#..', '..#..'],
  Z: ['#####', '....#', '...#.', '..#..', '.#...', '#....', '#####'],
};

/** A boolean text mask: 1 where text is drawn. */
export interface TextMask {
  width: number;
  height: number;
  text: Uint8Array;
  /** Share of each pixel the text covers (0–1), for anti-aliased text; `text` where absent. */
  coverage?: Float32Array;
}

/** The two faces of the bitmap font: strokes one font pixel wide, or half a pixel wider. */
export type Face = 'regular' | 'bold';

/**
 * Rasterise lines of text, each font pixel a `scale`×`scale` block (a fractional scale
 * rounds each block's edges to whole pixels), centred on a canvas of the given size. Strokes
 * are `scale` pixels wide, like thin text at screen size; the bold face widens each stroke
 * to the right by half a font pixel (at least one pixel). Text is 7 × `scale` pixels tall.
 */
export function drawText(
  lines: string[],
  scale: number,
  width: number,
  height: number,
  face: Face = 'regular',
): TextMask {
  const text = new Uint8Array(width * height);
  const lineHeight = 9 * scale;
  const extra = face === 'bold' ? Math.max(1, Math.round(scale / 2)) : 0;
  const top = Math.floor((height - lines.length * lineHeight + 2 * scale) / 2);
  lines.forEach((line, row) => {
    const lineWidth = line.length * 6 * scale - scale;
    const left = Math.floor((width - lineWidth) / 2);
    [...line].forEach((ch, col) => {
      const glyph = font[ch];
      if (!glyph) throw new Error(`No glyph for "${ch}"`);
      for (let gy = 0; gy < 7; gy++) {
        const y0 = Math.round(top + row * lineHeight + gy * scale);
        const y1 = Math.round(top + row * lineHeight + (gy + 1) * scale);
        for (let gx = 0; gx < 5; gx++) {
          if (glyph[gy][gx] !== '#') continue;
          const x0 = Math.round(left + (col * 6 + gx) * scale);
          const x1 = Math.round(left + (col * 6 + gx + 1) * scale) + extra;
          for (let y = Math.max(0, y0); y < Math.min(height, y1); y++) {
            for (let x = Math.max(0, x0); x < Math.min(width, x1); x++) text[y * width + x] = 1;
          }
        }
      }
    });
  });
  return { width, height, text };
}

/** A colour per pixel position. */
export type Paint = (x: number, y: number) => Rgba;

/** A flat colour. */
export const flat =
  (colour: Rgba): Paint =>
  () =>
    colour;

/**
 * Paint text (where the mask is set) and background everywhere else; anti-aliased text blends
 * the two by its coverage, rounded to whole levels, as a rasteriser writing 8-bit pixels does.
 */
export function paint(mask: TextMask, background: Paint, text: Paint): Pixels {
  const { width, height, coverage } = mask;
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      if (!coverage) {
        data.set(mask.text[i] ? text(x, y) : background(x, y), i * 4);
        continue;
      }
      const c = coverage[i];
      const ink = c > 0 ? text(x, y) : null;
      const ground = c < 1 ? background(x, y) : null;
      for (let k = 0; k < 4; k++) {
        data[i * 4 + k] = Math.round((ink ? ink[k] * c : 0) + (ground ? ground[k] * (1 - c) : 0));
      }
    }
  }
  return { width, height, data };
}

/** Add independent noise to red, green and blue: Gaussian (σ levels) or uniform (± σ·√3). */
export function addNoise(
  pixels: Pixels,
  sigma: number,
  kind: 'gaussian' | 'uniform',
  seed = 1,
): Pixels {
  // Seeded, so noisy images are the same on every run.
  const next = seededRandom(seed);
  const data = new Uint8ClampedArray(pixels.data);
  for (let i = 0; i < data.length; i++) {
    if (i % 4 === 3) continue;
    let n: number;
    if (kind === 'gaussian') {
      n = sigma * Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
    } else {
      n = sigma * Math.sqrt(3) * (2 * next() - 1);
    }
    data[i] = Math.round(data[i] + n);
  }
  return { width: pixels.width, height: pixels.height, data };
}

/**
 * Salt-and-pepper noise: a `share` of pixels (0–1) turned black or white at random, as a dusty
 * scan or a bad sensor does. Alpha is kept.
 */
export function addSaltAndPepper(pixels: Pixels, share: number, seed = 1): Pixels {
  const next = seededRandom(seed);
  const data = new Uint8ClampedArray(pixels.data);
  for (let i = 0; i < data.length; i += 4) {
    if (next() >= share) continue;
    const level = next() < 0.5 ? 0 : 255;
    data[i] = level;
    data[i + 1] = level;
    data[i + 2] = level;
  }
  return { width: pixels.width, height: pixels.height, data };
}

/**
 * Intersection over union of the text found (black in an auto-revealed mask) and the text
 * drawn: 1 is a perfect match; an all-white or all-black mask scores near 0 or the text's share.
 */
export function iou(mask: Pixels, drawn: TextMask): number {
  let both = 0;
  let either = 0;
  for (let i = 0; i < drawn.text.length; i++) {
    const found = mask.data[i * 4] < 128;
    const truth = drawn.text[i] === 1;
    if (found && truth) both++;
    if (found || truth) either++;
  }
  return either === 0 ? 1 : both / either;
}
