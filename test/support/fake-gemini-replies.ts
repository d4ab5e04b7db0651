/**
 * Replies for the fake Gemini server (test/support/fake-gemini.ts): recorded fixtures read
 * byte for byte, JSON bodies, and MADE-UP error bodies in the API's format for failures that
 * have no recording. Import them from `fake-gemini.ts`, which re-exports everything here.
 *
 * Which error bodies are recorded and which are made up:
 * - RECORDED (in `../shared/fixtures/gemini/`, replayed byte for byte): a wrong key
 *   (`googleai/unary-failure-api-key.json`, which the fake also sends on its own for a key it
 *   does not know), API not enabled, unknown model, image refused, and the streamed safety,
 *   blocked-prompt and recitation stops.
 * - MADE UP (written for these tests in the API's documented google.rpc.Status format, see
 *   `MADE_UP_ERRORS` and `REFUSALS` below): region, referrer or service blocked, 429, 500,
 *   503, 504, request too large, a missing key and a malformed body. The shared fixtures hold
 *   no recorded 429 (none of Google's client test sets has one), so the 429 body is made up
 *   too; replace it with a recording if one is ever added there.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Absolute path of the shared Gemini fixtures folder. */
export const GEMINI_FIXTURES = fileURLToPath(
  new URL('../../../shared/fixtures/gemini/', import.meta.url),
);

/**
 * The key the fake accepts unless `startFakeGemini({ apiKey })` names another: shaped like a
 * new AI Studio key and unique enough to grep for in logs and URLs.
 */
export const FAKE_API_KEY = 'AQ.test-key-5f1c9a';

/** Which kind of call a reply answers. */
export type FakeRoute = 'generate' | 'models' | 'countTokens';

/** One canned answer. Bytes are sent exactly as given. */
export interface FakeReply {
  /** The call it answers (default `generate`: both `:streamGenerateContent` and `:generateContent`). */
  route?: FakeRoute;
  /** HTTP status (default 200, or `error.code` when the body is an error JSON made by the helpers). */
  status?: number;
  /** The body, sent byte for byte. */
  body: string | Uint8Array;
  /** Content type (default `application/json`). */
  contentType?: string;
  /** Extra response headers. */
  headers?: Record<string, string>;
  /**
   * Chunk sizes in bytes, used in turn and cycled, each sent in a write of its own. The default
   * ({@link DEFAULT_CHUNKS}) already splits a body across several writes, as a real
   * connection does; `[Infinity]` sends it in one write.
   */
  chunks?: number[];
  /** Delay in ms before each chunk after the first (default 0). */
  delayMs?: number;
  /** Stop after this many bytes until `release()` is called (`paused()` resolves then). */
  pauseAt?: number;
  /**
   * Destroy the connection after this many bytes, without ending the response properly; with
   * `pauseAt` at the same byte, only once `release()` is called.
   */
  cutAt?: number;
}

/**
 * How the fake splits every reply unless told otherwise: odd sizes, so that events, lines and
 * multi-byte UTF-8 characters are cut across writes.
 */
export const DEFAULT_CHUNKS = [173, 29, 1031];

/** A model as the fake lists it (the API's own shape). */
export interface FakeModel {
  name: string;
  displayName?: string;
  supportedGenerationMethods: string[];
  inputTokenLimit?: number;
}

/** The models the fake lists unless told otherwise: real names, one not for generateContent. */
export const DEFAULT_FAKE_MODELS: FakeModel[] = [
  {
    name: 'models/gemini-2.5-pro',
    displayName: 'Gemini 2.5 Pro',
    supportedGenerationMethods: ['generateContent', 'countTokens'],
    inputTokenLimit: 1048576,
  },
  {
    name: 'models/text-embedding-004',
    displayName: 'Text Embedding 004',
    supportedGenerationMethods: ['embedContent'],
    inputTokenLimit: 2048,
  },
  {
    name: 'models/gemini-flash-latest',
    displayName: 'Gemini Flash Latest',
    supportedGenerationMethods: ['generateContent', 'countTokens', 'createCachedContent'],
    inputTokenLimit: 1048576,
  },
  {
    name: 'models/gemini-2.5-flash',
    displayName: 'Gemini 2.5 Flash',
    supportedGenerationMethods: ['generateContent', 'countTokens'],
    inputTokenLimit: 1048576,
  },
  {
    name: 'models/imagen-4.0-generate-001',
    displayName: 'Imagen 4',
    supportedGenerationMethods: ['predict'],
  },
];

/** Read a fixture file's exact bytes, e.g. `readFixture('googleai/streaming-success-utf8.txt')`. */
export function readFixture(name: string): Buffer {
  return readFileSync(GEMINI_FIXTURES + name);
}

/**
 * A reply replaying a fixture byte for byte. Streaming files (`streaming-*.txt`) go out as
 * `text/event-stream`; an error JSON body (`{"error":{"code":…}}`) gets `error.code` as status.
 */
