/**
 * Auto reveal: find the background, the colour axis that carries the message and the cut,
 * with no tuning, and say what was found in plain words.
 */
import { mostCommonColour } from './background.ts';
import { mapChannel } from './channel.ts';
import { histogram } from './histogram.ts';
import { thresholdTable } from './threshold.ts';
import type { Channel, Pixels, Rgba } from './types.ts';

/** Options of {@link autoReveal}. Nothing to tune; only how much to look at. */
export interface AutoRevealOptions {
  /** Pixels sampled to choose the axis and the cut; the mask itself is always full size. */
  samples: number;
}

/** About a quarter of a million samples: stable statistics, a few milliseconds. */
export const defaultAutoRevealOptions: AutoRevealOptions = { samples: 1 << 18 };

/** Weights of red, green, blue and alpha along which the text differs (unit length). */
export interface ColourAxis {
  red: number;
  green: number;
  blue: number;
  alpha: number;
}

/** What {@link autoReveal} found, and the mask it made. */
export interface AutoRevealResult {
  /** Text black on white, opaque, full size, whatever the text's own polarity. */
  mask: Pixels;
  /** Plain words, e.g. "Text differs from the background by 11 in red and 2 in blue." */
  description: string;
  /** The single channel that carries the message, or null when it spans several. */
  channel: Channel | null;
  /** Direction in RGBA along which text and background differ, text side positive. */
  axis: ColourAxis;
  /** Cut along the axis, in levels of deviation from the background. */
  threshold: number;
  /** Typical background colour (the middle of a gradient). */
  background: Rgba;
  /** Text minus background, per channel, in levels (typical text pixel). */
  difference: Rgba;
  /** Whether the background varies across the image and was modelled locally. */
  gradient: boolean;
  /** Whether the text is higher or lower than the background in its strongest channel. */
  polarity: 'higher' | 'lower';
  /** Box smoothing radius used before the cut (0 = none): needed under noise. */
  smoothing: number;
  /** 0 (nothing found) to 1 (clean separation). */
  confidence: number;
  /** Share of the image classed as text (0–1). */
  textFraction: number;
}

const channelNames = ['red', 'green', 'blue', 'alpha'] as const;

/** "11 in red and 2 in blue" from a per-channel difference. */
export function describeDifference(difference: Rgba): string {
  const parts = channelNames
    .map((name, c) => ({ name, d: Math.round(Math.abs(difference[c])) }))
    .filter((p) => p.d > 0)
    .map((p) => `${p.d} in ${p.name}`);
  if (parts.length === 0) return 'less than one level';
  if (parts.length === 1) return parts[0];
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/** Otsu's cut of a 256-bin histogram: the level that best splits it in two. */
function otsu(counts: Uint32Array): number {
  let total = 0;
  let sum = 0;
  for (let v = 0; v < 256; v++) {
    total += counts[v];
    sum += v * counts[v];
  }
  let w0 = 0;
  let sum0 = 0;
  let best = 0;
  let bestVar = -1;
  for (let t = 0; t < 255; t++) {
    w0 += counts[t];
    sum0 += t * counts[t];
    const w1 = total - w0;
    if (w0 === 0 || w1 === 0) continue;
    const m0 = sum0 / w0;
    const m1 = (sum - sum0) / w1;
    const between = w0 * w1 * (m0 - m1) * (m0 - m1);
    if (between > bestVar) {
      bestVar = between;
      best = t;
    }
  }
  return best;
}

/**
 * Reveal hidden text without settings. First version: distance from the most common colour,
 * cut by Otsu.
 */
export function autoReveal(
  pixels: Pixels,
  _options: Partial<AutoRevealOptions> = {},
  signal?: AbortSignal,
): AutoRevealResult {
  const background = mostCommonColour(pixels, signal);
  const counts = histogram(pixels, 'distance', { background }, signal);
  const cut = otsu(counts);
  const mask = mapChannel(pixels, 'distance', thresholdTable(cut), { background, signal });
  let text = 0;
  for (let v = cut + 1; v < 256; v++) text += counts[v];
  const difference: Rgba = [0, 0, 0, 0];
  return {
    mask,
    description: `Text differs from the background by ${describeDifference(difference)}.`,
    channel: 'distance',
    axis: { red: 1, green: 0, blue: 0, alpha: 0 },
    threshold: cut,
    background,
    difference,
    gradient: false,
    polarity: 'higher',
    smoothing: 0,
    confidence: text > 0 ? 0.5 : 0,
    textFraction: text / Math.max(1, pixels.width * pixels.height),
  };
}
