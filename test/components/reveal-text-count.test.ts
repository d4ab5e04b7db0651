/**
 * Read text's label counts the pictures a read goes through (src/reveal/reveal-text.ts), in
 * Chromium, with the reader itself stood in for: it takes each picture as the page hands it
 * over and notes the label shown meanwhile. A read that goes through every candidate and then
 * the smoothed second look ends on "picture 6 of 6", never promising one more than comes.
 */
import { describe, expect, it, vi } from 'vitest';
import '../../src/reveal/reveal-text.ts';
import type { RevealText } from '../../src/reveal/reveal-text.ts';
import { readingCandidates } from '../../src/lib/reveal/reading-candidates.ts';
import type { Pixels } from '../../src/lib/reveal/types.ts';
import { drawText, flat, paint } from '../lib/reveal/corpus.ts';

const seen = vi.hoisted(() => ({
  labels: [] as string[],
  text: undefined as RevealText | undefined,
}));

// The reader: reads every picture as nothing confident, noting the label as each arrives.
vi.mock('../../src/platform/ocr.ts', async (original) => ({
  ...(await original<typeof import('../../src/platform/ocr.ts')>()),
  readImages: async (images: AsyncIterable<Blob>) => {
    const readings = [];
    for await (const image of images) {
      expect(image.type).toBe('image/png');
      await seen.text?.updateComplete;
      seen.labels.push(seen.text?.shadowRoot?.querySelector('label')?.textContent?.trim() ?? '');
      readings.push({ text: 'NOT SURE', confidence: 30 });
    }
    return readings;
  },
}));

/** Black bitmap-face text with 28 px capitals on white: a clean mask with a second look. */
const mask = (word: string): Pixels =>
  paint(drawText([word], 4, 320, 60), flat([255, 255, 255, 255]), flat([0, 0, 0, 255]));

describe("Read text's label", () => {
  it('counts every candidate and the second look, ending on "picture 6 of 6"', async () => {
    const text = document.createElement('reveal-text');
    document.body.append(text);
    seen.text = text;
    const further = {
      lesson: mask('LESSON'),
      noise: mask('NOISE'),
      jpeg: mask('JPEG'),
      stroke: mask('STROKE'),
    };
    await text.read((signal) =>
      readingCandidates(
        {
          shown: () => Promise.resolve(mask('SHOWN')),
          showingAuto: true,
          autoMask: () => Promise.resolve(undefined),
          picture: (kind) => Promise.resolve(further[kind]),
          current: () => true,
        },
        signal,
      ),
    );
    expect(seen.labels).toEqual([
      'Reading text… (picture 1 of up to 6)',
      'Reading text… (picture 2 of up to 6)',
      'Reading text… (picture 3 of up to 6)',
      'Reading text… (picture 4 of up to 6)',
      'Reading text… (picture 5 of up to 6)',
      'Reading text… (picture 6 of 6)',
    ]);
    text.remove();
  });
});
