/**
 * Which pictures "Read text" hands the reader (src/lib/ocr/reading-order.ts): pictures with
 * letters, in order; blank and dense speckle only when nothing else has letters. The speckle
 * here is what the lesson's rule shows over a noisy 2400 × 1800 photo, which the reader took
 * about a minute over. Last comes the first picture's smoothed second look, where it has one.
 */
import { describe, expect, it } from 'vitest';
import {
  SPECKLE_MARKS,
  SPECKLE_RATIO,
  pictureKind,
  picturesToRead,
} from '../../../src/lib/ocr/reading-order.ts';
import { prepareForOcr } from '../../../src/lib/ocr/prepare.ts';
import { smoothLook } from '../../../src/lib/ocr/smooth-look.ts';
import { autoReveal, renderView, type Pixels } from '../../../src/lib/reveal/index.ts';
import { defaultRevealSettings, viewOf } from '../../../src/lib/reveal/settings.ts';
import { drawText, flat, paint } from '../reveal/corpus.ts';
import { drawsOf, families, tuningPhrases } from '../reveal/sweep.ts';

/** Black text on white, as Auto draws its mask. */
const mask = paint(
  drawText(['HIDDEN TEXT'], 4, 300, 60),
  flat([255, 255, 255, 255]),
  flat([0, 0, 0, 255]),
);

const blank: Pixels = {
  width: 300,
  height: 60,
  data: new Uint8ClampedArray(300 * 60 * 4).fill(255),
};

/** The lesson's rule over level noise around red 120: speckle across the whole picture. */
function speckle(width = 2400, height = 1800): Pixels {
  const data = new Uint8ClampedArray(width * height * 4);
  let seed = 7;
  for (let i = 0; i < data.length; i += 4) {
    seed = (seed * 16807) % 2147483647;
    data.set([120 + (seed % 13), 217, 87, 255], i);
  }
  return renderView({ width, height, data }, viewOf(defaultRevealSettings, undefined));
}

async function read(candidates: Pixels[]): Promise<Pixels[]> {
  const out: Pixels[] = [];
  for await (const p of picturesToRead(candidates)) out.push(p);
  return out;
}

describe('picturesToRead', () => {
  it('tells letters, blank and speckle apart', () => {
    expect(pictureKind(prepareForOcr(mask))).toBe('letters');
    expect(pictureKind(prepareForOcr(blank))).toBe('blank');
    expect(pictureKind(prepareForOcr(speckle()))).toBe('speckle');
  });

  it('reads the mask and leaves out the speckle shown on screen and a blank picture', async () => {
    const pictures = await read([speckle(), blank, mask]);
    expect(pictures.map((p) => [p.width, p.height])).toEqual([[mask.width, mask.height]]);
    expect(pictures[0].data).toEqual(prepareForOcr(mask).data);
  });

  it('keeps the order of the pictures with letters', async () => {
    const other = paint(
      drawText(['GLIMPSE'], 4, 300, 60),
      flat([255, 255, 255, 255]),
      flat([0, 0, 0, 255]),
    );
    const pictures = await read([other, blank, mask]);
    // Then, last, the smoothed second look at the first picture (28 px capitals: it has one).
    const look = smoothLook(other);
    expect(look).toBeDefined();
    expect(pictures).toEqual([prepareForOcr(other), prepareForOcr(mask), look]);
  });

  it('takes a second look only at the first picture, and only when it has one', async () => {
    // The screen shows speckle: its look is none, and the mask behind it gets none either.
    expect(await read([speckle(1200, 900), mask])).toEqual([prepareForOcr(mask)]);
    // 12 px text is enlarged and smoothed once, by prepareForOcr.
    const small = paint(
      drawText(['HIDDEN TEXT'], 12 / 7, 160, 40),
      flat([255, 255, 255, 255]),
      flat([0, 0, 0, 255]),
    );
    expect(await read([small, mask])).toEqual([prepareForOcr(small), prepareForOcr(mask)]);
  }, 20_000);

  it('still reads the first picture when none has letters, so the person gets an answer', async () => {
    const shown = speckle(1200, 900);
    const size = (pictures: Pixels[]) => pictures.map((p) => [p.width, p.height]);
    expect(size(await read([blank, shown]))).toEqual([[300, 60]]);
    expect(size(await read([shown, blank]))).toEqual([[1200, 900]]);
  });

  it("reads the reading check's noisy draws as before: their speckle is not dense enough to leave out", () => {
    const gaussian = families.find((f) => /^Gaussian/.test(f.name));
    if (!gaussian) throw new Error('no Gaussian family in the sweep');
    for (const d of drawsOf(gaussian, 1, 4, tuningPhrases, 'font')) {
      const found = autoReveal(d.image);
      expect(pictureKind(prepareForOcr(found.mask)), d.label).toBe('letters');
      // Speckle where red carries the text near 120; blank elsewhere (read as nothing anyway).
      const lessonRule = renderView(d.image, viewOf(defaultRevealSettings, undefined));
      expect(pictureKind(prepareForOcr(lessonRule)), d.label).not.toBe('speckle');
    }
  }, 20_000);

  it('counts a dense page of letters with many dots as letters, not speckle', () => {
    // A full page at the reader's size: rows of 12 px letter strokes, each followed by a
    // one-pixel dot, as on a page of dotted leaders. More dots than SPECKLE_MARKS, but fewer
    // than SPECKLE_RATIO per letter: the page has text to read.
    const width = 2400;
    const height = 1800;
    const data = new Uint8ClampedArray(width * height * 4).fill(255);
    const ink = (x: number, y: number) => data.set([0, 0, 0, 255], (y * width + x) * 4);
    let letters = 0;
    let dots = 0;
    for (let top = 2; top + 12 < height; top += 16) {
      for (let left = 2; left + 6 < width; left += 8) {
        for (let y = top; y < top + 12; y++) ink(left, y);
        ink(left + 4, top + 10);
        letters++;
        dots++;
      }
    }
    expect(dots).toBeGreaterThan(SPECKLE_MARKS);
    expect(dots).toBeLessThan(SPECKLE_RATIO * letters);
    expect(pictureKind({ width, height, data })).toBe('letters');
  });
});
