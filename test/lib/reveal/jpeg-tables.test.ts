/**
 * Reading a JPEG's quantisation tables back from its pixels (jpeg-tables.ts): the quality of
 * a round trip comes back exactly, and pictures that were never JPEG-coded give none, so Auto
 * reveal leaves their masks as cut.
 */
import { describe, expect, it } from 'vitest';
import {
  estimateTables,
  forwardDct,
  inverseDct,
  standardTables,
  tablesOf,
} from '../../../src/lib/reveal/jpeg-tables.ts';
import { autoReveal } from '../../../src/lib/reveal/auto-reveal.ts';
import { busyMacroblocks } from '../../../src/lib/reveal/busy-macroblocks.ts';
import { wordsOf } from '../../../src/lib/reveal/words.ts';
import type { Pixels, Rgba } from '../../../src/lib/reveal/types.ts';
import { addNoise, drawText, flat, iou, paint } from './corpus.ts';
import { jpegRoundTrip } from './jpeg.ts';
import { lessonColours } from './sweep.ts';

const drawn = drawText(['HIDDEN TEXT', 'GLIMPSE'], 4, 340, 130);
const lesson = paint(drawn, flat(lessonColours.background), flat(lessonColours.text));

describe('estimateTables', () => {
  it.each([76, 83, 90, 95])('reads quality %i back from a round trip', (quality) => {
    const tables = estimateTables(jpegRoundTrip(lesson, quality));
    expect(tables?.quality).toBe(quality);
    expect(tables?.luma).toEqual(standardTables(quality).luma);
  });

  it('reads quality 70 back to within one', () => {
    // 70 and 71 share most steps; on this picture the few coefficients that differ fit 71
    // a little better. Every step is then within a few levels of the truth.
    const tables = estimateTables(jpegRoundTrip(lesson, 70));
    expect(Math.abs((tables?.quality ?? 0) - 70)).toBeLessThanOrEqual(1);
    const truth = standardTables(70).luma;
    for (let k = 0; k < 64; k++) {
      expect(Math.abs((tables?.luma[k] ?? 0) - truth[k])).toBeLessThanOrEqual(truth[k] * 0.05 + 1);
    }
  });

  it('finds none in a picture drawn in two colours', () => {
    expect(estimateTables(lesson)).toBeNull();
  });

  it('finds none under noise', () => {
    expect(estimateTables(addNoise(lesson, 3, 'gaussian'))).toBeNull();
    expect(estimateTables(addNoise(lesson, 1, 'uniform'))).toBeNull();
    // Weak noise leaves most coefficients zero, as JPEG does: it is turned down on its first
    // values, when no quality's lattice explains them better than whole numbers.
    expect(estimateTables(addNoise(lesson, 1.5, 'gaussian'))).toBeNull();
  });

  it.each([80, 90, 95])('reads quality %i back from a noisy picture saved as JPEG', (quality) => {
    // Noise gives hundreds of coefficients, so the first look at them is taken (not for the
    // clean round trips above): it must let the JPEG through for the full fit.
    const tables = estimateTables(jpegRoundTrip(addNoise(lesson, 2, 'gaussian', 3), quality));
    expect(tables?.quality).toBe(quality);
  });
});

describe('the tables Auto reveal read', () => {
  it('come with its result, for the pictures Read text makes of the same image', () => {
    const jpeg = jpegRoundTrip(lesson, 90);
    const found = autoReveal(jpeg);
    expect(found.jpegTables?.quality).toBe(90);
    expect(found.jpegTables?.luma).toEqual(estimateTables(jpeg)?.luma);
    // Read back rather than read again, even "not JPEG-coded".
    expect(tablesOf(jpeg, found.jpegTables)).toBe(found.jpegTables);
    expect(tablesOf(jpeg, null)).toBeNull();
    expect(autoReveal(lesson).jpegTables).toBeNull();
    // Without them, the tables are read.
    expect(tablesOf(jpeg)?.quality).toBe(90);
    // About half a second of CPU, most of it the first Auto reveal's warm-up: room for a busy
    // machine, as the other Auto reveal tests have.
  }, 30_000);
});

