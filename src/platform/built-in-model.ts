/**
 * The browser's built-in model (the Prompt API's `LanguageModel`, Gemini Nano in Chrome): the
 * only module that touches it, in two halves. This one, loaded with the page, finds it
 * (feature-detected on `globalThis.LanguageModel`; never the old `window.ai` shapes) and asks
 * how ready it is; its session half (built-in-model-session.ts, loaded with the first
 * download or question, as the Markdown renderer is) downloads, creates sessions and
 * streams answers, reaching the browser's model only through `api()` here.
 *
 * Shapes follow the Prompt API draft (webmachinelearning/prompt-api, June 2026) and MDN:
 * `availability(options)`, `create({...options, initialPrompts, monitor, signal})`,
 * `promptStreaming(messages, {signal})`, `contextUsage`/`contextWindow` (before:
 * `inputUsage`/`inputQuota`), `destroy()`. Messages are `{role, content}` with `user` or
 * `assistant` roles; images go only in `user` messages (an `assistant` image is refused).
 */
import type { DeviceAvailability, DeviceUnavailableReason } from '../lib/gemini/device.ts';

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
/** A message of the conversation as the Prompt API takes it (images only from `user`). */
export interface Message {
  role: 'user' | 'assistant';
  content: MessageContent[];
}

/** The parts of a `LanguageModel` session this module uses. */
export interface Session {
  promptStreaming(input: Message[], options?: { signal?: AbortSignal }): ReadableStream<string>;
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
    options: SessionOptions & {
      initialPrompts?: Message[];
      monitor?(m: CreateMonitor): void;
      signal?: AbortSignal;
    },
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

/** The browser's `LanguageModel`, if it has one (for the session half). */
export function api(): LanguageModelApi | undefined {
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

/** An earlier turn of the conversation, as the built-in model is given it. */
export interface DeviceTurn {
  /** The conversation turn's id: which turns a kept session has already seen. */
  id: string;
  role: 'user' | 'assistant';
  text: string;
  images: Blob[];
}

/** A question for the built-in model: the prompt, its images as prepared for upload. */
export interface DeviceQuestion {
  prompt: string;
  images?: Blob[];
  /** The turns before it, oldest first: a follow-up's context. */
  earlier?: DeviceTurn[];
  /**
   * The ids of this question and of its answer turn: with them, the session is kept after a
   * complete answer, for a follow-up to continue; without, it is destroyed.
   */
  keep?: [question: string, answer: string];
}
