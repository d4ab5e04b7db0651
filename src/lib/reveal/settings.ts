/**
 * Reveal's one settings type: everything the person sets in the Reveal view, as the UI holds
 * it (every view's values at once, so switching views keeps them), with its defaults beside it
 * and the one translation into what {@link renderView} draws.
 */
import type { RevealView } from './render-view.ts';
import type { Channel, Rgba } from './types.ts';

/** How the picture is made from the image. */
export type RevealMode = RevealView['mode'];

/** Everything the person sets in the Reveal view. */
export interface RevealSettings {
  mode: RevealMode;
  channel: Channel;
  /** Values above it turn black (white when inverted). */
  threshold: number;
  /** Swap black and white in threshold and level-window views. */
  invert: boolean;
  /** Level window: the value shown as mid-grey. */
  centre: number;
  /** Level window: how many values are stretched to 0–255. */
  width: number;
  /** Bit plane 0 (least significant) to 7. */
  bit: number;
  /** Seed of the random colour map; a re-roll changes it. */
  seed: number;
  /**
   * Colour map of one channel (chosen from "All views"); left out, red, green and blue each
   * go through their own palette.
   */
  mapChannel?: Channel;
}

/** The lesson's rule: red above 120 → black, the rest → white. */
export const defaultRevealSettings: RevealSettings = {
  mode: 'threshold',
  channel: 'red',
  threshold: 120,
  invert: false,
  centre: 120,
  width: 8,
  bit: 0,
  seed: 1,
};

/**
 * The view the settings ask for, on an image whose background is `background` (used by the
 * distance channel). The colour map colours all three channels at once, unless "All views"
 * chose one channel's map.
 */
export function viewOf(s: RevealSettings, background: Rgba | undefined): RevealView {
  const { channel, invert } = s;
  switch (s.mode) {
    case 'threshold':
      return { mode: s.mode, channel, threshold: s.threshold, invert, background };
    case 'level-window':
      return { mode: s.mode, channel, centre: s.centre, width: s.width, invert, background };
    case 'bit-plane':
      return { mode: s.mode, channel, bit: s.bit, background };
    case 'equalise':
      return { mode: s.mode, channel, background };
    case 'colour-map':
      return { mode: s.mode, channel: s.mapChannel ?? 'rgb', seed: s.seed, background };
    case 'original':
      return { mode: s.mode };
  }
}
