/**
 * Streaming an answer. Uses fetch and this module's own SSE reader rather than the SDK's
 * `generateContentStream`, whose traps (docs/gemini.md) cannot be worked around from outside:
 * it drops a last event with no blank line after it, rejects a promise nobody awaits when a
 * stream ends badly or carries an error JSON (an unhandled rejection), mixes thought parts
 * into `text()` and throws there on safety stops, and reports Stop as a generic error.
 */
import { GeminiError, apiErrorOf, errorFromApi, errorFromException } from './errors.ts';
import { buildGenerateBody, modelUrl, send } from './request.ts';
import { createSseParser, type SseMessage } from './sse.ts';
import type { AskRequest, ContentPart, GeminiSettings, StreamEvent, Usage } from './types.ts';

interface Part {
  text?: unknown;
  thought?: unknown;
}
interface ResponseChunk {
  candidates?: { content?: { parts?: Part[] }; finishReason?: unknown; finishMessage?: unknown }[];
  promptFeedback?: { blockReason?: unknown; blockReasonMessage?: unknown };
  usageMetadata?: Record<string, unknown>;
  modelVersion?: unknown;
}

const count = (n: unknown): number => (typeof n === 'number' && Number.isFinite(n) ? n : 0);

/** Token usage in the contract's words; missing counts are 0. */
export function usageOf(u: Record<string, unknown>): Usage {
  // Implicit caching (2.5 and later) serves part of a long prompt from cache, and says so.
  const cached = count(u.cachedContentTokenCount);
  return {
    promptTokens: count(u.promptTokenCount),
    answerTokens: count(u.candidatesTokenCount),
    thoughtsTokens: count(u.thoughtsTokenCount),
    totalTokens: count(u.totalTokenCount),
    ...(cached > 0 ? { cachedTokens: cached } : {}),
  };
}

/** What has been seen so far in one answer. */
class AnswerState {
  answered = false;
  /** A whole JSON body (not SSE) was read: it cannot have been cut short. */
  whole = false;
  finishReason?: string;
  finishMessage?: string;
  blockReason?: string;
  blockMessage?: string;
  modelVersion?: string;
  private lastUsage = '';

  constructor(
    private readonly apiKey: string,
    private readonly status: number,
  ) {}

  /** Events from one message of the body; throws the error it may carry. */
  *take(message: SseMessage): Generator<StreamEvent> {
    let json: unknown;
    try {
      json = JSON.parse(message.kind === 'data' ? message.data : message.text);
    } catch {
      // A last event cut off mid-JSON means the connection closed early.
      throw new GeminiError(
        message.final && message.kind === 'data' ? 'incomplete' : 'bad-response',
      );
    }
    if (message.kind === 'raw') this.whole = true;
    for (const item of Array.isArray(json) ? json : [json]) yield* this.apply(item);
  }

  private *apply(json: unknown): Generator<StreamEvent> {
    if (apiErrorOf(json)) {
      const error = errorFromApi(json, this.status, this.apiKey);
      if (!this.answered) throw error;
      throw new GeminiError('mid-stream', { ...error, innerKind: error.kind });
    }
    if (typeof json !== 'object' || json === null) throw new GeminiError('bad-response');
    const chunk = json as ResponseChunk;
    if (typeof chunk.modelVersion === 'string') this.modelVersion = chunk.modelVersion;
    const candidate = Array.isArray(chunk.candidates) ? chunk.candidates[0] : undefined;
    const parts = candidate?.content?.parts;
    const received: ContentPart[] = [];
    for (const part of Array.isArray(parts) ? parts : []) {
      // Kept whole, even with empty text: a `thoughtSignature` may ride on any part.
      if (typeof part === 'object' && part !== null) received.push({ ...part } as ContentPart);
      if (typeof part?.text !== 'string' || part.text === '') continue;
      if (part.thought === true) {
        yield { type: 'thought', text: part.text };
      } else {
        this.answered = true;
        yield { type: 'text', text: part.text };
      }
    }
    if (received.length) yield { type: 'parts', parts: received };
    if (typeof candidate?.finishReason === 'string') this.finishReason = candidate.finishReason;
    if (typeof candidate?.finishMessage === 'string') this.finishMessage = candidate.finishMessage;
    if (chunk.usageMetadata && typeof chunk.usageMetadata === 'object') {
      const usage = usageOf(chunk.usageMetadata);
      const key = JSON.stringify([usage, this.modelVersion]);
      if (key !== this.lastUsage) {
        this.lastUsage = key;
        yield { type: 'usage', usage, modelVersion: this.modelVersion };
      }
    }
    const feedback = chunk.promptFeedback;
    if (typeof feedback?.blockReason === 'string') this.blockReason = feedback.blockReason;
    if (typeof feedback?.blockReasonMessage === 'string') {
      this.blockMessage = feedback.blockReasonMessage;
    }
    if (this.blockReason && !candidate) {
      throw new GeminiError('blocked-prompt', {
        blockReason: this.blockReason,
        apiMessage: this.blockMessage,
      });
    }
  }

