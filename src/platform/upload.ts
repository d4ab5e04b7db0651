/**
 * Image intake for Ask, the browser half: reads a file, decodes it (EXIF orientation
 * applied), resizes and re-encodes it as `src/lib/image/plan.ts` decides, and hands back what
 * will be sent, with a preview. Decoding happens in `createImageBitmap`, off the main thread,
 * and every step checks the signal, so a huge or broken file neither freezes the page nor
 * replaces the previous image until the new one is ready.
 */
import type { InlineImage } from '../lib/gemini/types.ts';
import { encodeBase64, base64Length } from '../lib/image/base64.ts';
import { ImageError, type RequestTooLargeError } from '../lib/image/errors.ts';
import { sniffImageFormat, UNDECODABLE_KINDS, type ImageFormat } from '../lib/image/formats.ts';
import { isTruncated, mayHaveAlpha, readImageSize } from '../lib/image/header.ts';
import { checkRequestSize } from '../lib/image/limits.ts';
import { findMetadata, readExifOrientation } from '../lib/image/metadata.ts';
import {
  DEFAULT_UPLOAD_OPTIONS,
  describeReencode,
  encodeFormats,
  planEncoding,
  pngStaysSmall,
  type EncodeType,
  type SourceFacts,
  type UploadMode,
  type UploadOptions,
} from '../lib/image/plan.ts';
import { estimateImageTokens } from '../lib/image/tokens.ts';

export type { UploadMode } from '../lib/image/plan.ts';

/** An image as it will be sent. */
export interface UploadPlan {
  mode: UploadMode;
  /** The bytes that will be sent. */
  blob: Blob;
  /** Their MIME type, by content (never by file name). */
  mimeType: string;
  /** Pixel size sent (0 when the browser cannot decode the format and the header is silent). */
  width: number;
  height: number;
  /** Byte size sent, before base64. */
  bytes: number;
  /** Byte size the base64 text will take in the request. */
  base64Bytes: number;
  /** The file as given. */
  originalBytes: number;
  originalMimeType: string;
  originalWidth: number;
  originalHeight: number;
  /** Token estimate (Gemini 2.x rule; 3.x caps by mediaResolution). */
  estimatedTokens: number;
  /** Object URL of the sent image, or `null` when the browser cannot show it (HEIC/HEIF). */
  previewUrl: string | null;
  /** One or two sentences saying what was done, for the person. */
  note: string;
  /** Bare base64 of `blob`, computed once on first call. */
  base64(): Promise<string>;
  /** `{mimeType, data}` ready for the Gemini module. */
  inlineImage(): Promise<InlineImage>;
}

/**
 * Plan how `file` is sent. Throws `ImageError` (empty, not-an-image, truncated,
 * too-many-pixels, undecodable) or the signal's abort reason.
 */
export async function planUpload(
  file: Blob,
  mode: UploadMode,
  signal?: AbortSignal,
  options: UploadOptions = DEFAULT_UPLOAD_OPTIONS,
): Promise<UploadPlan> {
  signal?.throwIfAborted();
  if (file.size === 0)
    throw new ImageError('empty', 'The file is empty (0 bytes). Choose another image.');
  const bytes = new Uint8Array(await file.arrayBuffer());
  signal?.throwIfAborted();
  const format = sniffImageFormat(bytes);
  if (!format) {
    throw new ImageError(
      'not-an-image',
      'This file is not an image Glimpse can read. Use PNG, JPEG, WebP, GIF, BMP, AVIF, HEIC or HEIF.',
    );
  }
  if (isTruncated(bytes, format.kind)) {
    throw new ImageError(
      'truncated',
      'This image file is cut short (an unfinished download or copy?). Save or download it again.',
    );
  }
  const facts = readFacts(bytes, format);
  if (facts.width * facts.height > options.maxPixels) {
    const mp = Math.round((facts.width * facts.height) / 1e6);
    throw new ImageError(
      'too-many-pixels',
      `This image is ${facts.width}×${facts.height} (${mp} megapixels); Glimpse takes at most ${options.maxPixels / 1e6}. Use a smaller image.`,
    );
  }
  const original = new Blob([bytes], { type: format.mimeType });
  if (UNDECODABLE_KINDS.has(format.kind)) {
    const plan = planEncoding(facts, mode, options);
    return makePlan(
      mode,
      facts,
      format,
      original,
      facts,
      null,
      plan.action === 'send-original' ? plan.note : '',
      bytes,
    );
  }

  const bitmap = await decode(file);
  try {
    signal?.throwIfAborted();
    // The decoded size is the truth (orientation applied, headers we could not read).
    facts.width = bitmap.width;
    facts.height = bitmap.height;
    const plan = planEncoding(facts, mode, options);
    if (plan.action === 'send-original') {
      return makePlan(mode, facts, format, original, facts, original, plan.note, bytes);
    }
    const canvas = drawResized(bitmap, plan.width, plan.height);
    bitmap.close();
    signal?.throwIfAborted();
    // PNG/WebP/GIF headers only say transparency is possible; the pixels say if it is used.
    const opaque = facts.mayHaveAlpha && !hasTransparency(canvas);
    const formats = opaque ? encodeFormats(facts.kind, false) : plan.formats;
    const encoded = await encode(canvas, formats, options, signal);
    const keepOriginal = plan.originalAllowed && original.size <= encoded.size;
    const sent = keepOriginal ? original : encoded;
    const size = { width: plan.width, height: plan.height };
    const note = describeReencode(
      facts,
      { ...size, mimeType: sent.type, keptOriginal: keepOriginal },
      mode,
    );
    return makePlan(mode, facts, format, sent, size, sent, note, keepOriginal ? bytes : undefined);
  } finally {
    bitmap.close();
  }
}

