import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  fixtureReply,
  madeUpError,
  readFixture,
  startFakeGemini,
  type FakeGemini,
} from '../../support/fake-gemini.ts';
import {
  GeminiError,
  checkKey,
  countTokens,
  describeError,
  listModels,
  normaliseBaseUrl,
  pickDefaultModel,
} from '../../../src/lib/gemini/index.ts';

const KEY = 'AQ.models-key-13579';
let fake: FakeGemini;
const settings = () => ({ apiKey: KEY, baseUrl: fake.url, model: 'gemini-flash-latest' });

beforeAll(async () => {
  fake = await startFakeGemini({ apiKey: KEY });
});
beforeEach(() => fake.reset());
afterAll(() => fake.close());

describe('listModels', () => {
  it('follows every page, keeps generateContent models, strips models/, sorts sensibly', async () => {
    const models = await listModels(settings());
    expect(models.map((m) => m.name)).toEqual([
      'gemini-flash-latest',
      'gemini-2.5-flash',
      'gemini-2.5-pro',
    ]);
    expect(models[0]).toEqual({
      name: 'gemini-flash-latest',
      displayName: 'Gemini Flash Latest',
      inputTokenLimit: 1048576,
    });
    // Five models two to a page: three requests, each asking for big pages with the key in a header.
    expect(fake.requests.map((r) => r.query)).toEqual([
      { pageSize: '1000' },
      { pageSize: '1000', pageToken: 'page-2' },
      { pageSize: '1000', pageToken: 'page-4' },
    ]);
    for (const r of fake.requests) {
      expect(r.method).toBe('GET');
      expect(r.path).toBe('/v1beta/models');
      expect(r.headers['x-goog-api-key']).toBe(KEY);
      expect(r.url).not.toContain(KEY);
    }
  });

  it('orders newer Gemini versions first and other families last', async () => {
    fake.setModels(
      ['gemma-3-27b-it', 'gemini-2.0-flash', 'gemini-3-pro-preview', 'gemini-2.5-flash'].map(
        (n) => ({ name: `models/${n}`, supportedGenerationMethods: ['generateContent'] }),
      ),
      3,
    );
    const names = (await listModels(settings())).map((m) => m.name);
    expect(names).toEqual([
      'gemini-3-pro-preview',
      'gemini-2.5-flash',
      'gemini-2.0-flash',
      'gemma-3-27b-it',
    ]);
    expect(fake.requests).toHaveLength(2);
  });

  it('checkKey with a bad key gives the bad-key error', async () => {
    fake.queue(fixtureReply('googleai/unary-failure-api-key.json', { route: 'models' }));
    const error = await checkKey(settings()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GeminiError);
    expect((error as GeminiError).kind).toBe('bad-key');
    expect(describeError(error).action).toMatch(/Paste the key again/);
  });

  it('checkKey with a good key gives the list', async () => {
    expect((await checkKey(settings())).length).toBe(3);
  });

  it('an empty key is refused before anything is sent', async () => {
    const error = await listModels({ ...settings(), apiKey: '  ' }).catch((e: unknown) => e);
    expect((error as GeminiError).kind).toBe('bad-key');
    expect(fake.requests).toHaveLength(0);
  });

  it('Stop while listing is "aborted"', async () => {
    fake.queue({ route: 'models', body: '{"models": []}', pauseAt: 5 });
    const stop = new AbortController();
    const run = listModels(settings(), stop.signal).catch((e: unknown) => e);
    await fake.paused();
    stop.abort();
    expect(((await run) as GeminiError).kind).toBe('aborted');
  });
});

describe('pickDefaultModel', () => {
  const list = ['gemini-2.5-pro', 'gemini-flash-latest', 'gemini-2.5-flash'];
  it.each([
    ['the remembered model when listed', list, 'gemini-2.5-pro', 'gemini-2.5-pro'],
    [
      'the remembered model given with models/',
      list,
      'models/gemini-2.5-flash',
      'gemini-2.5-flash',
    ],
    [
      'gemini-flash-latest when the remembered one is gone',
      list,
      'gemini-pro-vision',
      'gemini-flash-latest',
    ],
    ['gemini-flash-latest when nothing is remembered', list, undefined, 'gemini-flash-latest'],
    [
      'the first when the alias is not listed',
      ['gemini-2.5-pro', 'gemini-2.5-flash'],
      undefined,
      'gemini-2.5-pro',
    ],
    ['nothing for an empty list', [], 'x', undefined],
  ])('%s', (_name, models, remembered, want) => {
    expect(pickDefaultModel(models, remembered)).toBe(want);
    expect(
      pickDefaultModel(
        models.map((name) => ({ name, displayName: name })),
        remembered,
      ),
    ).toBe(want);
  });
});

