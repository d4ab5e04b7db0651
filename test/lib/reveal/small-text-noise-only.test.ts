/**
 * Noise alone in a photo-sized image (12 MP, what a phone takes): phone photos are noisy, σ 3–6
 * per channel and more, and however strong the noise, on a plain, curved or one-channel
 * background, Auto reveal must still say there is no text. The same images with text are in
 * small-text.test.ts; the two files run side by side.
 */
import { describe, it } from 'vitest';
import { addNoise, flat, paint } from './corpus.ts';
import { blueSix, curve, expectNothing, lessonImage, none } from './small-text-support.ts';

describe('autoReveal on noise alone of σ 2–8 in a 12 MP image', { timeout: 300_000 }, () => {
  it.each([
    [2, 11],
    [3, 12],
    [4, 13],
    [6, 14],
    [8, 15],
    [5, 16],
  ])(
    "says there is no text on the lesson's background under noise of σ %i (seed %i)",
    (sigma, seed) => {
      expectNothing(addNoise(lessonImage(none), sigma, 'gaussian', seed), true);
    },
  );

  it('says there is no text on a curved background under noise of σ 4', () => {
    expectNothing(addNoise(paint(none, curve(0), curve(0)), 4, 'gaussian', 19), true);
  });

  it('says there is no text on a blue-grey background under noise of σ 4', () => {
    expectNothing(
      addNoise(paint(none, flat(blueSix.background), flat(blueSix.text)), 4, 'gaussian', 17),
      true,
    );
  });
});
