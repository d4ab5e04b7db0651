/**
 * The upload worker: decodes, resizes and encodes an image off the main thread, so a 100-
 * megapixel photo never freezes the page. Thin on purpose: the work is `processImage` in
 * upload-pipeline.ts. Talk to it only through `planUpload` in upload.ts.
 */
import { processImage, type PipelineRequest, type PipelineResult } from './upload-pipeline.ts';

/** A reply: the result, or the error's name, code and message (errors do not clone whole). */
export type UploadWorkerReply =
  | { ok: true; result: PipelineResult }
  | { ok: false; error: { name: string; code?: string; message: string } };

self.addEventListener('message', (event: MessageEvent<PipelineRequest>) => {
  processImage(event.data).then(
    (result) => reply({ ok: true, result }),
    (error: unknown) => {
      const e = error instanceof Error ? error : new Error(String(error));
      const code = (e as Error & { code?: string }).code;
      reply({ ok: false, error: { name: e.name, code, message: e.message } });
    },
  );
});

function reply(message: UploadWorkerReply): void {
  self.postMessage(message);
}
