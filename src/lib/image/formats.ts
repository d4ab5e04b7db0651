/**
 * Image formats recognised by their first bytes (magic numbers), never by file name or the
 * browser's guess: a HEIC photo renamed `.png` is still HEIC.
 */

/** Every format the Ask view recognises. */
export type ImageKind = 'png' | 'jpeg' | 'webp' | 'gif' | 'bmp' | 'avif' | 'heic' | 'heif';

/** A recognised format and the MIME type that names it. */
export interface ImageFormat {
  kind: ImageKind;
  mimeType: string;
}

const MIME: Record<ImageKind, string> = {
  png: 'image/png',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  gif: 'image/gif',
  bmp: 'image/bmp',
  avif: 'image/avif',
  heic: 'image/heic',
  heif: 'image/heif',
};

/** Formats Gemini takes as inline data (GIF, BMP and AVIF must be converted first). */
export const API_ACCEPTED_KINDS: ReadonlySet<ImageKind> = new Set([
  'png',
  'jpeg',
  'webp',
  'heic',
  'heif',
]);

/** Formats Chromium cannot decode, so they can only be sent as they are. */
export const UNDECODABLE_KINDS: ReadonlySet<ImageKind> = new Set(['heic', 'heif']);

/** Formats that store pixels losslessly: usually screenshots, charts and diagrams. */
export const LOSSLESS_KINDS: ReadonlySet<ImageKind> = new Set(['png', 'gif', 'bmp']);

// ISO-BMFF `ftyp` brands. HEIC proper is HEVC-coded; the others are the generic HEIF
// containers (image sequences, multi-image, other codecs).
const HEIC_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'hevm', 'hevs']);
const HEIF_BRANDS = new Set(['mif1', 'msf1', 'mif2', 'mif3']);
const AVIF_BRANDS = new Set(['avif', 'avis']);

/** Read `length` bytes at `offset` as Latin-1 text (fourcc codes, signatures). */
export function ascii(bytes: Uint8Array, offset: number, length: number): string {
  let s = '';
  for (let i = offset; i < offset + length && i < bytes.length; i++) {
    s += String.fromCharCode(bytes[i]);
  }
  return s;
}

/** The format the bytes are in, or `null` when they are not an image we know. */
export function sniffImageFormat(bytes: Uint8Array): ImageFormat | null {
  const kind = sniffKind(bytes);
  return kind ? { kind, mimeType: MIME[kind] } : null;
}

function sniffKind(b: Uint8Array): ImageKind | null {
  if (b.length < 12) return null;
  if (b[0] === 0x89 && ascii(b, 1, 3) === 'PNG' && b[4] === 0x0d && b[5] === 0x0a) return 'png';
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP') return 'webp';
  if (ascii(b, 0, 6) === 'GIF87a' || ascii(b, 0, 6) === 'GIF89a') return 'gif';
  if (ascii(b, 0, 2) === 'BM' && b.length >= 26) return 'bmp';
  if (ascii(b, 4, 4) === 'ftyp') return sniffFtyp(b);
  return null;
}

// The ftyp box lists a major brand then compatible brands; AVIF files also carry `mif1`,
// so AVIF brands win over the generic HEIF ones, and HEVC brands over both.
function sniffFtyp(b: Uint8Array): ImageKind | null {
  // A real ftyp box holds a handful of brands; a bogus size must not make us scan the file.
  const boxSize = Math.min(((b[0] << 24) | (b[1] << 16) | (b[2] << 8) | b[3]) >>> 0, b.length, 256);
  const brands = [ascii(b, 8, 4)];
  for (let i = 16; i + 4 <= boxSize; i += 4) brands.push(ascii(b, i, 4));
  if (brands.some((x) => AVIF_BRANDS.has(x))) return 'avif';
  if (brands.some((x) => HEIC_BRANDS.has(x))) return 'heic';
  if (brands.some((x) => HEIF_BRANDS.has(x))) return 'heif';
  return null;
}

/** The MIME type of a kind. */
export function mimeTypeOf(kind: ImageKind): string {
  return MIME[kind];
}
