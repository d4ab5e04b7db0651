/**
 * Draws Hide's message on a canvas. The browser's text renderer antialiases edges into blends
 * of the two colours, and a blend is a third colour a reveal could trip on, so the text is
 * drawn as white-on-black coverage, cut at 50 %, and repainted in exactly the two colours.
 */
import { parseHex } from '../lib/color/hex.ts';
import type { Rgb } from '../lib/color/types.ts';
import { coverageToMask, paintTwoColours } from '../lib/hide/compose.ts';
import { layoutMessage } from '../lib/hide/layout.ts';
import { pointsToPixels, type HideOptions } from '../lib/hide/options.ts';
import type { Pixels } from '../lib/reveal/types.ts';

/** The picture Hide made, and where its text is (1) and is not (0), a byte a pixel. */
export interface DrawnMessage {
  pixels: Pixels;
  mask: Uint8Array;
}

/** The CSS font shorthand for a size in points at the lesson's 100 dpi and a family. */
export function cssFont(options: Pick<HideOptions, 'fontSizePt' | 'font'>): string {
  return `${pointsToPixels(options.fontSizePt).toFixed(2)}px ${options.font}`;
}

/** Draw the text's coverage mask: 1 where the message covers at least half a pixel. */
export function drawTextMask(options: HideOptions): Uint8Array {
  const { width, height } = options;
  const ctx = new OffscreenCanvas(width, height).getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('This browser gave no 2D canvas context.');
  ctx.fillStyle = '#000';
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = '#fff';
  ctx.font = cssFont(options);
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  const lines = layoutMessage(
    options.message,
    width,
    height,
    pointsToPixels(options.fontSizePt),
    (t) => ctx.measureText(t).width,
  );
  for (const line of lines) ctx.fillText(line.text, line.x, line.y);
  const rgba = ctx.getImageData(0, 0, width, height).data;
  // White on black: the red channel alone is the coverage.
  const coverage = new Uint8Array(width * height);
  for (let i = 0; i < coverage.length; i++) coverage[i] = rgba[i * 4];
  return coverageToMask(coverage);
}

/** Draw the message in exactly two colours; throws on a colour that is not `#RRGGBB`. */
export function drawMessage(options: HideOptions): DrawnMessage {
  const text = mustParse(options.text, 'text');
  const background = mustParse(options.background, 'background');
  const mask = drawTextMask(options);
  const { width, height, textAlpha } = options;
  return { pixels: paintTwoColours(mask, width, height, text, background, textAlpha), mask };
}

function mustParse(hex: string, which: string): Rgb {
  const rgb = parseHex(hex);
  if (!rgb) throw new RangeError(`The ${which} colour "${hex}" is not a #RRGGBB colour.`);
  return rgb;
}
