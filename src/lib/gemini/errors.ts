/**
 * One typed error for everything that can go wrong talking to Gemini, and the functions that
 * turn what the API (or the network) sent into it.
 */
import type { GeminiErrorKind } from './types.ts';

/** What a GeminiError carries besides its kind. */
export interface GeminiErrorInit {
  /** HTTP status, when there was a reply. */
  status?: number;
  /** The API's status word, e.g. `RESOURCE_EXHAUSTED`. */
  apiStatus?: string;
  /** `ErrorInfo.reason`, e.g. `API_KEY_INVALID`. */
  reason?: string;
  /** The API's own message (the key, if it ever appeared, replaced by `[key]`). */
  apiMessage?: string;
  /** From `RetryInfo.retryDelay` (or `Retry-After`), in milliseconds. */
  retryAfterMs?: number;
  /** For kind `finish`: the finish reason. For kind `blocked-prompt`: the block reason. */
  finishReason?: string;
  blockReason?: string;
  /** For kind `mid-stream`: the kind the error would have had on its own. */
  innerKind?: GeminiErrorKind;
  /** For kind `stalled`: how long the reply was silent, in milliseconds. */
  idleMs?: number;
  cause?: unknown;
}

/** A failure talking to Gemini. `message` is plain English and never holds the key. */
export class GeminiError extends Error {
  override name = 'GeminiError';
  readonly kind: GeminiErrorKind;
  readonly status?: number;
  readonly apiStatus?: string;
  readonly reason?: string;
  readonly apiMessage?: string;
  readonly retryAfterMs?: number;
  readonly finishReason?: string;
  readonly blockReason?: string;
  readonly innerKind?: GeminiErrorKind;
  readonly idleMs?: number;

  constructor(kind: GeminiErrorKind, init: GeminiErrorInit = {}) {
    const summary = [kind, init.status, init.apiStatus, init.reason, init.apiMessage]
      .filter((x) => x !== undefined && x !== '')
      .join(': ');
    super(`Gemini request failed (${summary})`, init.cause ? { cause: init.cause } : undefined);
    this.kind = kind;
    this.status = init.status;
    this.apiStatus = init.apiStatus;
    this.reason = init.reason;
    this.apiMessage = init.apiMessage;
    this.retryAfterMs = init.retryAfterMs;
    this.finishReason = init.finishReason;
    this.blockReason = init.blockReason;
    this.innerKind = init.innerKind;
    this.idleMs = init.idleMs;
  }
}

/** True for an error that means "the person pressed Stop". */
export function isAborted(error: unknown): boolean {
  return error instanceof GeminiError && error.kind === 'aborted';
}

/** Replace every occurrence of the key in a text, so no message can leak it. */
export function redact(text: string, apiKey: string): string {
  const key = apiKey.trim();
  return key.length >= 4 ? text.split(key).join('[key]') : text;
}

/** Parse a protobuf Duration as JSON writes it (`"15s"`, `"1.5s"`, `"0.250s"`) into ms. */
export function parseDuration(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^\s*(\d+(?:\.\d+)?)s\s*$/.exec(value);
  return m ? Math.round(Number(m[1]) * 1000) : undefined;
}

interface ApiErrorJson {
  code?: unknown;
  message?: unknown;
  status?: unknown;
  details?: unknown;
}

/** The `error` object of a body such as `{"error":{"code":400,…}}`, if it is one. */
export function apiErrorOf(json: unknown): ApiErrorJson | undefined {
  if (typeof json !== 'object' || json === null || !('error' in json)) return undefined;
  const error = (json as { error: unknown }).error;
  return typeof error === 'object' && error !== null ? (error as ApiErrorJson) : undefined;
}

function detailsOf(error: ApiErrorJson): Record<string, unknown>[] {
  return Array.isArray(error.details)
    ? error.details.filter((d): d is Record<string, unknown> => typeof d === 'object' && !!d)
    : [];
}

