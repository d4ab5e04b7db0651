/**
 * A stand-in for Chrome's built-in model, for the e2e tests: headless Chromium has no
 * `LanguageModel`. Installed with an init script before the page's own code runs.
 *
 * Its shapes follow the Prompt API draft (webmachinelearning/prompt-api, index.bs and
 * README as of June 2026, "Minor sampling mode updates") and MDN's LanguageModel pages:
 * - `LanguageModel.availability(options)` → "unavailable" | "downloadable" | "downloading" |
 *   "available", for the given `expectedInputs` (image input can be unavailable on its own);
 * - `LanguageModel.create({expectedInputs, expectedOutputs, monitor, signal})`: rejects with
 *   "NotSupportedError" when unavailable, with "NotAllowedError" when a download is needed
 *   and there is no user activation, with the signal's reason on abort, with "NetworkError"
 *   when the download fails; `monitor(m)` gets an EventTarget firing `downloadprogress`
 *   ProgressEvents (`loaded` 0…1, `total` 1), at least 0 and 1 even with nothing to download;
 * - `session.promptStreaming(messages, {signal})` → a ReadableStream of text deltas; errors
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

/** What the stand-in saw, for the tests to check. */
export interface StandInLog {
  availabilityCalls: { inputs: string[] }[];
  creates: { inputs: string[]; withActivation: boolean; outcome: string }[];
  prompts: { texts: string[]; images: { blob: boolean; type: string; size: number }[] }[];
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

  class LanguageModel extends EventTarget {
    static async availability(options: { expectedInputs?: Input[] } = {}): Promise<string> {
      log.availabilityCalls.push({ inputs: typesOf(options.expectedInputs) });
      return stateFor(options.expectedInputs);
    }

    static async create(
      options: {
        expectedInputs?: Input[];
        monitor?: (m: EventTarget) => void;
        signal?: AbortSignal;
      } = {},
    ): Promise<LanguageModel> {
      const record = {
        inputs: typesOf(options.expectedInputs),
        withActivation: navigator.userActivation.isActive,
        outcome: 'pending',
      };
      log.creates.push(record);
      const fail = (name: string, message: string) => {
        record.outcome = name;
        throw new DOMException(message, name);
      };
      const state = stateFor(options.expectedInputs);
      if (options.signal?.aborted) fail('AbortError', 'The operation was aborted.');
      if (state === 'unavailable') fail('NotSupportedError', 'The options are not supported.');
      if (state !== 'available' && !record.withActivation) {
        fail(
          'NotAllowedError',
          'Requires a user gesture when availability is "downloading" or "downloadable".',
        );
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
      return new LanguageModel(typesOf(options.expectedInputs));
    }

    contextUsage = 0;
    readonly contextWindow = config.contextWindow;
    #inputs: string[];
    #destroyed = false;
    /** How to end each stream still open, with an error. */
    #streams = new Set<(error: unknown) => void>();

    private constructor(inputs: string[]) {
      super();
      this.#inputs = inputs;
      sessions.add(this);
    }

    promptStreaming(
      messages: { role: string; content: { type: string; value: unknown }[] }[],
      options: { signal?: AbortSignal } = {},
    ): ReadableStream<string> {
      if (this.#destroyed)
        throw new DOMException('The session was destroyed.', 'InvalidStateError');
      const texts: string[] = [];
      const images: { blob: boolean; type: string; size: number }[] = [];
      for (const message of messages) {
        for (const part of message.content) {
          if (part.type === 'text') texts.push(String(part.value));
          if (part.type === 'image') {
            if (!this.#inputs.includes('image')) {
              throw new DOMException('Image input was not expected.', 'NotSupportedError');
            }
            const blob = part.value instanceof Blob;
            images.push({
              blob,
              type: blob ? (part.value as Blob).type : '',
              size: blob ? (part.value as Blob).size : 0,
            });
          }
        }
      }
      log.prompts.push({ texts, images });
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
          const inputTokens = Math.ceil(texts.join(' ').length / 4) + 256 * images.length;
          if (config.promptError === 'QuotaExceededError' && !config.errorAfterChunks) {
            const requested = this.contextUsage + inputTokens + this.contextWindow;
            const Quota = (
              globalThis as { QuotaExceededError?: new (m: string, o: object) => Error }
            ).QuotaExceededError;
            end(
              Quota
                ? new Quota('The input is too large.', { requested, quota: this.contextWindow })
                : new DOMException('The input is too large.', 'QuotaExceededError'),
            );
            return;
          }
          this.contextUsage += inputTokens;
          for (let i = 0; i < config.chunks.length; i++) {
            await sleep(config.chunkDelayMs);
            if (ended) return;
            if (config.promptError && i === (config.errorAfterChunks ?? 0)) {
              end(new DOMException('The prompt failed.', config.promptError));
              return;
            }
            controller.enqueue(config.chunks[i]);
            this.contextUsage += Math.ceil(config.chunks[i].length / 4);
          }
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
