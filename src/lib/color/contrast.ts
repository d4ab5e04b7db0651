import { deltaE2000Rgb } from './delta-e.ts';
import type { Rgb, RgbChannel } from './types.ts';

/** Which channels the contrast solver may change: one of red, green, blue, or all three. */
export type ContrastChannel = RgbChannel | 'all';

/** What the contrast solver found. */
export interface ContrastSolution {
  /** The text colour. */
  text: Rgb;
  /** Its ΔE2000 from the background. */
  deltaE: number;
  /** Signed levels added to the chosen channel(s); never 0, so a message always exists. */
  levels: number;
}

interface Candidate {
  text: Rgb;
  deltaE: number;
  levels: number;
}

function shift(background: Rgb, channel: ContrastChannel, levels: number): Rgb | undefined {
  const out = { ...background };
  const keys =
    channel === 'all' ? (['r', 'g', 'b'] as const) : ([channel[0] as 'r' | 'g' | 'b'] as const);
  let moved = false;
  for (const key of keys) {
    const v = Math.min(255, Math.max(0, background[key] + levels));
    // A shift is only new if it moved some channel further than the step before did.
    if (v !== Math.min(255, Math.max(0, background[key] + levels - Math.sign(levels))))
      moved = true;
    out[key] = v;
  }
  return moved ? out : undefined;
}

/** The best shift in one direction (+1 up, −1 down), and whether it reaches the target. */
function bestInDirection(
  background: Rgb,
  target: number,
  channel: ContrastChannel,
  direction: 1 | -1,
): { best: Candidate; reaches: boolean } | undefined {
  let best: Candidate | undefined;
  let reaches = false;
  for (let k = 1; k <= 255; k++) {
    const text = shift(background, channel, direction * k);
    if (!text) break;
    const deltaE = deltaE2000Rgb(background, text);
    if (!best || Math.abs(deltaE - target) < Math.abs(best.deltaE - target)) {
      best = { text, deltaE, levels: direction * k };
    }
    if (deltaE >= target) {
      reaches = true;
      break; // ΔE grows with the shift, so further steps only move away from the target.
    }
  }
  return best && { best, reaches };
}

/**
 * Find the text colour whose ΔE2000 from `background` is closest to `targetDeltaE`, changing
 * only `channel` (or all three channels by the same amount). It raises the channel when that
 * can reach the target and lowers it otherwise, so "blue, ΔE 0" is reliably "blue + 1". The
 * change is at least one level: a text colour equal to the background would hide nothing.
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
