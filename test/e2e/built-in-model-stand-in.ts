/**
 * A stand-in for Chrome's built-in model, for the e2e tests: headless Chromium has no
 * `LanguageModel`. Installed with an init script before the page's own code runs.
 *
 * Its shapes follow the Prompt API draft (webmachinelearning/prompt-api, index.bs and
 * README as of June 2026, "Minor sampling mode updates") and MDN's LanguageModel pages:
 * - `LanguageModel.availability(options)` → "unavailable" | "downloadable" | "downloading" |
 *   "available", for the given `expectedInputs` (image input can be unavailable on its own);
 * - `LanguageModel.create({expectedInputs, expectedOutputs, initialPrompts, monitor, signal})`:
 *   `initialPrompts` seed the session's history (user and assistant messages; an image in an
 *   assistant message rejects with "NotSupportedError", initial prompts over the context
 *   window with "QuotaExceededError"); rejects with
 *   "NotSupportedError" when unavailable, with "NotAllowedError" when a download is needed
 *   and there is no user activation, with the signal's reason on abort, with "NetworkError"
 *   when the download fails; `monitor(m)` gets an EventTarget firing `downloadprogress`
 *   ProgressEvents (`loaded` 0…1, `total` 1), at least 0 and 1 even with nothing to download;
 * - `session.promptStreaming(messages, {signal})` → a ReadableStream of text deltas; the
 *   session keeps each prompt and its complete answer in its history ("Session persistence"),
 *   while a prompt aborted mid-answer leaves no trace ("Aborting a specific prompt"), and on
 *   overflow the oldest prompt/answer pairs (never the initial prompts) are dropped with a
 *   `contextoverflow` event; errors
 *   with the signal's reason on abort, with "AbortError" when the session is destroyed, with a
 *   `QuotaExceededError` (the DOMException subclass where the browser has it, with `requested`
 *   and `quota`) when the input does not fit; "NotSupportedError" for an image when the session
 *   was not created for images;
 * - `contextUsage` / `contextWindow`, `destroy()`.
 */
import type { BrowserContext, Page } from 'playwright-core';

/** How the stand-in behaves; the tests change it between questions with `configure`. */
export interface StandInConfig {
  /** What `availability()` says for text and image input. */
  availability: 'unavailable' | 'downloadable' | 'downloading' | 'available';
  /** What it says for text alone (defaults to `availability`). */
  textOnly?: 'unavailable' | 'downloadable' | 'downloading' | 'available';
  /** The answer, as the chunks `promptStreaming` delivers. */
  chunks: string[];
  /** Pause before each chunk. */
  chunkDelayMs: number;
  /** Download progress steps (after 0) and the pause between them. */
  downloadSteps: number;
  downloadStepMs: number;
  /** A DOMException name `create()` rejects with (after the download's first step). */
  createError?: string;
  /** A DOMException name the answer stream errors with, after `errorAfterChunks` chunks. */
  promptError?: string;
  errorAfterChunks?: number;
  contextWindow: number;
}

/** An image as the stand-in received it. */
export interface LoggedImage {
  blob: boolean;
  type: string;
  size: number;
}

/** A message as the stand-in received it (or holds it in a session's history). */
export interface LoggedMessage {
  role: string;
  texts: string[];
  images: LoggedImage[];
}

/** What the stand-in saw, for the tests to check. */
export interface StandInLog {
  availabilityCalls: { inputs: string[] }[];
  creates: {
    inputs: string[];
    withActivation: boolean;
    outcome: string;
    /** The `initialPrompts` it was given. */
    initialPrompts: LoggedMessage[];
    /** The session made (numbered from 1), once made. */
    session?: number;
  }[];
  prompts: {
    /** The session prompted, and what its history held before this prompt. */
    session: number;
    history: LoggedMessage[];
    texts: string[];
    images: LoggedImage[];
  }[];
  /** Streams that ended because their signal aborted. */
  aborted: number;
  destroyed: number;
}

/** A plain, working model: available, a short Markdown answer in three pieces. */
export const READY: StandInConfig = {
  availability: 'available',
  chunks: ['The chart shows **a stock index** ', 'rising over ', 'the year.'],
  chunkDelayMs: 60,
  downloadSteps: 4,
  downloadStepMs: 150,
  contextWindow: 9216,
};

interface StandInWindow {
  __standIn: {
    config: StandInConfig;
    log: StandInLog;
    destroyAll(): void;
  };
}

