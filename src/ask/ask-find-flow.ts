/**
 * The Ask view's side of "Show me where", loaded on first use so the first view stays small:
 * what a Find needs before it is asked (the image on the stage, whether it already went with
 * an answered question), and the crop "Ask about this" attaches to the next question.
 */
import { cropImage } from '../platform/annotate.ts';
import { planUpload, type UploadPlan } from '../platform/upload.ts';
import { FIND_MESSAGES } from '../lib/boxes/messages.ts';
import { findRequest } from '../lib/boxes/find-turn.ts';
import type { RequestOptions } from '../lib/conversation/options.ts';
import type { GeminiSettings } from '../lib/gemini/types.ts';
import type { AskController, NotSent } from './ask-controller.ts';
import type { AskImagePanel, ImageSource } from './ask-image-panel.ts';
import type { ModelChoice } from './ask-model-choice.ts';
import type { AskAboutDetail } from './ask-stage.ts';
import { imageHash, type FindDetail } from './ask-find.ts';
import { noted } from './find-answer-state.ts';

export { answerMeta } from './ask-turns.ts';
export { shownState } from './find-answer-state.ts';

/** A Find made ready: why it cannot be asked, or the image it is about and how to ask it. */
export interface PreparedFind {
  /** Why it cannot be asked now (then nothing else is set). */
  blocked?: string;
  /** The image on the stage (its chip goes once the Find is answered). */
  plan?: UploadPlan;
  /** Ask it, with the composer's options; says why when it was not sent. */
  send?: (options: RequestOptions) => Promise<NotSent | undefined>;
}

/**
 * Make a Find ready: Gemini (not the model on this device) with a key, and the image on the
 * stage once it is ready, which goes with the Find unless an answered question carried it.
 */
export async function prepareFind(
  model: ModelChoice,
  settings: GeminiSettings | undefined,
  ask: AskController,
  panel: AskImagePanel | undefined,
  detail: FindDetail,
): Promise<PreparedFind> {
  if (model === 'device') return { blocked: FIND_MESSAGES.onDevice };
  if (!settings?.apiKey) return { blocked: FIND_MESSAGES.noKey };
  const plan = await panel?.ready();
  if (!plan) return { blocked: FIND_MESSAGES.noImage };
  const name = panel?.shownSource?.name;
  const image = await ask.imageFor(plan.blob, plan.mimeType, name, () => plan.base64());
  // The boxes belong to the image that goes, the one on the stage now. The Find bar's hash
  // names the image it last hashed, which can still be the one before when Find is pressed
  // just as a new image arrives: the boxes were then kept for the old image and never drawn.
  // Noted as a Find when sent, so its answer shows in words (find-answer-state.ts).
  const find = noted(
    findRequest({ ...detail, image: image?.ref.hash ?? (await imageHash(plan.blob)) }),
  );
  const images = image ? [image] : [];
  return { plan, send: (options) => ask.askGemini(settings, find.question, images, options, find) };
}

/**
 * "Ask about this (part)": the region cut from the full-resolution image on the stage (as
 * given, EXIF orientation applied), planned to go as it is (never downscaled), named for the
 * chip; a string says why not.
 */
export async function cropChip(
  panel: AskImagePanel | undefined,
  detail: AskAboutDetail,
): Promise<{ plan: UploadPlan; source: ImageSource } | string> {
  const original = panel?.shownSource?.blob;
  if (!original) return FIND_MESSAGES.noImage;
  try {
    const crop = await cropImage(original, detail.region, detail.margin);
    const plan = await planUpload(crop.blob, 'original');
    return { plan, source: { blob: crop.blob, name: FIND_MESSAGES.cropName(detail.label) } };
  } catch {
    return FIND_MESSAGES.cropFailed;
  }
}
