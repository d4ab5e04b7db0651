/** An sRGB colour, 8 bits a channel (0–255 integers). */
export interface Rgb {
  r: number;
  g: number;
  b: number;
}

/** A CIELAB colour (D65 white), as ΔE2000 takes it. */
export interface Lab {
  L: number;
  a: number;
  b: number;
}

/** The colour channels a difference can be carried by. */
export type RgbChannel = 'red' | 'green' | 'blue';
