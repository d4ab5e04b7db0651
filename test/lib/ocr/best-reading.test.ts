import { describe, expect, it } from 'vitest';
import { OCR_ENOUGH, bestReading, readsEnough } from '../../../src/lib/ocr/best-reading.ts';

describe('bestReading', () => {
  it('keeps the most confident reading that found text', () => {
    const readings = [
      { text: 'PEG ARTEFACTS', confidence: 71 },
      { text: 'JPEG ARTEFACTS', confidence: 88 },
      { text: 'JPEG ARTEFACT5', confidence: 60 },
    ];
    expect(bestReading(readings)).toBe(readings[1]);
  });

  it('passes over a confident reading of nothing', () => {
    const readings = [
      { text: '', confidence: 95 },
      { text: 'HIDDEN', confidence: 40 },
    ];
    expect(bestReading(readings)).toBe(readings[1]);
  });

  it('keeps the earliest of equally confident readings (the picture on screen)', () => {
    const readings = [
      { text: 'SHOWN', confidence: 80 },
      { text: 'CANDIDATE', confidence: 80 },
    ];
    expect(bestReading(readings).text).toBe('SHOWN');
  });

  it('is an empty reading of confidence 0 when nothing was read', () => {
    expect(bestReading([])).toEqual({ text: '', confidence: 0 });
    expect(bestReading([{ text: '', confidence: 70 }])).toEqual({ text: '', confidence: 0 });
  });
});

describe('readsEnough', () => {
  it('stops the read at the bar, only on a reading that found text', () => {
    expect(OCR_ENOUGH).toBe(90);
    expect(readsEnough({ text: 'HIDDEN', confidence: 90 })).toBe(true);
    expect(readsEnough({ text: 'HIDDEN', confidence: 89.9 })).toBe(false);
    expect(readsEnough({ text: '', confidence: 96 })).toBe(false);
    expect(readsEnough({ text: 'HIDDEN', confidence: 80 }, 75)).toBe(true);
  });
});
