import { wrapLines, type MeasureText } from './wrap.ts';

/** Where one line of text goes: its centre x and its middle y, in pixels. */
export interface PlacedLine {
  text: string;
  x: number;
  y: number;
}

/** Line spacing as a multiple of the font size, matplotlib's default `linespacing=1.2`. */
export const LINE_SPACING = 1.2;

/** Share of the image width text may use; the rest is margin, so letters never touch the edge. */
export const TEXT_WIDTH_SHARE = 0.8;

/**
 * Lay a message out centred in a `width × height` image, as matplotlib's
 * `ha='center', va='center'` does: lines wrapped to fit, the block centred vertically, each
 * line centred horizontally. Coordinates are for `textAlign = 'center'` and
 * `textBaseline = 'middle'`.
 */
export function layoutMessage(
  message: string,
  width: number,
  height: number,
  fontPx: number,
  measure: MeasureText,
): PlacedLine[] {
  const lines = wrapLines(message, width * TEXT_WIDTH_SHARE, measure);
  const step = fontPx * LINE_SPACING;
  const top = height / 2 - ((lines.length - 1) * step) / 2;
  return lines.map((text, i) => ({ text, x: width / 2, y: top + i * step }));
}
