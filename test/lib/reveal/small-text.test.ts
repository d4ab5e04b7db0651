/**
 * Small text in a photo-sized image: a couple of lines of 12 px text in one place of a
 * 4000 × 3000 image (12 MP, what a phone takes), drawn as the lesson draws, in PNG, after
 * JPEG and under noise of σ 2, and in a 1 MP image. Auto reveal decides on about a quarter of a million samples, one pixel in 46, so text
 * that covers a few thousandths of the image is only a few hundred samples: Auto must still say
 * it found text and draw it, and must still say nothing on the same background without text.
 */
import { describe, expect, it } from 'vitest';
import { autoReveal, type Pixels, type Rgba } from '../../../src/lib/reveal/index.ts';
import { addNoise, drawText, flat, iou, paint, type TextMask } from './corpus.ts';
import { jpegRoundTrip } from './jpeg.ts';
import { lessonColours } from './sweep.ts';

const WIDTH = 4000;
const HEIGHT = 3000;

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

/** Lines of `size` px bitmap text drawn in a block whose top left corner is at (`left`, `top`). */
function textAt(lines: string[], left: number, top: number, size = 12): TextMask {
  const scale = size / 7;
  const w = Math.ceil(Math.max(...lines.map((l) => l.length)) * 6 * scale + 4 * scale);
  const h = Math.ceil(lines.length * 9 * scale + 3 * scale);
  const small = drawText(lines, scale, w, h);
  const text = new Uint8Array(WIDTH * HEIGHT);
  for (let y = 0; y < h; y++)
    text.set(small.text.subarray(y * w, (y + 1) * w), (top + y) * WIDTH + left);
  return { width: WIDTH, height: HEIGHT, text };
}

const twoLines = textAt(['HIDDEN TEXT', 'GLIMPSE'], 2710, 640);
const twelveLines = textAt(
  Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? 'SECRET MESSAGE HERE' : 'QUICK BROWN FOX')),
  900,
  1900,
);
const none: TextMask = { width: WIDTH, height: HEIGHT, text: new Uint8Array(WIDTH * HEIGHT) };

const oneChannel = { background: [90, 140, 170, 255] as Rgba, text: [90, 140, 173, 255] as Rgba };

/** What a person checks: Auto says it found text, and its mask is the text drawn. */
function expectFound(image: Pixels, drawn: TextMask, bar: number): void {
  const result = autoReveal(image);
  expect(result.description, result.description).not.toMatch(/^No (clear )?hidden text/);
  expect(result.confidence, result.description).toBeGreaterThan(0);
  expect(iou(result.mask, drawn), result.description).toBeGreaterThanOrEqual(bar);
}

/**
 * And on the same background without text, that there is none. Without noise the mask must be
 * (nearly) white too; under noise it shows the strongest difference, which is the noise itself.
 */
function expectNothing(image: Pixels, noisy = false): void {
  const result = autoReveal(image);
  expect(result.confidence, result.description).toBe(0);
  expect(result.description).toMatch(/^No (clear )?hidden text/);
  if (noisy) return;
  let black = 0;
  for (let i = 0; i < result.mask.data.length; i += 4) if (result.mask.data[i] < 128) black++;
  expect(black).toBeLessThan(1000);
}

const lessonImage = (drawn: TextMask) =>
  paint(drawn, flat(lessonColours.background), flat(lessonColours.text));

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
    const blueSix = { background: [90, 140, 170, 255] as Rgba, text: [90, 140, 176, 255] as Rgba };
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

    // A gentle curve across the photo: the tiles' means follow it, so it must not pass for text.
    const curve = (lift: number) => (x: number, y: number) =>
      [
        120 + lift + (40 * x) / WIDTH,
        180 - (50 * y) / HEIGHT,
        90 + 30 * ((x / WIDTH - 0.5) ** 2 + (y / HEIGHT - 0.5) ** 2),
        255,
      ] as unknown as Rgba;

    it('finds 2 lines of 20 px 11 levels down in red on a curved background, σ 4', () => {
      const image = addNoise(paint(twenty, curve(0), curve(-11)), 4, 'gaussian', 18);
      expectFound(image, twenty, READABLE);
    });

    it('says there is no text on a curved background under noise of σ 4', () => {
      expectNothing(addNoise(paint(none, curve(0), curve(0)), 4, 'gaussian', 19), true);
    });

    it('says there is no text on a blue-grey background under noise of σ 4', () => {
      expectNothing(
        addNoise(paint(none, flat(blueSix.background), flat(blueSix.text)), 4, 'gaussian', 17),
        true,
      );
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
