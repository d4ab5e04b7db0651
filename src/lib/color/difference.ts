import type { Rgb, RgbChannel } from './types.ts';

/** Signed per-channel difference text − background, in levels, alpha included. */
export type ChannelDifference = Record<RgbChannel | 'alpha', number>;

/** Text minus background, channel by channel; the background is opaque. */
export function channelDifference(text: Rgb, background: Rgb, textAlpha = 255): ChannelDifference {
  return {
    red: text.r - background.r,
    green: text.g - background.g,
    blue: text.b - background.b,
    alpha: textAlpha - 255,
  };
}

/**
 * Say the difference in words, e.g. "the text differs from the background by −11 in red and −2
 * in blue", naming only the channels that differ.
 */
export function describeDifference(diff: ChannelDifference): string {
  const parts = (Object.keys(diff) as (keyof ChannelDifference)[])
    .filter((c) => diff[c] !== 0)
    .map((c) => `${diff[c] > 0 ? '+' : '−'}${Math.abs(diff[c])} in ${c}`);
  if (parts.length === 0) return 'the text is the same colour as the background: nothing is hidden';
  const list =
    parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
  return `the text differs from the background by ${list}`;
}
