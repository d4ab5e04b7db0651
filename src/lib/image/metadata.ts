/**
 * Finds metadata blocks that may reveal where or by whom a photo was taken (EXIF with GPS,
 * XMP, text chunks). Auto re-encodes to drop them; this tells the app whether a file is
 * already clean, and lets tests prove the bytes sent carry none.
 */
import { ascii, type ImageKind } from './formats.ts';
import { pngChunks } from './header.ts';

/** A kind of metadata found in a file. */
export type MetadataKind = 'Exif' | 'GPS' | 'XMP' | 'text';

const u16 = (b: Uint8Array, i: number, le: boolean) =>
  le ? b[i] | (b[i + 1] << 8) : (b[i] << 8) | b[i + 1];
const u32 = (b: Uint8Array, i: number, le: boolean) =>
  (le
    ? b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24)
    : (b[i] << 24) | (b[i + 1] << 16) | (b[i + 2] << 8) | b[i + 3]) >>> 0;

/** Tag of the EXIF orientation entry in IFD0. */
const ORIENTATION_TAG = 0x0112;
/** Tag of the pointer to the GPS IFD in IFD0. */
const GPS_TAG = 0x8825;

/** Metadata kinds present in the file (empty when it carries none we know). */
export function findMetadata(bytes: Uint8Array, kind: ImageKind): MetadataKind[] {
  const found = new Set<MetadataKind>();
  if (kind === 'jpeg') {
    for (const seg of jpegAppSegments(bytes)) {
      if (seg.marker === 0xe1 && ascii(bytes, seg.start, 6) === 'Exif\0\0') {
        found.add('Exif');
        if (readIfd0(bytes, seg.start + 6).has(GPS_TAG)) found.add('GPS');
      } else if (
        seg.marker === 0xe1 &&
        ascii(bytes, seg.start, 28).startsWith('http://ns.adobe.com/')
      ) {
        found.add('XMP');
      }
    }
  } else if (kind === 'png') {
    for (const type of pngChunks(bytes)) {
      if (type === 'eXIf') found.add('Exif');
      if (type === 'tEXt' || type === 'zTXt') found.add('text');
      if (type === 'iTXt') found.add('XMP');
    }
  } else if (kind === 'webp') {
    for (let i = 12; i + 8 <= bytes.length;) {
      const type = ascii(bytes, i, 4);
      if (type === 'EXIF') found.add('Exif');
      if (type === 'XMP ') found.add('XMP');
      const size = u32(bytes, i + 4, true);
      i += 8 + size + (size & 1);
    }
  } else if (kind !== 'bmp' && kind !== 'gif') {
    // ISO-BMFF (HEIC/AVIF): EXIF lives in an item; its bytes start with a TIFF header
    // after an offset, so look for the item type name.
    if (indexOfAscii(bytes, 'Exif', 1 << 16) >= 0) found.add('Exif');
  }
  return [...found];
}

/** EXIF orientation (1–8) of a JPEG, or 1 when it has none. */
export function readExifOrientation(bytes: Uint8Array): number {
  for (const seg of jpegAppSegments(bytes)) {
    if (seg.marker !== 0xe1 || ascii(bytes, seg.start, 6) !== 'Exif\0\0') continue;
    const value = readIfd0(bytes, seg.start + 6).get(ORIENTATION_TAG);
    if (value !== undefined && value >= 1 && value <= 8) return value;
  }
  return 1;
}

interface Segment {
  marker: number;
  /** Offset of the payload (after marker and length). */
  start: number;
  length: number;
}

// APPn segments come before the frame; stop at start-of-scan.
function jpegAppSegments(b: Uint8Array): Segment[] {
  const segments: Segment[] = [];
  let i = 2;
  while (i + 4 <= b.length && b[i] === 0xff) {
    const marker = b[i + 1];
    if (marker === 0xda || marker === 0xd9) break;
    const length = u16(b, i + 2, false);
    segments.push({ marker, start: i + 4, length: length - 2 });
    i += 2 + length;
  }
  return segments;
}

// IFD0 entries as tag → first value (SHORT values are left-aligned in the value field).
function readIfd0(b: Uint8Array, tiff: number): Map<number, number> {
  const entries = new Map<number, number>();
  if (tiff + 8 > b.length) return entries;
  const le = ascii(b, tiff, 2) === 'II';
  const ifd = tiff + u32(b, tiff + 4, le);
  if (ifd + 2 > b.length) return entries;
  const count = u16(b, ifd, le);
  for (let k = 0; k < count; k++) {
    const e = ifd + 2 + k * 12;
    if (e + 12 > b.length) break;
    const tag = u16(b, e, le);
    const type = u16(b, e + 2, le);
    entries.set(tag, type === 3 ? u16(b, e + 8, le) : u32(b, e + 8, le));
  }
  return entries;
}

function indexOfAscii(b: Uint8Array, text: string, limit: number): number {
  const end = Math.min(b.length - text.length, limit);
  outer: for (let i = 0; i <= end; i++) {
    for (let k = 0; k < text.length; k++) {
      if (b[i + k] !== text.charCodeAt(k)) continue outer;
    }
    return i;
  }
  return -1;
}
