/**
 * Facts read from an image's header without decoding it: pixel size, whether it may hold
 * transparency, and whether the file is cut short. Reading the size first lets the app refuse
 * a 30000×30000 image before the browser tries to allocate its pixels.
 */
import { ascii, type ImageKind } from './formats.ts';

/** Width and height in pixels, as stored (before EXIF orientation). */
export interface ImageSize {
  width: number;
  height: number;
}

const u16be = (b: Uint8Array, i: number) => (b[i] << 8) | b[i + 1];
const u16le = (b: Uint8Array, i: number) => b[i] | (b[i + 1] << 8);
const u24le = (b: Uint8Array, i: number) => b[i] | (b[i + 1] << 8) | (b[i + 2] << 16);
const u32be = (b: Uint8Array, i: number) =>
  ((b[i] << 24) | (b[i + 1] << 16) | (b[i + 2] << 8) | b[i + 3]) >>> 0;
const u32le = (b: Uint8Array, i: number) =>
  (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24)) >>> 0;

/** The stored pixel size, or `null` when the header does not say (or is cut short). */
export function readImageSize(bytes: Uint8Array, kind: ImageKind): ImageSize | null {
  const b = bytes;
  switch (kind) {
    case 'png':
      return pngSize(b);
    case 'gif':
      return { width: u16le(b, 6), height: u16le(b, 8) };
    case 'bmp': {
      if (b.length < 26) return null;
      // BITMAPCOREHEADER (12 bytes: Windows 2, OS/2 1.x) keeps its sides as unsigned 16-bit.
      if (u32le(b, 14) === 12) return { width: u16le(b, 18), height: u16le(b, 20) };
      const h = u32le(b, 22) | 0; // negative height = rows stored top-down
      return { width: u32le(b, 18) | 0, height: Math.abs(h) };
    }
    case 'jpeg':
      return jpegSize(b);
    case 'webp':
      return webpSize(b);
    case 'avif':
    case 'heic':
    case 'heif':
      return largestIspe(b);
  }
}

// A PNG's size is in its first chunk, which must be IHDR, and each side is 1 to 2^31 - 1:
// anything else is a damaged file, whose "size" would be four random bytes read as a number.
function pngSize(b: Uint8Array): ImageSize | null {
  if (b.length < 24 || ascii(b, 12, 4) !== 'IHDR') return null;
  const width = u32be(b, 16);
  const height = u32be(b, 20);
  const valid = (side: number) => side >= 1 && side <= 0x7fffffff;
  return valid(width) && valid(height) ? { width, height } : null;
}

// Walk the marker segments up to the first start-of-frame, which holds the size. Bytes
// between segments are skipped the way libjpeg's next_marker() does (it only warns about
// them): a reader stricter than the decoder would call a file "size unknown" that the
// browser then decodes in full, whatever size its frame declares.
function jpegSize(b: Uint8Array): ImageSize | null {
  let i = 2;
  while (i < b.length) {
    while (i < b.length && b[i] !== 0xff) i++; // stray bytes
    while (i < b.length && b[i] === 0xff) i++; // fill bytes
    if (i >= b.length) return null;
    const marker = b[i++];
    // Markers without a length: stuffed zero, TEM, SOI and the restart markers.
    if (marker === 0x00 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) continue;
    // End of image, or a scan before any frame: no size to read.
    if (marker === 0xd9 || marker === 0xda) return null;
    const isSof =
      marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isSof)
      return i + 7 <= b.length ? { width: u16be(b, i + 5), height: u16be(b, i + 3) } : null;
    if (i + 2 > b.length) return null;
    i += u16be(b, i);
  }
  return null;
}

function webpSize(b: Uint8Array): ImageSize | null {
  if (b.length < 30) return null;
  const chunk = ascii(b, 12, 4);
  if (chunk === 'VP8X') return { width: u24le(b, 24) + 1, height: u24le(b, 27) + 1 };
  if (chunk === 'VP8L') {
    const bits = u32le(b, 21);
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8 ') return { width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff };
  return null;
}

// HEIF/AVIF keep sizes in `ispe` properties; thumbnails and grid tiles have their own, so
// the largest one is the picture.
function largestIspe(b: Uint8Array): ImageSize | null {
  let best: ImageSize | null = null;
  const end = Math.min(b.length - 16, 1 << 20);
  for (let i = 4; i <= end; i++) {
    if (b[i] !== 0x69 || ascii(b, i, 4) !== 'ispe') continue;
    const size = { width: u32be(b, i + 8), height: u32be(b, i + 12) };
    if (!best || size.width * size.height > best.width * best.height) best = size;
  }
  return best;
}

/**
 * Whether the file may hold transparent pixels. `false` is certain (JPEG, opaque PNG colour
 * types, WebP without alpha); `true` means the decoded pixels must be looked at.
 */
export function mayHaveAlpha(bytes: Uint8Array, kind: ImageKind): boolean {
  const b = bytes;
  switch (kind) {
    case 'jpeg':
      return false;
    case 'png': {
      const colourType = b[25];
      return colourType === 4 || colourType === 6 || hasPngChunk(b, 'tRNS');
    }
    case 'webp': {
      const chunk = ascii(b, 12, 4);
      if (chunk === 'VP8X') return (b[20] & 0x10) !== 0;
      if (chunk === 'VP8L') return ((b[24] >> 4) & 1) === 1;
      return false;
    }
    default:
      return true;
  }
}

/** Whether a PNG has a chunk of the given type (before the image data ends). */
export function hasPngChunk(b: Uint8Array, type: string): boolean {
  return pngChunks(b).includes(type);
}

/** The chunk types of a PNG, in order, as far as the bytes go. */
export function pngChunks(b: Uint8Array): string[] {
  const types: string[] = [];
  let i = 8;
  while (i + 8 <= b.length) {
    const type = ascii(b, i + 4, 4);
    types.push(type);
    if (type === 'IEND') break;
    i += 12 + u32be(b, i);
  }
  return types;
}

/** Whether the file ends before its format says it should (a download cut short). */
export function isTruncated(bytes: Uint8Array, kind: ImageKind): boolean {
  const b = bytes;
  const n = b.length;
  switch (kind) {
    case 'png':
      return !pngChunks(b).includes('IEND');
    case 'jpeg':
      return !jpegHasEnd(b);
    case 'gif': {
      // The trailer byte, allowing for the zero padding some tools append.
      let last = n - 1;
      while (last > 0 && b[last] === 0) last--;
      return b[last] !== 0x3b;
    }
    case 'webp':
      return u32le(b, 4) + 8 > n;
    case 'bmp':
      return u32le(b, 2) > n;
    default:
      return false;
  }
}

// After the first start-of-scan, only the end-of-image marker is FF D9 (entropy-coded data
// stuffs every FF with 00). Searching from there, not from the file's tail, accepts files with
// data after the image (motion photos append a video) and skips EXIF thumbnails' own markers.
function jpegHasEnd(b: Uint8Array): boolean {
  let i = 2;
  while (i + 4 <= b.length && b[i] === 0xff) {
    const marker = b[i + 1];
    if (marker === 0xff) {
      i++;
      continue;
    }
    if (marker === 0xda) break;
    i += 2 + u16be(b, i + 2);
  }
  for (; i + 1 < b.length; i++) {
    if (b[i] === 0xff && b[i + 1] === 0xd9) return true;
  }
  return false;
}
