/**
 * Small text in a photo-sized image: a couple of lines of 12 px text in one place of a
 * 4000 × 3000 image (12 MP, what a phone takes), drawn as the lesson draws, in PNG, after
 * JPEG and under noise of σ 2–6, and in a 1 MP image. Auto reveal decides on about a quarter
 * of a million samples, one pixel in 46, so text that covers a few thousandths of the image is
 * only a few hundred samples: Auto must still say it found text and draw it, and must still say
 * nothing on the same background without text (noise alone of σ 3–8 is in
 * small-text-noise-only.test.ts, so the unit files' two workers share the 12 MP pictures).
 */
import { describe, it } from 'vitest';
import type { Pixels, Rgba } from '../../../src/lib/reveal/index.ts';
import { addNoise, drawText, flat, paint, type TextMask } from './corpus.ts';
import { jpegRoundTrip } from './jpeg.ts';
import { lessonColours } from './sweep.ts';
import {
  blueSix,
  curve,
  expectFound,
  expectNothing,
  lessonImage,
  none,
  textAt,
} from './small-text-support.ts';

/** Bars of auto-reveal.test.ts: clean text comes back (nearly) exactly; the 12 px JPEG family's minimum. */
const CLEAN = 0.95;
const JPEG_12PX = 0.6;
const READABLE = 0.65;
/**
 * The least IoU of auto-reveal.test.ts's family "Gaussian noise σ 0.4–0.8 × a one-channel
 * difference of 6–12": 12 px strokes (under two pixels wide) under noise of σ 4 lose their
 * edges to the smoothing that noise needs, in a 1 MP image just as in a 12 MP one.
 */
const NOISY_FAMILY = 0.45;

const twoLines = textAt(['HIDDEN TEXT', 'GLIMPSE'], 2710, 640);
const twelveLines = textAt(
  Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? 'SECRET MESSAGE HERE' : 'QUICK BROWN FOX')),
  900,
  1900,
);

const oneChannel = { background: [90, 140, 170, 255] as Rgba, text: [90, 140, 173, 255] as Rgba };

describe('autoReveal on 12 px text in a 12 MP image', { timeout: 120_000 }, () => {
  it("finds 2 lines in the lesson's colours, PNG", () => {
    expectFound(lessonImage(twoLines), twoLines, CLEAN);
  });

  it("finds 12 lines in the lesson's colours, PNG", () => {
    expectFound(lessonImage(twelveLines), twelveLines, CLEAN);
  });

  it("finds 2 lines in the lesson's colours after JPEG quality 90", () => {
    expectFound(jpegRoundTrip(lessonImage(twoLines), 90), twoLines, JPEG_12PX);
  });

  it("finds 2 lines in the lesson's colours under noise of σ 2", () => {
    // Cut where the text is, the rest of the image's noise would speckle the mask past reading.
    expectFound(addNoise(lessonImage(twoLines), 2, 'gaussian', 4), twoLines, READABLE);
  });

  it('finds 2 lines 3 levels up in blue alone, PNG', () => {
    expectFound(
      paint(twoLines, flat(oneChannel.background), flat(oneChannel.text)),
      twoLines,
      CLEAN,
    );
  });

  it("says there is no text on the lesson's background alone", () => {
    expectNothing(lessonImage(none));
  });

  it("says there is no text on the lesson's background under noise of σ 2", () => {
    expectNothing(addNoise(lessonImage(none), 2, 'gaussian', 3), true);
  });

  it("says there is no text on the lesson's background alone after JPEG quality 90", () => {
    expectNothing(jpegRoundTrip(lessonImage(none), 90));
  });
});

/**
 * Phone photos are noisy: σ 3–6 per channel, up to 0.8 × the text's difference. Each sample
 * alone is then no evidence (text 11 levels off is under 2σ), but a tile's thousands of pixels
 * together are; and noise alone, however strong, must still be called no text.
 */
describe(
  'autoReveal on 12–20 px text under noise of σ 3–6 in a 12 MP image',
  { timeout: 300_000 },
  () => {
    const twenty = textAt(['HIDDEN TEXT', 'GLIMPSE'], 1200, 2300, 20);
    const sixteen = textAt(['SECRET MESSAGE'], 300, 300, 16);
    const greenTwelve = {
      background: [90, 140, 170, 255] as Rgba,
      text: [90, 128, 170, 255] as Rgba,
    };
    const cases: [string, () => Pixels, TextMask, number][] = [
      [
        "2 lines of 12 px in the lesson's colours, σ 3",
        () => addNoise(lessonImage(twoLines), 3, 'gaussian', 5),
        twoLines,
        READABLE,
      ],
      [
        "1 line of 16 px in the lesson's colours, σ 5",
        () => addNoise(lessonImage(sixteen), 5, 'gaussian', 8),
        sixteen,
        READABLE,
      ],
      [
        '2 lines of 20 px 12 levels down in green alone, σ 6',
        () =>
          addNoise(
            paint(twenty, flat(greenTwelve.background), flat(greenTwelve.text)),
            6,
            'gaussian',
            10,
          ),
        twenty,
        READABLE,
      ],
      [
        '2 lines of 20 px 6 levels up in blue alone, σ 3',
        () =>
          addNoise(paint(twenty, flat(blueSix.background), flat(blueSix.text)), 3, 'gaussian', 9),
        twenty,
        NOISY_FAMILY,
      ],
      [
        "2 lines of 12 px in the lesson's colours, σ 4",
        () => addNoise(lessonImage(twoLines), 4, 'gaussian', 6),
        twoLines,
        NOISY_FAMILY,
      ],
      [
        "2 lines of 20 px in the lesson's colours, σ 6",
        () => addNoise(lessonImage(twenty), 6, 'gaussian', 7),
        twenty,
        NOISY_FAMILY,
      ],
    ];
    it.each(cases)('finds %s', (_, image, drawn, bar) => {
      expectFound(image(), drawn, bar);
    });

    it('finds 2 lines of 20 px 11 levels down in red on a curved background, σ 4', () => {
      const image = addNoise(paint(twenty, curve(0), curve(-11)), 4, 'gaussian', 18);
      expectFound(image, twenty, READABLE);
    });
  },
);

describe('autoReveal on 12 px text in a 1 MP image', () => {
  it("finds 2 lines in the lesson's colours, PNG", () => {
    // One megapixel is sampled whole, but the cut looks at one sample in 60.
    const drawn = drawText(['HIDDEN TEXT', 'GLIMPSE'], 12 / 7, 1000, 1000);
    expectFound(
      paint(drawn, flat(lessonColours.background), flat(lessonColours.text)),
      drawn,
      CLEAN,
    );
  });
});
