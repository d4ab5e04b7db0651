import { describe, expect, it } from 'vitest';
import {
  channelDifference,
  deltaE2000Rgb,
  describeDifference,
  parseHex,
  over,
  solveContrast,
  type ContrastChannel,
} from '../../../src/lib/color/index.ts';

const lessonBg = parseHex('#7ED957')!;

describe('solveContrast', () => {
  it('gives blue + 1 only for the smallest contrast in blue', () => {
    const s = solveContrast(lessonBg, 0, 'blue');
    expect(s.text).toEqual({ r: 126, g: 217, b: 88 });
    expect(s.levels).toBe(1);
    expect(s.deltaE).toBeGreaterThan(0);
  });

  it.each<[Exclude<ContrastChannel, 'alpha'>, number]>([
    ['red', 1.2],
    ['green', 0.5],
    ['blue', 2],
    ['all', 3],
    ['red', 10],
  ])('changes only %s and lands near ΔE %f', (channel, target) => {
    const s = solveContrast(lessonBg, target, channel);
    const diff = channelDifference(s.text, lessonBg);
    const changed = (['red', 'green', 'blue'] as const).filter((c) => diff[c] !== 0);
    expect(changed).toEqual(channel === 'all' ? ['red', 'green', 'blue'] : [channel]);
    expect(s.deltaE).toBeCloseTo(deltaE2000Rgb(s.text, lessonBg), 10);
    // No one-level neighbour of the answer is nearer the target.
    for (const step of [-1, 1]) {
      const other = solveNeighbour(s.levels + step, channel);
      if (other && s.levels + step !== 0 && Math.sign(s.levels + step) === Math.sign(s.levels)) {
        expect(Math.abs(s.deltaE - target)).toBeLessThanOrEqual(
          Math.abs(deltaE2000Rgb(other, lessonBg) - target) + 1e-12,
        );
      }
    }
  });

  it('goes down when the channel is at its top', () => {
    const white = { r: 255, g: 255, b: 255 };
    const s = solveContrast(white, 1, 'green');
    expect(s.levels).toBeLessThan(0);
    expect(s.text.r).toBe(255);
    expect(s.text.b).toBe(255);
    expect(s.deltaE).toBeCloseTo(1, 0);
  });

  it('goes down when going up cannot reach the target', () => {
    const nearTop = { r: 250, g: 250, b: 250 };
    const s = solveContrast(nearTop, 20, 'red');
    expect(s.levels).toBeLessThan(0);
    expect(s.deltaE).toBeGreaterThan(15);
  });

  it('changes only the opacity for alpha, judged over white', () => {
    const s = solveContrast(lessonBg, 0, 'alpha');
    expect(s).toMatchObject({ text: lessonBg, alpha: 254, levels: -1 });
    expect(s.deltaE).toBeCloseTo(deltaE2000Rgb(lessonBg, over(lessonBg, 254)), 10);
    const far = solveContrast(lessonBg, 2, 'alpha');
    expect(far.text).toEqual(lessonBg);
    expect(far.alpha).toBeLessThan(254);
    expect(Math.abs(far.deltaE - 2)).toBeLessThan(0.1);
    // The most it goes is alpha 1: at 0 the text's colour would be lost.
    expect(solveContrast({ r: 0, g: 0, b: 0 }, 1000, 'alpha').alpha).toBe(1);
    // White text over white looks the same at any opacity: the least change is still made.
    expect(solveContrast({ r: 255, g: 255, b: 255 }, 1, 'alpha').alpha).toBe(254);
  });

  it('keeps the text opaque for colour channels', () => {
    for (const channel of ['red', 'green', 'blue', 'all'] as const) {
      expect(solveContrast(lessonBg, 1, channel).alpha).toBe(255);
    }
  });

  it('never returns the background itself', () => {
    for (const channel of ['red', 'green', 'blue', 'all'] as const) {
      const s = solveContrast({ r: 0, g: 0, b: 0 }, 0, channel);
      expect(Math.abs(s.levels)).toBe(1);
      expect(s.text).not.toEqual({ r: 0, g: 0, b: 0 });
    }
  });
});

function solveNeighbour(levels: number, channel: Exclude<ContrastChannel, 'alpha'>) {
  const t = { ...lessonBg };
  const keys =
    channel === 'all' ? (['r', 'g', 'b'] as const) : ([channel[0]] as ('r' | 'g' | 'b')[]);
  for (const k of keys) {
    const v = lessonBg[k] + levels;
    if (v < 0 || v > 255) return undefined;
    t[k] = v;
  }
  return t;
}

describe('describeDifference', () => {
  it('names the channels that differ, with signs', () => {
    const diff = channelDifference(parseHex('#73D955')!, lessonBg);
    expect(diff).toEqual({ red: -11, green: 0, blue: -2, alpha: 0 });
    expect(describeDifference(diff)).toBe(
      'the text differs from the background by −11 in red and −2 in blue',
    );
    expect(describeDifference({ red: 0, green: 0, blue: 1, alpha: 0 })).toBe(
      'the text differs from the background by +1 in blue',
    );
    expect(describeDifference(channelDifference(lessonBg, lessonBg, 250))).toBe(
      'the text differs from the background by −5 in alpha',
    );
    expect(describeDifference({ red: 0, green: 0, blue: 0, alpha: 0 })).toMatch(
      /nothing is hidden/,
    );
  });
});
