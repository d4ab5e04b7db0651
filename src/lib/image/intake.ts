/**
 * The rules every view applies to an image it is given (Ask, Reveal, Hide's hand-offs), in
 * one place: one limit table, one message table, and the checks in the order that keeps a
 * hostile file from costing memory. The byte count is checked before anything is read, the
 * format and pixel size from the first {@link INTAKE_LIMITS.headBytes} bytes, truncation from
 * the whole file, and the decoded size once more before any pixel is drawn. The browser half
 * is `src/platform/image-decoder.ts`.
 */
import { ImageError } from './errors.ts';
import {
  UNDECODABLE_KINDS,
  sniffImageFormat,
  type ImageFormat,
  type ImageKind,
} from './formats.ts';
import { isTruncated, readImageSize, type ImageSize } from './header.ts';

/** The limits of intake. */
export interface IntakeLimits {
  /** Pixels an image may have: 100 megapixels is 400 MB of RGBA once decoded. */
  maxPixels: number;
  /** Bytes a file may have; larger files are refused before a byte of them is read. */
  maxFileBytes: number;
  /** Bytes read first to sniff the format and read the size from the header. */
  headBytes: number;
}

/** The one limit table. */
export const INTAKE_LIMITS: IntakeLimits = {
  maxPixels: 100_000_000,
  // A 100-megapixel photo is 20–60 MB as JPEG; 200 MB leaves room for PNG and motion photos.
  maxFileBytes: 200_000_000,
  headBytes: 64 * 1024,
};

/** Display names of the formats, as messages and notes spell them. */
export const KIND_NAMES: Record<ImageKind, string> = {
  png: 'PNG',
  jpeg: 'JPEG',
  webp: 'WebP',
  gif: 'GIF',
  bmp: 'BMP',
  avif: 'AVIF',
  heic: 'HEIC',
  heif: 'HEIF',
};

const mb = (bytes: number) => `${Math.round(bytes / 1e6)} MB`;

/** The one message table: every sentence intake shows a person. */
export const INTAKE_MESSAGES = {
  empty: () => 'This file is empty (0 bytes). Choose another image.',
  tooManyBytes: (bytes: number, limits: IntakeLimits) =>
    `This file is ${mb(bytes)}; Glimpse reads image files up to ${mb(limits.maxFileBytes)}. Use a smaller image.`,
  notAnImage: () =>
    'This file is not an image Glimpse can read. Use PNG, JPEG, WebP, GIF, BMP, AVIF, HEIC or HEIF.',
  tooManyPixels: (size: ImageSize, limits: IntakeLimits) =>
    `This image is ${size.width} × ${size.height} pixels (${Math.round(
      (size.width * size.height) / 1e6,
    )} megapixels); Glimpse reads images up to ${limits.maxPixels / 1e6} megapixels. Use a smaller image.`,
  unknownSize: (kind: ImageKind) =>
    `This ${KIND_NAMES[kind]} file does not say how large its picture is, so Glimpse does not open it: the file is damaged. Save it again, or use another image.`,
  truncated: (kind: ImageKind) =>
    `This ${KIND_NAMES[kind]} file is incomplete: it was cut short or is damaged. Save or download it again.`,
  undecodable: (kind: ImageKind) =>
    `This browser could not decode this ${KIND_NAMES[kind]} file; it may be damaged. Try another file, or save it as PNG or JPEG.`,
  cannotShow: (kind: ImageKind) =>
    `This browser cannot decode ${KIND_NAMES[kind]} images: save it as PNG or JPEG first.`,
  canvasNoise: () => 'This browser alters canvas pixels; Glimpse reads PNG files directly instead.',
  canvasNoiseLossy: (kind: ImageKind) =>
    `This browser alters canvas pixels; Glimpse reads PNG files directly instead, but this ${KIND_NAMES[kind]} goes through the canvas, so one-level differences in it may be noise.`,
  outOfMemory: () =>
    'Decoding this image stopped: it needs more memory than this page could get. Use a smaller image.',
} as const;

/** What the first bytes of a file say. */
export interface ImageHead {
  format: ImageFormat;
  /** Stored size (before EXIF orientation), or `null` when a format the browser cannot decode
   * does not say it (such files are only ever sent on as they are). */
  size: ImageSize | null;
}

/** Refuse a file by its byte count alone, before any of it is read. */
export function checkFileBytes(bytes: number, limits: IntakeLimits = INTAKE_LIMITS): void {
  if (bytes === 0) throw new ImageError('empty', INTAKE_MESSAGES.empty());
  if (bytes > limits.maxFileBytes) {
    throw new ImageError('too-many-bytes', INTAKE_MESSAGES.tooManyBytes(bytes, limits));
  }
}

/**
 * Sniff the format and read the pixel size from the first bytes of a file. Returns `undefined`
 * when a decodable format's size lies beyond these bytes (huge metadata before a JPEG frame):
 * call again with the whole file, with `whole` set, and it refuses what it still cannot size.
 */
export function inspectHead(
  head: Uint8Array,
  whole: boolean,
  limits: IntakeLimits = INTAKE_LIMITS,
): ImageHead | undefined {
  const format = sniffImageFormat(head);
  if (!format) throw new ImageError('not-an-image', INTAKE_MESSAGES.notAnImage());
  const size = readImageSize(head, format.kind);
  if (size) {
    checkPixels(size.width, size.height, limits);
    return { format, size };
  }
  // The browser will not decode these; they go to Gemini as they are, size or not.
  if (UNDECODABLE_KINDS.has(format.kind)) return { format, size: null };
  if (!whole) return undefined;
  throw new ImageError('unknown-size', INTAKE_MESSAGES.unknownSize(format.kind));
}

/** Refuse a whole file that ends before its format says it should. */
export function checkWhole(bytes: Uint8Array, kind: ImageKind): void {
  if (isTruncated(bytes, kind)) throw new ImageError('truncated', INTAKE_MESSAGES.truncated(kind));
}

/**
 * Refuse a pixel size over the limit. Called with the header's size before decoding, and
 * with the decoded size before any canvas is made for it.
 */
export function checkPixels(
  width: number,
  height: number,
  limits: IntakeLimits = INTAKE_LIMITS,
): void {
  // abs: a BMP's signed width must not turn a huge image into a negative, "small" one.
  const size = { width: Math.abs(width), height: Math.abs(height) };
  if (size.width * size.height > limits.maxPixels) {
    throw new ImageError('too-many-pixels', INTAKE_MESSAGES.tooManyPixels(size, limits));
  }
}

/** The error for a file the browser failed to decode (its format known from its bytes). */
export function decodeFailure(kind: ImageKind): ImageError {
  if (UNDECODABLE_KINDS.has(kind)) {
    return new ImageError('undecodable', INTAKE_MESSAGES.cannotShow(kind));
  }
  return new ImageError('undecodable', INTAKE_MESSAGES.undecodable(kind));
}
