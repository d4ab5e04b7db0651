import { describe, expect, it } from 'vitest';
import { deltaE2000Rgb, parseHex, visibility } from '../../../src/lib/color/index.ts';

describe('visibility', () => {
  it.each([
    [0, 'identical'],
    [0.3, 'invisible'],
    [0.99, 'invisible'],
    [1, 'barely visible'],
    [1.9, 'barely visible'],
    [2, 'visible'],
    [9.9, 'visible'],
    [10, 'obvious'],
    [60, 'obvious'],
  ])('ΔE %f is %s', (d, verdict) => {
    expect(visibility(d)).toBe(verdict);
  });

  it('calls the lesson pair barely visible and black on white obvious', () => {
    const bg = parseHex('#7ED957')!;
    expect(visibility(deltaE2000Rgb(parseHex('#73D955')!, bg))).toBe('barely visible');
    expect(visibility(deltaE2000Rgb({ r: 0, g: 0, b: 0 }, { r: 255, g: 255, b: 255 }))).toBe(
      'obvious',
    );
  });
});
