/**
 * The upload policy, as pure decisions: what size to send, in which format, and whether the
 * file's own bytes can go as they are. The browser side (`src/platform/upload.ts`) decodes,
 * resizes and encodes; this module decides, and upload-messages.ts says what was done.
 */
import {
  API_ACCEPTED_KINDS,
  LOSSLESS_KINDS,
  UNDECODABLE_KINDS,
  type ImageKind,
} from './formats.ts';
import { INTAKE_LIMITS } from './intake.ts';
import type { MetadataKind } from './metadata.ts';
import { UPLOAD_NOTES } from './upload-messages.ts';

/** "Auto" shrinks, re-encodes and strips metadata; "Original" sends the file as it is. */
export type UploadMode = 'auto' | 'original';

/** Formats the app encodes to. */
export type EncodeType = 'image/png' | 'image/jpeg' | 'image/webp';

/** Knobs of the upload policy. */
export interface UploadOptions {
  /** Longest side sent in Auto: keeps small text legible without wasting upload time. */
  maxLongSide: number;
  /** Refuse images above this many pixels before decoding: they could exhaust memory. */
  maxPixels: number;
  /** Quality of lossy encodings (0–1). */
  quality: number;
  /** A PNG is kept only while it stays this small, in bits per pixel… */
  pngMaxBitsPerPixel: number;
  /** …or under this many bytes (small images carry a fixed overhead that bpp would punish). */
  pngSmallBytes: number;
}

/** The policy's defaults. */
export const DEFAULT_UPLOAD_OPTIONS: UploadOptions = {
  maxLongSide: 3072,
  maxPixels: INTAKE_LIMITS.maxPixels,
  quality: 0.85,
  pngMaxBitsPerPixel: 3,
  pngSmallBytes: 100_000,
};

/** What is known about the source file before any pixel is touched. */
export interface SourceFacts {
  kind: ImageKind;
  /** Size as displayed, EXIF orientation applied. */
  width: number;
  height: number;
  bytes: number;
  metadata: MetadataKind[];
  /** EXIF orientation, 1 when upright. */
  orientation: number;
  /** Whether transparency is possible (checked against decoded pixels when true). */
  mayHaveAlpha: boolean;
}

/** The decision for one image. */
export type EncodingPlan =
  | { action: 'send-original'; width: number; height: number; note: string }
  | {
      action: 're-encode';
      width: number;
      height: number;
      /** Formats to try in order; a PNG that grows past the budget gives way to the next. */
      formats: EncodeType[];
      /** True when the file itself could be sent (clean, upright, small enough) if smaller. */
      originalAllowed: boolean;
    };

/** The largest size with the same aspect whose long side is at most `max`. */
export function fitLongSide(
  width: number,
  height: number,
  max: number,
): { width: number; height: number } {
  const long = Math.max(width, height);
  if (long <= max) return { width, height };
  const scale = max / long;
  return {
    width: Math.max(1, Math.round(width * scale)),
    height: Math.max(1, Math.round(height * scale)),
  };
}

/** Decide how an image is sent. */
export function planEncoding(
  src: SourceFacts,
  mode: UploadMode,
  options: UploadOptions = DEFAULT_UPLOAD_OPTIONS,
): EncodingPlan {
  if (UNDECODABLE_KINDS.has(src.kind)) {
    // Browsers cannot decode HEIC/HEIF, so nothing can be resized or stripped; Gemini reads it.
    return {
      action: 'send-original',
      width: src.width,
      height: src.height,
      note: UPLOAD_NOTES.sentAsIs(src.kind, src.metadata),
    };
  }
  const accepted = API_ACCEPTED_KINDS.has(src.kind);
  if (mode === 'original' && accepted) {
    return {
      action: 'send-original',
      width: src.width,
      height: src.height,
      note: UPLOAD_NOTES.original(src.kind, src.metadata),
    };
  }
  const size = mode === 'auto' ? fitLongSide(src.width, src.height, options.maxLongSide) : src;
  const formats = encodeFormats(src.kind, src.mayHaveAlpha);
  const upright = src.orientation === 1;
  return {
    action: 're-encode',
    width: size.width,
    height: size.height,
    formats,
    originalAllowed:
      accepted &&
      upright &&
      src.metadata.length === 0 &&
      size.width === src.width &&
      size.height === src.height,
  };
}

/**
 * Formats to try, in order. Lossless sources (PNG, GIF, BMP) are usually screenshots, charts
 * and diagrams whose sharp text survives best as PNG; photos go lossy. Transparency rules out
 * JPEG, so WebP (lossy with alpha) is the fallback then.
 */
export function encodeFormats(kind: ImageKind, hasAlpha: boolean): EncodeType[] {
  const fallback: EncodeType = hasAlpha ? 'image/webp' : 'image/jpeg';
  return LOSSLESS_KINDS.has(kind) || hasAlpha ? ['image/png', fallback] : [fallback];
}

/** Whether an encoded PNG of `bytes` for `pixels` pixels is small enough to keep. */
export function pngStaysSmall(bytes: number, pixels: number, options = DEFAULT_UPLOAD_OPTIONS) {
  return bytes <= options.pngSmallBytes || bytes * 8 <= pixels * options.pngMaxBitsPerPixel;
}

/** A sentence saying what Auto (or a conversion) did, for the person to read. */
export function describeReencode(
  src: SourceFacts,
  sent: { width: number; height: number; mimeType: string; keptOriginal: boolean },
  mode: UploadMode,
): string {
  if (sent.keptOriginal) return UPLOAD_NOTES.keptOriginal(src.kind);
  const resized = sent.width !== src.width || sent.height !== src.height;
  return UPLOAD_NOTES.reencoded({
    from: src.kind,
    // The type the encoder made: one of the formats the plan asked it for.
    to: sent.mimeType as EncodeType,
    ...(resized ? { resized: { from: src, to: sent } } : {}),
    turned: src.orientation !== 1,
    metadataRemoved: src.metadata,
    fullSize: mode === 'original',
  });
}
