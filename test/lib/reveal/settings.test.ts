import { describe, expect, it } from 'vitest';
import {
  defaultRevealSettings,
  viewOf,
  type RevealSettings,
} from '../../../src/lib/reveal/index.ts';

const background = [126, 217, 87, 255] as const;

describe('Reveal settings', () => {
  it("default to the lesson's rule: red above 120 turns black", () => {
    expect(viewOf(defaultRevealSettings, undefined)).toEqual({
      mode: 'threshold',
      channel: 'red',
      threshold: 120,
      invert: false,
      background: undefined,
    });
  });

  it.each<[RevealSettings['mode'], object]>([
    ['level-window', { channel: 'red', centre: 120, width: 8, invert: false, background }],
    ['bit-plane', { channel: 'red', bit: 0, background }],
    ['equalise', { channel: 'red', background }],
    ['colour-map', { channel: 'rgb', seed: 1, background }],
    ['original', {}],
  ])('%s takes only its own settings', (mode, rest) => {
    expect(viewOf({ ...defaultRevealSettings, mode }, background)).toEqual({ mode, ...rest });
  });
});
