import { describe, expect, it } from 'vitest';
import { formatHex, parseHex } from '../../../src/lib/color/index.ts';

describe('parseHex / formatHex', () => {
  it.each([
    ['#73D955', { r: 115, g: 217, b: 85 }],
    ['7ed957', { r: 126, g: 217, b: 87 }],
    ['  #fff ', { r: 255, g: 255, b: 255 }],
    ['#000', { r: 0, g: 0, b: 0 }],
    ['#0A0b0C', { r: 10, g: 11, b: 12 }],
  ])('reads %j', (text, rgb) => {
    expect(parseHex(text)).toEqual(rgb);
  });

  it.each(['', '#', '#12', '#12345', '#1234567', 'green', '#GGGGGG', '#12 345'])(
    'refuses %j without throwing',
    (text) => {
      expect(parseHex(text)).toBeUndefined();
    },
  );

  it('writes capitals with two digits a channel and round-trips', () => {
    expect(formatHex({ r: 115, g: 217, b: 85 })).toBe('#73D955');
    expect(formatHex({ r: 0, g: 5, b: 255 })).toBe('#0005FF');
    for (const hex of ['#7ED957', '#000000', '#FFFFFF', '#010203']) {
      expect(formatHex(parseHex(hex)!)).toBe(hex);
    }
  });

  it('clamps and rounds out-of-range channels', () => {
    expect(formatHex({ r: -4, g: 300, b: 127.6 })).toBe('#00FF80');
  });
});
