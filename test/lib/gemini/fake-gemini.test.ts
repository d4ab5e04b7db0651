import { request } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  FAKE_API_KEY,
  MADE_UP_ERRORS,
  REFUSALS,
  fixtureReply,
  madeUpError,
  readFixture,
  startFakeGemini,
  type FakeGemini,
} from '../../support/fake-gemini.ts';

// The fake is shared with other engineers' end-to-end tests: its promises are checked here.
let fake: FakeGemini;
beforeAll(async () => {
  fake = await startFakeGemini();
});
beforeEach(() => fake.reset());
afterAll(() => fake.close());

const STREAM = '/v1beta/models/gemini-flash-latest:streamGenerateContent?alt=sse';

/** A body the API accepts: one content with one part. */
const QUESTION = '{"contents":[{"role":"user","parts":[{"text":"q"}]}]}';

/** POST with Node's http client, keeping every piece as it arrived. */
function post(
  path: string,
  body = QUESTION,
  headers: Record<string, string> = { 'x-goog-api-key': FAKE_API_KEY },
): Promise<{ status: number; headers: Record<string, unknown>; pieces: Buffer[]; error?: Error }> {
  return new Promise((resolve) => {
    const pieces: Buffer[] = [];
    const req = request(
      `${fake.url}${path}`,
      { method: 'POST', headers: { 'content-type': 'application/json', ...headers } },
      (res) => {
        res.on('data', (b: Buffer) => pieces.push(b));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, pieces }));
        res.on('error', (error) =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, pieces, error }),
        );
      },
    );
    req.end(body);
  });
}

