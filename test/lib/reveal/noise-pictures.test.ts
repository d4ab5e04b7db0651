/**
 * The pictures "Read text" reads after Auto's mask on a noisy image
 * (src/lib/reveal/noise-pictures.ts): present only under Gaussian-like noise, the source's
 * size (or the size the reader reads, for a larger image), white away from the letters, and
 * the one that turns a miss of the reading check into the phrase when read with the product's
 * rule.
 */
import { describe, expect, it } from 'vitest';
import { autoReveal, type Pixels } from '../../../src/lib/reveal/index.ts';
import { noiseReadingPictures } from '../../../src/lib/reveal/noise-pictures.ts';
import { addNoise, addSaltAndPepper, drawText, flat, paint } from './corpus.ts';
import { readsAs, useReader, wordsOf } from './ocr-node.ts';
import { drawFontText } from './font-text.ts';
import { drawsOf, families, tuningPhrases } from './sweep.ts';

const reader = useReader();

const gaussian = families.find((f) => /^Gaussian/.test(f.name));
if (!gaussian) throw new Error('no Gaussian family in the sweep');

/**
 * Tuning draw 14 of the Gaussian family in Arimo: bold 24 px, blue 6 levels, σ 4.5 (0.75 × the
 * difference). Auto's mask, read alone, gives "QUICK BROW FOX JUMPS" (confidence 58): the N's
 * thin diagonal sits at the cut and half of it falls white.
 */
const [missed] = drawsOf(gaussian, 14, 1, tuningPhrases, 'font');

/** Pixels of the picture that are not white. */
function inked(picture: Pixels): number {
  let n = 0;
  for (let p = 0; p < picture.data.length; p += 4) if (picture.data[p] < 255) n++;
  return n;
}

describe('noiseReadingPictures', () => {
  it('gives a grey picture of the source size under Gaussian noise, white away from the text', () => {
    const found = autoReveal(missed.image);
    expect(found.smoothing).toBeGreaterThan(0);
    const pictures = noiseReadingPictures(missed.image, found);
    expect(pictures).toHaveLength(1);
    const [grey] = pictures;
    expect([grey.width, grey.height]).toEqual([missed.image.width, missed.image.height]);
    expect(grey.data).toHaveLength(missed.image.width * missed.image.height * 4);
    // Greys between black and white: the reader, not a cut, decides the faint strokes.
    const levels = new Set<number>();
    for (let p = 0; p < grey.data.length; p += 4) levels.add(grey.data[p]);
    expect(levels.size).toBeGreaterThan(50);
    // The noise away from the letters is white: ink only within the drawn text's rows and a
    // few pixels round them, and about as much as the text covers.
    const { drawn } = missed;
    let top = drawn.height;
    let bottom = -1;
    for (let i = 0; i < drawn.text.length; i++) {
      if (!drawn.text[i]) continue;
      const y = Math.floor(i / drawn.width);
      top = Math.min(top, y);
      bottom = Math.max(bottom, y);
    }
    const margin = 12;
    for (let y = 0; y < grey.height; y++) {
      if (y >= top - margin && y <= bottom + margin) continue;
      for (let x = 0; x < grey.width; x++) expect(grey.data[(y * grey.width + x) * 4]).toBe(255);
    }
    const textPixels = drawn.text.reduce((n, t) => n + (t ? 1 : 0), 0);
    expect(inked(grey)).toBeGreaterThan(textPixels);
    expect(inked(grey)).toBeLessThan(grey.width * grey.height * 0.5);
  });

  it('reads as the phrase after Auto\'s mask, with the rule "Read text" keeps', async () => {
    const found = autoReveal(missed.image);
    const best = await reader.readBest([found.mask, ...noiseReadingPictures(missed.image, found)]);
    expect(wordsOf(best.text), missed.label).toEqual(wordsOf(missed.phrase.join(' ')));
    expect(readsAs(best.text, missed.phrase)).toBe(true);
  }, 30_000);

  it('gives nothing for a clean image, which Auto does not smooth', () => {
    const drawn = drawText(['CLEAN'], 4, 200, 60, 'regular');
    const image = paint(drawn, flat([120, 160, 90, 255]), flat([128, 160, 90, 255]));
    const found = autoReveal(image);
    expect(found.smoothing).toBe(0);
    expect(noiseReadingPictures(image, found)).toEqual([]);
  });

  it('gives nothing for salt and pepper, whose dots a smoothing would smear', () => {
    const drawn = drawText(['SPECKS'], 4, 220, 60, 'regular');
    const image = addSaltAndPepper(
      paint(drawn, flat([120, 160, 90, 255]), flat([130, 160, 90, 255])),
      0.04,
      7,
    );
    const found = autoReveal(image);
    // Auto smooths it (its dots read as the background): the gate here is the speckle.
    expect(found.smoothing).toBeGreaterThan(0);
    expect(noiseReadingPictures(image, found)).toEqual([]);
  });

  it('draws a 12 MP image at the size the reader reads, and it reads', async () => {
    // Arimo 240 px tall, red 10 levels up, σ 7: the noise of the family at 12 MP.
    const drawn = drawFontText(['HIDDEN TEXT', 'GLIMPSE'], 240, 4000, 3000);
    const image = addNoise(
      paint(drawn, flat([120, 160, 90, 255]), flat([130, 160, 90, 255])),
      7,
      'gaussian',
      3,
    );
    const found = autoReveal(image);
    const pictures = noiseReadingPictures(image, found);
    expect(pictures).toHaveLength(1);
    const [grey] = pictures;
    // "Read text" shrinks pictures to OCR_MAX_SIDE by a whole factor: 2 here.
    expect([grey.width, grey.height]).toEqual([2000, 1500]);
    expect(wordsOf((await reader.recognize(grey)).text)).toEqual(['HIDDEN', 'TEXT', 'GLIMPSE']);
  }, 60_000);

  it('stops when the read is abandoned', () => {
    const found = autoReveal(missed.image);
    const job = new AbortController();
    job.abort(new Error('abandoned'));
    expect(() => noiseReadingPictures(missed.image, found, job.signal)).toThrow('abandoned');
  });
});