describe('countTokens', () => {
  const image = {
    mimeType: 'image/png',
    data: readFixture('generative-ai-js/cat.png').toString('base64'),
  };

  it('posts the whole request to :countTokens and returns totalTokens', async () => {
    fake.setTokenCount(1290);
    const total = await countTokens(settings(), { prompt: 'What is it?', image });
    expect(total).toBe(1290);
    const [req] = fake.requests;
    expect(req.path).toBe('/v1beta/models/gemini-flash-latest:countTokens');
    expect(req.headers['x-goog-api-key']).toBe(KEY);
    expect(req.url).not.toContain(KEY);
    const body = req.body as { generateContentRequest: { model: string; contents: unknown[] } };
    expect(body.generateContentRequest.model).toBe('models/gemini-flash-latest');
    expect(body.generateContentRequest.contents).toEqual([
      { role: 'user', parts: [{ inlineData: image }, { text: 'What is it?' }] },
    ]);
  });

  it('an image alone (no prompt yet) sends no empty text part', async () => {
    await countTokens(settings(), { prompt: '', image });
    const body = fake.requests[0].body as { generateContentRequest: { contents: unknown[] } };
    expect(body.generateContentRequest.contents).toEqual([
      { role: 'user', parts: [{ inlineData: image }] },
    ]);
  });

  it.each([
    [
      'bad key',
      fixtureReply('googleai/unary-failure-api-key.json', { route: 'countTokens' }),
      'bad-key',
    ],
    [
      'unknown model',
      fixtureReply('googleai/unary-failure-unknown-model.json', { route: 'countTokens' }),
      'model-not-found',
    ],
    ['rate limit (made up)', madeUpError('rateLimited', { route: 'countTokens' }), 'rate-limited'],
    ['region (made up)', madeUpError('region', { route: 'countTokens' }), 'region'],
  ] as const)('%s gives a typed error', async (_name, reply, kind) => {
    fake.queue(reply);
    const error = await countTokens(settings(), { prompt: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GeminiError);
    expect((error as GeminiError).kind).toBe(kind);
    expect((error as GeminiError).message).not.toContain(KEY);
  });

  it('keeps the retry delay of a 429', async () => {
    fake.queue(madeUpError('rateLimited', { route: 'countTokens' }));
    const error = (await countTokens(settings(), { prompt: 'x' }).catch(
      (e: unknown) => e,
    )) as GeminiError;
    expect(error.retryAfterMs).toBe(15_000);
  });

  it('Stop is "aborted"; an unreachable server is "network"', async () => {
    fake.queue({ route: 'countTokens', body: '{"totalTokens": 5}', pauseAt: 3 });
    const stop = new AbortController();
    const run = countTokens(settings(), { prompt: 'x' }, stop.signal).catch((e: unknown) => e);
    await fake.paused();
    stop.abort();
    expect(((await run) as GeminiError).kind).toBe('aborted');

    const gone = await startFakeGemini();
    await gone.close();
    const error = await countTokens({ ...settings(), baseUrl: gone.url }, { prompt: 'x' }).catch(
      (e: unknown) => e,
    );
    expect((error as GeminiError).kind).toBe('network');
  });
});

describe('normaliseBaseUrl', () => {
  it.each([
    ['https://generativelanguage.googleapis.com', 'https://generativelanguage.googleapis.com'],
    ['  https://generativelanguage.googleapis.com/  ', 'https://generativelanguage.googleapis.com'],
    ['https://proxy.example/gemini///', 'https://proxy.example/gemini'],
    ['https://proxy.example/gemini/v1beta/', 'https://proxy.example/gemini'],
    ['http://127.0.0.1:8080', 'http://127.0.0.1:8080'],
    ['http://localhost:8080/', 'http://localhost:8080'],
    ['http://[::1]:9000', 'http://[::1]:9000'],
  ])('%s → %s', (input, want) => {
    expect(normaliseBaseUrl(input)).toBe(want);
  });

  it.each([
    'javascript:alert(1)',
    'file:///etc/passwd',
    'ftp://example.com',
    'http://proxy.example.com',
    'http://192.168.1.10:8080',
    'generativelanguage.googleapis.com',
    '',
    'https://user:pass@example.com',
    'https://example.com/?key=x',
  ])('refuses %j with a clear error', (input) => {
    let error: unknown;
    try {
      normaliseBaseUrl(input);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(GeminiError);
    expect((error as GeminiError).kind).toBe('bad-base-url');
    expect(describeError(error).detail.length).toBeGreaterThan(10);
  });
});
