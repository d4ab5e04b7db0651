import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { type ErrorDescription, type GeminiSettings, type Usage } from '../lib/gemini/types.ts';
import { type AnswerSource, type ContextUse } from '../lib/gemini/device.ts';
import { ASK_TEXT } from '../lib/gemini/ask-text.ts';
import type { Conversation, ImageRef } from '../lib/conversation/types.ts';
import type { RequestOptions } from '../lib/conversation/options.ts';
import type { FindRequest } from '../lib/boxes/find-turn.ts';

/** The conversation model, loaded with the first question (it is not needed to show Ask). */
type ConversationLib = typeof import('../lib/conversation/index.ts');
let lib: ConversationLib | undefined;
async function loadLib(): Promise<ConversationLib> {
  lib ??= await import('../lib/conversation/index.ts');
  return lib;
}

/**
 * What answering needs and showing Ask does not (the error table, the retry rule, the Gemini
 * client): loaded with the first question, so the first view stays within its budget.
 */
async function loadAnswering() {
  const [describe, retry, gemini] = await Promise.all([
    import('../lib/gemini/describe.ts'),
    import('../lib/gemini/retry.ts'),
    import('../lib/gemini/gemini-source.ts'),
  ]);
  return { ...describe, ...retry, ...gemini };
}

/** No turns yet (the model's own `newConversation` comes with the library). */
const EMPTY: Conversation = {
  id: '',
  title: '',
  renamed: false,
  createdAt: 0,
  updatedAt: 0,
  turns: [],
};

/** Why a question was not sent: the message, and whether a fresh start would fit it. */
export interface NotSent {
  message: string;
  /** Offer "New conversation with this image". */
  offerFresh: boolean;
}
import { connectAllowed } from '../platform/connect-policy.ts';
import type { DeviceRequest } from './ask-on-device.ts';
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
export const offlineProblem: Problem = ASK_TEXT.offline;

/** Said before trying when the page's security policy would refuse the base URL. */
export const blockedByPolicyProblem = ASK_TEXT.blockedByPolicy;

/**
 * Said when code loaded on first use (asking, checking the key) could not be loaded: the page
 * was updated, or the network dropped before the service worker had it.
 */
export const notLoadedProblem: Problem = ASK_TEXT.notLoaded;

const idle: AskState = { status: 'idle', text: '', thoughts: '' };

/** An image going with a question: what the conversation keeps of it, and its bytes. */
export interface QuestionImage {
  ref: ImageRef;
  /** Bare base64 of the bytes as sent. */
  data: string;
  /** A URL to show it by (an object URL owned by whoever made it). */
  url?: string;
  /** The bytes as sent, kept so History can store the image (once, by hash). */
  blob?: Blob;
}

/** Said when the answer ended badly, as stored with the turn. */
function endState(status: AskStatus): 'done' | 'stopped' | 'error' {
  if (status === 'done') return 'done';
  return status === 'stopped' ? 'stopped' : 'error';
}

/**
 * Runs one question at a time against an answer source (Gemini, or the model built into the
 * browser; both give the same events): streams the answer into `state`, retries
 * rate limits (with a live countdown) and server errors (with back-off) as `retryDelayMs`
 * says while nothing has arrived yet, stops at once on `stop()`, and keeps whatever arrived
 * on failure.
 */
export class AskController implements ReactiveController {
  /** The current question's state (the last answer, as it streams). */
  state: AskState = idle;
  /** The conversation with Gemini on screen: every turn, the last answer arriving last. */
  conversation: Conversation = EMPTY;

