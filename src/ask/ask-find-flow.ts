/**
 * The Ask view's side of "Show me where", loaded on first use so the first view stays small:
 * what a Find needs before it is asked (the image on the stage, whether it already went with
 * an answered question), and the crop "Ask about this" attaches to the next question.
 */
import { cropImage } from '../platform/annotate.ts';
import { planUpload, type UploadPlan } from '../platform/upload.ts';
import { FIND_MESSAGES } from '../lib/boxes/messages.ts';
import { findRequest, type FindRequest } from '../lib/boxes/find-turn.ts';
import type { GeminiSettings } from '../lib/gemini/types.ts';
import type { AskController, QuestionImage } from './ask-controller.ts';
import type { AskImagePanel, ImageSource } from './ask-image-panel.ts';
import type { ModelChoice } from './ask-model-choice.ts';
import type { AskAboutDetail } from './ask-stage.ts';
import type { FindDetail } from './ask-find.ts';

export { answerMeta } from './ask-turns.ts';

/** Why a Find cannot be asked now, or undefined when it can. */
export function findBlocked(model: ModelChoice, settings?: GeminiSettings): string | undefined {
  if (model === 'device') return FIND_MESSAGES.onDevice;
  if (!settings?.apiKey) return FIND_MESSAGES.noKey;
  return undefined;
}

/** A Find ready to ask: its request, and the image it goes with unless already sent. */
export interface PreparedFind {
  find: FindRequest;
  images: QuestionImage[];
  /** The image on the stage (its chip is dropped once the Find is answered). */
  plan: UploadPlan;
}

/**
 * Wait for the image on the stage, and make the Find's request; a string says why not.
 * The image goes with the Find unless an answered question already carried it.
 */
export async function prepareFind(
  ask: AskController,
  panel: AskImagePanel | undefined,
  name: string | undefined,
  detail: FindDetail,
): Promise<PreparedFind | string> {
  const plan = await panel?.ready();
  if (!plan) return FIND_MESSAGES.noImage;
  const image = await ask.imageFor(plan.blob, plan.mimeType, name, () => plan.base64());
  return { find: findRequest(detail), images: image ? [image] : [], plan };
}

/**
 * "Ask about this (part)": the region cut from the full-resolution image, planned to go as
 * it is (never downscaled), named for the chip; a string says why not.
 */
export async function cropChip(
  original: Blob,
  detail: AskAboutDetail,
): Promise<{ plan: UploadPlan; source: ImageSource } | string> {
  try {
    const crop = await cropImage(original, detail.region, detail.margin);
    const plan = await planUpload(crop.blob, 'original');
    return { plan, source: { blob: crop.blob, name: FIND_MESSAGES.cropName(detail.label) } };
  } catch {
    return FIND_MESSAGES.cropFailed;
  }
}
