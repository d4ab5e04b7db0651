import { describe, expect, it } from 'vitest';
import { over } from '../../../src/lib/color/index.ts';

describe('over', () => {
  it('is the colour itself when opaque and the backdrop when transparent', () => {
    const c = { r: 126, g: 217, b: 87 };
    expect(over(c, 255)).toEqual(c);
    expect(over(c, 0)).toEqual({ r: 255, g: 255, b: 255 });
    expect(over(c, 0, { r: 0, g: 0, b: 0 })).toEqual({ r: 0, g: 0, b: 0 });
  });

  it('blends half way at alpha 127.5 and keeps fractions of a level', () => {
    expect(over({ r: 0, g: 100, b: 255 }, 127.5)).toEqual({ r: 127.5, g: 177.5, b: 255 });
    expect(over({ r: 126, g: 217, b: 87 }, 254).r).toBeCloseTo(126 + 129 / 255, 10);
  });
});
