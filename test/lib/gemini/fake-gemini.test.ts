import { request } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  MADE_UP_ERRORS,
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

/** POST with Node's http client, keeping every piece as it arrived. */
function post(
  path: string,
): Promise<{ status: number; headers: Record<string, unknown>; pieces: Buffer[]; error?: Error }> {
  return new Promise((resolve) => {
    const pieces: Buffer[] = [];
    const req = request(
      `${fake.url}${path}`,
      { method: 'POST', headers: { 'content-type': 'application/json' } },
      (res) => {
        res.on('data', (b: Buffer) => pieces.push(b));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, pieces }));
        res.on('error', (error) =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, pieces, error }),
        );
      },
    );
    req.end('{"contents":[]}');
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
});
