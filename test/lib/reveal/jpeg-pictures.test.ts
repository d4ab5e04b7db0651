/**
 * The extra "Read text" picture for JPEG-coded small text (src/lib/reveal/jpeg-pictures.ts):
 * on a draw Auto's mask misreads, the product's rule (Auto's mask first, stop at confidence
 * 90, else the candidates in order, the most confident non-empty reading wins) now reads the
 * phrase; images that are not JPEG-coded get no picture, and bigger text gets the enlarged
 * difference of jpeg-difference.ts (tested in jpeg-difference.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { OCR_ENOUGH } from '../../../src/lib/ocr/best-reading.ts';
import { autoReveal } from '../../../src/lib/reveal/index.ts';
import { jpegReadingPictures } from '../../../src/lib/reveal/jpeg-pictures.ts';
import { inkBox } from '../../../src/lib/reveal/ink-box.ts';
import { drawText, flat, paint } from './corpus.ts';
import { drawFontText } from './font-text.ts';
import { jpegRoundTrip } from './jpeg.ts';
import { readsAs, useReader, wordsOf } from './ocr-node.ts';
import { drawsOf, families, lessonColours, tuningPhrases } from './sweep.ts';

const reader = useReader();

function family(name: string) {
  const found = families.find((f) => f.name === name);
  if (!found) throw new Error(`no family "${name}" in the sweep`);
  return found;
}

const smallJpeg = family("text 12 px tall, the lesson's colours, JPEG quality 85–95");

describe('jpegReadingPictures', () => {
  it('reads a 12 px JPEG draw that Auto\'s mask misreads ("GLRMPSE")', async () => {
    // Tuning draw 9: "HIDDEN TEXT / GLIMPSE", Arimo bold, 12 px, quality 92.
    const [d] = drawsOf(smallJpeg, 9, 1, tuningPhrases, 'font');
    const found = autoReveal(d.image);
    const alone = await reader.recognize(found.mask);
    // Auto's mask alone misreads it, and not so confidently that Read text stops there.
    expect(readsAs(alone.text, d.phrase), wordsOf(alone.text).join(' ')).toBe(false);
    expect(alone.confidence).toBeLessThan(OCR_ENOUGH);
    const pictures = jpegReadingPictures(d.image, found);
    expect(pictures).toHaveLength(1);
    const read = await reader.readBest([found.mask, ...pictures]);
    expect(wordsOf(read.text)).toEqual(wordsOf(d.phrase.join(' ')));
  }, 60_000);

  it('is grey, black text on white, cropped to the text', () => {
    // Text 12 px tall in the middle of a wide picture, as a person would hide it.
    const drawn = drawFontText(['SECRET', 'MESSAGE HERE'], 12, 640, 400, 'regular');
    const image = jpegRoundTrip(
      paint(drawn, flat(lessonColours.background), flat(lessonColours.text)),
      90,
    );
    const [picture] = jpegReadingPictures(image, autoReveal(image));
    expect(picture.width).toBeLessThan(640 / 2);
    expect(picture.height).toBeLessThan(400 / 2);
    const levels = new Set<number>();
    for (let p = 0; p < picture.data.length; p += 4) levels.add(picture.data[p]);
    expect(levels.has(255)).toBe(true);
    expect(levels.has(0)).toBe(true);
    // Shares of a pixel: grey between, not two tones.
    expect(levels.size).toBeGreaterThan(10);
  });

  it('gives none for an image that is not JPEG-coded', () => {
    const clean = family('text 12 px tall, a one-channel difference of 1–3');
    for (const d of drawsOf(clean, 1, 3, tuningPhrases, 'font')) {
      const found = autoReveal(d.image);
      expect(found.confidence, d.label).toBeGreaterThan(0);
      expect(jpegReadingPictures(d.image, found), d.label).toEqual([]);
    }
    // The same 12 px lesson's colours as the miss above, as drawn (a PNG): none either.
    const drawn = drawText(['SECRET', 'MESSAGE HERE'], 12 / 7, 150, 60, 'regular');
    const png = paint(drawn, flat(lessonColours.background), flat(lessonColours.text));
    expect(jpegReadingPictures(png, autoReveal(png))).toEqual([]);
  });

  it('gives text 20 px tall or more the enlarged difference instead, and none where nothing was found', () => {
    const drawn = drawText(['JPEG ARTEFACTS'], 4, 390, 90, 'regular');
    const big = jpegRoundTrip(
      paint(drawn, flat(lessonColours.background), flat(lessonColours.text)),
      80,
    );
    const found = autoReveal(big);
    const [picture] = jpegReadingPictures(big, found);
    const box = inkBox(found.mask, 16);
    if (!box) throw new Error("Auto's mask of the big text is empty");
    // Not the coverage picture, which keeps the file's size: enlarged round the text.
    expect(picture.width).toBeGreaterThan(box.x1 - box.x0);
    const none = { width: 200, height: 100, text: new Uint8Array(200 * 100) };
    const blank = jpegRoundTrip(
      paint(none, flat(lessonColours.background), flat([0, 0, 0, 255])),
      80,
    );
    expect(jpegReadingPictures(blank, autoReveal(blank))).toEqual([]);
  });
});
