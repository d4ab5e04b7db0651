import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  fixtureReply,
  madeUpError,
  startFakeGemini,
  type FakeGemini,
  type FakeReply,
} from '../../support/fake-gemini.ts';
import {
  GeminiError,
  describeError,
  describeFinish,
  retryDelayMs,
  streamAnswer,
} from '../../../src/lib/gemini/index.ts';
import type { GeminiErrorKind } from '../../../src/lib/gemini/types.ts';
import { collect } from './helpers.ts';

const KEY = 'AQ.failure-table-key-987654';
let fake: FakeGemini;
beforeAll(async () => {
  fake = await startFakeGemini({ apiKey: KEY });
});
beforeEach(() => fake.reset());
afterAll(() => fake.close());

async function failWith(reply: FakeReply): Promise<GeminiError> {
  fake.respondWith(reply);
  const got = await collect(
    streamAnswer({ apiKey: KEY, baseUrl: fake.url, model: 'gemini-flash-latest' }, { prompt: 'q' }),
  );
  expect(got.error).toBeInstanceOf(GeminiError);
  return got.error as GeminiError;
}

// Each row: the reply (a recorded fixture, or a MADE-UP body from fake-gemini.ts where no
// recording exists), the kind, the HTTP status, and words the person must read.
const table: [string, FakeReply, GeminiErrorKind, number, RegExp][] = [
  [
    'bad key (recorded)',
    fixtureReply('googleai/unary-failure-api-key.json'),
    'bad-key',
    400,
    /key was refused/i,
  ],
  [
    'API not enabled (recorded)',
    fixtureReply('googleai/unary-failure-generativelanguage-api-not-enabled.json'),
    'service-disabled',
    403,
    /Enable the “Generative Language API”/,
  ],
  [
    'website restriction (made up)',
    madeUpError('referrerBlocked'),
    'referrer-blocked',
    403,
    /Application restrictions/,
  ],
  [
    'API restriction (made up)',
    madeUpError('serviceBlocked'),
    'api-blocked',
    403,
    /API restrictions/,
  ],
  [
    'unknown model (recorded)',
    fixtureReply('googleai/unary-failure-unknown-model.json'),
    'model-not-found',
    404,
    /Pick another model/,
  ],
  [
    'unknown model (made up)',
    madeUpError('unknownModel'),
    'model-not-found',
    404,
    /refresh the model list/,
  ],
  ['region (made up)', madeUpError('region'), 'region', 400, /not offered where/],
  ['rate limit (made up)', madeUpError('rateLimited'), 'rate-limited', 429, /Try again in 15 s/],
  ['internal (made up)', madeUpError('internal'), 'server', 500, /HTTP 500/],
  ['overloaded (made up)', madeUpError('unavailable'), 'server', 503, /HTTP 503/],
  ['timeout (made up)', madeUpError('deadline'), 'server', 504, /HTTP 504/],
  [
    'image refused (recorded)',
    fixtureReply('generative-ai-js/unary-failure-image-rejected.json'),
    'image-refused',
    400,
    /PNG or JPEG/,
  ],
  [
    'image refused on the stream (recorded)',
    fixtureReply('googleai/streaming-failure-image-rejected.txt'),
    'image-refused',
    400,
    /could not be used/,
  ],
  ['too large (made up)', madeUpError('tooLarge'), 'too-large', 400, /20 MB/],
];

describe('every failure row becomes a typed error with plain words', () => {
  it.each(table)('%s', async (_name, reply, kind, status, words) => {
    const error = await failWith(reply);
    expect(error.kind).toBe(kind);
    expect(error.status).toBe(status);
    const said = describeError(error);
    expect(`${said.title} ${said.detail} ${said.action}`).toMatch(words);
    for (const text of [said.title, said.detail, said.action, error.message]) {
      expect(text.length).toBeGreaterThan(0);
      expect(text).not.toContain(KEY);
    }
  });

  it('keeps the API status word, the ErrorInfo reason and the message', async () => {
    const error = await failWith(fixtureReply('googleai/unary-failure-api-key.json'));
    expect(error).toMatchObject({
      apiStatus: 'INVALID_ARGUMENT',
      reason: 'API_KEY_INVALID',
      apiMessage: 'API key not valid. Please pass a valid API key.',
    });
  });

  it('reads RetryInfo.retryDelay, whole or fractional seconds', async () => {
    expect((await failWith(madeUpError('rateLimited'))).retryAfterMs).toBe(15_000);
    const body = JSON.stringify({
      error: {
        code: 429,
        message: 'Quota exceeded.',
        status: 'RESOURCE_EXHAUSTED',
        details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '1.5s' }],
      },
    });
    expect((await failWith({ status: 429, body })).retryAfterMs).toBe(1500);
  });

  it('never puts the key in a message, even if the API echoes it', async () => {
    const body = JSON.stringify({
      error: { code: 400, message: `API key not valid: ${KEY}`, status: 'INVALID_ARGUMENT' },
    });
    const error = await failWith({ status: 400, body });
    expect(error.kind).toBe('bad-key');
    expect(error.apiMessage).toBe('API key not valid: [key]');
    expect(JSON.stringify(describeError(error))).not.toContain(KEY);
  });

  it('a non-JSON error page (a proxy) still gives a kind by status', async () => {
    const error = await failWith({
      status: 502,
      body: '<html>Bad gateway</html>',
      contentType: 'text/html',
    });
    expect(error.kind).toBe('server');
  });

  it('something that is not a GeminiError still gets plain words', () => {
    expect(describeError(new TypeError('x')).title).toBe('Something went wrong');
  });
});