  /** The closing event, or the error that explains why there is none (or, for a whole JSON
   * answer without a finish reason, nothing). */
  *close(): Generator<StreamEvent> {
    if (this.finishReason) {
      yield {
        type: 'finish',
        reason: this.finishReason,
        ...(this.finishMessage ? { message: this.finishMessage } : {}),
      };
      return;
    }
    if (this.blockReason || this.blockMessage) {
      throw new GeminiError('blocked-prompt', {
        blockReason: this.blockReason ?? 'BLOCK_REASON_UNSPECIFIED',
        apiMessage: this.blockMessage,
      });
    }
    // Some recorded unary replies carry text but no finish reason: complete all the same.
    if (this.answered && this.whole) return;
    throw new GeminiError(this.answered ? 'incomplete' : 'empty');
  }
}

/** How long a reply may stay silent before it counts as stalled: 60 s. */
export const IDLE_MS = 60_000;

/** Limits of one read; tests make them small so they need not wait a minute. */
export interface ReadOptions {
  /** Milliseconds without a byte after which the answer is `stalled` (default 60 s). */
  idleMs?: number;
  /** The most characters one event may hold (default 32 MB), then `bad-response`. */
  maxEvent?: number;
}

/** The next piece of the body, or a `stalled` error when none comes within `idleMs`. */
async function readWithin(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  idleMs: number,
): Promise<ReadableStreamReadResult<Uint8Array>> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stalled = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new GeminiError('stalled', { idleMs })), idleMs);
  });
  try {
    return await Promise.race([reader.read(), stalled]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Read a generate reply (SSE events, or one bare JSON response / array of them) into events.
 * Releases the connection whenever the caller stops early, or the reply stalls.
 */
export async function* readAnswer(
  response: Response,
  apiKey: string,
  signal?: AbortSignal,
  options: ReadOptions = {},
): AsyncGenerator<StreamEvent> {
  const idleMs = options.idleMs ?? IDLE_MS;
  const state = new AnswerState(apiKey, response.status);
  const parser = createSseParser({ maxEvent: options.maxEvent });
  const decoder = new TextDecoder();
  const reader = response.body?.getReader();
  try {
    while (reader) {
      if (signal?.aborted) throw new GeminiError('aborted');
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await readWithin(reader, idleMs);
      } catch (error) {
        // A connection dropped (or gone silent) after the finish reason arrived lost nothing:
        // finish normally. Otherwise the error says which: `stalled`, `incomplete`, `aborted`.
        if (state.finishReason && !signal?.aborted) break;
        throw errorFromException(error, signal, true);
      }
      if (chunk.done) break;
      // `stream: true` keeps a multi-byte character split across chunks whole.
      for (const m of parser.feed(decoder.decode(chunk.value, { stream: true }))) {
        yield* state.take(m);
        // One chunk can hold many events: none of them after Stop.
        if (signal?.aborted) throw new GeminiError('aborted');
      }
    }
    if (signal?.aborted) throw new GeminiError('aborted');
    for (const m of [...parser.feed(decoder.decode()), ...parser.end()]) yield* state.take(m);
    yield* state.close();
  } finally {
    // Stop reading (the person pressed Stop, or the caller broke out of the loop). The
    // promise is caught here so that no rejection is ever left unhandled.
    reader?.cancel().catch(() => undefined);
  }
}

/**
 * Stream an answer to a question about an image: text deltas, thought summaries, usage, and
 * finally the finish reason. Throws a GeminiError (kind `aborted` when `signal` fires).
 */
export async function* streamAnswer(
  settings: GeminiSettings,
  request: AskRequest,
  signal?: AbortSignal,
  options?: ReadOptions,
): AsyncGenerator<StreamEvent> {
  const url = `${modelUrl(settings, 'streamGenerateContent')}?alt=sse`;
  const response = await send(url, settings.apiKey, buildGenerateBody(request), signal);
  yield* readAnswer(response, settings.apiKey, signal, options);
}

/** A whole answer, as `generateAnswer` returns it. */
export interface Answer {
  text: string;
  thoughts: string;
  /** Every part as received, in order (see the `parts` event). */
  parts: ContentPart[];
  usage?: Usage;
  modelVersion?: string;
  /** `STOP`, another reason, or '' when the reply gave none. */
  finishReason: string;
  finishMessage?: string;
}

/** One answer without streaming (`:generateContent`), with the same errors as `streamAnswer`. */
export async function generateAnswer(
  settings: GeminiSettings,
  request: AskRequest,
  signal?: AbortSignal,
): Promise<Answer> {
  const url = modelUrl(settings, 'generateContent');
  const response = await send(url, settings.apiKey, buildGenerateBody(request), signal);
  const answer: Answer = { text: '', thoughts: '', parts: [], finishReason: '' };
  for await (const event of readAnswer(response, settings.apiKey, signal)) {
    if (event.type === 'text') answer.text += event.text;
    else if (event.type === 'thought') answer.thoughts += event.text;
    else if (event.type === 'parts') answer.parts.push(...event.parts);
    else if (event.type === 'usage') {
      answer.usage = event.usage;
      answer.modelVersion = event.modelVersion;
    } else {
      answer.finishReason = event.reason;
      answer.finishMessage = event.message;
    }
  }
  return answer;
}
