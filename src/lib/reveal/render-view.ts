/** One entry point for whatever view the Reveal UI shows, so the UI and the worker share it. */
import { bitPlane, type BitPlaneOptions } from './bit-plane.ts';
import { colourMap, type ColourMapOptions } from './colour-map.ts';
import { equalise, type EqualiseOptions } from './equalise.ts';
import { levelWindow, type LevelWindowOptions } from './level-window.ts';
import { threshold, type ThresholdOptions } from './threshold.ts';
import type { Pixels } from './types.ts';

/** A view of an image and its settings, tagged by `mode`. */
export type RevealView =
  | ({ mode: 'threshold' } & Partial<ThresholdOptions>)
  | ({ mode: 'level-window' } & Partial<LevelWindowOptions>)
  | ({ mode: 'bit-plane' } & Partial<BitPlaneOptions>)
  | ({ mode: 'colour-map' } & Partial<ColourMapOptions>)
  | ({ mode: 'equalise' } & Partial<EqualiseOptions>)
  | { mode: 'original' };

/** Every mode, in the order a UI lists them. */
export const revealModes: readonly RevealView['mode'][] = [
  'threshold',
  'level-window',
  'bit-plane',
  'colour-map',
  'equalise',
  'original',
];

/**
 * Render `pixels` through a view, into `output` when given (see `createPixels`);
 * `original` returns the input itself.
 */
export function renderView(
  pixels: Pixels,
  view: RevealView,
  signal?: AbortSignal,
  output?: Uint8ClampedArray,
): Pixels {
  switch (view.mode) {
    case 'threshold':
      return threshold(pixels, view, signal, output);
    case 'level-window':
      return levelWindow(pixels, view, signal, output);
    case 'bit-plane':
      return bitPlane(pixels, view, signal, output);
    case 'colour-map':
      return colourMap(pixels, view, signal, output);
    case 'equalise':
      return equalise(pixels, view, signal, output);
    case 'original':
      return pixels;
  }
}