describe('fake Gemini server', () => {
  it('replays a fixture byte for byte, in pieces when asked, as text/event-stream with CORS', async () => {
    const name = 'generative-ai-js/streaming-success-utf8.txt';
    fake.respondWith(fixtureReply(name, { chunks: [300], delayMs: 25 }));
    const got = await post(STREAM);
    expect(Buffer.concat(got.pieces).equals(readFixture(name))).toBe(true);
    // Ten writes 25 ms apart: even a busy machine sees more than one piece.
    expect(got.pieces.length).toBeGreaterThan(1);
    expect(got.status).toBe(200);
    expect(got.headers['content-type']).toBe('text/event-stream');
    expect(got.headers['access-control-allow-origin']).toBe('*');
  });

  it('answers the preflight for the three headers a browser may send', async () => {
    const res = await fetch(`${fake.url}${STREAM}`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://127.0.0.1:5173',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,x-goog-api-key',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-headers')).toBe(
      'content-type, x-goog-api-key, x-goog-api-client',
    );
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
    expect(fake.preflights).toHaveLength(1);
    expect(fake.requests).toHaveLength(0);
  });

  it('an error fixture goes out with its error.code as status; made-up errors too', async () => {
    fake.queue(
      fixtureReply('googleai/unary-failure-unknown-model.json'),
      madeUpError('rateLimited'),
    );
    expect((await post(STREAM)).status).toBe(404);
    const rate = await post(STREAM);
    expect(rate.status).toBe(429);
    expect(JSON.parse(Buffer.concat(rate.pieces).toString())).toEqual(MADE_UP_ERRORS.rateLimited);
    // The queue is used up: the default short reply follows.
    expect((await post(STREAM)).status).toBe(200);
  });

  it('cuts the connection after cutAt bytes', async () => {
    fake.respondWith(
      fixtureReply('googleai/streaming-success-basic-reply-long.txt', { cutAt: 1000 }),
    );
    const got = await post(STREAM);
    expect(got.error).toBeDefined();
    expect(Buffer.concat(got.pieces).length).toBe(1000);
  });

  it('holds at pauseAt until released', async () => {
    const name = 'googleai/streaming-success-basic-reply-short.txt';
    fake.respondWith(fixtureReply(name, { pauseAt: 100 }));
    const run = post(STREAM);
    await fake.paused();
    fake.release();
    expect(Buffer.concat((await run).pieces).equals(readFixture(name))).toBe(true);
  });

  it('records what was sent; unknown paths get a 404 error JSON', async () => {
    const res = await fetch(`${fake.url}/v1/other?x=1`, {
      method: 'POST',
      body: '{"a":1}',
      headers: { 'x-goog-api-key': 'k' },
    });
    expect(res.status).toBe(404);
    expect(fake.requests[0]).toMatchObject({
      method: 'POST',
      path: '/v1/other',
      query: { x: '1' },
      body: { a: 1 },
      rawBody: '{"a":1}',
    });
    expect(fake.requests[0].headers['x-goog-api-key']).toBe('k');
  });

  it('splits a reply across several writes by default, still byte for byte', async () => {
    const name = 'googleai/streaming-success-basic-reply-long.txt';
    fake.respondWith(fixtureReply(name));
    const got = await post(STREAM);
    expect(Buffer.concat(got.pieces).equals(readFixture(name))).toBe(true);
    expect(got.pieces.length).toBeGreaterThan(2);
  });

  it('refuses a missing key (made-up 403) and a wrong one (recorded 400), using no queued reply', async () => {
    fake.queue(fixtureReply('googleai/streaming-success-basic-reply-short.txt'));
    const none = await post(STREAM, QUESTION, {});
    expect(none.status).toBe(403);
    expect(JSON.parse(Buffer.concat(none.pieces).toString())).toEqual(REFUSALS.noKey);
    const wrong = await post(STREAM, QUESTION, { 'x-goog-api-key': 'AQ.not-the-key' });
    expect(wrong.status).toBe(400);
    expect(
      Buffer.concat(wrong.pieces).equals(readFixture('googleai/unary-failure-api-key.json')),
    ).toBe(true);
    const models = await fetch(`${fake.url}/v1beta/models?pageSize=1000`);
    expect(models.status).toBe(403);
    expect(fake.requests.map((r) => r.refused)).toEqual(['no-key', 'wrong-key', 'no-key']);
    // The queued reply is still there for the first request the API would accept.
    const ok = await post(STREAM);
    expect(ok.status).toBe(200);
    expect(fake.requests[3].refused).toBeUndefined();
  });

  it.each([
    ['no contents', '{}', REFUSALS.noContents],
    ['empty contents', '{"contents":[]}', REFUSALS.noContents],
    ['empty parts', '{"contents":[{"role":"user","parts":[]}]}', REFUSALS.emptyParts],
    ['not JSON', 'contents', REFUSALS.notJson],
  ])(
    'refuses a malformed body (%s) with a 400, for generate and countTokens',
    async (_, body, want) => {
      for (const path of [STREAM, '/v1beta/models/gemini-flash-latest:countTokens']) {
        const got = await post(path, body);
        expect(got.status).toBe(400);
        expect(JSON.parse(Buffer.concat(got.pieces).toString())).toEqual(want);
      }
    },
  );

  it('countTokens takes contents wrapped in a generate request, as the SDK sends them', async () => {
    const wrapped = `{"generateContentRequest":{"model":"models/x","contents":[{"role":"user","parts":[{"text":"q"}]}]}}`;
    const got = await post('/v1beta/models/gemini-flash-latest:countTokens', wrapped);
    expect(got.status).toBe(200);
    expect(JSON.parse(Buffer.concat(got.pieces).toString())).toEqual({ totalTokens: 1234 });
  });

  it('answers streamGenerateContent without alt=sse with one JSON array of the same chunks', async () => {
    const name = 'googleai/streaming-success-basic-reply-short.txt';
    fake.respondWith(fixtureReply(name));
    const got = await post('/v1beta/models/gemini-flash-latest:streamGenerateContent');
    expect(got.status).toBe(200);
    expect(got.headers['content-type']).toBe('application/json');
    const events = readFixture(name)
      .toString('utf8')
      .split(/\r?\n/)
      .filter((l) => l.startsWith('data: '))
      .map((l) => JSON.parse(l.slice(6)) as unknown);
    expect(events.length).toBeGreaterThan(1);
    expect(JSON.parse(Buffer.concat(got.pieces).toString())).toEqual(events);
  });

  it('stamps every request with its arrival time', async () => {
    const before = performance.now();
    await post(STREAM);
    await new Promise((r) => setTimeout(r, 30));
    await post(STREAM);
    const [a, b] = fake.requests;
    expect(a.receivedAt).toBeGreaterThanOrEqual(before);
    expect(b.receivedAt - a.receivedAt).toBeGreaterThanOrEqual(30);
    expect(b.receivedAt).toBeLessThanOrEqual(performance.now());
  });
});
