import { describe, expect, it } from 'vitest';
import { estimateImageTokens, MEDIA_RESOLUTION_CAPS } from '../../../src/lib/image/tokens.ts';

describe('estimateImageTokens', () => {
  it.each([
    [100, 100, 258],
    [384, 384, 258],
    [385, 200, 258],
    [768, 768, 258],
    [769, 768, 516],
    [1000, 1000, 1032],
    [3072, 2304, 3096],
    [500, 500, 258],
  ])('%i×%i costs %i tokens', (w, h, tokens) => {
    expect(estimateImageTokens(w, h)).toBe(tokens);
  });

  it('has the Gemini 3.x mediaResolution caps', () => {
    expect(MEDIA_RESOLUTION_CAPS).toEqual({ LOW: 280, MEDIUM: 560, HIGH: 1120 });
  });
});
