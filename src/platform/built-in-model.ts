/**
 * The browser's built-in model (the Prompt API's `LanguageModel`, Gemini Nano in Chrome): the
 * only module that touches it. Feature-detected on `globalThis.LanguageModel`; the old
 * `window.ai` shapes are never used. Shapes follow the Prompt API draft (webmachinelearning
 * prompt-api, June 2026) and MDN: `availability(options)`, `create({...options, monitor,
 * signal})`, `promptStreaming(messages, {signal})`, `contextUsage`/`contextWindow` (before:
 * `inputUsage`/`inputQuota`), `destroy()`.
 *
 * It yields the same events as the Gemini client (text, context use, finish) and throws
 * DeviceModelError, so the Ask controller handles both alike.
 */
import {
  DeviceModelError,
  deviceErrorFrom,
  type AnswerEvent,
  type AnswerSource,
  type DeviceAvailability,
  type DeviceUnavailableReason,
} from '../lib/gemini/device.ts';

interface ExpectedInput {
  type: 'text' | 'image';
  languages?: string[];
}
interface SessionOptions {
  expectedInputs: ExpectedInput[];
  expectedOutputs: ExpectedInput[];
}
/** What `monitor` receives: it fires `downloadprogress` (a ProgressEvent, `loaded` 0 to 1). */
type CreateMonitor = EventTarget;
type MessageContent = { type: 'text'; value: string } | { type: 'image'; value: Blob };

/** The parts of a `LanguageModel` session this module uses. */
interface Session {
  promptStreaming(
    input: { role: 'user'; content: MessageContent[] }[],
    options?: { signal?: AbortSignal },
  ): ReadableStream<string>;
  readonly contextUsage?: number;
  readonly contextWindow?: number;
  /** The names before Chrome 14x; still read when the new ones are missing. */
  readonly inputUsage?: number;
  readonly inputQuota?: number;
  destroy(): void;
}

/** The parts of the `LanguageModel` interface object this module uses. */
interface LanguageModelApi {
  availability(options: SessionOptions): Promise<DeviceAvailability>;
  create(
    options: SessionOptions & { monitor?(m: CreateMonitor): void; signal?: AbortSignal },
  ): Promise<Session>;
}

/** Text and images in, text out: the same options for `availability()` and `create()`. */
const WITH_IMAGE: SessionOptions = {
  expectedInputs: [{ type: 'text', languages: ['en'] }, { type: 'image' }],
  expectedOutputs: [{ type: 'text', languages: ['en'] }],
};
const TEXT_ONLY: SessionOptions = {
  expectedInputs: [{ type: 'text', languages: ['en'] }],
  expectedOutputs: [{ type: 'text', languages: ['en'] }],
};

function api(): LanguageModelApi | undefined {
  const candidate = (globalThis as { LanguageModel?: unknown }).LanguageModel;
  return typeof candidate === 'function' || (typeof candidate === 'object' && candidate !== null)
    ? (candidate as LanguageModelApi)
    : undefined;
}

/** True where the browser offers a built-in model at all (whatever its state). */
export function hasBuiltInModel(): boolean {
  const lm = api();
  return typeof lm?.availability === 'function' && typeof lm.create === 'function';
}

/** The state of the built-in model for questions about images. */
export interface BuiltInAvailability {
  state: DeviceAvailability;
  /** Why, when `state` is `unavailable`. */
  reason?: DeviceUnavailableReason;
}

/**
 * Ask the browser whether its model can take text and images here, with the very options
 * `create()` will get. When it cannot, a second call without images tells "no model" from
 * "no image input".
 */
export async function builtInAvailability(): Promise<BuiltInAvailability> {
  const lm = api();
  if (!lm) return { state: 'unavailable', reason: 'no-model' };
  try {
    const state = await lm.availability(WITH_IMAGE);
    if (state !== 'unavailable') return { state };
    const textOnly = await lm.availability(TEXT_ONLY).catch(() => 'unavailable' as const);
    return { state, reason: textOnly === 'unavailable' ? 'no-model' : 'no-image' };
  } catch {
    return { state: 'unavailable', reason: 'no-model' };
  }
}

/**
 * Download progress, whoever started it (the "Download model" button or a question): a
 * `progress` event whose `detail` is the fraction loaded, 0 to 1.
 */
export const builtInModelProgress = new EventTarget();

/** Create a session that takes text and images, reporting download progress. */
async function createSession(lm: LanguageModelApi, signal: AbortSignal): Promise<Session> {
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

/**
 * Download the model (call it from a click: the browser needs the person's activation to
 * start a download). Resolves once the model is ready; throws a DeviceModelError.
 */
export async function downloadBuiltInModel(signal: AbortSignal): Promise<void> {
  const lm = api();
  if (!lm) throw new DeviceModelError('unavailable');
  // A session is the only way to start the download; it is not needed afterwards.
  (await createSession(lm, signal)).destroy();
}

/** A question for the built-in model: the prompt and the image as prepared for upload. */
export interface DeviceQuestion {
  prompt: string;
  image?: Blob;
}

/**
 * Stream an answer from the built-in model: text deltas, then the session's context use,
 * then `finish`. A fresh session per question, destroyed when the answer ends (or Stop).
 * Throws a DeviceModelError; after `signal` aborts, whatever it throws is the abort.
 */
export async function* streamOnDevice(
  question: DeviceQuestion,
  signal: AbortSignal,
): AsyncGenerator<AnswerEvent> {
  const lm = api();
  if (!lm) throw new DeviceModelError('unavailable');
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
    const used = session.contextUsage ?? session.inputUsage;
    const window = session.contextWindow ?? session.inputQuota;
    if (typeof used === 'number' && typeof window === 'number') {
      yield { type: 'context', used, window };
    }
    yield { type: 'finish', reason: 'STOP' };
  } finally {
    session.destroy();
  }
}

/** The built-in model as the Ask controller's answer source for one question. */
export function onDeviceSource(question: DeviceQuestion): AnswerSource {
  return { needsNetwork: false, stream: (signal) => streamOnDevice(question, signal) };
}
