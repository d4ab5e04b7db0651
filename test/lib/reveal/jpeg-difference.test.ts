/**
 * The enlarged, deblocked difference "Read text" reads for JPEG-coded text 20 px tall or more
 * (src/lib/reveal/jpeg-difference.ts, through jpeg-pictures.ts): on a one-channel draw that
 * Auto's mask and the smoothed second look both misread ("ZERQ" for "ZERO", confidence 89 and
 * 93), the product's rule now reads the phrase; it is grey, enlarged round the text, and made
 * for JPEG-coded images and clean ones, not for noisy images that are not JPEG-coded.
 */
import { describe, expect, it } from 'vitest';
import { autoReveal } from '../../../src/lib/reveal/index.ts';
import { inkBox } from '../../../src/lib/reveal/ink-box.ts';
import { differencePicture } from '../../../src/lib/reveal/jpeg-difference.ts';
import { estimateTables } from '../../../src/lib/reveal/jpeg-tables.ts';
import { readingPictures } from '../../../src/lib/reveal/reading-pictures.ts';
import { OCR_MAX_SIDE } from '../../../src/lib/ocr/prepare.ts';
import { inkHeight } from '../../../src/lib/ocr/text-size.ts';
import { addNoise, drawText, flat, paint } from './corpus.ts';
import { jpegRoundTrip } from './jpeg.ts';
import { readsAs, useReader, wordsOf } from './ocr-node.ts';
import { drawsOf, families, tuningPhrases } from './sweep.ts';

const reader = useReader();

const oneChannelJpeg = families.find(
  (f) => f.name === 'JPEG quality 70–95, a one-channel difference of 6–12',
);

/** The 16-aligned box round Auto's mask, as jpeg-pictures.ts crops it. */
function boxOf(mask: Parameters<typeof inkBox>[0]) {
  const ink = inkBox(mask, 16);
  if (!ink) throw new Error("Auto's mask is empty");
  const x0 = Math.floor(ink.x0 / 16) * 16;
  const y0 = Math.floor(ink.y0 / 16) * 16;
  const x1 = Math.min(mask.width, Math.ceil((ink.x1 + 1) / 16) * 16);
  const y1 = Math.min(mask.height, Math.ceil((ink.y1 + 1) / 16) * 16);
  return { x0, y0, width: x1 - x0, height: y1 - y0 };
}

/**
 * One line of 28 px text 10 levels lower in blue on a `width` × `height` image after JPEG
 * quality 90, Auto's box round it, and its difference picture.
 */
function jpegTextPicture(line: string, width: number, height: number) {
  const drawn = drawText([line], 4, width, height, 'regular');
  const image = jpegRoundTrip(
    paint(drawn, flat([200, 180, 150, 255]), flat([200, 180, 140, 255])),
    90,
  );
  const found = autoReveal(image);
  const box = boxOf(found.mask);
  const picture = differencePicture(image, found, box, inkHeight(found.mask));
  if (!picture) throw new Error('no picture for a JPEG of text');
  return { box, picture };
}

