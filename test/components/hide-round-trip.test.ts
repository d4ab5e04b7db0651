/**
 * Issue 3, Hide 4: the round trip. For many colour pairs, channels, fonts and messages,
 * Hide draws the message, the page encodes it as PNG and decodes it back exactly, and Reveal's
 * Auto finds the text again: its mask must match the mask of the text drawn.
 * Runs in real Chromium because the drawing needs a canvas and its text renderer.
 */
import { describe, expect, it } from 'vitest';
import { solveContrast } from '../../src/lib/color/contrast.ts';
import { formatHex, parseHex } from '../../src/lib/color/hex.ts';
import { DEFAULT_HIDE_OPTIONS, type HideOptions } from '../../src/lib/hide/options.ts';
import { autoReveal } from '../../src/lib/reveal/index.ts';
import { decodeImage, encodePng } from '../../src/platform/canvas.ts';
import { drawMessage, drawTextMask } from '../../src/platform/draw-text.ts';

/** Intersection over union of two yes/no masks; 0 when both are empty. */
function iou(a: Uint8Array, b: Uint8Array): number {
  let both = 0;
  let either = 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i] && b[i]) both++;
    if (a[i] || b[i]) either++;
  }
  return either === 0 ? 0 : both / either;
}

/** How many bytes differ between two buffers (a plain loop: deep equality is slow here). */
function differingBytes(a: Uint8ClampedArray, b: Uint8ClampedArray): number {
  if (a.length !== b.length) return Math.max(a.length, b.length);
  let n = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) n++;
  return n;
}

/** Auto reveal draws text black on white; read it back as 1 = text. */
function textOf(mask: { data: Uint8ClampedArray }): Uint8Array {
  const out = new Uint8Array(mask.data.length / 4);
  for (let i = 0; i < out.length; i++) out[i] = mask.data[i * 4] < 128 ? 1 : 0;
  return out;
}

/** Shift a mask right by `dx` pixels, as a message drawn a little off would be. */
function shifted(mask: Uint8Array, width: number, dx: number): Uint8Array {
  const out = new Uint8Array(mask.length);
  for (let i = 0; i < mask.length; i++) if (i % width >= dx) out[i] = mask[i - dx];
  return out;
}

/** Text colour `levels` away from the background in one channel. */
function plus(background: string, channel: 'r' | 'g' | 'b', levels: number): string {
  const c = parseHex(background)!;
  return formatHex({ ...c, [channel]: c[channel] + levels });
}

const lessonBg = DEFAULT_HIDE_OPTIONS.background;
const cases: [string, Partial<HideOptions>][] = [
  ['the lesson pair', {}],
  ['red + 1', { text: plus(lessonBg, 'r', 1) }],
  ['red − 1', { text: plus(lessonBg, 'r', -1) }],
  ['green + 1', { text: plus(lessonBg, 'g', 1) }],
  ['green − 1', { text: plus(lessonBg, 'g', -1) }],
  ['blue + 1', { text: plus(lessonBg, 'b', 1) }],
  ['blue − 1', { text: plus(lessonBg, 'b', -1) }],
  ['all channels + 1', { text: '#7FDA58' }],
  ['dark background, red + 1', { background: '#101010', text: '#111010' }],
  ['dark background, blue − 1', { background: '#101010', text: '#10100F' }],
  ['black background, green + 1', { background: '#000000', text: '#000100' }],
  ['light background, green − 1', { background: '#F0F0F0', text: '#F0EFF0' }],
  ['white background, blue − 1', { background: '#FFFFFF', text: '#FFFFFE' }],
  ['white background, all − 1', { background: '#FFFFFF', text: '#FEFEFE' }],
  [
    'solver: ΔE 0.5 in green on blue',
    {
      background: '#2040A0',
      text: formatHex(solveContrast(parseHex('#2040A0')!, 0.5, 'green').text),
    },
  ],
  [
    'solver: ΔE 3 in all on grey',
    { background: '#808080', text: formatHex(solveContrast(parseHex('#808080')!, 3, 'all').text) },
  ],
  ['alpha − 1 only', { text: lessonBg, textAlpha: 254 }],
  ['alpha − 1 only, dark background', { background: '#101010', text: '#101010', textAlpha: 254 }],
  ['alpha − 5, white background', { background: '#FFFFFF', text: '#FFFFFF', textAlpha: 250 }],
  ['alpha and red together', { text: plus(lessonBg, 'r', 2), textAlpha: 253 }],
  ['serif, 30 pt, two lines', { font: 'serif', fontSizePt: 30, message: 'Hidden\nin plain sight' }],
  ['monospace, 12 pt, wide image', { font: 'monospace', fontSizePt: 12, width: 640, height: 240 }],
  ['a long wrapped message, tall image', { message: 'word '.repeat(40), width: 300, height: 600 }],
];

describe('Hide → PNG → Reveal (Auto) round trip', () => {
  it.each(cases)('gives back the text mask: %s', async (_name, change) => {
    const options: HideOptions = { ...DEFAULT_HIDE_OPTIONS, ...change };
    const drawn = drawMessage(options);
    const textPixels = drawn.mask.reduce((n, v) => n + v, 0);
    expect(textPixels).toBeGreaterThan(200);

    const png = await encodePng(drawn.pixels);
    const decoded = await decodeImage(png);
    expect([decoded.width, decoded.height]).toEqual([options.width, options.height]);
    // The PNG holds exactly what was drawn: two colours, nothing blended.
    expect(differingBytes(decoded.data, drawn.pixels.data)).toBe(0);

    const found = autoReveal(decoded);
    const revealed = textOf(found.mask);
    expect(iou(revealed, drawn.mask)).toBeGreaterThanOrEqual(0.9);
  });

  it('would fail for a wrong mask: shifted, inverted, empty or another message', () => {
    const options = { ...DEFAULT_HIDE_OPTIONS };
    const right = drawTextMask(options);
    expect(iou(right, right)).toBe(1);
    expect(iou(shifted(right, options.width, 3), right)).toBeLessThan(0.9);
    expect(
      iou(
        right.map((v) => 1 - v),
        right,
      ),
    ).toBeLessThan(0.9);
    expect(iou(new Uint8Array(right.length), right)).toBe(0);
    const other = drawTextMask({ ...options, message: 'Something else entirely, here!' });
    expect(iou(other, right)).toBeLessThan(0.9);
  });
});
