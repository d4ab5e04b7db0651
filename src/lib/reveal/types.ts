/**
 * Pixel buffers as every reveal algorithm takes and returns them: straight (not
 * premultiplied) RGBA, 8 bits a channel, rows top to bottom. Same shape as ImageData.
 */
export interface Pixels {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

/** Which value of a pixel a view looks at. */
export type Channel = 'red' | 'green' | 'blue' | 'alpha' | 'luminance' | 'distance';

/** Every channel, in the order a UI lists them. */
export const channels: readonly Channel[] = [
  'red',
  'green',
  'blue',
  'alpha',
  'luminance',
  'distance',
];

/** A colour as straight RGBA levels 0–255: `[red, green, blue, alpha]`. */
export type Rgba = readonly [number, number, number, number];
