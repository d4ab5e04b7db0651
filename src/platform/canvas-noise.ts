/**
 * Whether this browser alters what a canvas hands back (Brave and Firefox's fingerprinting
 * resistance add small random changes to `getImageData`). Those changes are exactly the
 * one-level differences Reveal looks for, so where they happen PNG is read without a canvas.
 * Checked once per page: a known pattern drawn, read back and compared.
 */

let altered: boolean | undefined;

/** True when a canvas readback differs from what was drawn. */
export function canvasReadbackAltered(): boolean {
  altered ??= check();
  return altered;
}

function check(): boolean {
  const side = 16;
  const ctx = new OffscreenCanvas(side, side).getContext('2d', { willReadFrequently: true });
  if (!ctx) return false;
  // Opaque, every channel different and varied: a readback of opaque pixels is exact unless
  // the browser changes it on purpose.
  const drawn = new Uint8ClampedArray(side * side * 4);
  for (let i = 0; i < drawn.length; i++) drawn[i] = i % 4 === 3 ? 255 : (i * 37 + (i >> 5)) & 255;
  ctx.putImageData(new ImageData(drawn, side, side), 0, 0);
  const read = ctx.getImageData(0, 0, side, side).data;
  return read.some((v, i) => v !== drawn[i]);
}