export function fixtureReply(name: string, options: Omit<FakeReply, 'body'> = {}): FakeReply {
  const body = readFixture(name);
  const base = name.split('/').pop() ?? name;
  return {
    status: errorCodeOf(body.toString('utf8')) ?? 200,
    contentType: base.startsWith('streaming-') ? 'text/event-stream' : 'application/json',
    ...options,
    body,
  };
}

/** A JSON reply (status 200 unless given; an `{error:{code}}` body gets that code). */
export function jsonReply(json: unknown, options: Omit<FakeReply, 'body'> = {}): FakeReply {
  const body = JSON.stringify(json, null, 2);
  return { status: errorCodeOf(body) ?? 200, contentType: 'application/json', ...options, body };
}

/** Build an error body in the API's exact format. */
export function apiErrorBody(
  code: number,
  status: string,
  message: string,
  details: Record<string, unknown>[] = [],
): { error: { code: number; message: string; status: string; details?: unknown[] } } {
  return { error: { code, message, status, ...(details.length ? { details } : {}) } };
}

const errorInfo = (reason: string) => ({
  '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
  reason,
  domain: 'googleapis.com',
  metadata: { service: 'generativelanguage.googleapis.com' },
});

/**
 * MADE-UP error bodies for failures that have no recorded fixture. They follow the API's
 * documented error format (google.rpc.Status with ErrorInfo / RetryInfo details) but were
 * written for these tests, not recorded from the API.
 */
export const MADE_UP_ERRORS = {
  region: apiErrorBody(
    400,
    'FAILED_PRECONDITION',
    'User location is not supported for the API use.',
  ),
  referrerBlocked: apiErrorBody(
    403,
    'PERMISSION_DENIED',
    'Requests from referer http://127.0.0.1/ are blocked.',
    [errorInfo('API_KEY_HTTP_REFERRER_BLOCKED')],
  ),
  serviceBlocked: apiErrorBody(
    403,
    'PERMISSION_DENIED',
    'Requests to this API generativelanguage.googleapis.com method google.ai.generativelanguage.v1beta.GenerativeService.StreamGenerateContent are blocked.',
    [errorInfo('API_KEY_SERVICE_BLOCKED')],
  ),
  rateLimited: apiErrorBody(
    429,
    'RESOURCE_EXHAUSTED',
    'You exceeded your current quota, please check your plan and billing details.',
    [
      {
        '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
        violations: [
          { quotaMetric: 'generativelanguage.googleapis.com/generate_content_free_tier_requests' },
        ],
      },
      { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '15s' },
    ],
  ),
  internal: apiErrorBody(
    500,
    'INTERNAL',
    'An internal error has occurred. Please retry or report.',
  ),
  unavailable: apiErrorBody(503, 'UNAVAILABLE', 'The model is overloaded. Please try again later.'),
  deadline: apiErrorBody(
    504,
    'DEADLINE_EXCEEDED',
    'Deadline expired before operation could complete.',
  ),
  tooLarge: apiErrorBody(
    400,
    'INVALID_ARGUMENT',
    'Request payload size exceeds the limit: 20971520 bytes.',
  ),
  unknownModel: apiErrorBody(
    404,
    'NOT_FOUND',
    'models/gemini-9-ultra is not found for API version v1beta, or is not supported for generateContent. Call ListModels to see the list of available models and their supported methods.',
  ),
} as const;

/**
 * MADE-UP refusals the fake sends on its own, before any queued reply, for requests the real
 * API refuses: no key (the API's wording for unregistered callers), and a generate or
 * countTokens body that is not JSON, has no `contents`, or has a content with no parts (the
 * API's field-violation wording). A key the fake does not know gets the RECORDED
 * `googleai/unary-failure-api-key.json`.
 */
export const REFUSALS = {
  noKey: apiErrorBody(
    403,
    'PERMISSION_DENIED',
    "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.",
  ),
  notJson: apiErrorBody(400, 'INVALID_ARGUMENT', 'Invalid JSON payload received.'),
  noContents: apiErrorBody(
    400,
    'INVALID_ARGUMENT',
    '* GenerateContentRequest.contents: contents is not specified\n',
  ),
  emptyParts: apiErrorBody(
    400,
    'INVALID_ARGUMENT',
    '* GenerateContentRequest.contents[0].parts: contents.parts must not be empty.\n',
  ),
} as const;

/** A reply carrying one of the MADE-UP error bodies, with its HTTP status. */
export function madeUpError(
  which: keyof typeof MADE_UP_ERRORS,
  options: Omit<FakeReply, 'body'> = {},
): FakeReply {
  return jsonReply(MADE_UP_ERRORS[which], options);
}

/** The `error.code` of an error JSON body, if it is one. */
export function errorCodeOf(text: string): number | undefined {
  try {
    const json = JSON.parse(text) as { error?: { code?: unknown } };
    return typeof json?.error?.code === 'number' ? json.error.code : undefined;
  } catch {
    return undefined;
  }
}
