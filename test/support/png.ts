/**
 * A small PNG decoder and encoder for Node tests (node:zlib, no canvas, synchronous): the
 * format of `png-format.ts` with zlib's inflate and deflate. Enough to compare pixels exactly
 * with the fixtures and with downloads.
 */
import { readFileSync } from 'node:fs';
import { deflateSync, inflateSync } from 'node:zlib';
import type { Pixels } from '../../src/lib/reveal/types.ts';
import { assemblePng, parsePng, pixelsFromRaw, rawRows } from './png-format.ts';

/** Decode PNG bytes into straight RGBA pixels. Throws on anything it does not support. */
export function decodePng(bytes: Uint8Array): Pixels {
  const parts = parsePng(bytes);
  return pixelsFromRaw(parts, inflateSync(parts.idat));
}

/** Decode a PNG file. */
export function readPng(path: string | URL): Pixels {
  return decodePng(readFileSync(path));
}

/** Encode RGBA pixels as a PNG (filter 0, for tests and for looking at results by eye). */
export function encodePng(pixels: Pixels): Uint8Array {
  return assemblePng(pixels.width, pixels.height, deflateSync(rawRows(pixels)));
}
