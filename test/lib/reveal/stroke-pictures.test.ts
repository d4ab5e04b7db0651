/**
 * The picture "Read text" reads last on a noisy image, the noise smoothed along the strokes
 * (src/lib/reveal/stroke-pictures.ts): a thin diagonal keeps its contrast where Auto's square
 * smoothing loses half of it, the noise still drops, and the tuning draw whose every other
 * picture misread reads as the phrase with it.
 */
import { describe, expect, it } from 'vitest';
import { autoReveal } from '../../../src/lib/reveal/index.ts';
import { noiseReadingPictures, triangle } from '../../../src/lib/reveal/noise-pictures.ts';
import { alongStrokes, strokeReadingPicture } from '../../../src/lib/reveal/stroke-pictures.ts';
import { addNoise, drawText, flat, paint } from './corpus.ts';
import { readsAs, useReader, wordsOf } from './ocr-node.ts';
import { drawsOf, families, tuningPhrases } from './sweep.ts';

const reader = useReader();

const gaussian = families.find((f) => /^Gaussian/.test(f.name));
if (!gaussian) throw new Error('no Gaussian family in the sweep');

/**
 * Tuning draw 18 of the Gaussian family in Arimo: regular 20 px, green 9 levels, σ 6.6 (0.73 ×
 * the difference). Auto's mask reads "QUICK BROWS! FOX UMPS" and the grey noise picture "QUICK
 * BROW! FOX JUMPS": the W's and N's thin diagonals break into dashes.
 */
const [missed] = drawsOf(gaussian, 19, 1, tuningPhrases, 'font');

/** A w × h grid of 0 with a line of 1 two pixels wide running down at 45°. */
function diagonal(w: number, h: number): Float32Array {
  const grid = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) if (x - y === 0 || x - y === 1) grid[y * w + x] = 1;
  }
  return grid;
}

/** Standard deviation of the values. */
function spread(values: Float32Array): number {
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  return Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length);
}

describe('alongStrokes', () => {
  it("keeps a thin diagonal's contrast where Auto's square smoothing loses a third of it", () => {
    const w = 40;
    const grid = diagonal(w, w);
    const near = new Uint8Array(w * w).fill(1);
    const along = alongStrokes(grid, w, w, near);
    // On the stroke, away from the grid's edges: the line along it lowers it no more than the
    // light smoothing before it, while Auto's square (radius 2, as on the sweep's draws) takes
    // it down by a third.
    const middle = 20 * w + 20;
    expect(along[middle]).toBeCloseTo(triangle(grid, w, w, 1)[middle], 5);
    expect(along[middle]).toBeGreaterThan(0.6);
    expect(triangle(grid, w, w, 2)[middle]).toBeLessThan(0.7 * along[middle]);
    // Beside it, three pixels off the stroke, it stays at the background: not widened.
    expect(along[middle - 3]).toBeLessThan(0.1);
  });

  it('takes independent noise down by more than half', () => {
    const w = 64;
    const noise = new Float32Array(w * w);
    // A fixed pseudo-random sequence (no stroke anywhere): about uniform on −1 … 1.
    let state = 12345;
    for (let i = 0; i < noise.length; i++) {
      state = (state * 1103515245 + 12345) % 2 ** 31;
      noise[i] = (state / 2 ** 31) * 2 - 1;
    }
    const along = alongStrokes(noise, w, w, new Uint8Array(w * w).fill(1));
    expect(spread(along)).toBeLessThan(spread(noise) / 2);
  });

  it("keeps a stroke's value up to the grid's right edge", () => {
    // A bar three pixels tall from the middle to the right edge, on 0: along its middle row
    // the line lies along it, and past the edge the edge's value repeats.
    const w = 30;
    const h = 24;
    const grid = new Float32Array(w * h);
    for (let y = 10; y <= 12; y++) grid.fill(1, y * w + 15, (y + 1) * w);
    const along = alongStrokes(grid, w, h, new Uint8Array(w * h).fill(1));
    for (let x = w - 6; x < w; x++) expect(along[11 * w + x], `x = ${x}`).toBeCloseTo(1, 5);
  });

  it('leaves 0 away from the letters', () => {
    const w = 20;
    const near = new Uint8Array(w * w);
    near[5 * w + 5] = 1;
    const along = alongStrokes(diagonal(w, w), w, w, near);
    expect(along[5 * w + 5]).toBeGreaterThan(0.5);
    expect(along.filter((v) => v !== 0)).toHaveLength(1);
  });
});

describe('strokeReadingPicture', () => {
  it('reads as the phrase a tuning draw misread in every other picture', async () => {
    const found = autoReveal(missed.image);
    const before = [found.mask, ...noiseReadingPictures(missed.image, found)];
    const without = await reader.readBest(before);
    expect(readsAs(without.text, missed.phrase), `read "${without.text}"`).toBe(false);
    const picture = strokeReadingPicture(missed.image, found);
    if (!picture) throw new Error('no stroke picture under Gaussian noise');
    expect([picture.width, picture.height]).toEqual([missed.image.width, missed.image.height]);
    const best = await reader.readBest([...before, picture]);
    expect(wordsOf(best.text), missed.label).toEqual(wordsOf(missed.phrase.join(' ')));
  }, 60_000);

  it('gives nothing for a clean image, which Auto does not smooth', () => {
    const drawn = drawText(['CLEAN'], 4, 200, 60, 'regular');
    const image = paint(drawn, flat([120, 160, 90, 255]), flat([128, 160, 90, 255]));
    expect(strokeReadingPicture(image, autoReveal(image))).toBeNull();
  });

  it('stops when the read is abandoned', () => {
    const image = addNoise(
      paint(drawText(['NOISY'], 4, 200, 60), flat([120, 160, 90, 255]), flat([130, 160, 90, 255])),
      6,
      'gaussian',
      5,
    );
    const job = new AbortController();
    job.abort(new Error('abandoned'));
    expect(() => strokeReadingPicture(image, autoReveal(image), job.signal)).toThrow('abandoned');
  });
});
