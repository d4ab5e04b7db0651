/**
 * Image intake for Ask, the browser half: reads a file, decodes it (EXIF orientation
 * applied), resizes and re-encodes it as `src/lib/image/plan.ts` decides, and hands back what
 * will be sent, with a preview. Header checks (format, truncation, pixel count) run here and
 * refuse bad files before any pixel is decoded; decoding, resizing and encoding run in a
 * worker (upload-worker.ts) that aborting terminates, so a huge or broken file neither freezes
 * the page nor replaces the previous image until the new one is ready.
 */
import { encodeBase64, base64Length } from '../lib/image/base64.ts';
import { ImageError, type ImageErrorCode } from '../lib/image/errors.ts';
import { sniffImageFormat, UNDECODABLE_KINDS, type ImageFormat } from '../lib/image/formats.ts';
import { isTruncated, mayHaveAlpha, readImageSize } from '../lib/image/header.ts';
import { findMetadata, readExifOrientation } from '../lib/image/metadata.ts';
import {
  DEFAULT_UPLOAD_OPTIONS,
  planEncoding,
  type SourceFacts,
  type UploadMode,
  type UploadOptions,
} from '../lib/image/plan.ts';
import { estimateImageTokens } from '../lib/image/tokens.ts';
import { processImage, type PipelineRequest, type PipelineResult } from './upload-pipeline.ts';
import type { UploadWorkerReply } from './upload-worker.ts';
import UploadWorker from './upload-worker.ts?worker&inline';

export type { UploadMode } from '../lib/image/plan.ts';
// Kept in their own small module so the Ask form can use them before this one has loaded.
export { checkUploadSize, releaseUpload, type UploadPlan } from './upload-plan.ts';
import type { UploadPlan } from './upload-plan.ts';

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

  const result = await runPipeline({ file: original, facts, mode, options }, signal);
  signal?.throwIfAborted();
  const sourceFacts = { ...facts, width: result.sourceWidth, height: result.sourceHeight };
  const sent = result.blob ?? original;
  return makePlan(
    mode,
    sourceFacts,
    format,
    sent,
    result,
    sent,
    result.note,
    result.blob ? undefined : bytes,
  );
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

// One worker per plan: planning is rare, and terminating the worker is the only way to stop
// a decode or encode in progress when the person picks another image.
async function runPipeline(
  request: PipelineRequest,
  signal?: AbortSignal,
): Promise<PipelineResult> {
  let worker: Worker;
  try {
    worker = new UploadWorker({ name: 'upload' });
  } catch {
    // No workers, or a page that forbids blob workers: same work, on this thread.
    return processImage(request);
  }
  try {
    return await inWorker(worker, request, signal);
  } catch (error) {
    if (error instanceof ImageError || signal?.aborted) throw error;
    // A worker without OffscreenCanvas or createImageBitmap (older browsers): on this thread.
    return processImage(request);
  } finally {
    worker.terminate();
  }
}

function inWorker(
  worker: Worker,
  request: PipelineRequest,
  signal?: AbortSignal,
): Promise<PipelineResult> {
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.addEventListener('message', (event: MessageEvent<UploadWorkerReply>) => {
      signal?.removeEventListener('abort', onAbort);
      const reply = event.data;
      if (reply.ok) resolve(reply.result);
      else if (reply.error.name === 'ImageError') {
        reject(new ImageError(reply.error.code as ImageErrorCode, reply.error.message));
      } else reject(new Error(reply.error.message));
    });
    worker.addEventListener('error', (event: ErrorEvent) => {
      signal?.removeEventListener('abort', onAbort);
      reject(new Error(`The upload worker failed: ${event.message || 'unknown error'}`));
    });
    worker.postMessage(request);
  });
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
