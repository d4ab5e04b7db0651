/**
 * A fake Gemini API on 127.0.0.1 for unit, component and end-to-end tests.
 *
 * It replays the recorded responses in `../shared/fixtures/gemini/` byte for byte, optionally
 * cut into odd-sized chunks with delays, a pause a test releases, or an abrupt connection cut;
 * answers the model list (paged) and countTokens; records every request; and sends the CORS
 * headers a browser needs. Usage:
 *
 * ```ts
 * const fake = await startFakeGemini();
 * fake.respondWith(fixtureReply('googleai/streaming-success-basic-reply-short.txt', { chunks: [7] }));
 * fake.queue(madeUpError('unavailable'));         // the next generate call gets a 503 first
 * const settings = { apiKey: 'test-key', baseUrl: fake.url, model: 'gemini-flash-latest' };
 * // … run the app …
 * expect(fake.requests[0].headers['x-goog-api-key']).toBe('test-key');
 * await fake.close();
 * ```
 */
import { createServer, type ServerResponse } from 'node:http';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AddressInfo, Socket } from 'node:net';

/** Absolute path of the shared Gemini fixtures folder. */
export const GEMINI_FIXTURES = fileURLToPath(
  new URL('../../../shared/fixtures/gemini/', import.meta.url),
);

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
  /** Chunk sizes in bytes, used in turn and cycled (default: the whole body at once). */
  chunks?: number[];
  /** Delay in ms before each chunk after the first (default 0). */
  delayMs?: number;
  /** Stop after this many bytes until `release()` is called (`paused()` resolves then). */
  pauseAt?: number;
  /** Destroy the connection after this many bytes, without ending the response properly. */
  cutAt?: number;
}

/** One request the fake received, as the app sent it. */
export interface RecordedRequest {
  method: string;
  /** Path without the query, e.g. `/v1beta/models/gemini-flash-latest:streamGenerateContent`. */
  path: string;
  /** Query parameters. */
  query: Record<string, string>;
  /** The raw request target (path and query) as received. */
  url: string;
  /** Request headers, names in lower case. */
  headers: Record<string, string | string[] | undefined>;
  /** The body parsed as JSON (undefined when empty or not JSON). */
  body: unknown;
  /** The raw body text. */
  rawBody: string;
  /** For model calls: the model name from the path, e.g. `gemini-flash-latest`. */
  model?: string;
  /** For model calls: the method after the colon, e.g. `streamGenerateContent`. */
  action?: string;
  /** True when the client closed the connection before the reply was complete (e.g. Stop). */
  closedEarly: boolean;
}

/** A model as the fake lists it (the API's own shape). */
export interface FakeModel {
  name: string;
  displayName?: string;
  supportedGenerationMethods: string[];
  inputTokenLimit?: number;
}

/** A running fake Gemini server. */
export interface FakeGemini {
  /** Base URL to give the app, e.g. `http://127.0.0.1:41234` (no trailing slash). */
  url: string;
  /** Every request except CORS preflights, in arrival order. */
  requests: RecordedRequest[];
  /** CORS preflight (OPTIONS) requests, in arrival order. */
  preflights: RecordedRequest[];
  /** Set the default reply for its route (used whenever that route's queue is empty). */
  respondWith(reply: FakeReply | string): void;
  /** Queue one-shot replies, consumed in order before the route's default. */
  queue(...replies: (FakeReply | string)[]): void;
  /** Replace the listed models and the page size the fake uses (default 2, to force paging). */
  setModels(models: FakeModel[], pageSize?: number): void;
  /** Set the `totalTokens` countTokens answers (default 1234). */
  setTokenCount(total: number): void;
  /** Resolves once a reply has reached its `pauseAt` point. */
  paused(): Promise<void>;
  /** Let a paused reply continue. */
  release(): void;
  /** Resolves once at least `count` requests (not preflights) have arrived; polls. */
  waitForRequests(count: number, timeoutMs?: number): Promise<RecordedRequest[]>;
  /** Back to a fresh server: no recorded requests, queues, replies, models or count set. */
  reset(): void;
  close(): Promise<void>;
}

