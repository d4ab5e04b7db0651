/**
 * The fuzz corpus generator itself: the same seed gives the same files, every mutation gets
 * its share, and the files mean what their mutation says (huge sizes are over the limit,
 * EXIF loops are read without looping).
 */
import { describe, expect, it } from 'vitest';
import { sniffImageFormat } from '../../../src/lib/image/formats.ts';
import { readImageSize } from '../../../src/lib/image/header.ts';
import { INTAKE_LIMITS } from '../../../src/lib/image/intake.ts';
import { findMetadata, readExifOrientation } from '../../../src/lib/image/metadata.ts';
import { MUTATIONS, bmp24, fuzzCorpus, type FuzzBase } from './fuzz-corpus.ts';
import { fixture } from './fixtures.ts';
import { gif } from './bytes.ts';

const bases: FuzzBase[] = [
  { kind: 'png', bytes: fixture('lesson/hidden-message.png') },
  { kind: 'jpeg', bytes: fixture('gemini/generative-ai-js/cat.jpeg') },
  { kind: 'gif', bytes: gif(16, 8) },
  { kind: 'bmp', bytes: bmp24(12, 6) },
];

describe('fuzzCorpus', () => {
  it('makes the same files for the same seed, and others for another seed', () => {
    const a = fuzzCorpus(bases, 7, 200);
    const b = fuzzCorpus(bases, 7, 200);
    const c = fuzzCorpus(bases, 8, 200);
    expect(a.map((f) => [f.name, [...f.bytes]])).toEqual(b.map((f) => [f.name, [...f.bytes]]));
    expect(a.map((f) => f.name)).not.toEqual(c.map((f) => f.name));
  });

  it('gives every mutation its share of 1,000 files', () => {
    const files = fuzzCorpus(bases, 1, 1000);
    for (const m of MUTATIONS) {
      expect(files.filter((f) => f.mutation === m).length).toBe(1000 / MUTATIONS.length);
    }
  });

  it('declares sizes over the pixel limit in its huge-size files', () => {
    for (const file of fuzzCorpus(bases, 3, 400).filter((f) => f.mutation === 'huge-size')) {
      const kind = sniffImageFormat(file.bytes)!.kind;
      const size = readImageSize(file.bytes, kind)!;
      expect(Math.abs(size.width * size.height), file.name).toBeGreaterThan(
        INTAKE_LIMITS.maxPixels,
      );
    }
  });

  it('writes EXIF whose IFDs point back at themselves, and reading it ends', () => {
    const loops = fuzzCorpus(bases, 5, 400).filter(
      (f) => f.mutation === 'exif-loop' && f.name.endsWith('.jpg'),
    );
    expect(loops.length).toBeGreaterThan(5);
    for (const file of loops) {
      expect(findMetadata(file.bytes, 'jpeg')).toContain('GPS');
      expect(readExifOrientation(file.bytes)).toBeGreaterThanOrEqual(1);
    }
  });
});
