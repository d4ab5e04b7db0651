/**
 * The contract shared by the two things that can answer a question: Gemini over the network
 * (`streamAnswer`) and the browser's built-in model (`src/platform/built-in-model.ts`). Both
 * produce the same events, so the Ask controller never needs to know which one answered.
 * DOM-free: errors from the Prompt API are read by their `name` only.
 */
import type { ErrorDescription, StreamEvent } from './types.ts';

/** How much of the on-device session's context window is used, after an answer. */
export interface ContextUse {
  /** Tokens the session holds (question, image and answer). */
  used: number;
  /** Tokens it can hold at most. */
  window: number;
}

/** The built-in model's stand-in for token usage: its context window use. */
export type ContextEvent = { type: 'context' } & ContextUse;

/** What an answer yields: Gemini's events, or the built-in model's (which add `context`). */
export type AnswerEvent = StreamEvent | ContextEvent;

/** Whatever can answer one question, as the Ask controller sees it. */
export interface AnswerSource {
  /** False for the model on this device: no "offline" check before asking. */
  needsNetwork: boolean;
  /** The address requests go to, checked against the page's connect policy first. */
  baseUrl?: string;
  /** Stream the answer; stops (throwing or returning) once `signal` aborts. */
  stream(signal: AbortSignal): AsyncIterable<AnswerEvent>;
  /** Plain words for what `stream` threw, from this source's own message table. */
  describe(error: unknown): ErrorDescription;
}

/** `LanguageModel.availability()`'s answer. */
export type DeviceAvailability = 'unavailable' | 'downloadable' | 'downloading' | 'available';

/** Why the built-in model cannot be used, when it cannot. */
export type DeviceUnavailableReason =
  /** No model at all for this browser or device. */
  | 'no-model'
  /** A model exists but cannot take images here. */
  | 'no-image';

/** Every way asking the built-in model can fail, in one word the UI can switch on. */
export type DeviceErrorKind =
  /** The model cannot take (or read) the image on this device. */
  | 'image-unsupported'
  /** The model's download failed (`NetworkError` from `create()`). */
  | 'download-failed'
  /** The download was cancelled before it finished (by the browser, not by Stop). */
  | 'download-cancelled'
  /** `QuotaExceededError`: the question and image do not fit the context window. */
  | 'context-exceeded'
  /** `NotSupportedError` while answering: a language the model does not support. */
  | 'language-unsupported'
  /** The session was destroyed (by the browser) while it answered. */
  | 'session-destroyed'
  /** `NotReadableError`: the browser filtered the model's output. */
  | 'output-filtered'
  /** `NotAllowedError`: disabled by the person or by policy, or a click is needed. */
  | 'not-allowed'
  /** `LanguageModel` is missing, or `create()` said the options are not supported. */
  | 'unavailable'
  /** Any other DOMException or error. */
  | 'other';

/** A failure of the built-in model. `message` names the kind and the DOMException only. */
export class DeviceModelError extends Error {
  override name = 'DeviceModelError';
  readonly kind: DeviceErrorKind;
  /** The DOMException's name, e.g. `QuotaExceededError`. */
  readonly domName?: string;

  constructor(kind: DeviceErrorKind, domName?: string, cause?: unknown) {
    super(`Built-in model failed (${[kind, domName].filter(Boolean).join(': ')})`, { cause });
    this.kind = kind;
    this.domName = domName;
  }
}

/** The name of a DOMException (or any error), or undefined. */
function nameOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('name' in error)) return undefined;
  const name = (error as { name: unknown }).name;
  return typeof name === 'string' ? name : undefined;
}

/**
 * Turn what `LanguageModel.create()` (phase `create`) or `promptStreaming()` (phase `prompt`)
 * threw into a DeviceModelError. `withImage`: the session was asked to take images, so a
 * `NotSupportedError` from `create()` means images are what this device cannot do. The caller
 * checks its own signal first: an `AbortError` here was not the person pressing Stop.
 */
export function deviceErrorFrom(
  error: unknown,
  phase: 'create' | 'prompt',
  withImage: boolean,
): DeviceModelError {
  if (error instanceof DeviceModelError) return error;
  const name = nameOf(error);
  switch (name) {
    case 'QuotaExceededError':
      return new DeviceModelError('context-exceeded', name, error);
    case 'NotAllowedError':
      return new DeviceModelError('not-allowed', name, error);
    case 'NotReadableError':
      return new DeviceModelError('output-filtered', name, error);
    case 'EncodingError':
      // The image's bytes could not be decoded by the model's image reader.
      return new DeviceModelError('image-unsupported', name, error);
  }
  if (phase === 'create') {
    if (name === 'NetworkError') return new DeviceModelError('download-failed', name, error);
    if (name === 'AbortError') return new DeviceModelError('download-cancelled', name, error);
    if (name === 'NotSupportedError') {
      return new DeviceModelError(withImage ? 'image-unsupported' : 'unavailable', name, error);
    }
  } else {
    if (name === 'NotSupportedError') {
      return new DeviceModelError('language-unsupported', name, error);
    }
    // Destroying a session errors its streams with AbortError; a destroyed session's
    // later calls throw InvalidStateError.
    if (name === 'AbortError' || name === 'InvalidStateError') {
      return new DeviceModelError('session-destroyed', name, error);
    }
  }
  return new DeviceModelError('other', name, error);
}
