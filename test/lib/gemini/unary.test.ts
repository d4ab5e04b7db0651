import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fixtureReply, startFakeGemini, type FakeGemini } from '../../support/fake-gemini.ts';
import { GeminiError, describeError, generateAnswer } from '../../../src/lib/gemini/index.ts';
import type { GeminiErrorKind } from '../../../src/lib/gemini/types.ts';
import { expectedOf, fixtureNames } from './helpers.ts';

const KEY = 'AQ.unary-key-24680';
let fake: FakeGemini;
beforeAll(async () => {
  fake = await startFakeGemini({ apiKey: KEY });
});
beforeEach(() => fake.reset());
afterAll(() => fake.close());

const unary = fixtureNames('unary-');

/** Unary fixtures that are failures without a finish reason, and the error each gives. */
const FAILS: Record<string, GeminiErrorKind> = {
  'generative-ai-js/unary-failure-empty-content.json': 'empty',
  'generative-ai-js/unary-failure-image-rejected.json': 'image-refused',
  'generative-ai-js/unary-failure-prompt-blocked-safety.json': 'blocked-prompt',
  'googleai/unary-failure-api-key.json': 'bad-key',
  'googleai/unary-failure-api-key.txt': 'bad-key',
  'googleai/unary-failure-generativelanguage-api-not-enabled.json': 'service-disabled',
  'googleai/unary-failure-only-prompt-feedback.json': 'blocked-prompt',
  'googleai/unary-failure-unknown-model.json': 'model-not-found',
  'googleai/unary-failure-unknown-model.txt': 'model-not-found',
};

describe('generateAnswer replays every unary fixture', () => {
  it('covers all 34 unary fixtures of both sets', () => {
    expect(unary.length).toBe(34);
  });

  it.each(unary)('%s', async (name) => {
    fake.respondWith(fixtureReply(name));
    const settings = { apiKey: KEY, baseUrl: fake.url, model: 'gemini-2.5-flash' };
    const result = await generateAnswer(settings, { prompt: 'q' }).then(
      (answer) => ({ answer, error: undefined }),
      (error: unknown) => ({ answer: undefined, error }),
    );
    // The whole request target: the path and no query (a `?key=` would leak the key).
    expect(fake.requests[0].url, 'the one-shot URL carries a query (a key?)').toBe(
      '/v1beta/models/gemini-2.5-flash:generateContent',
    );
    expect(fake.requests[0].headers['x-goog-api-key']).toBe(KEY);
    if (name in FAILS) {
      expect(result.error).toBeInstanceOf(GeminiError);
      expect((result.error as GeminiError).kind).toBe(FAILS[name]);
      expect(describeError(result.error).title.length).toBeGreaterThan(0);
      return;
    }
    expect(result.error).toBeUndefined();
    const want = expectedOf(name);
    expect(result.answer?.text).toBe(want.text);
    expect(result.answer?.thoughts).toBe(want.thoughts);
    expect(result.answer?.finishReason).toBe(want.finish ?? '');
    expect(result.answer?.usage).toEqual(want.usage);
  });

  it('a reply that stopped for OTHER brings its finish message', async () => {
    fake.respondWith(fixtureReply('googleai/unary-failure-with-message-no-content.json'));
    const answer = await generateAnswer(
      { apiKey: KEY, baseUrl: fake.url, model: 'gemini-2.5-flash' },
      { prompt: 'q' },
    );
    expect(answer).toMatchObject({
      text: '',
      finishReason: 'OTHER',
      finishMessage: 'Model failed to generate content due to internal error.',
    });
  });
});
