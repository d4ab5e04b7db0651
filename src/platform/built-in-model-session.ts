/**
 * The session half of the built-in model module (see built-in-model.ts, which finds the
 * browser's `LanguageModel` and hands it here): create a session, stream an answer as the
 * same events as the Gemini client (text, context use, finish), and turn every failure into
 * a DeviceModelError with its words. Loaded with the first download or on-device question.
 */
import { DeviceModelError, deviceErrorFrom, type AnswerEvent } from '../lib/gemini/device.ts';
import {
  WITH_IMAGE,
  builtInModelProgress,
  type DeviceQuestion,
  type LanguageModelApi,
  type MessageContent,
  type Session,
} from './built-in-model.ts';

export { describeDeviceError } from '../lib/gemini/describe-device.ts';

/** Create a session that takes text and images, reporting download progress. */
async function createSession(lm: LanguageModelApi | undefined, signal: AbortSignal) {
  if (!lm) throw new DeviceModelError('unavailable');
  try {
    return await lm.create({
      ...WITH_IMAGE,
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

/** Download the model (from a click); resolves once it is ready. Throws DeviceModelError. */
export async function download(
  lm: LanguageModelApi | undefined,
  signal: AbortSignal,
): Promise<void> {
  // A session is the only way to start the download; it is not needed afterwards.
  (await createSession(lm, signal)).destroy();
}

/** The session's context use, by the current names or the older ones. */
function contextOf(session: Session): AnswerEvent | undefined {
  const used = session.contextUsage ?? session.inputUsage;
  const window = session.contextWindow ?? session.inputQuota;
  return typeof used === 'number' && typeof window === 'number'
    ? { type: 'context', used, window }
    : undefined;
}

/**
 * Stream an answer from the built-in model: text deltas, then the session's context use,
 * then `finish`. A fresh session per question, destroyed when the answer ends (or on Stop).
 * Throws a DeviceModelError; after `signal` aborts, whatever it throws is the abort.
 */
export async function* streamOnDevice(
  lm: LanguageModelApi | undefined,
  question: DeviceQuestion,
  signal: AbortSignal,
): AsyncGenerator<AnswerEvent> {
  const session = await createSession(lm, signal);
  try {
    const content: MessageContent[] = [{ type: 'text', value: question.prompt }];
    if (question.image) content.push({ type: 'image', value: question.image });
    let reader: ReadableStreamDefaultReader<string> | undefined;
    try {
      reader = session.promptStreaming([{ role: 'user', content }], { signal }).getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        if (typeof value === 'string' && value !== '') yield { type: 'text', text: value };
      }
    } catch (error) {
      if (signal.aborted) throw error;
      throw deviceErrorFrom(error, 'prompt', Boolean(question.image));
    } finally {
      // Stop, or the caller leaving early: release the stream, never leaving a rejection.
      reader?.cancel().catch(() => undefined);
    }
    const context = contextOf(session);
    if (context) yield context;
    yield { type: 'finish', reason: 'STOP' };
  } finally {
    session.destroy();
  }
}
