/**
 * The upload worker: decodes, resizes and encodes an image for Ask off the main thread, so a
 * 100-megapixel photo never freezes the page. Thin on purpose: the work is `processImage` in
 * src/platform/upload-pipeline.ts. Talk to it only through `planUpload` in upload.ts.
 */
import { processImage, type PipelineRequest } from '../platform/upload-pipeline.ts';
import { WORKER_API_MISSING, errorReply, type WorkerRequest } from './protocol.ts';
import { serve } from './serve.ts';

/** The operations the worker offers, by name; the bridge types its calls from this. */
export const uploadOps = {
  process: (request: PipelineRequest) => processImage(request),
};

/** The operations' types, for the bridge. */
export type UploadOps = typeof uploadOps;

/**
 * Run one request. A worker without the APIs the pipeline needs says so by name (the page
 * may then do the work itself); every other failure is the image's, and is reported as such.
 */
export async function handleUploadRequest(request: WorkerRequest) {
  if (typeof OffscreenCanvas !== 'function' || typeof createImageBitmap !== 'function') {
    const error = new Error('This browser gives workers no OffscreenCanvas or createImageBitmap.');
    error.name = WORKER_API_MISSING;
    return { reply: errorReply(error), transfer: [] };
  }
  if (request.op !== 'process') {
    return {
      reply: errorReply(new TypeError(`Unknown upload operation "${request.op}"`)),
      transfer: [],
    };
  }
  try {
    const result = await uploadOps.process(request.args[0] as PipelineRequest);
    return { reply: { ok: true as const, result }, transfer: [] };
  } catch (err) {
    return { reply: errorReply(err), transfer: [] };
  }
}

serve(handleUploadRequest);
