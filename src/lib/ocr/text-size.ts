/**
 * How tall the text in a picture is, so the reader gets it at the size it reads best.
 * Tesseract's LSTM model was trained on capitals around 30–40 pixels tall; 12-pixel text, as
 * Auto's mask of a small message draws it, comes back with letters misread ("MESERGE" for
 * "MESSAGE") even when every stroke is there.
 */
import type { Pixels } from '../reveal/types.ts';

/** Dark enough to be ink (0–255 luminance) on a dark-on-light picture. */
const INK = 128;

/** Marks shorter than this many pixels are specks or punctuation, not letters. */
const MIN_LETTER_HEIGHT = 5;

/** The dark marks of a picture, as {@link inkMarks} counts them. */
export interface InkMarks {
  /** Median height (pixels) of the marks at least {@link MIN_LETTER_HEIGHT} tall; 0 if none. */
  height: number;
  /** How many marks are that tall: letters, or parts of them. */
  letters: number;
  /** How many are shorter: specks of noise, dots. */
  specks: number;
}

/**
 * The median height in pixels of the dark marks (8-connected) in a dark-on-light picture,
 * counting only marks at least {@link MIN_LETTER_HEIGHT} tall; 0 when there are none. A
 * capital of a bitmap or printed face is one mark, so this is the capital height.
 */
export function inkHeight(pixels: Pixels): number {
  return inkMarks(pixels).height;
}

/** One dark mark: its label in {@link Labelled.labels} and its bounding box (inclusive). */
interface Mark {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Every pixel's mark (0 for no ink, else 1 + the mark's index) and the marks' boxes. */
interface Labelled {
  labels: Int32Array;
  marks: Mark[];
}

/** The dark marks (8-connected) of a dark-on-light picture, labelled pixel by pixel. */
function labelMarks(pixels: Pixels): Labelled {
  const { width, height, data } = pixels;
  const n = width * height;
  // −1: ink not yet labelled; 0: no ink; k > 0: mark k − 1.
  const labels = new Int32Array(n);
  for (let i = 0, p = 0; i < n; i++, p += 4) {
    const a = data[p + 3] / 255;
    const y = 0.299 * data[p] + 0.587 * data[p + 1] + 0.114 * data[p + 2];
    labels[i] = a * y + (1 - a) * 255 < INK ? -1 : 0;
  }
  const marks: Mark[] = [];
  const stack = new Int32Array(n);
  for (let start = 0; start < n; start++) {
    if (labels[start] !== -1) continue;
    // Flood the mark from `start`, labelling it as it goes, to find its box.
    const label = marks.length + 1;
    const mark = { left: width, top: height, right: -1, bottom: -1 };
    labels[start] = label;
    let sp = 0;
    stack[sp++] = start;
    while (sp > 0) {
      const i = stack[--sp];
      const y = (i / width) | 0;
      const x = i - y * width;
      if (y < mark.top) mark.top = y;
      if (y > mark.bottom) mark.bottom = y;
      if (x < mark.left) mark.left = x;
      if (x > mark.right) mark.right = x;
      for (let dy = -1; dy <= 1; dy++) {
        const ny = y + dy;
        if (ny < 0 || ny >= height) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx;
          if (nx < 0 || nx >= width) continue;
          const j = ny * width + nx;
          if (labels[j] === -1) {
            labels[j] = label;
            stack[sp++] = j;
          }
        }
      }
    }
    marks.push(mark);
  }
  return { labels, marks };
}

/** The dark marks (8-connected) of a dark-on-light picture: letters' height and specks. */
export function inkMarks(pixels: Pixels): InkMarks {
  const heights: number[] = [];
  let specks = 0;
  for (const m of labelMarks(pixels).marks) {
    const h = m.bottom - m.top + 1;
    if (h >= MIN_LETTER_HEIGHT) heights.push(h);
    else specks++;
  }
  if (heights.length === 0) return { height: 0, letters: 0, specks };
  heights.sort((a, b) => a - b);
  return { height: heights[heights.length >> 1], letters: heights.length, specks };
}

/**
 * A copy without the lone specks: marks no bigger than `size` pixels either way with no other
 * ink within `clearance` pixels of their box. What noise leaves in the background of a mask
 * goes (the reader takes such specks for "|", "." or "©"); a full stop, an i's dot or a
 * comma stays, since each sits within a letter's height of the letters.
 */
export function dropLoneSpecks(pixels: Pixels, size: number, clearance: number): Pixels {
  const { width, height } = pixels;
  const { labels, marks } = labelMarks(pixels);
  const data = new Uint8ClampedArray(pixels.data);
  marks.forEach((m, k) => {
    if (m.right - m.left >= size || m.bottom - m.top >= size) return;
    const label = k + 1;
    const x0 = Math.max(0, m.left - clearance);
    const x1 = Math.min(width - 1, m.right + clearance);
    const y0 = Math.max(0, m.top - clearance);
    const y1 = Math.min(height - 1, m.bottom + clearance);
    for (let y = y0; y <= y1; y++) {
      for (let x = x0; x <= x1; x++) {
        const l = labels[y * width + x];
        if (l !== 0 && l !== label) return;
      }
    }
    for (let y = m.top; y <= m.bottom; y++) {
      for (let x = m.left; x <= m.right; x++) {
        if (labels[y * width + x] !== label) continue;
        const p = (y * width + x) * 4;
        data[p] = data[p + 1] = data[p + 2] = data[p + 3] = 255;
      }
    }
  });
  return { width, height, data };
}

