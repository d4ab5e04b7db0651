/** A box as Gemini returns it: `[ymin, xmin, ymax, xmax]`, each 0–1000 over the image sent. */
export type Box2d = readonly [number, number, number, number];

/** One thing the model found, with where it is. */
export interface FoundBox {
  label: string;
  box_2d: Box2d;
}

/** A rectangle in pixels: left, top, width, height (may be fractional until rounded). */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** An image's size in pixels. */
export interface Size {
  width: number;
  height: number;
}

/** The scale Gemini's box coordinates are normalised to. */
export const BOX_SCALE = 1000;
