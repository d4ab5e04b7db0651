import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeGemini, type FakeGemini } from '../../support/fake-gemini.ts';
import { streamAnswer } from '../../../src/lib/gemini/index.ts';
import {
  CONVERSATION_MESSAGES as M,
  ask,
  buildContents,
  checkRequestSize,
  endAnswer,
  newConversation,
  receiveParts,
  requestBytes,
  startAfreshWith,
  startAnswer,
  type Conversation,
  type ImageRef,
} from '../../../src/lib/conversation/index.ts';
import { collect } from '../gemini/helpers.ts';
import { fixtureImage, partsOfFixture } from './helpers.ts';

const KEY = 'AIzaSy-test-key-abcdefghij';
const SIGNED = 'googleai/streaming-success-thinking-function-call-thought-summary-signature.txt';
const THOUGHTS = 'googleai/streaming-success-thinking-reply-thought-summary.txt';

let cat: Awaited<ReturnType<typeof fixtureImage>>;
let png: Awaited<ReturnType<typeof fixtureImage>>;
const data = new Map<string, string>();
const dataOf = (hash: string) => data.get(hash);

let fake: FakeGemini;
beforeAll(async () => {
  fake = await startFakeGemini();
  cat = await fixtureImage('generative-ai-js/cat.jpeg', 'image/jpeg');
  png = await fixtureImage('generative-ai-js/cat.png', 'image/png');
  data.set(cat.ref.hash, cat.data).set(png.ref.hash, png.data);
});
beforeEach(() => fake.reset());
afterAll(() => fake.close());

/** A conversation whose answer arrived as the events of an SSE fixture, part by part. */
function answered(c: Conversation, fixture: string, model = 'gemini-2.5-flash'): Conversation {
  let next = startAnswer(c, model, 2);
  for (const parts of partsOfFixture(fixture)) next = receiveParts(next, parts);
  return endAnswer(next, { state: 'done', finishReason: 'STOP' }, 3);
}

describe('a follow-up request, as the fake Gemini server receives it', () => {
  it('carries the earlier turns with user/model roles, each image in its turn, signatures as received and no thoughts', async () => {
    let c = ask(newConversation(1), 'What is this?', [cat.ref], 1);
    c = answered(c, SIGNED);
    c = ask(c, 'And this one?', [png.ref], 4);
    const received = partsOfFixture(SIGNED).flat();
    const signed = received.filter((p) => p.thoughtSignature);
    expect(signed).toHaveLength(1);

    await collect(
      streamAnswer(
        { apiKey: KEY, baseUrl: fake.url, model: 'gemini-2.5-flash' },
        { prompt: '', contents: buildContents(c, dataOf) },
      ),
    );
    const [req] = fake.requests;
    expect(req.body).toEqual({
      contents: [
        {
          role: 'user',
          parts: [
            { inlineData: { mimeType: 'image/jpeg', data: cat.data } },
            { text: 'What is this?' },
          ],
        },
        // The function call with its signature, byte for byte; the two thought summaries gone.
        { role: 'model', parts: signed },
        {
          role: 'user',
          parts: [
            { inlineData: { mimeType: 'image/png', data: png.data } },
            { text: 'And this one?' },
          ],
        },
      ],
    });
    expect(req.rawBody).toContain(signed[0].thoughtSignature as string);
    expect(req.rawBody).not.toContain('Calculating the Days');
    // Each image sent once, in its own turn.
    expect(req.rawBody.split(cat.data).length - 1).toBe(1);
    expect(req.rawBody.split(png.data).length - 1).toBe(1);
  });

  it('sends two images of one question as two inlineData parts, in the order given', async () => {
    const c = ask(newConversation(1), 'Compare them.', [png.ref, cat.ref], 1);
    await collect(
      streamAnswer(
        { apiKey: KEY, baseUrl: fake.url, model: 'gemini-flash-latest' },
        { prompt: '', contents: buildContents(c, dataOf) },
      ),
    );
    const body = fake.requests[0].body as { contents: { parts: { inlineData?: unknown }[] }[] };
    expect(body.contents).toHaveLength(1);
    expect(body.contents[0].parts).toEqual([
      { inlineData: { mimeType: 'image/png', data: png.data } },
      { inlineData: { mimeType: 'image/jpeg', data: cat.data } },
      { text: 'Compare them.' },
    ]);
  });
});

