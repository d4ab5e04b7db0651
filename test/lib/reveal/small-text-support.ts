/**
 * What the small-text files share (small-text.test.ts, small-text-noise-only.test.ts): a
 * 4000 × 3000 image (12 MP, what a phone takes) with a few lines of small text in one place,
 * and what a person checks of Auto reveal on it. Two files, not one, so the unit files' two
 * workers share their minute of 12 MP pictures.
 */
import { expect } from 'vitest';
import { autoReveal, type Pixels, type Rgba } from '../../../src/lib/reveal/index.ts';
import { drawText, flat, iou, paint, type TextMask } from './corpus.ts';
import { lessonColours } from './sweep.ts';

/** The image's size: 12 MP. */
export const WIDTH = 4000;
export const HEIGHT = 3000;

/** Lines of `size` px bitmap text drawn in a block whose top left corner is at (`left`, `top`). */
export function textAt(lines: string[], left: number, top: number, size = 12): TextMask {
  const scale = size / 7;
  const w = Math.ceil(Math.max(...lines.map((l) => l.length)) * 6 * scale + 4 * scale);
  const h = Math.ceil(lines.length * 9 * scale + 3 * scale);
  const small = drawText(lines, scale, w, h);
  const text = new Uint8Array(WIDTH * HEIGHT);
  for (let y = 0; y < h; y++)
    text.set(small.text.subarray(y * w, (y + 1) * w), (top + y) * WIDTH + left);
  return { width: WIDTH, height: HEIGHT, text };
}

/** No text at all: the background alone. */
export const none: TextMask = {
  width: WIDTH,
  height: HEIGHT,
  text: new Uint8Array(WIDTH * HEIGHT),
};

/** A blue-grey background and text 6 levels up in blue alone. */
export const blueSix = {
  background: [90, 140, 170, 255] as Rgba,
  text: [90, 140, 176, 255] as Rgba,
};

/** What a person checks: Auto says it found text, and its mask is the text drawn. */
export function expectFound(image: Pixels, drawn: TextMask, bar: number): void {
  const result = autoReveal(image);
  expect(result.description, result.description).not.toMatch(/^No (clear )?hidden text/);
  expect(result.confidence, result.description).toBeGreaterThan(0);
  expect(iou(result.mask, drawn), result.description).toBeGreaterThanOrEqual(bar);
}

/**
 * And on the same background without text, that there is none. Without noise the mask must be
 * (nearly) white too; under noise it shows the strongest difference, which is the noise itself.
 */
export function expectNothing(image: Pixels, noisy = false): void {
  const result = autoReveal(image);
  expect(result.confidence, result.description).toBe(0);
  expect(result.description).toMatch(/^No (clear )?hidden text/);
  if (noisy) return;
  let black = 0;
  for (let i = 0; i < result.mask.data.length; i += 4) if (result.mask.data[i] < 128) black++;
  expect(black).toBeLessThan(1000);
}

/** `drawn` in the lesson's colours. */
export const lessonImage = (drawn: TextMask): Pixels =>
  paint(drawn, flat(lessonColours.background), flat(lessonColours.text));

/** A gentle curve across the photo: the tiles' means follow it, so it must not pass for text. */
export const curve = (lift: number) => (x: number, y: number) =>
  [
    120 + lift + (40 * x) / WIDTH,
    180 - (50 * y) / HEIGHT,
    90 + 30 * ((x / WIDTH - 0.5) ** 2 + (y / HEIGHT - 0.5) ** 2),
    255,
  ] as unknown as Rgba;
