/**
 * The smoothed mask at half resolution, which Auto reveal uses from 4 megapixels on: it must
 * read the text as well as the full-resolution pass does. Checked on the case (+8 in
 * red under noise of σ 6), where both passes are forced on the same image, projection and cut,
 * for each radius the half pass stands in for.
 */
import { describe, expect, it } from 'vitest';
import { autoReveal } from '../../../src/lib/reveal/index.ts';
import { fitBackground } from '../../../src/lib/reveal/background-model.ts';
import { maskPass } from '../../../src/lib/reveal/mask-pass.ts';
import { projection } from '../../../src/lib/reveal/projection.ts';
import { sampleGrid } from '../../../src/lib/reveal/samples.ts';
import { addNoise, drawText, flat, iou, paint } from './corpus.ts';

describe('the smoothed mask at half resolution', () => {
  // Odd sizes, so the last block column and row are padded by their edge.
  const layout = drawText(['YOU CAN VECTORIZE', 'THE WHOLE WORLD'], 5, 601, 451);
  const image = addNoise(
    paint(layout, flat([126, 217, 87, 255]), flat([134, 217, 87, 255])),
    6,
    'gaussian',
    4,
  );
  const found = autoReveal(image);
  const { red, green, blue, alpha } = found.axis;
  const p = projection(
    new Float64Array([red, green, blue, alpha]),
    fitBackground(sampleGrid(image, 1 << 18), image.width, image.height),
  );

  it.each([1, 2])('reads the text as well as the full pass (radius %i)', (radius) => {
    const full = maskPass(
      image,
      p,
      radius,
      found.threshold,
      undefined,
      undefined,
      undefined,
      false,
    );
    const half = maskPass(image, p, radius, found.threshold, undefined, undefined, undefined, true);
    const fullIou = iou(full, layout);
    const halfIou = iou(half, layout);
    // The half pass really works in 2 × 2 blocks: every block is one colour.
    let mixed = 0;
    for (let y = 0; y + 1 < image.height; y += 2) {
      for (let x = 0; x + 1 < image.width; x += 2) {
        const at = (dx: number, dy: number) => half.data[((y + dy) * image.width + x + dx) * 4];
        if (at(0, 0) !== at(1, 0) || at(0, 0) !== at(0, 1) || at(0, 0) !== at(1, 1)) mixed++;
      }
    }
    expect(mixed).toBe(0);
    expect(halfIou).toBeGreaterThanOrEqual(fullIou - 0.05);
    // Measured 0.75 (the full pass: 0.41 and 0.76).
    expect(halfIou).toBeGreaterThanOrEqual(0.7);
  });

  it('gives the same mask by its fused flat-background loop as by the general one', () => {
    const fused = maskPass(image, p, 2, found.threshold, undefined, undefined, undefined, true);
    // A reading that changes nothing but takes the general loop (row by row, then blocks).
    const general = maskPass(
      image,
      p,
      2,
      found.threshold,
      undefined,
      undefined,
      { neutral: 0, far: 1e6 },
      true,
    );
    expect(fused.data.some((v) => v === 0)).toBe(true);
    expect(Buffer.from(fused.data).equals(Buffer.from(general.data))).toBe(true);
  });
});