describe('the DCT', () => {
  it('inverts: a block comes back from its coefficients', () => {
    const block = Float64Array.from({ length: 64 }, (_, i) => ((i * 37) % 19) - 9);
    const coef = new Float64Array(64);
    const back = new Float64Array(64);
    forwardDct(block, coef);
    inverseDct(coef, back);
    for (let i = 0; i < 64; i++) expect(back[i]).toBeCloseTo(block[i], 9);
    // Orthonormal, as JPEG's: DC is 8 × the mean.
    expect(coef[0]).toBeCloseTo(block.reduce((s, v) => s + v, 0) / 8, 9);
  });
});

/**
 * One line of 12 px text in a 12 MP photo, saved as JPEG. The text is drawn and round-tripped
 * on a small canvas, which is then laid into a 12 MP JPEG of the plain background at a place
 * on the 16-pixel grid: each 16 × 16 macroblock is coded on its own (4:2:0 chroma included),
 * so this is exactly the big round trip, without 12 MP of DCTs. The small canvas is itself
 * the same text as a small JPEG.
 */
function bigJpeg(text: Rgba, background: Rgba, quality: number) {
  const drawn = drawText(['HIDDEN TEXT GLIMPSE'], 12 / 7, 240, 48);
  const small = jpegRoundTrip(paint(drawn, flat(background), flat(text)), quality);
  const [width, height, left, top] = [4000, 3000, 1616, 1904];
  const data = new Uint8ClampedArray(width * height * 4);
  // The small canvas's first macroblock is plain background, as every macroblock of the
  // big picture away from the text.
  new Uint32Array(data.buffer).fill(new Uint32Array(small.data.buffer)[0]);
  for (let y = 0; y < small.height; y++) {
    const row = small.data.subarray(y * small.width * 4, (y + 1) * small.width * 4);
    data.set(row, ((top + y) * width + left) * 4);
  }
  return { small, big: { width, height, data }, drawn, left, top };
}

/** The part of a full-size mask where the small canvas was laid. */
function cropOf(mask: Pixels, left: number, top: number, width: number, height: number): Pixels {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    const from = ((top + y) * mask.width + left) * 4;
    data.set(mask.data.subarray(from, from + width * 4), y * width * 4);
  }
  return { width, height, data };
}

describe('a 12 MP JPEG holding one line of 12 px text', () => {
  const green = lessonColours.background;
  const [r, g, b] = green;
  it.each([
    ["the lesson's colours", 70, lessonColours.text],
    ["the lesson's colours", 80, lessonColours.text],
    ['green +6', 75, [r, g + 6, b, 255]],
    ['red −8', 90, [r - 8, g, b, 255]],
    ['blue +10', 85, [r, g, b + 10, 255]],
  ] as const)(
    'is read as JPEG, as the same text in a small one: %s, quality %i',
    (_, quality, text) => {
      const { small, big, drawn, left, top } = bigJpeg(text, green, quality);
      const expected = estimateTables(small);
      // The small JPEG's own answer: its quality, or a neighbour sharing most steps (70).
      expect(Math.abs((expected?.quality ?? 0) - quality)).toBeLessThanOrEqual(1);
      expect(estimateTables(big)?.quality).toBe(expected?.quality);
      // So Auto reveal settles the big image's mask as it does the small one's, and the text
      // comes out as well (to 0.02 of IoU: Auto picks its cut on each image's own samples;
      // unsettled, red −8 at 90 fell from 0.64 to 0.48 and the lesson's at 80 from 0.68 to 0.52).
      const onBig = autoReveal(big);
      const onSmall = autoReveal(small);
      expect(onBig.jpegTables?.quality).toBe(expected?.quality);
      const mask = cropOf(onBig.mask, left, top, small.width, small.height);
      expect(iou(mask, drawn)).toBeGreaterThanOrEqual(iou(onSmall.mask, drawn) - 0.02);
    },
    30_000,
  );
});

