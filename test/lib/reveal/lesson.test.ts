import { describe, expect, it } from 'vitest';
import { threshold, defaultThresholdOptions } from '../../../src/lib/reveal/index.ts';
import { decodePng, encodePng, readPng } from '../../support/png.ts';

const lesson = new URL('../../../../shared/fixtures/lesson/', import.meta.url);

describe("the lesson's rule", () => {
  it('defaults to red, threshold 120, above → black', () => {
    expect(defaultThresholdOptions).toEqual({ channel: 'red', threshold: 120, invert: false });
  });

  it('reproduces hidden-message.lesson-mask.png pixel for pixel', () => {
    const image = readPng(new URL('hidden-message.png', lesson));
    const expected = readPng(new URL('hidden-message.lesson-mask.png', lesson));
    const mask = threshold(image);
    expect([mask.width, mask.height]).toEqual([expected.width, expected.height]);
    // Both masks hold black and white, so a pass would not be an accident of a blank mask.
    let black = 0;
    let mismatches = 0;
    for (let i = 0; i < mask.data.length; i++) {
      if (mask.data[i] !== expected.data[i]) mismatches++;
      if (i % 4 === 0 && mask.data[i] === 0) black++;
    }
    expect(mismatches).toBe(0);
    expect(black).toBeGreaterThan(1000);
    expect(black).toBeLessThan(500 * 500 - 1000);
  });

  it('round-trips through the test PNG codec', () => {
    const image = readPng(new URL('hidden-message.png', lesson));
    const back = decodePng(encodePng(image));
    expect([back.width, back.height]).toEqual([image.width, image.height]);
    expect(Buffer.compare(Buffer.from(back.data), Buffer.from(image.data))).toBe(0);
  });
});
