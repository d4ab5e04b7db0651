/**
 * The session half of the built-in model module (see built-in-model.ts, which finds the
 * browser's `LanguageModel` and hands it here): create a session, stream an answer as the
 * same events as the Gemini client (text, context use, finish), and turn every failure into
 * a DeviceModelError with its words, and keep a conversation's session for its follow-ups.
 * Loaded with the first download or on-device question.
 */
import {
  DeviceModelError,
  deviceErrorFrom,
  type AnswerEvent,
  type AnswerSource,
} from '../lib/gemini/device.ts';
import { describeDeviceError } from '../lib/gemini/describe-device.ts';
import type { ErrorDescription } from '../lib/gemini/types.ts';
import {
  WITH_IMAGE,
  api,
  builtInModelProgress,
  type DeviceQuestion,
  type DeviceTurn,
  type LanguageModelApi,
  type Message,
  type MessageContent,
  type Session,
} from './built-in-model.ts';

export { describeDeviceError };

/**
 * Create a session that takes text and images, seeded with `initialPrompts` (the earlier
 * turns), reporting download progress.
 */
async function createSession(
  lm: LanguageModelApi | undefined,
  signal: AbortSignal,
  initialPrompts: Message[] = [],
) {
  if (!lm) throw new DeviceModelError('unavailable');
  try {
    return await lm.create({
      ...WITH_IMAGE,
      ...(initialPrompts.length ? { initialPrompts } : {}),
      signal,
      monitor(m) {
        m.addEventListener('downloadprogress', (e) => {
          const loaded = (e as ProgressEvent).loaded;
          builtInModelProgress.dispatchEvent(new CustomEvent('progress', { detail: loaded }));
        });
      },
    });
  } catch (error) {
    if (signal.aborted) throw error;
    throw deviceErrorFrom(error, 'create', true);
  }
}

/**
 * Download the model. Call it from a click: the browser needs the person's activation to
 * start a download. Resolves when the model is ready: undefined, or what went wrong.
 */
export async function download(signal: AbortSignal): Promise<ErrorDescription | undefined> {
  try {
    // A session is the only way to start the download; it is not needed afterwards.
    (await createSession(api(), signal)).destroy();
    return undefined;
  } catch (error) {
    return describeDeviceError(error);
  }
}

/** The session's context use, by the current names or the older ones. */
function contextOf(session: Session): AnswerEvent | undefined {
  const used = session.contextUsage ?? session.inputUsage;
  const window = session.contextWindow ?? session.inputQuota;
  return typeof used === 'number' && typeof window === 'number'
    ? { type: 'context', used, window }
    : undefined;
}

/** A message: its text (when there is any), then its images (only a user's have any). */
function messageOf(role: Message['role'], text: string, images: readonly Blob[] = []): Message {
  const content: MessageContent[] = text ? [{ type: 'text', value: text }] : [];
  for (const value of images) content.push({ type: 'image', value });
  return { role, content };
}

/**
 * The session kept after a complete answer in a conversation, with the ids of the turns it
 * holds, so a follow-up continues it rather than sending every turn again. Only one: a new
 * conversation, a retry, an edit or a Gemini turn in between leaves it behind.
 */
let kept: { session: Session; seen: string[] } | undefined;

/** Destroy the kept session, if any. */
export function release(): void {
  kept?.session.destroy();
  kept = undefined;
}

/**
 * The session for a question after `earlier`: the kept one when it holds exactly those turns
 * (a follow-up on the same model), else a new one seeded with them as `initialPrompts` (the
 * first question, or after a retry, an edit, or answers from Gemini). Both are in the Prompt
 * API explainer as of June 2026 ("Session persistence and cloning"; `initialPrompts` with
 * `user` and `assistant` messages, images in `user` ones only). A prompt that was stopped
 * leaves no trace in its session ("Aborting a specific prompt"), so a session is kept only
 * after a complete answer. When a kept session's window fills, the browser drops its oldest
 * turns itself ("contextoverflow"); initial prompts that do not fit fail `create()` with
 * QuotaExceededError, said as "too long" with "New conversation with this image".
 */
async function sessionFor(
  lm: LanguageModelApi | undefined,
  earlier: readonly DeviceTurn[],
  signal: AbortSignal,
): Promise<Session> {
  const ids = earlier.map((t) => t.id);
  const reuse = kept && kept.seen.join() === ids.join() ? kept.session : undefined;
  if (reuse) {
    kept = undefined;
    return reuse;
  }
  release();
  return createSession(
    lm,
    signal,
    earlier.map((t) => messageOf(t.role, t.text, t.images)),
  );
}

/**
 * Stream an answer from the built-in model: text deltas, then the session's context use,
 * then `finish`. The session continues the conversation (see `sessionFor`); after a complete
 * answer to a question with `keep` ids it is kept for the follow-up, otherwise destroyed
 * (Stop, a failure, a one-off question). Throws a DeviceModelError; after `signal` aborts,
 * whatever it throws is the abort.
 */
export async function* streamOnDevice(
  lm: LanguageModelApi | undefined,
  question: DeviceQuestion,
  signal: AbortSignal,
): AsyncGenerator<AnswerEvent> {
  const earlier = question.earlier ?? [];
  const session = await sessionFor(lm, earlier, signal);
  let complete = false;
  try {
    const images = question.images ?? [];
    const message = messageOf('user', question.prompt, images);
    let reader: ReadableStreamDefaultReader<string> | undefined;
    try {
      reader = session.promptStreaming([message], { signal }).getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        if (typeof value === 'string' && value !== '') yield { type: 'text', text: value };
      }
    } catch (error) {
      if (signal.aborted) throw error;
      throw deviceErrorFrom(error, 'prompt', images.length > 0);
    } finally {
      // Stop, or the caller leaving early: release the stream, never leaving a rejection.
      reader?.cancel().catch(() => undefined);
    }
    complete = !signal.aborted;
    const context = contextOf(session);
    if (context) yield context;
    yield { type: 'finish', reason: 'STOP' };
  } finally {
    if (complete && question.keep) {
      kept = { session, seen: [...earlier.map((t) => t.id), ...question.keep] };
    } else session.destroy();
  }
}

/** The built-in model as the Ask controller's answer source for one question. */
export function onDeviceSource(question: DeviceQuestion): AnswerSource {
  return {
    needsNetwork: false,
    stream: (signal) => streamOnDevice(api(), question, signal),
    describe: describeDeviceError,
  };
}
