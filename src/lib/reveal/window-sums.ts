/**
 * Each channel's triangle-weighted sum round the evaluation samples, at every radius at once,
 * made once per grid. The colour axis smooths each channel at one radius, and each try at the
 * cut projects every radius onto an axis; both are linear in the channels, so both follow
 * from these sums in a few multiplies a sample, where each used to read and weigh all 81
 * pixels of a window again (the closer look of small text under noise did that six times).
 */
import type { SampleGrid } from './samples.ts';
import { MAX_RADIUS } from './smoothing.ts';
import type { Pixels } from './types.ts';
import { ALPHA, BLUE, GREEN, RED, wordsOf } from './words.ts';

/** Integer triangle sums per radius: `sums[r][4 * o + c]`, channel c in RGBA order. */
export interface WindowSums {
  every: number;
  /**
   * Entry r sums the window of radius r with the integer triangle weights (total (r + 1)⁴):
   * divide by that for the mean. At most 255 × 625, so every sum is exact.
   */
  sums: Int32Array[];
}

const known = new WeakMap<SampleGrid, WindowSums>();

/**
 * The largest radius, read once: an imported binding read in a loop can cost a call each time
 * (a module getter, where the code runs untranspiled by a bundler).
 */
const LARGEST = MAX_RADIUS;

/** Side of the widest window. */
const SIDE = 2 * LARGEST + 1;

/** Bytes 0 and 2 of a word (and, shifted down by 8, bytes 1 and 3) in two 16-bit lanes. */
const LANES = 0xff00ff;

/**
 * The triangle sums round every `every`-th sample of the grid at radii 0 to MAX_RADIUS, edges
 * replicated as the sample windows replicate them (windows.ts); made once per grid and step.
 */
export function windowSums(
  pixels: Pixels,
  grid: SampleGrid,
  every: number,
  signal?: AbortSignal,
): WindowSums {
  const cached = known.get(grid);
  if (cached && cached.every === every) return cached;
  const { width, height } = pixels;
  const unsigned = wordsOf(pixels.data);
  // Int32, not Uint32: an opaque word is over 2³¹, which V8 reads from a Uint32Array as a double.
  const image = new Int32Array(unsigned.buffer, unsigned.byteOffset, unsigned.length);
  const n = Math.ceil(grid.words.length / every);
  const sums = Array.from({ length: LARGEST + 1 }, () => new Int32Array(n * 4));
  // Where each byte's sum goes: byte b of a word is channel slot[b].
  const slot = new Int32Array(4);
  [RED, GREEN, BLUE, ALPHA].forEach((shift, c) => (slot[shift >> 3] = c));
  const [red, green, blue, alpha] = [0, 1, 2, 3].map((c) => slot.indexOf(c));
  // Samples are taken a grid row at a time, and each window row across all of them: the
  // image is then read along its rows, which the memory system fetches ahead, where window
  // after window jumps nine rows down and back up at every sample.
  let columns = new Int32Array(0);
  // Per sample of the row, radius and window row, the row's triangle across in two lanes:
  // [0] holds bytes 0 and 2, [1] bytes 1 and 3. A lane sums at most 25 × 255, so it never
  // carries into the other.
  let lanes = new Int32Array(0);
  const perSample = (LARGEST + 1) * SIDE * 2;
  const bytes = new Int32Array(4);
  for (let k = 0, o = 0; k < grid.words.length;) {
    if ((o & 0xff) === 0) signal?.throwIfAborted();
    const y = grid.ys[k];
    let count = 0;
    while (k + count * every < grid.words.length && grid.ys[k + count * every] === y) count++;
    if (columns.length < count * SIDE) {
      columns = new Int32Array(count * SIDE);
      lanes = new Int32Array(count * perSample);
    }
    for (let s = 0; s < count; s++) {
      const x = grid.xs[k + s * every];
      for (let d = 0; d < SIDE; d++) {
        columns[s * SIDE + d] = Math.min(width - 1, Math.max(0, x + d - LARGEST));
      }
    }
    for (let dy = 0; dy < SIDE; dy++) {
      const row = Math.min(height - 1, Math.max(0, y + dy - LARGEST)) * width;
      for (let s = 0; s < count; s++) {
        const c = s * SIDE + LARGEST;
        // The triangle of radius r is the sum of the boxes of radius 0 … r, each growing
        // outwards from the centre column by one pixel either side.
        const centre = image[row + columns[c]];
        let boxEven = centre & LANES;
        let boxOdd = (centre >>> 8) & LANES;
        let evenSum = boxEven;
        let oddSum = boxOdd;
        const base = s * perSample + dy * 2;
        lanes[base] = evenSum;
        lanes[base + 1] = oddSum;
        for (let r = 1; r <= LARGEST; r++) {
          const left = image[row + columns[c - r]];
          const right = image[row + columns[c + r]];
          boxEven += (left & LANES) + (right & LANES);
          boxOdd += ((left >>> 8) & LANES) + ((right >>> 8) & LANES);
          evenSum += boxEven;
          oddSum += boxOdd;
          lanes[base + r * SIDE * 2] = evenSum;
          lanes[base + r * SIDE * 2 + 1] = oddSum;
        }
      }
    }
    // Down: the same triangle over the window rows within r of the centre, per byte.
    for (let s = 0; s < count; s++, o++) {
      for (let r = 0; r <= LARGEST; r++) {
        let b0 = 0;
        let b1 = 0;
        let b2 = 0;
        let b3 = 0;
        for (let dy = LARGEST - r; dy <= LARGEST + r; dy++) {
          const weight = r + 1 - Math.abs(dy - LARGEST);
          const at = s * perSample + (r * SIDE + dy) * 2;
          const even = lanes[at];
          const odd = lanes[at + 1];
          b0 += weight * (even & 0xffff);
          b1 += weight * (odd & 0xffff);
          b2 += weight * (even >>> 16);
          b3 += weight * (odd >>> 16);
        }
        bytes[0] = b0;
        bytes[1] = b1;
        bytes[2] = b2;
        bytes[3] = b3;
        const out = sums[r];
        out[o * 4] = bytes[red];
        out[o * 4 + 1] = bytes[green];
        out[o * 4 + 2] = bytes[blue];
        out[o * 4 + 3] = bytes[alpha];
      }
    }
    k += count * every;
  }
  const result = { every, sums };
  known.set(grid, result);
  return result;
}