describe('finish reasons in plain words', () => {
  it.each([
    ['SAFETY', /safety/i],
    ['PROHIBITED_CONTENT', /prohibited/i],
    ['IMAGE_SAFETY', /safety/i],
    ['BLOCKLIST', /block list/i],
    ['SPII', /personal information/i],
    ['RECITATION', /repeated existing material/i],
    ['OTHER', /without saying why/i],
    ['FAKE_ENUM', /FAKE_ENUM/],
    ['MALFORMED_FUNCTION_CALL', /MALFORMED_FUNCTION_CALL/],
  ])('%s', (reason, words) => {
    const said = describeFinish(reason, true);
    expect(said).not.toBeNull();
    expect(`${said!.title} ${said!.detail}`).toMatch(words);
    expect(said!.detail).toMatch(/kept/);
  });

  it('STOP is not a problem; STOP with no text is', () => {
    expect(describeFinish('STOP')).toBeNull();
    expect(describeFinish('STOP', false)?.title).toBe('No answer');
  });

  it('MAX_TOKENS says something different with and without text', () => {
    expect(describeFinish('MAX_TOKENS', true)?.title).toMatch(/length limit/);
    expect(describeFinish('MAX_TOKENS', false)?.detail).toMatch(/before writing any answer/);
  });

  it('a finish-reason error describes like its finish reason', () => {
    const said = describeError(new GeminiError('finish', { finishReason: 'SAFETY' }));
    expect(said.title).toBe('Stopped by safety filters');
  });
});

describe('retry policy', () => {
  const rate = new GeminiError('rate-limited', { status: 429, retryAfterMs: 15_000 });
  const busy = new GeminiError('server', { status: 503 });

  it('429 waits what the server said, for at most 3 attempts in all', () => {
    expect(retryDelayMs(rate, 1)).toBe(15_000);
    expect(retryDelayMs(rate, 2)).toBe(15_000);
    expect(retryDelayMs(rate, 3)).toBeNull();
    expect(retryDelayMs(new GeminiError('rate-limited', { status: 429 }), 1)).toBeGreaterThan(0);
  });

  it('500/503/504 back off exponentially, at most 3 attempts', () => {
    expect(retryDelayMs(busy, 1)).toBe(1000);
    expect(retryDelayMs(busy, 2)).toBe(2000);
    expect(retryDelayMs(busy, 3)).toBeNull();
  });

  it.each<GeminiErrorKind>([
    'bad-key',
    'service-disabled',
    'model-not-found',
    'region',
    'image-refused',
    'too-large',
    'blocked-prompt',
    'mid-stream',
    'incomplete',
    'network',
    'aborted',
  ])('%s is not retried automatically', (kind) => {
    expect(retryDelayMs(new GeminiError(kind), 1)).toBeNull();
  });

  it('anything else is not retried', () => {
    expect(retryDelayMs(new Error('x'), 1)).toBeNull();
  });

  it('a queued 503 then success: the second attempt gets the answer', async () => {
    fake.queue(madeUpError('unavailable'));
    fake.respondWith(fixtureReply('googleai/streaming-success-basic-reply-short.txt'));
    const settings = { apiKey: KEY, baseUrl: fake.url, model: 'gemini-flash-latest' };
    const first = await collect(streamAnswer(settings, { prompt: 'q' }));
    expect(retryDelayMs(first.error, 1)).toBe(1000);
    const second = await collect(streamAnswer(settings, { prompt: 'q' }));
    expect(second.text).toBe('The capital of Wyoming is **Cheyenne**.\n');
    expect(fake.requests).toHaveLength(2);
  });
});
