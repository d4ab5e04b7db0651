/**
 * A JPEG round trip without a codec: what a baseline encoder does to the pixels, and only
 * that. RGB → YCbCr (JFIF), chroma averaged over 2×2 (4:2:0), 8×8 DCT, quantisation with
 * the standard tables scaled like libjpeg's quality, inverse DCT, chroma upsampled, back to RGB.
 * Alpha is kept (JPEG has none; the tests only round-trip opaque images).
 */
import type { Pixels } from '../../../src/lib/reveal/index.ts';

// prettier-ignore
const LUMA = [16,11,10,16,24,40,51,61,12,12,14,19,26,58,60,55,14,13,16,24,40,57,69,56,14,17,22,29,51,87,80,62,18,22,37,56,68,109,103,77,24,35,55,64,81,104,113,92,49,64,78,87,103,121,120,101,72,92,95,98,112,100,103,99];
// prettier-ignore
const CHROMA = [17,18,24,47,99,99,99,99,18,21,26,66,99,99,99,99,24,26,56,99,99,99,99,99,47,66,99,99,99,99,99,99,99,99,99,99,99,99,99,99,99,99,99,99,99,99,99,99,99,99,99,99,99,99,99,99,99,99,99,99,99,99,99,99];

/** libjpeg's quality scaling of a base table. */
function scaled(table: number[], quality: number): number[] {
  const q = quality < 50 ? 5000 / quality : 200 - quality * 2;
  return table.map((v) => Math.min(255, Math.max(1, Math.floor((v * q + 50) / 100))));
}

const cosines = Array.from({ length: 64 }, (_, i) => {
  const x = i >> 3;
  const u = i & 7;
  return Math.cos(((2 * x + 1) * u * Math.PI) / 16) * (u === 0 ? Math.SQRT1_2 : 1) * 0.5;
});

/** Quantise one plane through 8×8 DCT blocks in place (edges padded by replication). */
function quantisePlane(plane: Float64Array, width: number, height: number, table: number[]): void {
  const block = new Float64Array(64);
  const coef = new Float64Array(64);
  // A block's result depends only on its 64 levels, so a block of one level (most of a
  // plain background) gets the levels computed for the first block of that level: the
  // same bytes, without two 64 × 64 sums per block (a 12 MP image has 280,000 blocks).
  const plain = new Map<number, Float64Array>();
  for (let by = 0; by < height; by += 8) {
    for (let bx = 0; bx < width; bx += 8) {
      let same = true;
      for (let y = 0; y < 8; y++) {
        for (let x = 0; x < 8; x++) {
          const sx = Math.min(width - 1, bx + x);
          const sy = Math.min(height - 1, by + y);
          block[y * 8 + x] = plane[sy * width + sx] - 128;
          same &&= block[y * 8 + x] === block[0];
        }
      }
      const known = same ? plain.get(block[0]) : undefined;
      if (known) {
        writeBlock(plane, width, height, bx, by, known);
        continue;
      }
      for (let v = 0; v < 8; v++) {
        for (let u = 0; u < 8; u++) {
          let sum = 0;
          for (let y = 0; y < 8; y++) {
            for (let x = 0; x < 8; x++)
              sum += block[y * 8 + x] * cosines[x * 8 + u] * cosines[y * 8 + v];
          }
          const q = table[v * 8 + u];
          coef[v * 8 + u] = Math.round(sum / q) * q;
        }
      }
      const levels = new Float64Array(64);
      for (let y = 0; y < 8; y++) {
        for (let x = 0; x < 8; x++) {
          let sum = 0;
          for (let v = 0; v < 8; v++) {
            for (let u = 0; u < 8; u++)
              sum += coef[v * 8 + u] * cosines[x * 8 + u] * cosines[y * 8 + v];
          }
          levels[y * 8 + x] = Math.min(255, Math.max(0, Math.round(sum + 128)));
        }
      }
      if (same) plain.set(block[0], levels);
      writeBlock(plane, width, height, bx, by, levels);
    }
  }
}

/** Write a block's 64 levels back at (`bx`, `by`), leaving out what lies past the plane's edge. */
function writeBlock(
  plane: Float64Array,
  width: number,
  height: number,
  bx: number,
  by: number,
  levels: Float64Array,
): void {
  for (let y = 0; y < 8 && by + y < height; y++) {
    for (let x = 0; x < 8 && bx + x < width; x++)
      plane[(by + y) * width + bx + x] = levels[y * 8 + x];
  }
}

/** What the pixels look like after saving as JPEG at `quality` (1–100) and decoding again. */
export function jpegRoundTrip(pixels: Pixels, quality: number): Pixels {
  const { width, height, data } = pixels;
  const n = width * height;
  const yPlane = new Float64Array(n);
  const cw = Math.ceil(width / 2);
  const ch = Math.ceil(height / 2);
  const cb = new Float64Array(cw * ch);
  const cr = new Float64Array(cw * ch);
  const counts = new Float64Array(cw * ch);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      const [r, g, b] = [data[i * 4], data[i * 4 + 1], data[i * 4 + 2]];
      yPlane[i] = Math.round(0.299 * r + 0.587 * g + 0.114 * b);
      const c = (y >> 1) * cw + (x >> 1);
      cb[c] += -0.168736 * r - 0.331264 * g + 0.5 * b + 128;
      cr[c] += 0.5 * r - 0.418688 * g - 0.081312 * b + 128;
      counts[c]++;
    }
  }
  for (let c = 0; c < cw * ch; c++) {
    cb[c] = Math.round(cb[c] / counts[c]);
    cr[c] = Math.round(cr[c] / counts[c]);
  }
  quantisePlane(yPlane, width, height, scaled(LUMA, quality));
  quantisePlane(cb, cw, ch, scaled(CHROMA, quality));
  quantisePlane(cr, cw, ch, scaled(CHROMA, quality));
  const out = new Uint8ClampedArray(data.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      const c = (y >> 1) * cw + (x >> 1);
      const l = yPlane[i];
      const b = cb[c] - 128;
      const r = cr[c] - 128;
      out[i * 4] = Math.round(l + 1.402 * r);
      out[i * 4 + 1] = Math.round(l - 0.344136 * b - 0.714136 * r);
      out[i * 4 + 2] = Math.round(l + 1.772 * b);
      out[i * 4 + 3] = data[i * 4 + 3];
    }
  }
  return { width, height, data: out };
}
