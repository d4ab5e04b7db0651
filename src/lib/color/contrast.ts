import { over } from './composite.ts';
import { deltaE2000Rgb } from './delta-e.ts';
import type { Rgb, RgbChannel } from './types.ts';

/**
 * Which channels the contrast solver may change: one of red, green, blue, all three by the
 * same amount, or only the text's alpha (opacity).
 */
export type ContrastChannel = RgbChannel | 'all' | 'alpha';

/** What the contrast solver found. */
export interface ContrastSolution {
  /** The text colour. */
  text: Rgb;
  /** The text's alpha, 0–255: 255 (opaque) unless the channel is alpha. */
  alpha: number;
  /** ΔE2000 between background and text as seen (alpha text over white). */
  deltaE: number;
  /** Signed levels added to the chosen channel(s); never 0, so a message always exists. */
  levels: number;
}

const KEYS = { red: ['r'], green: ['g'], blue: ['b'], all: ['r', 'g', 'b'] } as const;

/** The text `levels` away from the background, or undefined when it moves nothing new. */
function candidate(
  background: Rgb,
  channel: ContrastChannel,
  levels: number,
): ContrastSolution | undefined {
  if (channel === 'alpha') {
    const alpha = 255 + levels;
    // Alpha 0 would leave the text's colour undefined (a PNG may store it as black).
    if (levels >= 0 || alpha < 1) return undefined;
    const seen = over(background, alpha);
    return { text: { ...background }, alpha, deltaE: deltaE2000Rgb(background, seen), levels };
  }
  const text = { ...background };
  let moved = false;
  for (const key of KEYS[channel]) {
    const v = Math.min(255, Math.max(0, background[key] + levels));
    // A shift is only new if it moved some channel further than the step before did.
    if (v !== Math.min(255, Math.max(0, background[key] + levels - Math.sign(levels)))) {
      moved = true;
    }
    text[key] = v;
  }
  if (!moved) return undefined;
  return { text, alpha: 255, deltaE: deltaE2000Rgb(background, text), levels };
}

/** The best shift in one direction (+1 up, −1 down), and whether it reaches the target. */
function bestInDirection(
  background: Rgb,
  target: number,
  channel: ContrastChannel,
  direction: 1 | -1,
): { best: ContrastSolution; reaches: boolean } | undefined {
  let best: ContrastSolution | undefined;
  for (let k = 1; k <= 255; k++) {
    const c = candidate(background, channel, direction * k);
    if (!c) break;
    if (!best || Math.abs(c.deltaE - target) < Math.abs(best.deltaE - target)) best = c;
    // ΔE grows with the shift, so further steps only move away from the target.
    if (c.deltaE >= target) return { best, reaches: true };
  }
  return best && { best, reaches: false };
}

/**
 * Find the text colour whose ΔE2000 from `background` is closest to `targetDeltaE`, changing
 * only `channel` (all three channels by the same amount for 'all'; only the text's opacity for
 * 'alpha', judged as seen over white). It raises the channel when that can reach the target
 * and lowers it otherwise, so "blue, ΔE 0" is reliably "blue + 1". The change is at least one
 * level: a text colour equal to the background would hide nothing.
 */
export function solveContrast(
  background: Rgb,
  targetDeltaE: number,
  channel: ContrastChannel,
): ContrastSolution {
  const target = Math.max(0, targetDeltaE);
  const up = bestInDirection(background, target, channel, 1);
  const down = bestInDirection(background, target, channel, -1);
  if (!up) return down!.best;
  if (!down || up.reaches) return up.best;
  if (down.reaches) return down.best;
  return Math.abs(up.best.deltaE - target) <= Math.abs(down.best.deltaE - target)
    ? up.best
    : down.best;
}
