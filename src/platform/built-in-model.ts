/**
 * The browser's built-in model (the Prompt API's `LanguageModel`, Gemini Nano in Chrome): the
 * only module that touches it, in two halves. This one, loaded with the page, finds it
 * (feature-detected on `globalThis.LanguageModel`; never the old `window.ai` shapes) and asks
 * how ready it is; its session half (built-in-model-session.ts, loaded with the first
 * download or question, as the Markdown renderer is) creates sessions and streams answers,
 * using only the interface object this half hands it.
 *
 * Shapes follow the Prompt API draft (webmachinelearning/prompt-api, June 2026) and MDN:
 * `availability(options)`, `create({...options, monitor, signal})`,
 * `promptStreaming(messages, {signal})`, `contextUsage`/`contextWindow` (before:
 * `inputUsage`/`inputQuota`), `destroy()`.
 */
import { describeError } from '../lib/gemini/describe.ts';
import type {
  AnswerSource,
  DeviceAvailability,
  DeviceUnavailableReason,
} from '../lib/gemini/device.ts';
import type { ErrorDescription } from '../lib/gemini/types.ts';

interface ExpectedInput {
  type: 'text' | 'image';
  languages?: string[];
}
/** What `availability()` and `create()` both get. */
export interface SessionOptions {
  expectedInputs: ExpectedInput[];
  expectedOutputs: ExpectedInput[];
}
/** What `monitor` receives: it fires `downloadprogress` (a ProgressEvent, `loaded` 0 to 1). */
type CreateMonitor = EventTarget;
/** One piece of a user message. */
export type MessageContent = { type: 'text'; value: string } | { type: 'image'; value: Blob };

/** The parts of a `LanguageModel` session this module uses. */
export interface Session {
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
export interface LanguageModelApi {
  availability(options: SessionOptions): Promise<DeviceAvailability>;
  create(
    options: SessionOptions & { monitor?(m: CreateMonitor): void; signal?: AbortSignal },
  ): Promise<Session>;
}

/** The languages Chrome's model supports (since Chrome 140); naming them avoids a warning. */
const LANGUAGES = ['en', 'es', 'ja'];
/** Text and images in, text out: the same options for `availability()` and `create()`. */
export const WITH_IMAGE: SessionOptions = {
  expectedInputs: [{ type: 'text', languages: LANGUAGES }, { type: 'image' }],
  expectedOutputs: [{ type: 'text', languages: LANGUAGES }],
};
const TEXT_ONLY: SessionOptions = {
  expectedInputs: [{ type: 'text', languages: LANGUAGES }],
  expectedOutputs: [{ type: 'text', languages: LANGUAGES }],
};

/** The browser's `LanguageModel`, if it has one. */
function api(): LanguageModelApi | undefined {
  const lm = (globalThis as { LanguageModel?: Partial<LanguageModelApi> }).LanguageModel;
  return typeof lm?.availability === 'function' && typeof lm.create === 'function'
    ? (lm as LanguageModelApi)
    : undefined;
}

/** True where the browser offers a built-in model at all (whatever its state). */
export function hasBuiltInModel(): boolean {
  return api() !== undefined;
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

const sessionHalf = () => import('./built-in-model-session.ts');

/**
 * Download the model. Call it from a click: the browser needs the person's activation to
 * start a download. Resolves when the model is ready: undefined, or what went wrong.
 */
export async function downloadBuiltInModel(
  signal: AbortSignal,
): Promise<ErrorDescription | undefined> {
  try {
    const half = await sessionHalf();
    try {
      await half.download(api(), signal);
      return undefined;
    } catch (error) {
      return half.describeDeviceError(error);
    }
  } catch (error) {
    return describeError(error);
  }
}

/** A question for the built-in model: the prompt and the image as prepared for upload. */
export interface DeviceQuestion {
  prompt: string;
  image?: Blob;
}

/** The built-in model as the Ask controller's answer source for one question. */
export function onDeviceSource(question: DeviceQuestion): AnswerSource {
  // Until the session half is loaded, its failure (only loading it can fail) is described
  // by the general table.
  let describe: (error: unknown) => ErrorDescription = describeError;
  return {
    needsNetwork: false,
    async *stream(signal) {
      const half = await sessionHalf();
      describe = half.describeDeviceError;
      yield* half.streamOnDevice(api(), question, signal);
    },
    describe: (error) => describe(error),
  };
}
