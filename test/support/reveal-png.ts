/**
 * PNG writing and reading for Reveal's tests, independent of the browser's codecs, so a test
 * can write exact values into a file and check the exact values a file holds: the format of
 * `png-format.ts` with CompressionStream / DecompressionStream, so it runs in Node and in
 * Chromium alike.
 */
import type { Pixels } from '../../src/lib/reveal/types.ts';
import { assemblePng, parsePng, pixelsFromRaw, rawRows } from './png-format.ts';

async function pipe(bytes: Uint8Array, stream: GenericTransformStream): Promise<Uint8Array> {
  const out = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(out).arrayBuffer());
}

/** Encode RGBA pixels as an 8-bit RGBA PNG (filter 0 on every row). */
export async function writePng(pixels: Pixels): Promise<Uint8Array> {
  const idat = await pipe(rawRows(pixels), new CompressionStream('deflate'));
  return assemblePng(pixels.width, pixels.height, idat);
}

/** Decode an 8-bit non-interlaced PNG to RGBA pixels. */
export async function readPng(file: Uint8Array): Promise<Pixels> {
  const parts = parsePng(file);
  return pixelsFromRaw(parts, await pipe(parts.idat, new DecompressionStream('deflate')));
}
