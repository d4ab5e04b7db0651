/**
 * A fake Gemini API on 127.0.0.1 for unit, component and end-to-end tests.
 *
 * It replays the recorded responses in `../shared/fixtures/gemini/` byte for byte, split across
 * several writes (odd-sized chunks by default), paced with delays only when a reply asks for
 * them, with a pause a test releases, or an abrupt connection cut; answers the model list
 * (paged) and countTokens; records every request with its arrival time; and sends the CORS
 * headers a browser needs.
 *
 * It is as strict as the real API where a client can get things wrong: a missing key or a key
 * it does not know is refused (before any queued reply is used), a generate or countTokens
 * body without `contents` or with an empty `parts` is refused, and `:streamGenerateContent`
 * without `?alt=sse` answers one JSON array instead of an event stream. Usage:
 *
 * ```ts
 * const fake = await startFakeGemini();
 * fake.respondWith(fixtureReply('googleai/streaming-success-basic-reply-short.txt', { chunks: [7] }));
 * fake.queue(madeUpError('unavailable'));         // the next generate call gets a 503 first
 * const settings = { apiKey: FAKE_API_KEY, baseUrl: fake.url, model: 'gemini-flash-latest' };
 * // … run the app …
 * expect(fake.requests[0].headers['x-goog-api-key']).toBe(FAKE_API_KEY);
 * await fake.close();
 * ```
 */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import {
  DEFAULT_CHUNKS,
  DEFAULT_FAKE_MODELS,
  FAKE_API_KEY,
  REFUSALS,
  fixtureReply,
  jsonReply,
  apiErrorBody,
  type FakeModel,
  type FakeReply,
  type FakeRoute,
} from './fake-gemini-replies.ts';

export * from './fake-gemini-replies.ts';

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
  /** When the whole request had arrived, in ms on this process's `performance.now()` clock. */
  receivedAt: number;
  /** What the fake refused the request for on its own, if it did (see `REFUSALS`). */
  refused?: 'no-key' | 'wrong-key' | 'not-json' | 'no-contents' | 'empty-parts';
}

/** Options for {@link startFakeGemini}. */
export interface FakeGeminiOptions {
  /** The key the fake accepts (default {@link FAKE_API_KEY}), or the keys, for a test that changes key. */
  apiKey?: string | readonly string[];
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

function routeOf(
  method: string,
  path: string,
): { route?: FakeRoute; model?: string; action?: string } {
  // Any path prefix is allowed before /v1beta, as a proxy such as the lesson's adds one.
  const m = /^(?:\/[\w.-]+)*\/v1beta\/models\/([^:/]+):(\w+)$/.exec(path);
  if (m) {
    const [, model, action] = m;
    if (action === 'countTokens') return { route: 'countTokens', model, action };
    if (action === 'streamGenerateContent' || action === 'generateContent') {
      return { route: 'generate', model, action };
    }
    return { model, action };
  }
  if (method === 'GET' && /^(?:\/[\w.-]+)*\/v1beta\/models\/?$/.test(path)) {
    return { route: 'models' };
  }
  return {};
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Lets a write leave before the next one, so that each goes out as a piece of its own. */
const nextTurn = () => new Promise((r) => setImmediate(r));

/** The key a request carries: the header the app uses, or `?key=`, which the API also takes. */
function keyOf(rec: RecordedRequest): string | undefined {
  const header = rec.headers['x-goog-api-key'];
  return (Array.isArray(header) ? header[0] : header) ?? rec.query.key;
}

/** Why the API would refuse this generate or countTokens body, if it would. */
function bodyProblem(rec: RecordedRequest): RecordedRequest['refused'] {
  if (typeof rec.body !== 'object' || rec.body === null) return 'not-json';
  const outer = rec.body as { contents?: unknown; generateContentRequest?: { contents?: unknown } };
  // countTokens takes the contents bare or wrapped in a whole generate request.
  const contents = outer.contents ?? outer.generateContentRequest?.contents;
  if (!Array.isArray(contents) || contents.length === 0) return 'no-contents';
  for (const c of contents as { parts?: unknown }[]) {
    if (!Array.isArray(c?.parts) || c.parts.length === 0) return 'empty-parts';
  }
  return undefined;
}

/** The refusal the API sends for each problem the fake checks. */
function refusalReply(why: NonNullable<RecordedRequest['refused']>): FakeReply {
  switch (why) {
    case 'no-key':
      return jsonReply(REFUSALS.noKey);
    case 'wrong-key':
      return fixtureReply('googleai/unary-failure-api-key.json');
    case 'not-json':
      return jsonReply(REFUSALS.notJson);
    case 'no-contents':
      return jsonReply(REFUSALS.noContents);
    case 'empty-parts':
      return jsonReply(REFUSALS.emptyParts);
  }
}

/**
 * What `:streamGenerateContent` sends without `?alt=sse`: the same chunks as one JSON array.
 * A reply that is not an event stream (an error JSON) goes out as it is.
 */
function asJsonArray(reply: FakeReply): FakeReply {
  if (reply.contentType !== 'text/event-stream') return reply;
  const text = Buffer.from(reply.body).toString('utf8');
  const events = text
    .split(/\r?\n/)
    .filter((l) => l.startsWith('data: '))
    .map((l) => l.slice(6));
  return { ...reply, contentType: 'application/json', body: `[${events.join(',\r\n')}]` };
}

/** Start a fake Gemini API on a free port of 127.0.0.1. */
export async function startFakeGemini(options: FakeGeminiOptions = {}): Promise<FakeGemini> {
  const acceptedKeys = new Set([options.apiKey ?? FAKE_API_KEY].flat());
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
    const sizes = reply.chunks?.length ? reply.chunks : DEFAULT_CHUNKS;
    let offset = 0;
    let i = 0;
    while (offset < body.length) {
      if (res.destroyed) return;
      let end = Math.min(body.length, offset + Math.max(1, sizes[i++ % sizes.length]));
      if (reply.pauseAt !== undefined && offset < reply.pauseAt && end > reply.pauseAt)
        end = reply.pauseAt;
      if (reply.cutAt !== undefined && offset < reply.cutAt && end > reply.cutAt) end = reply.cutAt;
      if (offset > 0) await (reply.delayMs ? sleep(reply.delayMs) : nextTurn());
      if (res.destroyed) return;
      res.write(body.subarray(offset, end));
      offset = end;
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
      if (reply.cutAt !== undefined && offset >= reply.cutAt) {
        // Let the bytes already written reach the client, then drop the connection mid-body
        // (after the pause, when both are at the same byte: a test can see them arrive first).
        await sleep(20);
        res.socket?.destroy();
        return;
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
        receivedAt: performance.now(),
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
      // Refused as the API refuses them, before any queued reply is used up.
      const key = keyOf(rec);
      rec.refused = !key ? 'no-key' : !acceptedKeys.has(key) ? 'wrong-key' : undefined;
      if (!rec.refused && route !== 'models') rec.refused = bodyProblem(rec);
      if (rec.refused) {
        void send(refusalReply(rec.refused), res).catch(() => res.destroy());
        return;
      }
      let reply = queues[route].shift() ?? defaultReply(route, rec);
      if (action === 'streamGenerateContent' && rec.query.alt !== 'sse') reply = asJsonArray(reply);
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