/**
 * Whether the picture has only two tones, black and white (as a threshold or Auto's mask
 * does), sampled on at most ~65 000 pixels. Only such a picture may be cut again after it is
 * enlarged: a grey or coloured view would lose what it shows.
 */
export function isTwoTone(pixels: Pixels): boolean {
  const { data } = pixels;
  const n = data.length >> 2;
  const step = Math.max(1, Math.floor(n / 65536));
  for (let i = 0; i < n; i += step) {
    const p = i * 4;
    for (let c = 0; c < 3; c++) {
      const v = data[p + c];
      if (v !== 0 && v !== 255) return false;
    }
  }
  return true;
}

/**
 * A grey copy `factor` times larger, drawn with bilinear interpolation. Alpha is made opaque
 * over white, as the picture is shown.
 */
export function enlarge(pixels: Pixels, factor: number): Pixels {
  const { width, height, data } = pixels;
  const w = Math.round(width * factor);
  const h = Math.round(height * factor);
  const out = new Uint8ClampedArray(w * h * 4);
  // Source luminance, composited over white: the reader sees grey anyway.
  const grey = new Float32Array(width * height);
  for (let i = 0, p = 0; i < grey.length; i++, p += 4) {
    const a = data[p + 3] / 255;
    grey[i] = a * (0.299 * data[p] + 0.587 * data[p + 1] + 0.114 * data[p + 2]) + (1 - a) * 255;
  }
  for (let y = 0; y < h; y++) {
    const sy = Math.min(height - 1, Math.max(0, (y + 0.5) / factor - 0.5));
    const y0 = Math.floor(sy);
    const y1 = Math.min(height - 1, y0 + 1);
    const fy = sy - y0;
    for (let x = 0; x < w; x++) {
      const sx = Math.min(width - 1, Math.max(0, (x + 0.5) / factor - 0.5));
      const x0 = Math.floor(sx);
      const x1 = Math.min(width - 1, x0 + 1);
      const fx = sx - x0;
      const top = grey[y0 * width + x0] * (1 - fx) + grey[y0 * width + x1] * fx;
      const bottom = grey[y1 * width + x0] * (1 - fx) + grey[y1 * width + x1] * fx;
      const v = top * (1 - fy) + bottom * fy;
      const p = (y * w + x) * 4;
      out[p] = out[p + 1] = out[p + 2] = v;
      out[p + 3] = 255;
    }
  }
  return { width: w, height: h, data: out };
}

/**
 * A two-tone copy of a grey picture: a box blur `radius` pixels each way (a separable running
 * mean), then black wherever the result is darker than `cut`. Blurring an enlarged mask and
 * cutting above the middle rounds a bitmap face's stair-steps and thickens its strokes a
 * little, which closes the one-pixel breaks JPEG leaves in a small letter (a morphological
 * close, in one pass).
 */
export function smoothCut(pixels: Pixels, radius: number, cut: number): Pixels {
  const { width: w, height: h, data } = pixels;
  const across = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    const row = y * w;
    let sum = 0;
    let lo = 0;
    let hi = -1;
    for (let x = 0; x < w; x++) {
      // The window [x − radius, x + radius], clipped to the row.
      while (hi < Math.min(w - 1, x + radius)) sum += data[(row + ++hi) * 4];
      while (lo < x - radius) sum -= data[(row + lo++) * 4];
      across[row + x] = sum / (hi - lo + 1);
    }
  }
  const out = new Uint8ClampedArray(w * h * 4);
  for (let x = 0; x < w; x++) {
    let sum = 0;
    let lo = 0;
    let hi = -1;
    for (let y = 0; y < h; y++) {
      while (hi < Math.min(h - 1, y + radius)) sum += across[++hi * w + x];
      while (lo < y - radius) sum -= across[lo++ * w + x];
      const v = sum / (hi - lo + 1) < cut ? 0 : 255;
      const p = (y * w + x) * 4;
      out[p] = out[p + 1] = out[p + 2] = v;
      out[p + 3] = 255;
    }
  }
  return { width: w, height: h, data: out };
}

/** A copy with a white border `margin` pixels wide on every side. */
export function pad(pixels: Pixels, margin: number): Pixels {
  const { width, height, data } = pixels;
  const w = width + 2 * margin;
  const h = height + 2 * margin;
  const out = new Uint8ClampedArray(w * h * 4).fill(255);
  for (let y = 0; y < height; y++)
    out.set(data.subarray(y * width * 4, (y + 1) * width * 4), ((y + margin) * w + margin) * 4);
  return { width: w, height: h, data: out };
}
