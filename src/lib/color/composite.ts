import type { Rgb } from './types.ts';

/** White, the backdrop a browser or image viewer usually shows a transparent PNG on. */
export const WHITE: Rgb = { r: 255, g: 255, b: 255 };

/**
 * What a person sees of a colour with straight alpha `alpha` (0–255) laid over `backdrop`:
 * the source-over blend, unrounded so one level of alpha still counts.
 */
export function over(colour: Rgb, alpha: number, backdrop: Rgb = WHITE): Rgb {
  const a = alpha / 255;
  return {
    // Written as backdrop + share of the difference, so equal colours stay exactly equal.
    r: backdrop.r + (colour.r - backdrop.r) * a,
    g: backdrop.g + (colour.g - backdrop.g) * a,
    b: backdrop.b + (colour.b - backdrop.b) * a,
  };
}
