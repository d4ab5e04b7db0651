import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeGemini, type FakeGemini } from '../../support/fake-gemini.ts';
import {
  GeminiError,
  describeError,
  describeFinish,
  isAborted,
  streamAnswer,
} from '../../../src/lib/gemini/index.ts';
import { collect } from './helpers.ts';

// Cases the recorded fixtures do not cover. Every body here is MADE UP for these tests, in
// the wire format of the recorded ones (`data: {GenerateContentResponse}` + blank line).
const event = (json: unknown) => `data: ${JSON.stringify(json)}\r\n\r\n`;
const text = (t: string, extra: Record<string, unknown> = {}) =>
  event({ candidates: [{ content: { parts: [{ text: t }], role: 'model' }, ...extra }] });

let fake: FakeGemini;
const settings = () => ({ apiKey: 'AQ.made-up', baseUrl: fake.url, model: 'gemini-flash-latest' });
beforeAll(async () => {
  fake = await startFakeGemini({ apiKey: 'AQ.made-up' });
});
beforeEach(() => fake.reset());
afterAll(() => fake.close());

async function run(body: string, status = 200, contentType = 'text/event-stream') {
  fake.respondWith({ body, status, contentType });
  return collect(streamAnswer(settings(), { prompt: 'q' }));
}

describe('made-up streams', () => {
  it('MAX_TOKENS with no parts at all: finish MAX_TOKENS, no text, "no room for an answer"', async () => {
    const got = await run(
      event({
        candidates: [{ content: { role: 'model' }, finishReason: 'MAX_TOKENS' }],
        usageMetadata: { promptTokenCount: 300, thoughtsTokenCount: 1024, totalTokenCount: 1324 },
      }),
    );
    expect(got.error).toBeUndefined();
    expect(got.text).toBe('');
    expect(got.finish).toBe('MAX_TOKENS');
    expect(got.usage).toEqual({
      promptTokens: 300,
      answerTokens: 0,
      thoughtsTokens: 1024,
      totalTokens: 1324,
    });
    expect(describeFinish(got.finish!, false)?.title).toBe('No room for an answer');
  });

  it('implicit caching: the cached part of the prompt is kept with the usage', async () => {
    const got = await run(
      event({
        candidates: [
          { content: { parts: [{ text: 'Cats.' }], role: 'model' }, finishReason: 'STOP' },
        ],
        usageMetadata: {
          promptTokenCount: 2100,
          cachedContentTokenCount: 2048,
          candidatesTokenCount: 3,
          totalTokenCount: 2103,
        },
      }),
    );
    expect(got.text).toBe('Cats.');
    expect(got.usage).toEqual({
      promptTokens: 2100,
      answerTokens: 3,
      thoughtsTokens: 0,
      totalTokens: 2103,
      cachedTokens: 2048,
    });
  });

  it('PROHIBITED_CONTENT after partial text keeps the text', async () => {
    const got = await run(
      text('The sign says ') + text('', { finishReason: 'PROHIBITED_CONTENT' }),
    );
    expect(got.text).toBe('The sign says ');
    expect(got.finish).toBe('PROHIBITED_CONTENT');
    expect(describeFinish(got.finish!, true)?.detail).toMatch(/prohibited.*kept/);
  });

  it('a prompt blocked for PROHIBITED_CONTENT names that reason', async () => {
    const got = await run(event({ promptFeedback: { blockReason: 'PROHIBITED_CONTENT' } }));
    expect(got.error).toMatchObject({ kind: 'blocked-prompt', blockReason: 'PROHIBITED_CONTENT' });
    expect(describeError(got.error).detail).toMatch(/prohibited content/);
  });

  it('a prompt blocked for a reason added later is still described', async () => {
    const got = await run(event({ promptFeedback: { blockReason: 'NEW_REASON_2027' } }));
    expect(describeError(got.error).detail).toContain('NEW_REASON_2027');
  });

  it('an HTML page with status 200 (a captive portal) is an unreadable reply', async () => {
    const got = await run('<!doctype html><title>Sign in to Wi-Fi</title>', 200, 'text/html');
    expect(got.error).toMatchObject({ kind: 'bad-response' });
  });

  it('an empty 200 body is "no answer"', async () => {
    const got = await run('');
    expect(got.error).toMatchObject({ kind: 'empty' });
  });

  it('a last event cut in the middle of its JSON is "cut short"', async () => {
    const got = await run(text('Hello') + 'data: {"candidates": [{"content": {"parts": [{"te');
    expect(got.text).toBe('Hello');
    expect(got.error).toMatchObject({ kind: 'incomplete' });
  });

  it('a JSON array of responses (alt=sse ignored by a proxy) is read as a whole answer', async () => {
    const body = JSON.stringify([
      { candidates: [{ content: { parts: [{ text: 'A ' }] } }] },
      { candidates: [{ content: { parts: [{ text: 'cat.' }] }, finishReason: 'STOP' }] },
    ]);
    const got = await run(body, 200, 'application/json');
    expect(got.text).toBe('A cat.');
    expect(got.finish).toBe('STOP');
  });

  it('Stop between events of one chunk yields nothing more', async () => {
    fake.respondWith({
      body: text('one') + text('two') + text('three', { finishReason: 'STOP' }),
      contentType: 'text/event-stream',
    });
    const stop = new AbortController();
    const got = await collect(streamAnswer(settings(), { prompt: 'q' }, stop.signal), () =>
      stop.abort(),
    );
    expect(got.text).toBe('one');
    expect(isAborted(got.error)).toBe(true);
    expect(got.error).toBeInstanceOf(GeminiError);
  });
});
