import { describe, expect, it } from 'vitest';
import {
  MAX_BOXES,
  boxesGenerationConfig,
  describeBoxProblem,
  findPrompt,
  parseBoxes,
} from '../../../src/lib/boxes/index.ts';

const box = (label: string, b: number[]) => ({ label, box_2d: b });

describe('parseBoxes', () => {
  it('reads a JSON list of labelled boxes', () => {
    const text = JSON.stringify([
      box('price tag', [10, 20, 30, 40]),
      box('cat', [0, 0, 1000, 1000]),
    ]);
    expect(parseBoxes(text)).toEqual({
      boxes: [box('price tag', [10, 20, 30, 40]), box('cat', [0, 0, 1000, 1000])],
      problems: [],
    });
  });

  it('reads a list inside a ```json fence or an object', () => {
    const list = [box('a', [1, 2, 3, 4])];
    expect(parseBoxes('Here:\n```json\n' + JSON.stringify(list) + '\n```').boxes).toEqual(list);
    expect(parseBoxes(JSON.stringify({ boxes: list })).boxes).toEqual(list);
  });

  it.each([
    ['prose', 'The price is in the top-right corner.', 'not-json', /not the list of boxes/],
    ['a number', '42', 'not-a-list', /not a list of boxes/],
    ['an empty list', '[]', 'empty', /found nothing/],
  ])('says so for %s, drawing nothing', (_name, text, kind, words) => {
    const parsed = parseBoxes(text);
    expect(parsed.boxes).toEqual([]);
    expect(parsed.problems.map((p) => p.kind)).toEqual([kind]);
    expect(describeBoxProblem(parsed.problems[0])).toMatch(words);
  });

  it('keeps the valid boxes and counts the out-of-range, inverted and malformed ones', () => {
    const parsed = parseBoxes(
      JSON.stringify([
        box('good', [100, 100, 200, 200]),
        box('too far', [100, 100, 200, 1200]),
        box('negative', [-5, 100, 200, 200]),
        box('upside down', [300, 100, 200, 200]),
        box('flat', [100, 100, 100, 200]),
        { label: 'no box' },
        box('three numbers', [1, 2, 3]),
      ]),
    );
    expect(parsed.boxes).toEqual([box('good', [100, 100, 200, 200])]);
    expect(parsed.problems).toEqual([
      { kind: 'malformed', count: 2 },
      { kind: 'out-of-range', count: 2 },
      { kind: 'inverted', count: 2 },
    ]);
    expect(parsed.problems.map(describeBoxProblem)).toEqual([
      '2 boxes were left out: each needs a label and four numbers.',
      '2 boxes were left out: their coordinates fell outside the image (0–1000).',
      '2 boxes were left out: their corners were the wrong way round.',
    ]);
  });

  it('names an unlabelled box by its place in the list', () => {
    expect(parseBoxes('[{"label": " ", "box_2d": [1, 2, 3, 4]}]').boxes[0].label).toBe('Box 1');
  });

  it(`draws at most ${MAX_BOXES} boxes and says how many were left out`, () => {
    const many = Array.from({ length: MAX_BOXES + 3 }, (_, i) => box(`b${i}`, [0, 0, 10, 10]));
    const parsed = parseBoxes(JSON.stringify(many));
    expect(parsed.boxes).toHaveLength(MAX_BOXES);
    expect(describeBoxProblem(parsed.problems[0])).toBe(
      `Only the first ${MAX_BOXES} boxes are drawn; 3 more were left out.`,
    );
  });
});

describe('the Find request', () => {
  it('asks for JSON shaped as a list of {label, box_2d}', () => {
    expect(boxesGenerationConfig.responseMimeType).toBe('application/json');
    expect(boxesGenerationConfig.responseSchema.items.required).toEqual(['label', 'box_2d']);
    expect(boxesGenerationConfig.responseSchema.maxItems).toBe(MAX_BOXES);
  });

  it('puts what to find first and asks for at most 50 boxes in 0–1000 coordinates', () => {
    const prompt = findPrompt('Find all text');
    expect(prompt.startsWith('Find all text.')).toBe(true);
    expect(prompt).toContain(`at most ${MAX_BOXES}`);
    expect(prompt).toContain('[ymin, xmin, ymax, xmax]');
    expect(findPrompt('  ').startsWith('Find all objects.')).toBe(true);
  });
});