  private _abort?: AbortController;
  /** Base64 of every image the conversation uses, by hash, to send again in follow-ups. */
  private readonly _data = new Map<string, string>();
  private readonly _urls = new Map<string, string>();
  /** Questions that are a "Find" (by turn id): sent as JSON requests, their boxes kept. */
  private readonly _finds = new Map<string, FindRequest>();
  /** The Blob of every image the conversation uses, by hash, for History to store. */
  private readonly _blobs = new Map<string, Blob>();
  /**
   * Told each time the conversation should be kept: a question was sent, an answer ended
   * (History saves it; see history-controller.ts).
   */
  onSave?: (c: Conversation) => void;

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
      this._fresh({ status: 'failed', problem: offlineProblem });
      return;
    }
    if (source.baseUrl !== undefined && !connectAllowed(source.baseUrl)) {
      this._fresh({ status: 'failed', problem: blockedByPolicyProblem(source.baseUrl) });
      return;
    }
    this._fresh({ status: 'sending' });
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
    const kit = await loadAnswering().catch(() => undefined);
    if (abort.signal.aborted) return;
    if (!kit) {
      this._set({ status: 'failed', problem: notLoadedProblem });
      return;
    }
    const { describeFinish, retryDelayMs } = kit;
    for (let attempt = 1; ; attempt++) {
      const outcome = await this._attempt(source, abort.signal, describeFinish);
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

  /** The Blob of the image with this hash, when one is at hand. */
  imageBlob(hash: string): Blob | undefined {
    return this._blobs.get(hash);
  }

  /**
   * Take an image of a conversation opened from History: shown, and sent again in its turn.
   * Its base64 may come as a reader, called only when a request or Export needs it
   * (`readImages`): a long conversation's images are megabytes that showing it never uses.
   */
  adopt(hash: string, blob: Blob, data: string | (() => Promise<string>)): void {
    this._blobs.set(hash, blob);
    if (typeof data === 'string') {
      this._data.set(hash, data);
      this._unread.delete(hash);
    } else if (!this._data.has(hash)) this._unread.set(hash, data);
    if (!this._urls.has(hash)) this._urls.set(hash, URL.createObjectURL(blob));
  }

  /** Adopted images whose base64 is not read yet, with their readers. */
  private readonly _unread = new Map<string, () => Promise<string>>();

  /** Reading adopted images, until it ends (a second caller waits for the first's too). */
  private _reading?: Promise<unknown>;

  /** Whether `readImages` has anything to do or to wait for. */
  private get _imagesToRead(): boolean {
    return this._unread.size > 0 || this._reading !== undefined;
  }

  /** Read the base64 of the adopted images not read yet (before a request or Export). */
  async readImages(): Promise<void> {
    const pending = [...this._unread];
    this._unread.clear();
    const reading = Promise.all([
      this._reading,
      ...pending.map(async ([hash, read]) => {
        try {
          this._data.set(hash, await read());
        } catch {
          // Unreadable now: kept for another try; meanwhile a request says the image is
          // missing, and Export names it in place of the picture.
          this._unread.set(hash, read);
        }
      }),
    ]);
    this._reading = reading;
    await reading;
    if (this._reading === reading) this._reading = undefined;
  }

  /** A URL showing the image with this hash, when one is at hand. */
  imageUrl(hash: string): string | undefined {
    return this._urls.get(hash);
  }

  /** The bare base64 of an image the conversation uses, by hash (for "Export"). */
  imageData(hash: string): string | undefined {
    return this._data.get(hash);
  }

  /**
   * The image as it goes with the next question: undefined when an answered question already
   * carried it (the follow-up sends it in that turn).
   */
  async imageFor(
    blob: Blob,
    mimeType: string,
    name: string | undefined,
    base64: () => Promise<string>,
  ): Promise<QuestionImage | undefined> {
    const { sha256Hex } = await loadLib();
    const hash = await sha256Hex(await blob.arrayBuffer());
    const carried = this._settled().turns.some(
      (t) => t.role === 'user' && t.images.some((i) => i.hash === hash),
    );
    if (carried) return undefined;
    return {
      ref: { hash, mimeType, bytes: blob.size, ...(name ? { name } : {}) },
      data: await base64(),
      // A URL of its own: whoever showed the image may revoke theirs.
      url: URL.createObjectURL(blob),
      blob,
    };
  }

  /**
   * The conversation without a last question whose answer brought nothing (a new question
   * takes its place rather than following it).
   */
  private _settled(): Conversation {
    const c = this.conversation;
    const last = c.turns.at(-1);
    if (last?.role === 'user') return { ...c, turns: c.turns.slice(0, -1) };
    if (last?.role === 'model' && last.meta.state === 'error' && last.parts.length === 0) {
      return { ...c, turns: c.turns.slice(0, -2) };
    }
    return c;
  }

  /**
   * Ask Gemini a question in the conversation: added as the next turn (or, when the last
   * answer brought nothing, in place of its question), then the whole conversation is sent.
   * Says why when nothing was sent (the conversation is then unchanged): an empty question,
   * too many images, or a request over the inline limit.
   */
  async askGemini(
    settings: GeminiSettings,
    text: string,
    images: readonly QuestionImage[],
    options: RequestOptions = {},
    find?: FindRequest,
  ): Promise<NotSent | undefined> {
    const m = await loadLib();
    const refs = images.map((i) => i.ref);
    let c = this.conversation.turns.length ? this.conversation : m.newConversation();
    const last = c.turns.at(-1);
    try {
      // An answer that brought nothing (offline, refused before a word): the question is
      // asked again in its place, as it is now in the composer, rather than followed up.
      if (last?.role === 'model' && last.meta.state === 'error' && last.parts.length === 0) {
        c = m.editLastQuestion(m.retry(c), text, refs);
      } else if (last?.role === 'user') {
        c = m.editLastQuestion(c, text, refs);
      } else {
        c = m.ask(c, text, refs);
      }
    } catch (error) {
      if (error instanceof m.ConversationError)
        return { message: error.message, offerFresh: false };
      throw error;
    }
    const size = m.checkRequestSize(c);
    if (!size.ok) {
      return { message: size.error.message, offerFresh: size.remedy === 'new-conversation' };
    }
    for (const i of images) {
      this._data.set(i.ref.hash, i.data);
      if (i.url) this._urls.set(i.ref.hash, i.url);
      if (i.blob) this._blobs.set(i.ref.hash, i.blob);
    }
    this.conversation = c;
    if (find) this._finds.set(c.turns.at(-1)!.id, find);
    await this._send(settings, options);
    return undefined;
  }

  /** Send the last question again, in place of its answer (or of answer `answerId`). */
  async retryGemini(
    settings: GeminiSettings,
    options: RequestOptions = {},
    answerId?: string,
  ): Promise<void> {
    const m = await loadLib();
    this.conversation = m.retry(this.conversation, answerId);
    await this._send(settings, options);
  }

  /** Send the edited last question in place of the old one. */
  async editGemini(
    settings: GeminiSettings,
    text: string,
    options: RequestOptions = {},
  ): Promise<void> {
    const m = await loadLib();
    this.conversation = m.editLastQuestion(this.conversation, text);
    await this._send(settings, options);
  }

  /**
   * Ask the model on this device in the same conversation: a question, an edit of the last
   * one or a retry, its answer a turn like Gemini's (see ask-on-device.ts, loaded with it).
   */
  async askOnDevice(request: DeviceRequest): Promise<NotSent | undefined> {
    const device = (this._device ??= await import('./ask-on-device.ts').catch(() => undefined));
    if (!device) {
      this._fresh({ status: 'failed', problem: notLoadedProblem });
      return undefined;
    }
    if (this._imagesToRead) await this.readImages();
    return device.askOnDevice(this, request, this._data, this._urls, this.host);
  }

  private _device?: typeof import('./ask-on-device.ts');

  /** "New conversation": stop anything running and start with no turns. */
  reset(): void {
    // The model on this device lets go of the session it kept for a follow-up.
    this._device?.release();
    this._abort?.abort();
    this._answering = undefined;
    this.conversation = EMPTY;
    this.state = idle;
    this.host.requestUpdate();
  }

  /** Send the conversation (its last turn a question) and keep the answer as its next turn. */
  private async _send(settings: GeminiSettings, options: RequestOptions): Promise<void> {
    const m = await loadLib();
    // The question is kept before it goes: a failed or closed tab does not lose it.
    this.onSave?.(this.conversation);
    if (this._imagesToRead) await this.readImages();
    const contents = m.buildContents(this.conversation, (hash) => this._data.get(hash));
    const started = performance.now();
    const request = {
      prompt: '',
      contents,
      options: m.askOptions(options, settings.model),
    };
    // A Find (unless edited into another question) asks for JSON boxes, and keeps them.
    const question = this.conversation.turns.at(-1);
    const keepBoxes = question && this._finds.get(question.id)?.shape(request, question);
    this.conversation = m.startAnswer(this.conversation, settings.model);
    const id = this.conversation.turns.at(-1)?.id;
    this._answering = id;
    const answering = await loadAnswering().catch(() => undefined);
    if (answering) await this.ask(answering.geminiSource(settings, request));
    else this._fresh({ status: 'failed', problem: notLoadedProblem });
    if (this._answering !== id) return;
    this._answering = undefined;
    const s = this.state;
    this.conversation = m.endAnswer(this.conversation, {
      state: endState(s.status),
      usage: s.usage,
      modelVersion: s.modelVersion,
      durationMs: Math.round(performance.now() - started),
      ...(s.problem && s.status === 'failed'
        ? { error: { kind: 'failed', message: `${s.problem.title}: ${s.problem.detail}` } }
        : {}),
    });
    if (keepBoxes && id && s.text) this.conversation = keepBoxes(this.conversation, id, s.text);
    this.onSave?.(this.conversation);
    this.host.requestUpdate();
  }

  /** The id of the answer turn being received, if any. */
  private _answering?: string;

  /** End the stream now, keeping the partial answer. */
  stop(): void {
    if (!this.busy) return;
    this._abort?.abort();
    this._set({ status: 'stopped', retryInSeconds: undefined });
  }

  /** One try: resolves undefined when it ended (well or not), or the error worth retrying. */
  private async _attempt(
    source: AnswerSource,
    signal: AbortSignal,
    describeFinish: (reason: string, hasText: boolean) => Problem | null,
  ): Promise<unknown> {
    this._dropPartsOfFailedTry();
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
          case 'parts':
            // Kept as received (signatures and all) for the follow-ups.
            if (lib) this.conversation = lib.receiveParts(this.conversation, event.parts);
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
            if (note && event.message) note.detail += ASK_TEXT.serviceSaid(event.message);
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

  /**
   * A try that failed may have brought thought parts before it broke: the next try starts
   * the answer's parts afresh, so a follow-up never sends them twice.
   */
  private _dropPartsOfFailedTry(): void {
    const c = this.conversation;
    const last = c.turns.at(-1);
    if (last?.role === 'model' && last.meta.state === 'streaming' && last.parts.length) {
      this.conversation = { ...c, turns: [...c.turns.slice(0, -1), { ...last, parts: [] }] };
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

  /**
   * A new answer's state: nothing of the one before (its usage, model, context, problem)
   * carries over, as merging with `_set` would.
   */
  private _fresh(patch: Partial<AskState>): void {
    this.state = { ...idle, ...patch };
    this.host.requestUpdate();
  }

  private _set(patch: Partial<AskState>): void {
    this.state = { ...this.state, ...patch };
    this.host.requestUpdate();
  }
}
