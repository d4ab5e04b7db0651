/**
 * The model on this device as turns of the one conversation (the Ask controller's
 * `askOnDevice`, loaded with the first on-device question). The question is added as with
 * Gemini (its text, its images by hash); the turns before it go to the built-in model as
 * its context (text, and a question's images as Blobs rebuilt from the bytes kept by hash);
 * the answer ends as an ordinary model turn: its text as a part, "On this device" as its
 * model and the context window use in place of tokens. So Retry, Edit, Copy, History and
 * export treat it as any answer, and Gemini, asked next, gets it as a model text turn.
 */
import type { ReactiveControllerHost } from 'lit';
import { ConversationError } from '../lib/conversation/errors.ts';
import { CONVERSATION_MESSAGES as M } from '../lib/conversation/messages.ts';
import {
  answerText,
  ask,
  editLastQuestion,
  endAnswer,
  newConversation,
  receiveParts,
  retry,
  startAnswer,
} from '../lib/conversation/model.ts';
import type { Conversation, Turn } from '../lib/conversation/types.ts';
import { DEVICE_TEXT } from '../lib/gemini/device-text.ts';
import { DeviceModelError } from '../lib/gemini/device.ts';
import type { DeviceTurn } from '../platform/built-in-model.ts';
import { onDeviceSource, release as releaseSession } from '../platform/built-in-model-session.ts';
import type { AskController, NotSent, QuestionImage } from './ask-controller.ts';

/**
 * What to do with the model on this device: ask a question (with `edit`, in place of the
 * last one, its images unchanged), or retry an answer (the last one when no id is given).
 */
export type DeviceRequest =
  | { text: string; images: readonly QuestionImage[]; edit?: boolean }
  | { retry: string | undefined };

/** Blobs of the conversation's images by hash: each is decoded once, not per question. */
const blobs = new Map<string, Blob>();

/** A Blob of an image's bytes, from their bare base64. */
function blobOf(hash: string, base64: string, type: string): Blob {
  let blob = blobs.get(hash);
  if (!blob) {
    const text = atob(base64);
    const bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    blobs.set(hash, (blob = new Blob([bytes], { type })));
  }
  return blob;
}

/** "New conversation": let the kept session and the decoded images go. */
export function release(): void {
  releaseSession();
  blobs.clear();
}

/** The conversation with the request applied, its last turn the question to answer. */
function withQuestion(c: Conversation, request: DeviceRequest): Conversation {
  if ('retry' in request) return retry(c, request.retry);
  if (request.edit) return editLastQuestion(c, request.text);
  const refs = request.images.map((i) => i.ref);
  const last = c.turns.at(-1);
  // As with Gemini: an answer that brought nothing, or no answer, is asked again in place.
  if (last?.role === 'model' && last.meta.state === 'error' && last.parts.length === 0) {
    return editLastQuestion(retry(c), request.text, refs);
  }
  if (last?.role === 'user') return editLastQuestion(c, request.text, refs);
  return ask(c, request.text, refs);
}

/**
 * A turn as the built-in model is given it; undefined for an answer with no text (it failed
 * before a word, and Gemini is not sent it either).
 */
function deviceTurn(turn: Turn, data: Map<string, string>): DeviceTurn | undefined {
  if (turn.role === 'model') {
    const text = answerText(turn);
    return text ? { id: turn.id, role: 'assistant', text, images: [] } : undefined;
  }
  const images = turn.images.map((i) => {
    const base64 = data.get(i.hash);
    if (base64 === undefined) throw new ConversationError('not-found', M.imageMissing);
    return blobOf(i.hash, base64, i.mimeType);
  });
  return { id: turn.id, role: 'user', text: turn.text, images };
}

/** Said when the answer ended badly, as stored with the turn (as for Gemini). */
function endState(status: string): 'done' | 'stopped' | 'error' {
  if (status === 'done') return 'done';
  return status === 'stopped' ? 'stopped' : 'error';
}

/**
 * Ask the model on this device in `ctl`'s conversation, streaming into its state; `data` and
 * `urls` are the controller's images by hash (base64 to send, URLs to show). Resolves
 * with why nothing was sent (the conversation then unchanged), or, when the question and
 * image did not fit the model's context window, with an offer of a fresh start (no message:
 * the answer's alert says it); undefined otherwise.
 */
export async function askOnDevice(
  ctl: AskController,
  request: DeviceRequest,
  data: Map<string, string>,
  urls: Map<string, string>,
  host: ReactiveControllerHost,
): Promise<NotSent | undefined> {
  let c: Conversation;
  let earlier: DeviceTurn[];
  let question: DeviceTurn;
  try {
    c = withQuestion(ctl.conversation.turns.length ? ctl.conversation : newConversation(), request);
    if ('images' in request) {
      for (const i of request.images) {
        if (i.url) urls.set(i.ref.hash, i.url);
        // With its Blob, History can keep the image too.
        if (i.blob) ctl.adopt(i.ref.hash, i.blob, i.data);
        else data.set(i.ref.hash, i.data);
      }
    }
    const turns = c.turns.map((t) => deviceTurn(t, data));
    question = turns.at(-1) as DeviceTurn;
    earlier = turns.slice(0, -1).filter((t) => t !== undefined);
  } catch (error) {
    if (error instanceof ConversationError) return { message: error.message, offerFresh: false };
    throw error;
  }
  // The question is kept before it goes (History), as with Gemini.
  ctl.onSave?.(c);
  const started = performance.now();
  c = startAnswer(c, DEVICE_TEXT.where);
  const id = c.turns.at(-1)?.id ?? '';
  ctl.conversation = c;
  const source = onDeviceSource({
    prompt: question.text,
    images: question.images,
    earlier,
    keep: [question.id, id],
  });
  let tooLong = false;
  await ctl.ask({
    ...source,
    describe(error) {
      tooLong = error instanceof DeviceModelError && error.kind === 'context-exceeded';
      return source.describe(error);
    },
  });
  // "New conversation" (or another question) came meanwhile: this answer is not its turn.
  if (ctl.conversation.turns.at(-1)?.id !== id) return undefined;
  const s = ctl.state;
  ctl.conversation = endAnswer(receiveParts(ctl.conversation, s.text ? [{ text: s.text }] : []), {
    state: endState(s.status),
    context: s.context,
    durationMs: Math.round(performance.now() - started),
    ...(s.problem && s.status === 'failed'
      ? { error: { kind: 'failed', message: `${s.problem.title}: ${s.problem.detail}` } }
      : {}),
  });
  ctl.onSave?.(ctl.conversation);
  host.requestUpdate();
  return tooLong ? { message: '', offerFresh: true } : undefined;
}
