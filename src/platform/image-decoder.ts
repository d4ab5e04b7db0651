/**
 * The one platform decoder: the browser half of `src/lib/image/intake.ts`, used by every
 * view (Reveal and Hide's hand-off through `canvas.ts`, Ask through `upload.ts` and its
 * worker). It reads a file in the order that keeps a hostile one cheap (byte count, then the
 * first 64 KB for format and size, then the rest) and decodes with `createImageBitmap`,
 * checking the decoded size again before anyone draws it. Worker-safe: no DOM.
 */
import type { ImageFormat, ImageKind } from '../lib/image/formats.ts';
import type { ImageSize } from '../lib/image/header.ts';
import {
  INTAKE_LIMITS,
  checkFileBytes,
  checkPixels,
  checkWhole,
  decodeFailure,
  inspectHead,
  type IntakeLimits,
} from '../lib/image/intake.ts';

/** A file that passed every check that does not decode it. */
export interface ImageFile {
  /** The whole file. */
  bytes: Uint8Array<ArrayBuffer>;
  format: ImageFormat;
  /** Stored size (before EXIF orientation); `null` only for formats the browser cannot decode. */
  size: ImageSize | null;
}

/**
 * Read and check a file without decoding it. Throws `ImageError` (empty, too-many-bytes,
 * not-an-image, too-many-pixels, unknown-size, truncated) or the signal's reason.
 */
export async function readImageFile(
  blob: Blob,
  signal?: AbortSignal,
  limits: IntakeLimits = INTAKE_LIMITS,
): Promise<ImageFile> {
  signal?.throwIfAborted();
  checkFileBytes(blob.size, limits);
  const whole = blob.size <= limits.headBytes;
  const first = await bytesOf(whole ? blob : blob.slice(0, limits.headBytes));
  signal?.throwIfAborted();
  let head = inspectHead(first, whole, limits);
  const bytes = whole ? first : await bytesOf(blob);
  signal?.throwIfAborted();
  // The size lay past the first bytes (a JPEG with large metadata): look in the whole file.
  head ??= inspectHead(bytes, true, limits);
  if (!head) throw new Error('unreachable: a whole file is always judged');
  checkWhole(bytes, head.format.kind);
  return { bytes, format: head.format, size: head.size };
}

/** How to decode: exactly as stored (Reveal), or as a person sees it (Ask). */
export type DecodeMode = 'exact' | 'display';

/**
 * Decode to a bitmap (EXIF orientation applied) and check its size before it is drawn.
 * `exact` turns off colour management and premultiplication, which move the one-level
 * differences Reveal looks for. Throws `ImageError` (undecodable, too-many-pixels).
 */
export async function decodeBitmap(
  file: Blob,
  kind: ImageKind,
  mode: DecodeMode,
  limits: IntakeLimits = INTAKE_LIMITS,
): Promise<ImageBitmap> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(
      file,
      mode === 'exact'
        ? { premultiplyAlpha: 'none', colorSpaceConversion: 'none', imageOrientation: 'from-image' }
        : { imageOrientation: 'from-image' },
    );
  } catch {
    throw decodeFailure(kind);
  }
  try {
    checkPixels(bitmap.width, bitmap.height, limits);
  } catch (error) {
    bitmap.close();
    throw error;
  }
  return bitmap;
}

async function bytesOf(blob: Blob): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await blob.arrayBuffer());
}
