/**
 * Text drawn with a real typeface, as a person hiding a message draws it (the lesson uses a
 * TrueType font through PIL; Hide uses the browser's fonts): Arimo, the metric twin of Arial,
 * from the `@fontsource/arimo` package, outlines read by opentype.js and filled here with
 * anti-aliased edges (16 sub-rows a pixel, exact coverage along each). The corpus's 5 × 7
 * bitmap font is kept for the IoU bars; this one is for asking whether a mask *reads*, since
 * the reader misreads the bitmap font's K, M and W even as drawn.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import opentype from 'opentype.js';
import type { Face, TextMask } from './corpus.ts';

const require = createRequire(import.meta.url);

/** The two weights the corpus draws: Arimo Regular (400) and Bold (700). */
const files: Record<Face, string> = {
  regular: 'arimo-latin-400-normal.woff',
  bold: 'arimo-latin-700-normal.woff',
};

const loaded = new Map<Face, opentype.Font>();

function fontOf(face: Face): opentype.Font {
  let font = loaded.get(face);
  if (!font) {
    const folder = join(dirname(require.resolve('@fontsource/arimo/package.json')), 'files');
    const bytes = readFileSync(join(folder, files[face]));
    font = opentype.parse(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
    );
    loaded.set(face, font);
  }
  return font;
}

/** Font size (px) whose capitals are `capHeight` pixels tall. */
function fontSizeFor(font: opentype.Font, capHeight: number): number {
  const cap = font.tables.os2?.sCapHeight ?? font.unitsPerEm * 0.7;
  return (capHeight * font.unitsPerEm) / cap;
}

/** Width (px) of the widest of `lines` with capitals `capHeight` tall. */
export function fontTextWidth(lines: readonly string[], capHeight: number, face: Face): number {
  const font = fontOf(face);
  const size = fontSizeFor(font, capHeight);
  return Math.max(...lines.map((line) => font.getAdvanceWidth(line, size)));
}

/** Distance between baselines, in capital heights: the bitmap font's 9 rows to 7. */
export const LINE_PITCH = 9 / 7;

/** Sub-rows sampled per pixel row: 16 levels of vertical coverage, like a browser's rasteriser. */
const SUB_ROWS = 16;

type Edge = { x0: number; y0: number; x1: number; y1: number; dir: 1 | -1 };

/** The outline as straight edges: curves cut into short chords (under ⅛ px of sag). */
function edgesOf(path: opentype.Path): Edge[] {
  const edges: Edge[] = [];
  let sx = 0;
  let sy = 0;
  let cx = 0;
  let cy = 0;
  const line = (x: number, y: number) => {
    if (y !== cy) {
      edges.push(
        cy < y
          ? { x0: cx, y0: cy, x1: x, y1: y, dir: 1 }
          : { x0: x, y0: y, x1: cx, y1: cy, dir: -1 },
      );
    }
    cx = x;
    cy = y;
  };
  for (const c of path.commands) {
    if (c.type === 'M') {
      sx = cx = c.x;
      sy = cy = c.y;
    } else if (c.type === 'L') {
      line(c.x, c.y);
    } else if (c.type === 'Q') {
      const [x0, y0] = [cx, cy];
      const steps = Math.max(2, Math.ceil(Math.hypot(c.x - x0, c.y - y0) / 2));
      for (let k = 1; k <= steps; k++) {
        const t = k / steps;
        const u = 1 - t;
        line(
          u * u * x0 + 2 * u * t * c.x1 + t * t * c.x,
          u * u * y0 + 2 * u * t * c.y1 + t * t * c.y,
        );
      }
    } else if (c.type === 'C') {
      const [x0, y0] = [cx, cy];
      const steps = Math.max(2, Math.ceil(Math.hypot(c.x - x0, c.y - y0) / 2));
      for (let k = 1; k <= steps; k++) {
        const t = k / steps;
        const u = 1 - t;
        line(
          u * u * u * x0 + 3 * u * u * t * c.x1 + 3 * u * t * t * c.x2 + t * t * t * c.x,
          u * u * u * y0 + 3 * u * u * t * c.y1 + 3 * u * t * t * c.y2 + t * t * t * c.y,
        );
      }
    } else if (c.type === 'Z') {
      line(sx, sy);
    }
  }
  return edges;
}

/** Add the horizontal coverage of [a, b) (pixels, fractional) to one row, weighted `w`. */
function addSpan(row: Float32Array, a: number, b: number, w: number): void {
  const left = Math.max(0, a);
  const right = Math.min(row.length, b);
  if (right <= left) return;
  const i0 = Math.floor(left);
  const i1 = Math.floor(right);
  if (i0 === i1) {
    row[i0] += (right - left) * w;
    return;
  }
  row[i0] += (i0 + 1 - left) * w;
  for (let i = i0 + 1; i < i1; i++) row[i] += w;
  if (i1 < row.length) row[i1] += (right - i1) * w;
}

/**
 * Lines of text in Arimo with capitals `capHeight` pixels tall, centred on a canvas of the
 * given size, filled by the non-zero rule with anti-aliased edges. `text` is set where at least
 * half a pixel is covered (what IoU and "the drawn mask" compare against); `coverage` holds
 * each pixel's share (0–1), which {@link paint} blends the two colours by.
 */
export function drawFontText(
  lines: readonly string[],
  capHeight: number,
  width: number,
  height: number,
  face: Face = 'regular',
): TextMask {
  const font = fontOf(face);
  const size = fontSizeFor(font, capHeight);
  const pitch = capHeight * LINE_PITCH;
  const blockHeight = (lines.length - 1) * pitch + capHeight;
  const top = (height - blockHeight) / 2;
  const edges: Edge[] = [];
  lines.forEach((line, row) => {
    const left = (width - font.getAdvanceWidth(line, size)) / 2;
    const baseline = top + row * pitch + capHeight;
    edges.push(...edgesOf(font.getPath(line, left, baseline, size)));
  });

  const coverage = new Float32Array(width * height);
  const crossings: { x: number; dir: number }[] = [];
  for (let y = 0; y < height; y++) {
    const row = coverage.subarray(y * width, (y + 1) * width);
    for (let s = 0; s < SUB_ROWS; s++) {
      const sy = y + (s + 0.5) / SUB_ROWS;
      crossings.length = 0;
      for (const e of edges) {
        if (sy < e.y0 || sy >= e.y1) continue;
        crossings.push({ x: e.x0 + ((sy - e.y0) / (e.y1 - e.y0)) * (e.x1 - e.x0), dir: e.dir });
      }
      crossings.sort((a, b) => a.x - b.x);
      let winding = 0;
      for (let k = 0; k < crossings.length; k++) {
        const before = winding;
        winding += crossings[k].dir;
        if (before !== 0 && k > 0) addSpan(row, crossings[k - 1].x, crossings[k].x, 1 / SUB_ROWS);
      }
    }
  }
  const text = new Uint8Array(width * height);
  for (let i = 0; i < coverage.length; i++) {
    coverage[i] = Math.min(1, coverage[i]);
    text[i] = coverage[i] >= 0.5 ? 1 : 0;
  }
  return { width, height, text, coverage };
}
