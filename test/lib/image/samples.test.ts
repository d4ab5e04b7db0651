import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sniffImageFormat } from '../../../src/lib/image/formats.ts';
import { findMetadata } from '../../../src/lib/image/metadata.ts';
import { LESSON_PROMPTS, SAMPLES } from '../../../src/lib/samples.ts';
import { decodePng } from '../../support/png.ts';
import { fixture } from './fixtures.ts';

const publicDir = join(import.meta.dirname, '..', '..', '..', 'public');
const read = (path: string) => new Uint8Array(readFileSync(join(publicDir, path)));

/** Pixels whose red is at most 120: the lesson decoder's "text" pixels. */
function lessonTextPixels(png: Uint8Array): number {
  const { data } = decodePng(png);
  let n = 0;
  for (let i = 0; i < data.length; i += 4) if (data[i] <= 120) n++;
  return n;
}

describe('samples', () => {
  it.each(SAMPLES.map((s) => [s.id, s] as const))(
    '%s is a small, clean PNG shipped in public/',
    (_id, sample) => {
      const png = read(sample.path);
      expect(sniffImageFormat(png)?.kind).toBe('png');
      expect(png.length).toBeLessThanOrEqual(150 * 1024);
      expect(findMetadata(png, 'png')).toEqual([]);
      expect(sample.alt.length).toBeGreaterThan(20);
    },
  );

  it('opens each sample with one of the lesson prompts, and uses all three', () => {
    expect(new Set(SAMPLES.map((s) => s.prompt))).toEqual(new Set(LESSON_PROMPTS));
  });

  it('draws the hidden message as the lesson does: two near-identical greens, 500×500', () => {
    const png = read('samples/hidden-message.png');
    const { width, height, data } = decodePng(png);
    expect([width, height]).toEqual([500, 500]);
    // Every pixel lies between the text colour #73D955 and the background #7ED957 (±1 for
    // the rounding of anti-aliased edges).
    const between = (v: number, lo: number, hi: number) => v >= lo - 1 && v <= hi + 1;
    let outside = 0;
    for (let i = 0; i < data.length; i += 4) {
      const ok =
        between(data[i], 0x73, 0x7e) &&
        between(data[i + 1], 0xd9, 0xd9) &&
        between(data[i + 2], 0x55, 0x57) &&
        data[i + 3] === 255;
      if (!ok) outside++;
    }
    expect(outside).toBe(0);
    // About as much text as the lesson's own image (fonts differ, so not pixel for pixel).
    const ours = lessonTextPixels(png);
    const lesson = lessonTextPixels(fixture('lesson/hidden-message.png'));
    expect(ours).toBeGreaterThan(lesson * 0.5);
    expect(ours).toBeLessThan(lesson * 2);
  });
});
