/**
 * Read text's one progress bar: loading, then picture after picture, never going back and full
 * at the end, however many pictures the read turns out to take.
 */
import { describe, expect, it } from 'vitest';
import {
  LOAD_SHARE,
  advanceReadBar,
  readBarStart,
  type ReadBar,
  type ReadStep,
} from '../../../src/lib/ocr/read-progress.ts';
import { ocrProgressLabel } from '../../../src/lib/ocr/messages.ts';

/** The bar's values after each step, from the start. */
function values(steps: readonly ReadStep[]): number[] {
  let bar: ReadBar = readBarStart;
  return steps.map((s) => (bar = advanceReadBar(bar, s)).value);
}

/** Each picture as tesseract reports it: from 0 to 1 in a few steps. */
const readOne = (picture: number, pictures: number): ReadStep[] => [
  { stage: 'picture', picture, pictures },
  { stage: 'reading', fraction: 0 },
  { stage: 'reading', fraction: 0.3 },
  { stage: 'reading', fraction: 0.8 },
  { stage: 'reading', fraction: 1 },
];

const isMonotonic = (v: number[]) => v.every((x, i) => i === 0 || x >= v[i - 1]);

describe('Read text progress bar', () => {
  it('gives loading its share, then each picture an equal part of the rest', () => {
    const v = values([
      { stage: 'loading', fraction: 0 },
      { stage: 'loading', fraction: 0.5 },
      { stage: 'loading', fraction: 1 },
      { stage: 'reading', fraction: 0 },
      ...readOne(1, 2),
      ...readOne(2, 2),
    ]);
    expect(v.slice(0, 4)).toEqual([0, LOAD_SHARE / 2, LOAD_SHARE, LOAD_SHARE]);
    // Picture 1 of 2 fills half of what is left after loading, picture 2 the other half.
    expect(v[8]).toBeCloseTo(LOAD_SHARE + (1 - LOAD_SHARE) / 2);
    expect(v.at(-1)).toBeCloseTo(1);
    expect(isMonotonic(v)).toBe(true);
  });

  it("gives loading its whole share once reading begins, though the loader's last report fell short", () => {
    // The loader's reports stop at 40 % of loading; then the first picture begins, or tesseract
    // reports reading before any picture is named: either way loading is over.
    const loading: ReadStep = { stage: 'loading', fraction: 0.4 };
    expect(values([loading, { stage: 'picture', picture: 1, pictures: 2 }]).at(-1)).toBe(
      LOAD_SHARE,
    );
    expect(values([loading, { stage: 'reading', fraction: 0 }]).at(-1)).toBe(LOAD_SHARE);
    // Picture 1 of 2 then fills half of what is left after the loader's full share.
    const v = values([loading, ...readOne(1, 2)]);
    expect(v.at(-1)).toBeCloseTo(LOAD_SHARE + (1 - LOAD_SHARE) / 2);
  });

  it('never goes back when each picture starts its own count at 0, or tesseract repeats itself', () => {
    const v = values([
      ...readOne(1, 3),
      { stage: 'reading', fraction: 0.5 }, // a late report of the picture already read
      ...readOne(2, 3),
      ...readOne(3, 3),
    ]);
    expect(isMonotonic(v)).toBe(true);
    expect(v[4]).toBeCloseTo(1 / 3);
    expect(v.at(-1)).toBeCloseTo(1);
  });

  it('shares what is left again when fewer pictures can come than first thought', () => {
    // Picture 1 of up to 5 (the rest may be blank or absent); then only one more comes.
    const v = values([...readOne(1, 5), ...readOne(2, 2)]);
    expect(v[4]).toBeCloseTo(0.2);
    expect(v[5]).toBeCloseTo(0.2); // picture 2 begins where picture 1 ended
    expect(v.at(-1)).toBeCloseTo(1);
    expect(isMonotonic(v)).toBe(true);
  });

  it('is full when the read ends early, at a confident first picture', () => {
    const v = values([...readOne(1, 4), { stage: 'done' }]);
    expect(v[4]).toBeCloseTo(0.25);
    expect(v.at(-1)).toBe(1);
  });

  it('stays between 0 and 1 and never goes back, whatever the order of the reports', () => {
    let seed = 11;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (let run = 0; run < 200; run++) {
      const steps: ReadStep[] = [];
      if (random() < 0.5) {
        for (let i = 0; i < 5; i++) steps.push({ stage: 'loading', fraction: random() * 1.2 });
      }
      let upTo = 1 + Math.floor(random() * 5);
      for (let picture = 1; picture <= upTo; picture++) {
        // As the read goes, it may learn that fewer pictures can come (never fewer than now).
        upTo = Math.max(picture, upTo - Math.floor(random() * 2));
        steps.push({ stage: 'picture', picture, pictures: upTo });
        for (let i = 0; i < 4; i++)
          steps.push({ stage: 'reading', fraction: random() * 1.2 - 0.1 });
      }
      steps.push({ stage: 'done' });
      const v = values(steps);
      expect(isMonotonic(v)).toBe(true);
      expect(Math.min(...v)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...v.slice(0, -1))).toBeLessThanOrEqual(1);
      expect(v.at(-1)).toBe(1);
    }
  });

  it('is labelled by its stage, and by the picture once more than one may be read', () => {
    expect(ocrProgressLabel('loading')).toBe('Loading the text reader…');
    expect(ocrProgressLabel('reading')).toBe('Reading text…');
    expect(ocrProgressLabel('reading', 1, 1)).toBe('Reading text…');
    expect(ocrProgressLabel('reading', 1, 4)).toBe('Reading text… (picture 1 of up to 4)');
    expect(ocrProgressLabel('reading', 3, 3)).toBe('Reading text… (picture 3 of 3)');
  });
});