/** Decide the kind from what the API said. Order matters: reasons beat bare statuses. */
export function classify(
  status: number | undefined,
  apiStatus: string | undefined,
  reason: string | undefined,
  message: string,
): GeminiErrorKind {
  if (reason === 'API_KEY_INVALID' || status === 401 || /API key not valid/i.test(message)) {
    return 'bad-key';
  }
  if (reason === 'SERVICE_DISABLED') return 'service-disabled';
  if (reason === 'API_KEY_HTTP_REFERRER_BLOCKED') return 'referrer-blocked';
  if (reason === 'API_KEY_SERVICE_BLOCKED') return 'api-blocked';
  if (/location is not supported/i.test(message)) return 'region';
  if (status === 403 || apiStatus === 'PERMISSION_DENIED') return 'permission-denied';
  if (status === 404 || apiStatus === 'NOT_FOUND') return 'model-not-found';
  if (status === 429 || apiStatus === 'RESOURCE_EXHAUSTED') return 'rate-limited';
  if (status === 413 || /payload size exceeds/i.test(message)) return 'too-large';
  if ((status !== undefined && status >= 500) || apiStatus === 'UNAVAILABLE') return 'server';
  if (apiStatus === 'INTERNAL' || apiStatus === 'DEADLINE_EXCEEDED') return 'server';
  if (/invalid argument/i.test(message)) return 'image-refused';
  if (status === 400 || apiStatus === 'INVALID_ARGUMENT' || apiStatus === 'FAILED_PRECONDITION') {
    return 'bad-request';
  }
  return 'unknown';
}

/**
 * Turn an API error body into a GeminiError. `httpStatus` is the reply's status; the code
 * inside the body wins when the reply said 200 (an error JSON on a stream that had started).
 */
export function errorFromApi(
  json: unknown,
  httpStatus: number | undefined,
  apiKey: string,
  retryAfterHeader?: string | null,
): GeminiError {
  const error = apiErrorOf(json) ?? {};
  const code = typeof error.code === 'number' ? error.code : undefined;
  const status = httpStatus !== undefined && httpStatus >= 400 ? httpStatus : (code ?? httpStatus);
  const apiStatus = typeof error.status === 'string' ? error.status : undefined;
  const apiMessage = redact(typeof error.message === 'string' ? error.message : '', apiKey);
  const details = detailsOf(error);
  const info = details.find((d) => String(d['@type']).endsWith('google.rpc.ErrorInfo'));
  const reason = typeof info?.reason === 'string' ? info.reason : undefined;
  const retry = details.find((d) => String(d['@type']).endsWith('google.rpc.RetryInfo'));
  const retryAfterMs =
    parseDuration(retry?.retryDelay) ??
    secondsToMs(retryAfterHeader) ??
    secondsToMs(/retry in (\d+(?:\.\d+)?)s/i.exec(apiMessage)?.[1]);
  return new GeminiError(classify(status, apiStatus, reason, apiMessage), {
    status,
    apiStatus,
    reason,
    apiMessage: apiMessage || undefined,
    retryAfterMs,
  });
}

function secondsToMs(value: string | null | undefined): number | undefined {
  if (!value || !/^\s*\d+(?:\.\d+)?\s*$/.test(value)) return undefined;
  return Math.round(Number(value) * 1000);
}

/** A GeminiError for an exception thrown while fetching or reading a reply. */
export function errorFromException(
  error: unknown,
  signal: AbortSignal | undefined,
  whileReading: boolean,
): GeminiError {
  if (error instanceof GeminiError) return error;
  if (signal?.aborted || (error instanceof Error && error.name === 'AbortError')) {
    return new GeminiError('aborted');
  }
  // Before the reply: the network is gone (or CORS refused it). During it: the connection
  // was cut, so the answer is incomplete.
  return new GeminiError(whileReading ? 'incomplete' : 'network');
}
