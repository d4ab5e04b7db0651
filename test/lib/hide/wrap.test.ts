import { describe, expect, it } from 'vitest';
import { layoutMessage, wrapLines } from '../../../src/lib/hide/index.ts';

// A fixed-width stand-in for canvas measureText: every character is 10 px wide.
const mono = (text: string): number => text.length * 10;

describe('wrapLines', () => {
  it('keeps a line that fits', () => {
    expect(wrapLines('hello world', 110, mono)).toEqual(['hello world']);
  });

  it('moves words that do not fit to the next line', () => {
    expect(wrapLines('You can vectorize the whole world with Weaviate!', 170, mono)).toEqual([
      'You can vectorize',
      'the whole world',
      'with Weaviate!',
    ]);
  });

  it('keeps the person’s own line breaks, empty lines included', () => {
    expect(wrapLines('one\n\ntwo three\r\nfour', 1000, mono)).toEqual([
      'one',
      '',
      'two three',
      'four',
    ]);
  });

  it('cuts a word wider than a line between characters', () => {
    expect(wrapLines('a abcdefghij b', 40, mono)).toEqual(['a', 'abcd', 'efgh', 'ij b']);
  });

  it('puts at least one character on a line even when none fits', () => {
    expect(wrapLines('abc', 5, mono)).toEqual(['a', 'b', 'c']);
  });

  it('collapses runs of spaces and never makes a line wider than allowed', () => {
    const text = 'lorem   ipsum dolor sit amet, consectetur adipiscing elit sed do eiusmod';
    const lines = wrapLines(text, 120, mono);
    expect(lines.join(' ')).toBe(text.replace(/ +/g, ' '));
    for (const line of lines) expect(mono(line)).toBeLessThanOrEqual(120);
  });

  it('gives one empty line for an empty message', () => {
    expect(wrapLines('', 100, mono)).toEqual(['']);
  });
});

describe('layoutMessage', () => {
  it('centres the block of lines in the image', () => {
    const lines = layoutMessage('aaaa bbbb cccc', 100, 200, 20, mono);
    // 80 px of text width (80 % of 100): one word a line, three lines 24 px apart.
    expect(lines.map((l) => l.text)).toEqual(['aaaa', 'bbbb', 'cccc']);
    expect(lines.map((l) => l.x)).toEqual([50, 50, 50]);
    expect(lines.map((l) => l.y)).toEqual([76, 100, 124]);
  });

  it('puts a single line in the middle', () => {
    expect(layoutMessage('hi', 500, 300, 27.8, mono)).toEqual([{ text: 'hi', x: 250, y: 150 }]);
  });
});
