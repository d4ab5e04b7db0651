import type { Pixels } from './types.ts';

/**
 * Whether two pictures are the same size with the same pixels: "Read text" leaves out a
 * candidate that is the picture it has already read (the lesson's rule when that is shown).
 * Compares 32-bit words where the buffers allow it; stops at the first difference.
 */
export function samePixels(a: Pixels, b: Pixels): boolean {
  if (a === b) return true;
  if (a.width !== b.width || a.height !== b.height || a.data.length !== b.data.length) {
    return false;
  }
  const aligned = a.data.byteOffset % 4 === 0 && b.data.byteOffset % 4 === 0;
  const x = aligned
    ? new Uint32Array(a.data.buffer, a.data.byteOffset, a.data.length >> 2)
    : a.data;
  const y = aligned
    ? new Uint32Array(b.data.buffer, b.data.byteOffset, b.data.length >> 2)
    : b.data;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}
