/**
 * "Ask about this" and "Ask about this part": the region cut out of the full-resolution image
 * (EXIF orientation applied, the margin added) and planned to go with the next question as it
 * is, at full resolution. Loaded on first use, with the canvas work it needs.
 */
import { cropImage } from '../platform/annotate.ts';
import { planUpload, type UploadPlan } from '../platform/upload.ts';
import type { AskAboutDetail } from './ask-stage.ts';

/** The crop of `detail.region` from `original`, planned to send as it is (never downscaled). */
export async function cropForQuestion(
  original: Blob,
  detail: AskAboutDetail,
  signal?: AbortSignal,
): Promise<UploadPlan> {
  const crop = await cropImage(original, detail.region, detail.margin, signal);
  return planUpload(crop.blob, 'original', signal);
}