describe('the busy macroblocks estimateTables reads when its sample saw too little', () => {
  // Eight macroblocks (4 × 2) of one grey; some get a pixel further off in one channel.
  function blocks(offsets: Record<number, [channel: number, levels: number]>): Uint32Array {
    const data = new Uint8ClampedArray(64 * 32 * 4).fill(100);
    for (const [n, [channel, levels]] of Object.entries(offsets)) {
      const [mx, my] = [(Number(n) % 4) * 16, Math.floor(Number(n) / 4) * 16];
      data[((my + 6) * 64 + mx + 10) * 4 + channel] += levels;
    }
    return wordsOf(data);
  }

  it('are those not one colour, in order, leaving out the ones already read', () => {
    const words = blocks({ 1: [2, 5], 2: [1, 1], 3: [0, -3], 6: [0, 8] });
    expect(busyMacroblocks(words, 64, 4, 2, (n) => n === 6, 8)).toEqual([1, 2, 3]);
    expect(busyMacroblocks(words, 64, 4, 2, () => false, 8)).toEqual([1, 2, 3, 6]);
  });

  it('include a block whose only mark is in its last row and column looked at', () => {
    // The look takes every other pixel of every other row: (14, 14) is its last one in a block.
    const data = new Uint8ClampedArray(64 * 32 * 4).fill(100);
    data[((16 + 14) * 64 + 32 + 14) * 4] = 90;
    const found = busyMacroblocks(wordsOf(data), 64, 4, 2, () => false, 8);
    expect(found, 'blocks found with one mark, at (14, 14)').toEqual([6]);
  });

  it('are the ones that spread furthest when there are too many', () => {
    const words = blocks({ 1: [2, 5], 2: [1, 1], 3: [0, -3], 6: [0, 8] });
    expect(busyMacroblocks(words, 64, 4, 2, () => false, 2)).toEqual([1, 6]);
    expect(busyMacroblocks(words, 64, 4, 2, () => false, 3)).toEqual([1, 3, 6]);
    // Ties are taken evenly over the image: every other one of eight a level off.
    const even = blocks(Object.fromEntries([0, 1, 2, 3, 4, 5, 6, 7].map((n) => [n, [1, 1]])));
    expect(busyMacroblocks(even, 64, 4, 2, () => false, 4)).toEqual([1, 3, 5, 7]);
  });
});

/** A background that runs from one colour to another across the image or down it. */
interface Gradient {
  name: string;
  down: boolean;
  from: Rgba;
  to: Rgba;
}

/** A few levels across (JPEG flattens it), and strong ones as in a photograph's sky. */
const gradients: Record<string, Gradient> = {
  few: {
    name: 'a few levels across',
    down: false,
    from: [124, 215, 86, 255],
    to: [129, 220, 89, 255],
  },
  across: {
    name: 'strong, across',
    down: false,
    from: [60, 170, 40, 255],
    to: [190, 235, 150, 255],
  },
  down: { name: 'strong, down', down: true, from: [170, 230, 140, 255], to: [70, 160, 50, 255] },
};

/**
 * A `width` × `height` JPEG of the gradient, holding one line of text `px` tall whose colour is
 * the background's offset by `offset`, with the same text drawn on a plain background and saved
 * as a small JPEG to compare with. As in {@link bigJpeg}, each macroblock is coded on its own:
 * one strip of macroblocks along the gradient is round-tripped and repeated, and the canvas
 * round the text is round-tripped where it lies, which is exactly the whole image's round trip.
 */