/** Release the preview's object URL once the plan is no longer shown. */
export function releaseUpload(plan: UploadPlan): void {
  if (plan.previewUrl) URL.revokeObjectURL(plan.previewUrl);
}

/**
 * The error to show when this image plus `prompt` would exceed Gemini's 20 MB request limit,
 * or `null` when the request fits. Check before sending.
 */
export function checkUploadSize(plan: UploadPlan, prompt: string): RequestTooLargeError | null {
  return checkRequestSize(plan.bytes, prompt, plan.mode);
}

function readFacts(bytes: Uint8Array, format: ImageFormat): SourceFacts {
  const size = readImageSize(bytes, format.kind) ?? { width: 0, height: 0 };
  const orientation = format.kind === 'jpeg' ? readExifOrientation(bytes) : 1;
  const swap = orientation >= 5;
  return {
    kind: format.kind,
    width: swap ? size.height : size.width,
    height: swap ? size.width : size.height,
    bytes: bytes.length,
    metadata: findMetadata(bytes, format.kind),
    orientation,
    mayHaveAlpha: mayHaveAlpha(bytes, format.kind),
  };
}

async function decode(file: Blob): Promise<ImageBitmap> {
  try {
    return await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    throw new ImageError(
      'undecodable',
      'This browser could not decode the image; the file may be damaged. Try another file, or save it as PNG or JPEG.',
    );
  }
}

// drawImage with high-quality smoothing; a large reduction goes in halving steps, because a
// single bilinear-ish pass from far above the target skips pixels and aliases fine detail.
function drawResized(bitmap: ImageBitmap, width: number, height: number): OffscreenCanvas {
  let source: CanvasImageSource = bitmap;
  let w = bitmap.width;
  let h = bitmap.height;
  while (w / 2 >= width && h / 2 >= height) {
    const step = new OffscreenCanvas(Math.round(w / 2), Math.round(h / 2));
    draw(step, source);
    source = step;
    w = step.width;
    h = step.height;
  }
  const canvas = new OffscreenCanvas(width, height);
  draw(canvas, source);
  return canvas;
}

function draw(canvas: OffscreenCanvas, source: CanvasImageSource): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('2D canvas context unavailable');
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(source, 0, 0, canvas.width, canvas.height);
}

function hasTransparency(canvas: OffscreenCanvas): boolean {
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('2D canvas context unavailable');
  const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
  for (let i = 3; i < data.length; i += 4) if (data[i] !== 255) return true;
  return false;
}

// Try the formats in order: a PNG that would be large gives way to the lossy format after it,
// and a browser that cannot encode a type (it returns PNG instead) moves on too.
async function encode(
  canvas: OffscreenCanvas,
  formats: EncodeType[],
  options: UploadOptions,
  signal?: AbortSignal,
): Promise<Blob> {
  let last: Blob | null = null;
  for (const [i, type] of formats.entries()) {
    const blob = await canvas.convertToBlob({ type, quality: options.quality });
    signal?.throwIfAborted();
    last = blob;
    const isLast = i === formats.length - 1;
    if (isLast) break;
    if (blob.type !== type) continue;
    if (type !== 'image/png' || pngStaysSmall(blob.size, canvas.width * canvas.height, options)) {
      return blob;
    }
  }
  if (!last) throw new Error('no format to encode to');
  return last;
}

function makePlan(
  mode: UploadMode,
  facts: SourceFacts,
  format: ImageFormat,
  blob: Blob,
  size: { width: number; height: number },
  preview: Blob | null,
  note: string,
  knownBytes?: Uint8Array,
): UploadPlan {
  let memo: Promise<string> | null = null;
  const base64 = () =>
    (memo ??= (
      knownBytes ? Promise.resolve(knownBytes) : blob.arrayBuffer().then((b) => new Uint8Array(b))
    ).then(encodeBase64));
  const mimeType = blob.type || format.mimeType;
  return {
    mode,
    blob,
    mimeType,
    width: size.width,
    height: size.height,
    bytes: blob.size,
    base64Bytes: base64Length(blob.size),
    originalBytes: facts.bytes,
    originalMimeType: format.mimeType,
    originalWidth: facts.width,
    originalHeight: facts.height,
    estimatedTokens: estimateImageTokens(size.width, size.height) || 258,
    previewUrl: preview ? URL.createObjectURL(preview) : null,
    note,
    base64,
    inlineImage: async () => ({ mimeType, data: await base64() }),
  };
}
