/**
 * Image intake for Ask, the browser half: reads a file, decodes it (EXIF orientation
 * applied), resizes and re-encodes it as `src/lib/image/plan.ts` decides, and hands back what
 * will be sent, with a preview. The one intake (`image-decoder.ts`: byte limit, format, pixel
 * count, truncation) refuses bad files before any pixel is decoded; decoding, resizing and
 * encoding run in the upload worker (src/workers/upload-worker.ts) that aborting terminates,
 * so a huge or broken file neither freezes the page nor replaces the previous image until the
 * new one is ready.
 */
import { encodeBase64, base64Length } from '../lib/image/base64.ts';
import { ImageError, type ImageErrorCode } from '../lib/image/errors.ts';
import { UNDECODABLE_KINDS, type ImageFormat } from '../lib/image/formats.ts';
import { mayHaveAlpha, type ImageSize } from '../lib/image/header.ts';
import { INTAKE_LIMITS, INTAKE_MESSAGES } from '../lib/image/intake.ts';
import { findMetadata, readExifOrientation } from '../lib/image/metadata.ts';
import {
  DEFAULT_UPLOAD_OPTIONS,
  planEncoding,
  type SourceFacts,
  type UploadMode,
  type UploadOptions,
} from '../lib/image/plan.ts';
import { estimateImageTokens } from '../lib/image/tokens.ts';
import { WORKER_CRASHED, WorkerBridge, WorkerError, isApiMissing } from '../workers/bridge.ts';
import type { UploadOps } from '../workers/upload-worker.ts';
import UploadWorker from '../workers/upload-worker.ts?worker&inline';
import { readImageFile } from './image-decoder.ts';
import { processImage, type PipelineRequest, type PipelineResult } from './upload-pipeline.ts';

export type { UploadMode } from '../lib/image/plan.ts';
// Kept in their own small module so the Ask form can use them before this one has loaded.
export { checkUploadSize, releaseUpload, type UploadPlan } from './upload-plan.ts';
import type { UploadPlan } from './upload-plan.ts';

/**
 * Plan how `file` is sent. Throws `ImageError` (empty, too-many-bytes, not-an-image,
 * unknown-size, truncated, too-many-pixels, undecodable) or the signal's abort reason.
 */
export async function planUpload(
  file: Blob,
  mode: UploadMode,
  signal?: AbortSignal,
  options: UploadOptions = DEFAULT_UPLOAD_OPTIONS,
): Promise<UploadPlan> {
  // The one intake: byte limit, then format and size from the first 64 KB, then the rest.
  const { bytes, format, size } = await readImageFile(file, signal, {
    ...INTAKE_LIMITS,
    maxPixels: options.maxPixels,
  });
  const facts = readFacts(bytes, format, size);
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

function readFacts(bytes: Uint8Array, format: ImageFormat, stored: ImageSize | null): SourceFacts {
  const size = stored ?? { width: 0, height: 0 };
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

/** The upload worker, started with the first image and ended when idle or aborted. */
const uploadBridge = new WorkerBridge<UploadOps>({
  create: () => new UploadWorker({ name: 'upload' }),
  idleMs: 10_000,
  // No worker at all (none in this browser, or a page that forbids blob workers).
  local: (request) => processImage(request.args[0] as PipelineRequest),
});

/** End the upload worker now instead of when idle; the next image starts a fresh one. */
export function stopUploadWorker(): void {
  uploadBridge.terminate();
}

/**
 * Decode, resize and encode in the worker. Only a worker that lacks an API the pipeline
 * needs sends the work back to this thread; a decode or memory failure there would fail
 * here too, after freezing the page, so it is reported instead.
 */
async function runPipeline(
  request: PipelineRequest,
  signal?: AbortSignal,
): Promise<PipelineResult> {
  try {
    return await uploadBridge.call(signal ?? new AbortController().signal, 'process', request);
  } catch (error) {
    signal?.throwIfAborted();
    if (isApiMissing(error)) return processImage(request);
    throw revive(error);
  }
}

/** A worker's error as the person should read it. */
function revive(error: unknown): unknown {
  if (!(error instanceof WorkerError)) return error;
  if (error.name === 'ImageError') {
    return new ImageError(error.code as ImageErrorCode, error.message);
  }
  if (error.name === WORKER_CRASHED) {
    return new ImageError('undecodable', INTAKE_MESSAGES.outOfMemory());
  }
  return error;
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