function gradientJpeg(
  gradient: Gradient,
  [width, height]: readonly [number, number],
  px: number,
  offset: readonly number[],
  quality: number,
) {
  const canvas = px < 20 ? [256, 48] : [688, 96];
  const drawn = drawText(['HIDDEN TEXT GLIMPSE'], px / 7, canvas[0], canvas[1]);
  const left = Math.floor((width - drawn.width) / 32) * 16;
  const top = Math.floor((height - drawn.height) / 32) * 16;
  const along = gradient.down ? height : width;
  const ground = (x: number, y: number): Rgba => {
    const t = (gradient.down ? y : x) / (along - 1);
    const at = (k: number) => gradient.from[k] + t * (gradient.to[k] - gradient.from[k]);
    return [at(0), at(1), at(2), 255];
  };
  const ink = (c: Rgba): Rgba => [c[0] + offset[0], c[1] + offset[1], c[2] + offset[2], 255];
  const none = (w: number, h: number) => ({ width: w, height: h, text: new Uint8Array(w * h) });
  const [sw, sh] = gradient.down ? [16, height] : [width, 16];
  const strip = jpegRoundTrip(paint(none(sw, sh), ground, ground), quality);
  const data = new Uint8ClampedArray(width * height * 4);
  // The strip repeated: each row's first 16 pixels along it (down), or its first 16 rows.
  const words = new Uint32Array(data.buffer);
  const stripWords = new Uint32Array(strip.data.buffer);
  const repeat = (from: number, length: number, end: number) => {
    for (let at = from + length; at < end; at += length) {
      words.copyWithin(at, from, Math.min(from + length, end - at + from));
    }
  };
  if (gradient.down) {
    for (let y = 0; y < height; y++) {
      words.set(stripWords.subarray(y * 16, y * 16 + 16), y * width);
      repeat(y * width, 16, (y + 1) * width);
    }
  } else {
    words.set(stripWords);
    repeat(0, 16 * width, height * width);
  }
  const at = (x: number, y: number) => ground(x + left, y + top);
  const text = jpegRoundTrip(
    paint(drawn, at, (x, y) => ink(at(x, y))),
    quality,
  );
  for (let y = 0; y < text.height; y++) {
    const row = text.data.subarray(y * text.width * 4, (y + 1) * text.width * 4);
    data.set(row, ((top + y) * width + left) * 4);
  }
  const plain = lessonColours.background;
  const onPlain = jpegRoundTrip(paint(drawn, flat(plain), flat(ink(plain))), quality);
  return { image: { width, height, data }, drawn, left, top, onPlain };
}

describe('a JPEG of hidden text on a gradient background', () => {
  const lessonOffset = [0, 1, 2].map((k) => lessonColours.text[k] - lessonColours.background[k]);
  const green6 = [0, 6, 0];
  const [small, big] = [
    [1024, 768],
    [4000, 3000],
  ] as const;
  // Photos are gradients: the decoder's rounding of a smooth block moved its low coefficients
  // off the lattice (a step of 7 read as 8.8), and they outnumbered the text's.
  it.each([
    ['1024 × 768', 'across', 12, "the lesson's colours", 90, small, lessonOffset],
    ['1024 × 768', 'down', 12, 'green +6', 70, small, green6],
    ['1024 × 768', 'few', 12, 'green +6', 80, small, green6],
    ['12 MP', 'across', 12, "the lesson's colours", 70, big, lessonOffset],
    ['12 MP', 'down', 12, 'green +6', 85, big, green6],
    ['12 MP', 'across', 40, "the lesson's colours", 90, big, lessonOffset],
  ] as const)(
    'is read at its quality: %s, gradient %s, %i px text in %s, quality %i',
    (_, gradient, px, __, quality, size, offset) => {
      const { image } = gradientJpeg(gradients[gradient], size, px, offset, quality);
      expect(Math.abs((estimateTables(image)?.quality ?? 0) - quality)).toBeLessThanOrEqual(1);
    },
  );

  // Auto's own measure of the text on a gradient JPEG is a separate matter: there it reads
  // green +6 as a level or so in each channel, and 12 px text as 2–4 levels of the 11 drawn.
  it.each([
    ['across', 90],
    ['down', 85],
  ] as const)(
    "gives Auto's mask of 40 px text in the lesson's colours about as on a plain one: %s, quality %i",
    (gradient, quality) => {
      const { image, drawn, left, top, onPlain } = gradientJpeg(
        gradients[gradient],
        small,
        40,
        lessonOffset,
        quality,
      );
      const found = autoReveal(image);
      expect(Math.abs((found.jpegTables?.quality ?? 0) - quality)).toBeLessThanOrEqual(1);
      const mask = cropOf(found.mask, left, top, drawn.width, drawn.height);
      expect(iou(mask, drawn)).toBeGreaterThanOrEqual(iou(autoReveal(onPlain).mask, drawn) - 0.05);
    },
    30_000,
  );
});