describe('buildContents', () => {
  it('never sends thought summaries as answer text, and keeps answer parts as received', () => {
    let c = ask(newConversation(1), 'Why?', [], 1);
    c = answered(c, THOUGHTS);
    c = ask(c, 'Go on.', [], 4);
    const contents = buildContents(c, dataOf);
    const answer = partsOfFixture(THOUGHTS)
      .flat()
      .filter((p) => !p.thought);
    expect(answer.length).toBeGreaterThan(0);
    expect(contents[1]).toEqual({ role: 'model', parts: answer });
    expect(JSON.stringify(contents)).not.toContain('"thought":true');
  });

  it('keeps a signature that rode on a thought summary, without its text', () => {
    let c = startAnswer(ask(newConversation(1), 'Hm?', [], 1), 'gemini-3-pro-preview', 2);
    c = receiveParts(c, [{ text: 'secret musing', thought: true, thoughtSignature: 'SIG==' }]);
    c = receiveParts(c, [{ text: 'Answer.' }]);
    c = ask(endAnswer(c, { state: 'done' }), 'More?', [], 3);
    expect(buildContents(c, dataOf)[1]).toEqual({
      role: 'model',
      parts: [{ text: '', thoughtSignature: 'SIG==' }, { text: 'Answer.' }],
    });
  });

  it('leaves out an answer that failed before any part, joining the questions around it', () => {
    let c = ask(newConversation(1), 'First', [cat.ref], 1);
    c = startAnswer(c, 'gemini-2.5-flash', 2);
    c = endAnswer(c, { state: 'error', error: { kind: 'network' } });
    c = ask(c, 'Second', [], 3);
    expect(buildContents(c, dataOf)).toEqual([
      {
        role: 'user',
        parts: [
          { inlineData: { mimeType: 'image/jpeg', data: cat.data } },
          { text: 'First' },
          { text: 'Second' },
        ],
      },
    ]);
  });

  it('says an image is missing rather than sending a turn without it', () => {
    const c = ask(newConversation(1), 'x', [cat.ref], 1);
    expect(() => buildContents(c, () => undefined)).toThrow(M.imageMissing);
  });
});

describe('the 20 MB inline limit over the whole request', () => {
  const big = (n: number, bytes: number): ImageRef => ({
    hash: n.toString(16).padStart(64, '0'),
    mimeType: 'image/jpeg',
    bytes,
  });

  it('estimates at least what the built request really takes', () => {
    let c = ask(newConversation(1), 'What is this?', [cat.ref, png.ref], 1);
    c = answered(c, SIGNED);
    c = ask(c, 'Ünïcødé follow-up', [cat.ref], 4);
    const real = new TextEncoder().encode(JSON.stringify({ contents: buildContents(c, dataOf) }));
    expect(requestBytes(c)).toBeGreaterThanOrEqual(real.length);
    expect(requestBytes(c)).toBeLessThan(real.length + 8192);
  });

  it('passes a question under the limit', () => {
    const c = ask(newConversation(1), 'ok', [big(1, 9_000_000)], 1);
    expect(checkRequestSize(c)).toMatchObject({ ok: true, limit: 20_000_000 });
  });

  it('a follow-up that passes it offers a new conversation with its image, which fits', () => {
    let c = ask(newConversation(1), 'first', [big(1, 9_000_000)], 1);
    c = endAnswer(receiveParts(startAnswer(c, 'm', 2), [{ text: 'ok' }]), { state: 'done' });
    c = ask(c, 'second', [big(2, 9_000_000)], 3);
    const check = checkRequestSize(c);
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.remedy).toBe('new-conversation');
    expect(check.error.kind).toBe('too-large');
    expect(check.error.message).toBe(M.conversationTooLarge(check.bytes, 20_000_000));
    expect(check.error.message).toMatch(/24\.\d MB.*20\.0 MB.*new conversation with this image/i);

    const fresh = startAfreshWith(c, 10);
    expect(fresh.id).not.toBe(c.id);
    expect(fresh.turns).toHaveLength(1);
    expect(fresh.turns[0]).toMatchObject({
      role: 'user',
      text: 'second',
      images: [big(2, 9_000_000)],
    });
    expect(fresh.title).toBe('second');
    expect(checkRequestSize(fresh).ok).toBe(true);
  });

  it('a question too large on its own asks for smaller images instead', () => {
    const c = ask(newConversation(1), 'x', [big(1, 8_000_000), big(2, 8_000_000)], 1);
    const check = checkRequestSize(c);
    expect(check).toMatchObject({ ok: false, remedy: 'smaller-images' });
    if (!check.ok) expect(check.error.message).toMatch(/Remove an image/);
  });
});
