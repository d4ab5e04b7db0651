import { describe, expect, it } from 'vitest';
import {
  OCR_ENOUGH,
  OCR_WORD_SLACK,
  bestReading,
  readingOf,
  readsEnough,
  type RecognizedPage,
} from '../../../src/lib/ocr/best-reading.ts';

/** A reading whose words are all as sure as its mean, unless `lowest` says otherwise. */
function reading(text: string, confidence: number, lowest = confidence) {
  return { text, confidence, lowest };
}

/** tesseract.js's result for a picture: one block, a paragraph per line of word confidences. */
function page(text: string, confidence: number, lines: number[][]): RecognizedPage {
  const paragraphs = lines.map((words) => ({
    lines: [{ words: words.map((c) => ({ confidence: c })) }],
  }));
  return { text, confidence, blocks: [{ paragraphs }] };
}

describe('bestReading', () => {
  it('keeps the most confident reading that found text', () => {
    const readings = [
      reading('PEG ARTEFACTS', 71),
      reading('JPEG ARTEFACTS', 88),
      reading('JPEG ARTEFACT5', 60),
    ];
    expect(bestReading(readings)).toBe(readings[1]);
  });

  it('passes over a confident reading of nothing', () => {
    const readings = [reading('', 95), reading('HIDDEN', 40)];
    expect(bestReading(readings)).toBe(readings[1]);
  });

  it('keeps the earliest of equally confident readings (the picture on screen)', () => {
    const readings = [reading('SHOWN', 80), reading('CANDIDATE', 80)];
    expect(bestReading(readings).text).toBe('SHOWN');
  });

  it('is an empty reading of confidence 0 when nothing was read', () => {
    expect(bestReading([])).toEqual({ text: '', confidence: 0, lowest: 0 });
    expect(bestReading([reading('', 70)])).toEqual({ text: '', confidence: 0, lowest: 0 });
  });
});

describe('readsEnough', () => {
  it('stops the read at the bar, only on a reading that found text', () => {
    expect(OCR_ENOUGH).toBe(90);
    expect(readsEnough(reading('HIDDEN', 90))).toBe(true);
    expect(readsEnough(reading('HIDDEN', 89.9))).toBe(false);
    expect(readsEnough(reading('', 96))).toBe(false);
    expect(readsEnough(reading('HIDDEN', 80), 75)).toBe(true);
  });

  it('reads on past a confident reading with one word misread', () => {
    expect(OCR_WORD_SLACK).toBe(5);
    // A draw of the reading check: "HERE" read as "MERE" at 84, the mean still 91.
    expect(readsEnough(reading('SECRET\nMESSAGE MERE', 91, 84))).toBe(false);
    // The lesson's mask: its least sure word, "vectorize", at 88.
    expect(readsEnough(reading('You can vectorize\nthe whole world\nwith Weaviate!', 93, 88))).toBe(
      true,
    );
    expect(readsEnough(reading('HIDDEN TEXT', 95, 85))).toBe(true);
    expect(readsEnough(reading('HIDDEN TEXT', 95, 84.9))).toBe(false);
    // A lower bar lowers the words' bar with it.
    expect(readsEnough(reading('HIDDEN TEXT', 80, 70), 75)).toBe(true);
    expect(readsEnough(reading('HIDDEN TEXT', 80, 69), 75)).toBe(false);
  });
});

describe('readingOf', () => {
  it('keeps the trimmed text, the mean, and the least sure word of any line', () => {
    const read = readingOf(page('  SECRET\nMESSAGE MERE\n', 91, [[94], [95, 84]]));
    expect(read).toEqual({ text: 'SECRET\nMESSAGE MERE', confidence: 91, lowest: 84 });
  });

  it('finds the least sure word in any block', () => {
    const two: RecognizedPage = {
      text: 'WAVY LINES\nZERQ KELVIN',
      confidence: 92,
      blocks: [page('', 0, [[93, 95]]).blocks![0], page('', 0, [[89, 91]]).blocks![0]],
    };
    expect(readingOf(two).lowest).toBe(89);
  });

  it('takes the mean as the lowest when the reader gave no words', () => {
    expect(readingOf({ text: '', confidence: 0, blocks: null })).toEqual(reading('', 0));
    expect(readingOf(page('\n', 0, []))).toEqual(reading('', 0));
    // Text read at 93 with no word list: its least sure word is taken as 93, so it ends the read.
    const wordless = readingOf({ text: 'HIDDEN TEXT', confidence: 93, blocks: null });
    expect(wordless).toEqual(reading('HIDDEN TEXT', 93));
    expect(readsEnough(wordless)).toBe(true);
  });
});
