import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readFixture, startFakeGemini, type FakeGemini } from '../../support/fake-gemini.ts';
import {
  GeminiError,
  buildGenerateBody,
  describeError,
  streamAnswer,
} from '../../../src/lib/gemini/index.ts';
import { collect } from './helpers.ts';

const KEY = 'AIzaSy-test-key-abcdefghij';
const cat = readFixture('generative-ai-js/cat.jpeg');
const image = { mimeType: 'image/jpeg', data: cat.toString('base64') };

/** Headers fetch adds by itself (Node's undici); anything else was set by the app. */
const FETCH_OWN = new Set([
  'host',
  'connection',
  'accept',
  'accept-language',
  'accept-encoding',
  'sec-fetch-mode',
  'user-agent',
  'content-length',
  'transfer-encoding',
]);

let fake: FakeGemini;
beforeAll(async () => {
  fake = await startFakeGemini({ apiKey: KEY });
});
beforeEach(() => fake.reset());
afterAll(() => fake.close());

describe('the request streamAnswer sends', () => {
  it('goes to the model stream path with the key in a header only, image then prompt', async () => {
    const got = await collect(
      streamAnswer(
        { apiKey: ` ${KEY} `, baseUrl: `  ${fake.url}/ `, model: 'models/gemini-flash-latest' },
        { prompt: 'What does the hidden text say?', image },
      ),
    );
    expect(got.error).toBeUndefined();
    expect(fake.requests).toHaveLength(1);
    const [req] = fake.requests;
    expect(req.method).toBe('POST');
    expect(req.path).toBe('/v1beta/models/gemini-flash-latest:streamGenerateContent');
    expect(req.query).toEqual({ alt: 'sse' });
    expect(req.url).not.toContain(KEY);
    expect(req.headers['x-goog-api-key']).toBe(KEY);
    expect(req.headers['content-type']).toBe('application/json');
    const set = Object.keys(req.headers).filter((h) => !FETCH_OWN.has(h));
    expect(set.sort()).toEqual(['content-type', 'x-goog-api-key']);
    expect(req.body).toEqual({
      contents: [
        {
          role: 'user',
          parts: [
            { inlineData: { mimeType: 'image/jpeg', data: cat.toString('base64') } },
            { text: 'What does the hidden text say?' },
          ],
        },
      ],
    });
    // Bare base64 that decodes back to the very file.
    const sent = (req.body as { contents: { parts: { inlineData: { data: string } }[] }[] })
      .contents[0].parts[0].inlineData.data;
    expect(Buffer.from(sent, 'base64').equals(cat)).toBe(true);
    expect(req.rawBody).not.toContain(KEY);
  });

  it('a follow-up sends the earlier turns with the image kept in the first user turn', async () => {
    await collect(
      streamAnswer(
        { apiKey: KEY, baseUrl: fake.url, model: 'gemini-2.5-flash' },
        {
          prompt: 'And what colour is it?',
          image,
          history: [
            { role: 'user', text: 'What animal is this?' },
            { role: 'model', text: 'A cat.' },
          ],
        },
      ),
    );
    const [req] = fake.requests;
    expect(req.model).toBe('gemini-2.5-flash');
    expect(req.body).toEqual({
      contents: [
        { role: 'user', parts: [{ inlineData: image }, { text: 'What animal is this?' }] },
        { role: 'model', parts: [{ text: 'A cat.' }] },
        { role: 'user', parts: [{ text: 'And what colour is it?' }] },
      ],
    });
    expect(req.rawBody.split(image.data).length - 1).toBe(1);
  });

  it('options become systemInstruction and generationConfig', () => {
    const body = buildGenerateBody({
      prompt: 'Read it.',
      options: {
        systemInstruction: 'Answer briefly.',
        temperature: 0,
        maxOutputTokens: 512,
        includeThoughts: true,
        mediaResolution: 'MEDIA_RESOLUTION_HIGH',
      },
    });
    expect(body).toEqual({
      contents: [{ role: 'user', parts: [{ text: 'Read it.' }] }],
      systemInstruction: { role: 'system', parts: [{ text: 'Answer briefly.' }] },
      generationConfig: {
        temperature: 0,
        maxOutputTokens: 512,
        thinkingConfig: { includeThoughts: true },
        mediaResolution: 'MEDIA_RESOLUTION_HIGH',
      },
    });
  });

  it('a data: URL handed in by mistake still goes out as bare base64', () => {
    const body = buildGenerateBody({
      prompt: 'x',
      image: { mimeType: 'image/png', data: 'data:image/png;base64,iVBORw0KGgo=' },
    });
    expect(body.contents[0].parts[0]).toEqual({
      inlineData: { mimeType: 'image/png', data: 'iVBORw0KGgo=' },
    });
  });

  it('the key goes only to the base URL given (a proxy path is kept)', async () => {
    await collect(
      streamAnswer(
        { apiKey: KEY, baseUrl: `${fake.url}/proxy/gemini/`, model: 'gemini-flash-latest' },
        { prompt: 'hi' },
      ),
    );
    expect(fake.requests[0].path).toBe(
      '/proxy/gemini/v1beta/models/gemini-flash-latest:streamGenerateContent',
    );
  });

  it('a model name pasted with spaces around it goes to that model', async () => {
    const got = await collect(
      streamAnswer(
        { apiKey: KEY, baseUrl: fake.url, model: '  models/gemini-flash-latest \n' },
        { prompt: 'hi' },
      ),
    );
    expect(got.error).toBeUndefined();
    expect(fake.requests[0].path, 'path for a model pasted with spaces').toBe(
      '/v1beta/models/gemini-flash-latest:streamGenerateContent',
    );
  });

  it('a model name holding ? # or / stays one path segment: nothing of it travels as a query', async () => {
    await collect(
      streamAnswer(
        { apiKey: KEY, baseUrl: fake.url, model: 'odd/name?key=leak#x' },
        { prompt: 'hi' },
      ),
    );
    expect(fake.requests).toHaveLength(1);
    const [req] = fake.requests;
    expect(req.query, 'the query of a request for an odd model name').toEqual({ alt: 'sse' });
    expect(req.url).toContain('/v1beta/models/odd%2Fname%3Fkey%3Dleak%23x:streamGenerateContent');
  });

  it('with no model chosen nothing is sent (the key stays here), and the error says so', async () => {
    const got = await collect(
      streamAnswer({ apiKey: KEY, baseUrl: fake.url, model: '  ' }, { prompt: 'hi' }),
    );
    expect(fake.requests, 'requests sent with no model chosen').toHaveLength(0);
    expect((got.error as GeminiError).kind).toBe('model-not-found');
    expect(describeError(got.error).detail).toMatch(/no model was chosen/i);
  });
});
