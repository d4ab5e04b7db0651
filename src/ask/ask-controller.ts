import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { describeFinish } from '../lib/gemini/describe.ts';
import { retryDelayMs } from '../lib/gemini/retry.ts';
import type { ErrorDescription, Usage } from '../lib/gemini/types.ts';
import type { AnswerSource, ContextUse } from '../lib/gemini/device.ts';
import { connectAllowed } from '../platform/connect-policy.ts';
import { confirmKeyHost, keyNotSentProblem } from './key-consent-dialog.ts';

/** Where a question stands. */
export type AskStatus =
  'idle' | 'sending' | 'streaming' | 'retrying' | 'done' | 'stopped' | 'failed';

/** What the person reads when something went wrong: title, what happened, what to do. */
export type Problem = ErrorDescription;

/** A snapshot of the current question; a new object on every change, so Lit sees it. */
export interface AskState {
  status: AskStatus;
  /** The answer's Markdown so far: kept whatever happens. */
  text: string;
  /** Thought summaries, never mixed into the answer. */
  thoughts: string;
  usage?: Usage;
  modelVersion?: string;
  /** The on-device model's context window use, in place of tokens and model version. */
  context?: ContextUse;
  /** Why the answer ended when that is worth saying. */
  finishNote?: string;
  problem?: Problem;
  /** Seconds left before an automatic retry (429 countdown or back-off). */
  retryInSeconds?: number;
}

/** Said before trying when the browser knows it has no network. */
export const offlineProblem: Problem = {
  title: 'You are offline',
  detail: 'Ask needs the network to reach Gemini, and this device is offline.',
  action: 'Your question and image are kept: press Retry once you are back online.',
};

/** Said before trying when the page's security policy would refuse the base URL. */
export function blockedByPolicyProblem(baseUrl: string): Problem {
  let origin = baseUrl;
  try {
    origin = new URL(baseUrl).origin;
  } catch {
    // Not a URL: the request itself will say so.
  }
  return {
    title: 'This address is not allowed',
    detail: `This copy of Glimpse may only connect to the addresses its security policy names, and ${origin} is not one of them.`,
    action: `Use the default base URL, or build Glimpse with ${origin} in GLIMPSE_CONNECT_SRC (see the README). Your question is kept.`,
  };
}

const idle: AskState = { status: 'idle', text: '', thoughts: '' };

/**
 * Runs one question at a time against an answer source (Gemini, or the model built into the
 * browser; both give the same events): streams the answer into `state`, retries
 * rate limits (with a live countdown) and server errors (with back-off) as `retryDelayMs`
 * says while nothing has arrived yet, stops at once on `stop()`, and keeps whatever arrived
 * on failure.
 */
export class AskController implements ReactiveController {
  /** The current question's state. */
  state: AskState = idle;

  private _abort?: AbortController;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this._abort?.abort();
  }

  /** A question is on its way or streaming. */
  get busy(): boolean {
    return ['sending', 'streaming', 'retrying'].includes(this.state.status);
  }

  /**
   * Ask a question of `source` (Gemini, see `geminiSource`, or the model on this device);
   * any question still running is stopped first.
   */
  async ask(source: AnswerSource): Promise<void> {
    this._abort?.abort();
    const abort = new AbortController();
    this._abort = abort;
    if (source.needsNetwork && !navigator.onLine) {
      this._set({ ...idle, status: 'failed', problem: offlineProblem });
      return;
    }
    if (source.baseUrl !== undefined && !connectAllowed(source.baseUrl)) {
      this._set({ ...idle, status: 'failed', problem: blockedByPolicyProblem(source.baseUrl) });
      return;
    }
    this._set({ ...idle, status: 'sending' });
    // The key goes to a host other than Google's only once the person has said yes (the
    // model on this device has no base URL and no key).
    const baseUrl = source.baseUrl;
    if (baseUrl !== undefined && !(await confirmKeyHost(baseUrl))) {
      if (!abort.signal.aborted) {
        this._set({ status: 'failed', problem: keyNotSentProblem(baseUrl) });
      }
      return;
    }
    if (abort.signal.aborted) return;
    for (let attempt = 1; ; attempt++) {
      const outcome = await this._attempt(source, abort.signal);
      if (outcome === undefined || abort.signal.aborted) return;
      // Never retry once text has arrived: a second answer would not continue the first.
      const delay = this.state.text ? null : retryDelayMs(outcome, attempt);
      if (delay === null) {
        // A fetch that failed because the device went offline is said plainly as such.
        const offline = source.needsNetwork && !navigator.onLine;
        const problem = offline ? offlineProblem : source.describe(outcome);
        this._set({ status: 'failed', problem, retryInSeconds: undefined });
        return;
      }
      // The person sees why it waits (e.g. the rate limit) while the countdown runs.
      this._set({ problem: source.describe(outcome) });
      if (!(await this._countdown(delay, abort.signal))) return;
    }
  }

  /** End the stream now, keeping the partial answer. */
  stop(): void {
    if (!this.busy) return;
    this._abort?.abort();
    this._set({ status: 'stopped', retryInSeconds: undefined });
  }

  /** One try: resolves undefined when it ended (well or not), or the error worth retrying. */
  private async _attempt(source: AnswerSource, signal: AbortSignal): Promise<unknown> {
    try {
      for await (const event of source.stream(signal)) {
        if (signal.aborted) return undefined;
        switch (event.type) {
          case 'text':
            this._set({ status: 'streaming', text: this.state.text + event.text });
            break;
          case 'thought':
            this._set({ thoughts: this.state.thoughts + event.text });
            break;
          case 'usage':
            this._set({ usage: event.usage, modelVersion: event.modelVersion });
            break;
          case 'context':
            this._set({ context: { used: event.used, window: event.window } });
            break;
          case 'finish': {
            const note = describeFinish(event.reason, this.state.text.length > 0);
            // A finish message from the API says more than the reason alone.
            if (note && event.message) note.detail += ` The service said: “${event.message}”`;
            if (note) this._set({ status: 'failed', problem: note });
            break;
          }
        }
      }
      if (!signal.aborted && this.state.status !== 'failed') this._set({ status: 'done' });
      return undefined;
    } catch (error) {
      if (signal.aborted) return undefined;
      return error;
    }
  }

  /** Count down `ms` visibly; false when stopped meanwhile. */
  private async _countdown(ms: number, signal: AbortSignal): Promise<boolean> {
    const end = Date.now() + ms;
    while (!signal.aborted) {
      const left = end - Date.now();
      this._set({ status: 'retrying', retryInSeconds: Math.max(0, Math.ceil(left / 1000)) });
      if (left <= 0) break;
      // Wake at the next whole second (or at once on Stop) so the number shown stays true.
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          signal.removeEventListener('abort', done);
          resolve();
        };
        const timer = setTimeout(done, Math.min(left, left % 1000 || 1000));
        signal.addEventListener('abort', done);
      });
    }
    if (signal.aborted) return false;
    this._set({ status: 'sending', retryInSeconds: undefined, problem: undefined });
    return true;
  }

  private _set(patch: Partial<AskState>): void {
    this.state = { ...this.state, ...patch };
    this.host.requestUpdate();
  }
}