describe('differencePicture', () => {
  it('reads a one-channel JPEG draw that Auto\'s mask misreads ("ZERQ")', async () => {
    if (!oneChannelJpeg) throw new Error('no one-channel JPEG family in the sweep');
    // Tuning draw 24: "WAVY LINES / ZERO KELVIN", Arimo regular, 20 px, green 12, quality 77.
    const [d] = drawsOf(oneChannelJpeg, 24, 1, tuningPhrases, 'font');
    const found = autoReveal(d.image);
    const alone = await reader.readBest([found.mask]);
    expect(readsAs(alone.text, d.phrase), wordsOf(alone.text).join(' ')).toBe(false);
    const read = await reader.readBest([found.mask, ...readingPictures(d.image, found)]);
    expect(wordsOf(read.text)).toEqual(wordsOf(d.phrase.join(' ')));
  }, 60_000);

  it('is grey, black text on white, enlarged round the text', () => {
    const { box, picture } = jpegTextPicture('JPEG ARTEFACTS', 390, 90);
    // 28 px capitals are enlarged at least 1.5 times, towards 40 px.
    expect(picture.width).toBe(Math.round(box.width * 1.5));
    const levels = new Set<number>();
    for (let p = 0; p < picture.data.length; p += 4) levels.add(picture.data[p]);
    expect(levels.has(255)).toBe(true);
    expect(levels.has(0)).toBe(true);
    expect(levels.size).toBeGreaterThan(10);
    // Mostly white: the text is dark on a light ground, as the reader wants it.
    let white = 0;
    for (let p = 0; p < picture.data.length; p += 4) if (picture.data[p] === 255) white++;
    expect(white / (picture.width * picture.height)).toBeGreaterThan(0.5);
  });

  it('reads a JPEG of quality 94 whose tables are fine ("AMPS")', async () => {
    if (!oneChannelJpeg) throw new Error('no one-channel JPEG family in the sweep');
    // Tuning draw 15: "QUICK BROWN / FOX JUMPS", Arimo regular, 20 px, red −6, quality 94.
    const [d] = drawsOf(oneChannelJpeg, 15, 1, tuningPhrases, 'font');
    // Steps of 1–2 levels: it was read as whole numbers until the values of its smooth blocks
    // were weighed apart (jpeg-tables.ts); it is now recognised as JPEG-coded, and still reads.
    expect(estimateTables(d.image)?.quality).toBe(94);
    const found = autoReveal(d.image);
    expect(found.smoothing).toBe(0);
    const read = await reader.readBest([found.mask, ...readingPictures(d.image, found)]);
    expect(wordsOf(read.text)).toEqual(wordsOf(d.phrase.join(' ')));
  }, 60_000);

  it('is a picture of the text where it is in the image, in a green-only difference too', () => {
    // The text 256 px across and 160 down in a 640 × 320 image: its box is far from the corner.
    const small = drawText(['JPEG ARTEFACTS'], 4, 368, 48, 'regular');
    const text = new Uint8Array(640 * 320);
    for (let y = 0; y < small.height; y++) {
      text.set(small.text.subarray(y * small.width, (y + 1) * small.width), (160 + y) * 640 + 256);
    }
    const drawn = { width: 640, height: 320, text };
    for (const ink of [
      [200, 180, 140, 255],
      [200, 190, 150, 255],
    ] as const) {
      const image = jpegRoundTrip(paint(drawn, flat([200, 180, 150, 255]), flat([...ink])), 90);
      const found = autoReveal(image);
      const box = boxOf(found.mask);
      expect(box.x0).toBeGreaterThanOrEqual(240);
      const picture = differencePicture(image, found, box, inkHeight(found.mask));
      if (!picture) throw new Error('no picture for a JPEG of text');
      // Each pixel of the box, looked up at its place in the enlarged picture: dark on the
      // text Auto found, light off it.
      const factor = picture.width / box.width;
      let onText = 0;
      let darkOnText = 0;
      let off = 0;
      let lightOff = 0;
      for (let y = 0; y < box.height; y++) {
        for (let x = 0; x < box.width; x++) {
          const m = ((box.y0 + y) * found.mask.width + box.x0 + x) * 4;
          const px = Math.min(picture.width - 1, Math.floor((x + 0.5) * factor));
          const py = Math.min(picture.height - 1, Math.floor((y + 0.5) * factor));
          const dark = picture.data[(py * picture.width + px) * 4] < 128;
          if (found.mask.data[m] === 0) {
            onText++;
            if (dark) darkOnText++;
          } else {
            off++;
            if (!dark) lightOff++;
          }
        }
      }
      const name = `text ${ink.join(',')}`;
      expect(darkOnText / onText, name).toBeGreaterThan(0.9);
      expect(lightOff / off, name).toBeGreaterThan(0.9);
    }
  }, 30_000);

  it('is no larger than the reader is given, for a wide line of text', () => {
    const { box, picture } = jpegTextPicture('JPEG ARTEFACTS '.repeat(5).trim(), 1880, 64);
    // 1.5 times this box would pass the reader's 2400 px: enlarged only as far as that.
    expect(box.width * 1.5).toBeGreaterThan(OCR_MAX_SIDE);
    expect(picture.width).toBe(Math.round(box.width * (OCR_MAX_SIDE / box.width)));
  }, 30_000);

  it('is made for a clean image, and none for a noisy one that is not JPEG-coded', () => {
    const drawn = drawText(['JPEG ARTEFACTS'], 4, 390, 90, 'regular');
    const clean = paint(drawn, flat([200, 180, 150, 255]), flat([200, 180, 140, 255]));
    const plain = autoReveal(clean);
    expect(
      differencePicture(clean, plain, boxOf(plain.mask), inkHeight(plain.mask)),
    ).not.toBeNull();
    // Under noise the smoothed picture of noise-pictures.ts is read instead.
    const noisy = addNoise(clean, 6, 'gaussian');
    const found = autoReveal(noisy);
    expect(found.confidence).toBeGreaterThan(0);
    expect(found.smoothing).toBeGreaterThan(0);
    expect(differencePicture(noisy, found, boxOf(found.mask), inkHeight(found.mask))).toBeNull();
  });
});
