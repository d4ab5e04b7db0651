/**
 * The whole URL of every request src/lib/gemini can make: origin, path and query, nothing
 * more. The key belongs in the `x-goog-api-key` header only; a `?key=` (Google's documented
 * URL form) would put it in proxy logs, browser history and error reports.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  startFakeGemini,
  type FakeGemini,
  type RecordedRequest,
} from '../../support/fake-gemini.ts';
import {
  countTokens,
  generateAnswer,
  listModels,
  streamAnswer,
} from '../../../src/lib/gemini/index.ts';
import { collect } from './helpers.ts';

const KEY = 'AQ.url-key-112358';
let fake: FakeGemini;
beforeAll(async () => {
  fake = await startFakeGemini({ apiKey: KEY });
});
beforeEach(() => fake.reset());
afterAll(() => fake.close());

const settings = (baseUrl = fake.url) => ({ apiKey: KEY, baseUrl, model: 'gemini-2.5-flash' });
const question = { prompt: 'What does it say?' };

/** The absolute URL a request was sent to, as the server saw it. */
function fullUrl(r: RecordedRequest): string {
  return `http://${String(r.headers.host)}${r.url}`;
}

/** Assert the exact URLs, naming the leak when the key is in one of them. */
function expectUrls(want: string[]): void {
  const got = fake.requests.map(fullUrl);
  for (const url of got) {
    expect(url, `the API key leaked into the URL ${url}`).not.toContain(KEY);
    expect(new URL(url).searchParams.has('key'), `a key= query in ${url}`).toBe(false);
  }
  expect(got).toEqual(want);
  for (const r of fake.requests) expect(r.headers['x-goog-api-key']).toBe(KEY);
}

describe.each([
  ['at the root of the host', ''],
  ['behind a proxy path', '/proxy/gemini'],
])('every request goes to exactly its URL, %s', (_, prefix) => {
  const base = () => `${fake.url}${prefix}`;
  const model = () => `${base()}/v1beta/models/gemini-2.5-flash`;

  it('streaming: :streamGenerateContent with alt=sse and no other query', async () => {
    const got = await collect(streamAnswer(settings(base()), question));
    expect(got.error).toBeUndefined();
    expectUrls([`${model()}:streamGenerateContent?alt=sse`]);
  });

  it('one-shot: :generateContent with no query at all', async () => {
    await generateAnswer(settings(base()), question);
    expectUrls([`${model()}:generateContent`]);
  });

  it('count tokens: :countTokens with no query at all', async () => {
    fake.setTokenCount(77);
    expect(await countTokens(settings(base()), question)).toBe(77);
    expectUrls([`${model()}:countTokens`]);
  });

  it('model listing: pageSize, then pageToken for each further page, and nothing else', async () => {
    const models = await listModels(settings(base()));
    expect(models.length).toBeGreaterThan(1);
    expectUrls([
      `${base()}/v1beta/models?pageSize=1000`,
      `${base()}/v1beta/models?pageSize=1000&pageToken=page-2`,
      `${base()}/v1beta/models?pageSize=1000&pageToken=page-4`,
    ]);
  });
});
