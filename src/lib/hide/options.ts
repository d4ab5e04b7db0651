/**
 * What Hide draws, with the lesson's defaults beside it: `create_image_with_text` at figsize
 * 5 × 5 inches and 100 dpi, fontsize 20, 'sans-serif', `#73D955` on `#7ED957`, centred.
 */

/** The font families Hide offers: generic CSS families, so no font file is ever fetched. */
export const FONT_FAMILIES = [
  'sans-serif',
  'serif',
  'monospace',
  'cursive',
  'fantasy',
  'system-ui',
] as const;

/** One of the font families Hide offers. */
export type FontFamily = (typeof FONT_FAMILIES)[number];

/** Everything that decides the picture Hide makes. */
export interface HideOptions {
  /** The message; line breaks are kept, long lines are wrapped to fit. */
  message: string;
  /** Font size in points, as matplotlib takes it. */
  fontSizePt: number;
  font: FontFamily;
  /** Text colour as `#RRGGBB`. */
  text: string;
  /**
   * Text opacity, 1–255 (255 opaque; 0 would leave the text's colour undefined). Below 255 the message can hide in alpha alone; the
   * background is always opaque.
   */
  textAlpha: number;
  /** Background colour as `#RRGGBB`. */
  background: string;
  /** Image width in pixels. */
  width: number;
  /** Image height in pixels. */
  height: number;
}

/** The lesson's resolution: matplotlib's default 100 dots per inch. */
export const DPI = 100;

/** Image sizes Hide accepts, in pixels a side (a 4096² canvas is 64 MB of RGBA). */
export const MIN_SIDE = 16;
/** Largest side Hide draws. */
export const MAX_SIDE = 4096;

/** The lesson's parameters. */
export const DEFAULT_HIDE_OPTIONS: Readonly<HideOptions> = {
  message: 'You can vectorize the whole world with Weaviate!',
  fontSizePt: 20,
  font: 'sans-serif',
  text: '#73D955',
  textAlpha: 255,
  background: '#7ED957',
  width: 500,
  height: 500,
};

/** Points to pixels at the lesson's 100 dpi: 20 pt is 27.8 px. */
export function pointsToPixels(pt: number, dpi = DPI): number {
  return (pt * dpi) / 72;
}