const CORS = {
  'access-control-allow-origin': '*',
};

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

/** A reply carrying one of the MADE-UP error bodies, with its HTTP status. */
export function madeUpError(
  which: keyof typeof MADE_UP_ERRORS,
  options: Omit<FakeReply, 'body'> = {},
): FakeReply {
  return jsonReply(MADE_UP_ERRORS[which], options);
}

function errorCodeOf(text: string): number | undefined {
  try {
    const json = JSON.parse(text) as { error?: { code?: unknown } };
    return typeof json?.error?.code === 'number' ? json.error.code : undefined;
  } catch {
    return undefined;
  }
}

function routeOf(
  method: string,
  path: string,
): { route?: FakeRoute; model?: string; action?: string } {
  const m = /^\/v1beta\/models\/([^:/]+):(\w+)$/.exec(path);
  if (m) {
    const [, model, action] = m;
    if (action === 'countTokens') return { route: 'countTokens', model, action };
    if (action === 'streamGenerateContent' || action === 'generateContent') {
      return { route: 'generate', model, action };
    }
    return { model, action };
  }
  if (method === 'GET' && /^\/v1beta\/models\/?$/.test(path)) return { route: 'models' };
  return {};
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Start a fake Gemini API on a free port of 127.0.0.1. */
export async function startFakeGemini(): Promise<FakeGemini> {
  const requests: RecordedRequest[] = [];
  const preflights: RecordedRequest[] = [];
  const queues: Record<FakeRoute, FakeReply[]> = { generate: [], models: [], countTokens: [] };
  const defaults: Partial<Record<FakeRoute, FakeReply>> = {};
  let models = DEFAULT_FAKE_MODELS;
  let pageSize = 2;
  let tokenCount = 1234;
  let releaseHold: (() => void) | undefined;
  // release() calls that came before their pause was reached: they let it pass straight on.
  let earlyReleases = 0;
  let pausedWaiters: (() => void)[] = [];
  const sockets = new Set<Socket>();

  const toReply = (r: FakeReply | string): FakeReply =>
    typeof r === 'string' ? fixtureReply(r) : r;

  function defaultReply(route: FakeRoute, rec: RecordedRequest): FakeReply {
    if (defaults[route]) return defaults[route];
    if (route === 'countTokens') return jsonReply({ totalTokens: tokenCount });
    if (route === 'models') {
      const start = Number(rec.query.pageToken?.replace('page-', '') ?? 0) || 0;
      const page = models.slice(start, start + pageSize);
      const next = start + pageSize < models.length ? `page-${start + pageSize}` : undefined;
      return jsonReply({ models: page, ...(next ? { nextPageToken: next } : {}) });
    }
    return rec.action === 'generateContent'
      ? fixtureReply('googleai/unary-success-basic-reply-short.json')
      : fixtureReply('googleai/streaming-success-basic-reply-short.txt');
  }

  async function send(reply: FakeReply, res: ServerResponse) {
    const body =
      typeof reply.body === 'string' ? Buffer.from(reply.body, 'utf8') : Buffer.from(reply.body);
    res.writeHead(reply.status ?? 200, {
      ...CORS,
      'content-type': reply.contentType ?? 'application/json',
      'cache-control': 'no-store',
      ...reply.headers,
    });
    res.flushHeaders();
    const sizes = reply.chunks?.length ? reply.chunks : [body.length || 1];
    let offset = 0;
    let i = 0;
    while (offset < body.length) {
      if (res.destroyed) return;
      let end = Math.min(body.length, offset + Math.max(1, sizes[i++ % sizes.length]));
      if (reply.pauseAt !== undefined && offset < reply.pauseAt && end > reply.pauseAt)
        end = reply.pauseAt;
      if (reply.cutAt !== undefined && offset < reply.cutAt && end > reply.cutAt) end = reply.cutAt;
      if (offset > 0 && reply.delayMs) await sleep(reply.delayMs);
      res.write(body.subarray(offset, end));
      offset = end;
      if (reply.cutAt !== undefined && offset >= reply.cutAt) {
        // Let the bytes already written reach the client, then drop the connection mid-body.
        await sleep(20);
        res.socket?.destroy();
        return;
      }
      if (reply.pauseAt !== undefined && offset === reply.pauseAt) {
        await new Promise<void>((resolve) => {
          if (earlyReleases > 0) {
            earlyReleases--;
            resolve();
            return;
          }
          releaseHold = resolve;
          for (const w of pausedWaiters) w();
          pausedWaiters = [];
          // The client may give up (Stop) while paused: stop waiting then too.
          res.once('close', resolve);
        });
        releaseHold = undefined;
      }
    }
    res.end();
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const target = new URL(req.url ?? '/', 'http://127.0.0.1');
      const rawBody = Buffer.concat(chunks).toString('utf8');
      let body: unknown;
      try {
        body = rawBody ? JSON.parse(rawBody) : undefined;
      } catch {
        body = undefined;
      }
      const { route, model, action } = routeOf(req.method ?? 'GET', target.pathname);
      const rec: RecordedRequest = {
        method: req.method ?? 'GET',
        path: target.pathname,
        query: Object.fromEntries(target.searchParams),
        url: req.url ?? '/',
        headers: { ...req.headers },
        body,
        rawBody,
        model,
        action,
        closedEarly: false,
      };
      res.on('close', () => {
        if (!res.writableFinished) rec.closedEarly = true;
      });
      if (req.method === 'OPTIONS') {
        preflights.push(rec);
        res.writeHead(204, {
          ...CORS,
          'access-control-allow-methods': 'GET, POST, OPTIONS',
          'access-control-allow-headers': 'content-type, x-goog-api-key, x-goog-api-client',
          'access-control-max-age': '600',
          ...(req.headers['access-control-request-private-network']
            ? { 'access-control-allow-private-network': 'true' }
            : {}),
        });
        res.end();
        return;
      }
      requests.push(rec);
      if (!route) {
        void send(
          jsonReply(
            apiErrorBody(404, 'NOT_FOUND', `Fake Gemini has no ${rec.method} ${rec.path}.`),
          ),
          res,
        );
        return;
      }
      const reply = queues[route].shift() ?? defaultReply(route, rec);
      void send(reply, res).catch(() => res.destroy());
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    preflights,
    respondWith(r) {
      const reply = toReply(r);
      defaults[reply.route ?? 'generate'] = reply;
    },
    queue(...replies) {
      for (const r of replies.map(toReply)) queues[r.route ?? 'generate'].push(r);
    },
    setModels(list, size = 2) {
      models = list;
      pageSize = size;
    },
    setTokenCount(total) {
      tokenCount = total;
    },
    paused() {
      if (releaseHold) return Promise.resolve();
      return new Promise((resolve) => pausedWaiters.push(resolve));
    },
    release() {
      if (releaseHold) {
        const go = releaseHold;
        releaseHold = undefined;
        go();
      } else {
        earlyReleases++;
      }
    },
    async waitForRequests(count, timeoutMs = 20_000) {
      const until = Date.now() + timeoutMs;
      while (requests.length < count) {
        if (Date.now() > until) {
          throw new Error(`fake Gemini saw ${requests.length} requests, expected ${count}`);
        }
        await sleep(20);
      }
      return requests;
    },
    reset() {
      requests.length = 0;
      preflights.length = 0;
      for (const q of Object.values(queues)) q.length = 0;
      for (const k of Object.keys(defaults) as FakeRoute[]) delete defaults[k];
      releaseHold?.();
      releaseHold = undefined;
      earlyReleases = 0;
      models = DEFAULT_FAKE_MODELS;
      pageSize = 2;
      tokenCount = 1234;
    },
    close() {
      releaseHold?.();
      for (const s of sockets) s.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