/** The init script itself: runs in the page, so it uses nothing from this module. */
function install(initial: StandInConfig): void {
  const config: StandInConfig = { ...initial };
  const log: StandInLog = {
    availabilityCalls: [],
    creates: [],
    prompts: [],
    aborted: 0,
    destroyed: 0,
  };
  const sessions = new Set<{ destroy(): void }>();
  const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
  type Input = { type: string };
  const typesOf = (inputs: Input[] | undefined) => (inputs ?? []).map((i) => i.type);
  const stateFor = (inputs: Input[] | undefined) =>
    typesOf(inputs).includes('image')
      ? config.availability
      : (config.textOnly ?? config.availability);
  const abortReason = (signal: AbortSignal) =>
    signal.reason ?? new DOMException('The operation was aborted.', 'AbortError');

  type Content = { type: string; value: unknown };
  type Message = { role: string; content: string | Content[] };
  /** Tokens, roughly: a quarter of the characters, 256 per image. */
  const tokensOf = (m: LoggedMessage) =>
    Math.ceil(m.texts.join(' ').length / 4) + 256 * m.images.length;
  const quotaError = (requested: number, quota: number) => {
    const Quota = (globalThis as { QuotaExceededError?: new (m: string, o: object) => Error })
      .QuotaExceededError;
    return Quota
      ? new Quota('The input is too large.', { requested, quota })
      : new DOMException('The input is too large.', 'QuotaExceededError');
  };
  /**
   * A message as logged, checked as the API checks it: images only where the session expects
   * them and never from the assistant; unknown roles are a TypeError.
   */
  const read = (message: Message, imagesExpected: boolean): LoggedMessage => {
    if (!['user', 'assistant', 'system'].includes(message.role)) {
      throw new TypeError(`Unknown role ${message.role}`);
    }
    const content =
      typeof message.content === 'string'
        ? [{ type: 'text', value: message.content }]
        : message.content;
    const logged: LoggedMessage = { role: message.role, texts: [], images: [] };
    for (const part of content) {
      if (part.type === 'text') logged.texts.push(String(part.value));
      if (part.type === 'image') {
        if (message.role === 'assistant') {
          throw new DOMException('The assistant role cannot carry images.', 'NotSupportedError');
        }
        if (!imagesExpected) {
          throw new DOMException('Image input was not expected.', 'NotSupportedError');
        }
        const blob = part.value instanceof Blob;
        logged.images.push({
          blob,
          type: blob ? (part.value as Blob).type : '',
          size: blob ? (part.value as Blob).size : 0,
        });
      }
    }
    return logged;
  };

  class LanguageModel extends EventTarget {
    static async availability(options: { expectedInputs?: Input[] } = {}): Promise<string> {
      log.availabilityCalls.push({ inputs: typesOf(options.expectedInputs) });
      return stateFor(options.expectedInputs);
    }

    static async create(
      options: {
        expectedInputs?: Input[];
        initialPrompts?: Message[];
        monitor?: (m: EventTarget) => void;
        signal?: AbortSignal;
      } = {},
    ): Promise<LanguageModel> {
      const inputs = typesOf(options.expectedInputs);
      const record: StandInLog['creates'][number] = {
        inputs,
        withActivation: navigator.userActivation.isActive,
        outcome: 'pending',
        initialPrompts: [],
      };
      log.creates.push(record);
      const fail = (name: string, message: string) => {
        record.outcome = name;
        throw new DOMException(message, name);
      };
      try {
        record.initialPrompts = (options.initialPrompts ?? []).map((m) =>
          read(m, inputs.includes('image')),
        );
      } catch (error) {
        record.outcome = (error as Error).name;
        throw error;
      }
      const state = stateFor(options.expectedInputs);
      if (options.signal?.aborted) fail('AbortError', 'The operation was aborted.');
      if (state === 'unavailable') fail('NotSupportedError', 'The options are not supported.');
      if (state !== 'available' && !record.withActivation) {
        fail(
          'NotAllowedError',
          'Requires a user gesture when availability is "downloading" or "downloadable".',
        );
      }
      const initialTokens = record.initialPrompts.reduce((n, m) => n + tokensOf(m), 0);
      if (initialTokens > config.contextWindow) {
        record.outcome = 'QuotaExceededError';
        throw quotaError(initialTokens, config.contextWindow);
      }
      const monitor = new EventTarget();
      options.monitor?.(monitor);
      const progress = (loaded: number) =>
        monitor.dispatchEvent(new ProgressEvent('downloadprogress', { loaded, total: 1 }));
      progress(0);
      if (state !== 'available') {
        config.availability = 'downloading';
        for (let step = 1; step <= config.downloadSteps; step++) {
          await sleep(config.downloadStepMs);
          if (options.signal?.aborted) {
            record.outcome = 'AbortError';
            throw abortReason(options.signal);
          }
          if (config.createError) {
            config.availability = 'downloadable';
            fail(config.createError, 'The download failed.');
          }
          if (step === config.downloadSteps) config.availability = 'available';
          progress(step / config.downloadSteps);
        }
      } else {
        if (config.createError) fail(config.createError, 'Creating the session failed.');
        progress(1);
      }
      record.outcome = 'created';
      record.session = log.creates.filter((c) => c.session !== undefined).length + 1;
      return new LanguageModel(record.session, inputs, record.initialPrompts);
    }

    readonly contextWindow = config.contextWindow;
    readonly #id: number;
    #inputs: string[];
    /** The initial prompts (kept on overflow), then each prompt and its answer, in order. */
    readonly #initial: LoggedMessage[];
    #history: LoggedMessage[] = [];
    #destroyed = false;
    /** How to end each stream still open, with an error. */
    #streams = new Set<(error: unknown) => void>();

    private constructor(id: number, inputs: string[], initial: LoggedMessage[]) {
      super();
      this.#id = id;
      this.#inputs = inputs;
      this.#initial = initial;
      sessions.add(this);
    }

    get contextUsage(): number {
      return [...this.#initial, ...this.#history].reduce((n, m) => n + tokensOf(m), 0);
    }

    promptStreaming(messages: Message[], options: { signal?: AbortSignal } = {}) {
      if (this.#destroyed)
        throw new DOMException('The session was destroyed.', 'InvalidStateError');
      const asked = messages.map((m) => read(m, this.#inputs.includes('image')));
      const texts = asked.flatMap((m) => m.texts);
      const images = asked.flatMap((m) => m.images);
      log.prompts.push({
        session: this.#id,
        history: structuredClone([...this.#initial, ...this.#history]),
        texts,
        images,
      });
      const signal = options.signal;
      const streams = this.#streams;
      let ended = false;
      let end: (error: unknown) => void = () => undefined;
      return new ReadableStream<string>({
        start: async (controller) => {
          end = (error: unknown) => {
            if (ended) return;
            ended = true;
            streams.delete(end);
            controller.error(error);
          };
          streams.add(end);
          signal?.addEventListener('abort', () => {
            if (!ended) log.aborted++;
            end(abortReason(signal));
          });
          const inputTokens = asked.reduce((n, m) => n + tokensOf(m), 0);
          if (config.promptError === 'QuotaExceededError' && !config.errorAfterChunks) {
            end(
              quotaError(this.contextUsage + inputTokens + this.contextWindow, this.contextWindow),
            );
            return;
          }
          // Overflow: the oldest prompt/answer pairs go (never the initial prompts); when even
          // that is not enough, QuotaExceededError and nothing is removed.
          const initialTokens = this.#initial.reduce((n, m) => n + tokensOf(m), 0);
          if (initialTokens + inputTokens > this.contextWindow) {
            end(quotaError(inputTokens, this.contextWindow - this.contextUsage));
            return;
          }
          let overflowed = false;
          while (this.contextUsage + inputTokens > this.contextWindow && this.#history.length) {
            this.#history.splice(0, 2);
            overflowed = true;
          }
          if (overflowed) this.dispatchEvent(new Event('contextoverflow'));
          let answer = '';
          for (let i = 0; i < config.chunks.length; i++) {
            await sleep(config.chunkDelayMs);
            if (ended) return;
            if (config.promptError && i === (config.errorAfterChunks ?? 0)) {
              end(new DOMException('The prompt failed.', config.promptError));
              return;
            }
            controller.enqueue(config.chunks[i]);
            answer += config.chunks[i];
          }
          // Complete: the prompt and its answer join the session's history.
          this.#history.push(...asked, { role: 'assistant', texts: [answer], images: [] });
          ended = true;
          streams.delete(end);
          controller.close();
        },
        cancel() {
          ended = true;
          streams.delete(end);
        },
      });
    }

    destroy(): void {
      if (this.#destroyed) return;
      this.#destroyed = true;
      log.destroyed++;
      sessions.delete(this);
      for (const end of [...this.#streams]) {
        end(new DOMException('The session was destroyed.', 'AbortError'));
      }
    }
  }

  Object.defineProperty(globalThis, 'LanguageModel', {
    value: LanguageModel,
    configurable: true,
    writable: true,
  });
  (globalThis as unknown as StandInWindow).__standIn = {
    config,
    log,
    destroyAll: () => {
      for (const s of [...sessions]) s.destroy();
    },
  };
}

/** Install the stand-in in every page of `context` opened from now on. */
export async function installStandIn(
  context: BrowserContext,
  config: Partial<StandInConfig> = {},
): Promise<void> {
  await context.addInitScript(install, { ...READY, ...config });
}

/**
 * Take away the browser's own `LanguageModel` (Chromium exposes one on secure pages even
 * without a model, answering "unavailable"), as in browsers that have none.
 */
export async function removeLanguageModel(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    delete (globalThis as { LanguageModel?: unknown }).LanguageModel;
  });
}

/** Change how the stand-in behaves from the next call on. */
export async function configure(page: Page, patch: Partial<StandInConfig>): Promise<void> {
  await page.evaluate((p) => {
    Object.assign((window as unknown as StandInWindow).__standIn.config, p);
  }, patch);
}

/** What the stand-in has seen so far. */
export function standInLog(page: Page): Promise<StandInLog> {
  return page.evaluate(() => (window as unknown as StandInWindow).__standIn.log);
}

/** Destroy every live session, as the browser may do (e.g. to free memory). */
export async function destroySessions(page: Page): Promise<void> {
  await page.evaluate(() => (window as unknown as StandInWindow).__standIn.destroyAll());
}
