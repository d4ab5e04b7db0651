/**
 * Formats read without a canvas, for browsers that add noise to what a canvas hands back:
 * PNG (fast-png) and BMP (our own decoder), the two lossless formats people keep hidden
 * text in. Every other format, and the BMP kinds the decoder does not read (RLE, JPEG or PNG
 * inside), still goes through the canvas, with a warning.
 */
import { BmpUnsupportedError, decodeBmp } from '../lib/image/bmp.ts';
import type { ImageKind } from '../lib/image/formats.ts';
import type { Pixels } from '../lib/reveal/types.ts';
import { decodePngDirect } from './png-direct.ts';

/**
 * The file's own straight RGBA, or `undefined` where only the canvas can decode it. Throws
 * `ImageError` for a damaged, cut-short or oversized PNG or BMP.
 */
export function decodeDirect(bytes: Uint8Array, kind: ImageKind): Pixels | undefined {
  if (kind === 'png') return decodePngDirect(bytes);
  if (kind !== 'bmp') return undefined;
  try {
    return decodeBmp(bytes);
  } catch (error) {
    if (error instanceof BmpUnsupportedError) return undefined;
    throw error;
  }
}
