import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  fixtureReply,
  readFixture,
  startFakeGemini,
  type FakeGemini,
} from '../../support/fake-gemini.ts';
import {
  GeminiError,
  describeError,
  describeFinish,
  streamAnswer,
} from '../../../src/lib/gemini/index.ts';
import { readAnswer } from '../../../src/lib/gemini/stream.ts';
import type { GeminiErrorKind } from '../../../src/lib/gemini/types.ts';
import {
  collect,
  expectedOf,
  fixtureNames,
  responseOf,
  splitBytes,
  watchUnhandledRejections,
} from './helpers.ts';

const KEY = 'AQ.test-key-0123456789';
const streaming = fixtureNames('streaming-');

/** Streaming fixtures that end without a finish reason, and the error each must give. */
const FAILS: Record<string, GeminiErrorKind> = {
  'generative-ai-js/streaming-failure-empty-content.txt': 'empty',
  'generative-ai-js/streaming-failure-prompt-blocked-safety.txt': 'blocked-prompt',
  'googleai/streaming-failure-prompt-blocked-safety.txt': 'blocked-prompt',
  'googleai/streaming-failure-image-rejected.txt': 'image-refused',
};

let fake: FakeGemini;
const rejections = watchUnhandledRejections();
const settings = () => ({ apiKey: KEY, baseUrl: fake.url, model: 'gemini-flash-latest' });
const ask = { prompt: 'What is in this picture?' };

beforeAll(async () => {
  fake = await startFakeGemini({ apiKey: KEY });
});
afterEach(async () => {
  // Give any stray rejection a turn to surface before checking.
  await new Promise((r) => setTimeout(r, 20));
  expect(rejections.seen).toEqual([]);
  fake.reset();
});
afterAll(async () => {
  rejections.stop();
  await fake.close();
});

describe('streamAnswer replays every streaming fixture', () => {
  it('covers all 24 streaming fixtures of both sets', () => {
    expect(streaming.length).toBe(24);
    for (const name of streaming) {
      expect(expectedOf(name).finish !== undefined || name in FAILS, name).toBe(true);
    }
  });

  describe.each([
    ['whole', undefined],
    ['in odd-sized chunks', [7, 3, 11, 1]],
  ])('%s', (_how, chunks) => {
    it.each(streaming)('%s', async (name) => {
      fake.respondWith(fixtureReply(name, { chunks }));
      const got = await collect(streamAnswer(settings(), ask, new AbortController().signal));
      const want = expectedOf(name);
      expect(got.text).toBe(want.text);
      expect(got.thoughts).toBe(want.thoughts);
      // The parts a follow-up sends back: exactly as the file has them, in order.
      expect(got.parts).toEqual(want.parts);
      if (name in FAILS) {
        expect(got.error).toBeInstanceOf(GeminiError);
        expect((got.error as GeminiError).kind).toBe(FAILS[name]);
        expect(got.finish).toBeUndefined();
        return;
      }
      expect(got.error).toBeUndefined();
      expect(got.finish).toBe(want.finish);
      expect(got.events.at(-1)).toMatchObject({ type: 'finish', reason: want.finish });
      expect(got.usage).toEqual(want.usage);
      // The model version rides on usage events; a file without usage has none to carry it.
      expect(got.modelVersion).toBe(want.usage ? want.modelVersion : undefined);
    });
  });

  it.each(streaming)('%s read one byte at a time gives the same answer', async (name) => {
    const whole = await collect(readAnswer(responseOf([readFixture(name)]), KEY));
    const bytewise = await collect(readAnswer(responseOf(splitBytes(readFixture(name), [1])), KEY));
    expect(bytewise.text).toBe(whole.text);
    expect(bytewise.thoughts).toBe(whole.thoughts);
    expect(bytewise.finish).toBe(whole.finish);
    expect((bytewise.error as GeminiError | undefined)?.kind).toBe(
      (whole.error as GeminiError | undefined)?.kind,
    );
  });
});

describe('what a person reads', () => {
  it('short reply: the capital of Wyoming, with usage and model version', async () => {
    fake.respondWith(fixtureReply('googleai/streaming-success-basic-reply-short.txt'));
    const got = await collect(streamAnswer(settings(), ask));
    expect(got.text).toBe('The capital of Wyoming is **Cheyenne**.\n');
    expect(got.usage).toEqual({
      promptTokens: 7,
      answerTokens: 10,
      thoughtsTokens: 0,
      totalTokens: 17,
    });
    expect(got.modelVersion).toBe('gemini-2.0-flash');
    expect(describeFinish(got.finish!)).toBeNull();
  });

  it('thought summaries come as thoughts, never in the answer', async () => {
    fake.respondWith(fixtureReply('googleai/streaming-success-thinking-reply-thought-summary.txt'));
    const got = await collect(streamAnswer(settings(), ask));
    expect(got.thoughts).toContain('**Exploring Sky Color**');
    expect(got.text).not.toContain('Exploring Sky Color');
    expect(got.text.startsWith('The sky is blue because')).toBe(true);
    expect(got.usage?.thoughtsTokens).toBe(540);
  });

  it('a thoughtSignature comes back byte for byte on the part that carried it', async () => {
    const name = 'googleai/streaming-success-thinking-function-call-thought-summary-signature.txt';
    fake.respondWith(fixtureReply(name));
    const got = await collect(streamAnswer(settings(), ask));
    const signed = got.parts.filter((p) => typeof p.thoughtSignature === 'string');
    const written = readFixture(name).toString('utf8');
    expect(signed.length).toBeGreaterThan(0);
    for (const part of signed) {
      expect(written).toContain(`"thoughtSignature": "${part.thoughtSignature as string}"`);
    }
    expect(signed[0]).toMatchObject({ functionCall: { name: 'now', args: {} } });
    // Each chunk's parts follow its text and thoughts, so a view has both in step.
    const kinds = got.events.map((e) => e.type);
    expect(kinds.indexOf('parts')).toBeGreaterThan(kinds.indexOf('thought'));
  });

  it('multi-byte UTF-8 split inside a character arrives intact', async () => {
    const name = 'generative-ai-js/streaming-success-utf8.txt';
    const bytes = readFixture(name);
    const lead = bytes.findIndex((b) => b >= 0xe0 && b <= 0xef); // a 3-byte character
    expect(lead).toBeGreaterThan(0);
    const pieces = [
      bytes.subarray(0, lead + 1),
      bytes.subarray(lead + 1, lead + 2),
      bytes.subarray(lead + 2),
    ];
    const got = await collect(readAnswer(responseOf(pieces), KEY));
    expect(got.text).toBe(expectedOf(name).text);
    expect(got.text.startsWith('秋风瑟瑟')).toBe(true);
    expect(got.text).not.toContain('\uFFFD');
    // And over a real socket, with a pause between the pieces so they are read apart.
    fake.respondWith(fixtureReply(name, { chunks: [lead + 1, 1, 1 << 20], delayMs: 15 }));
    const viaHttp = await collect(streamAnswer(settings(), ask));
    expect(viaHttp.text).toBe(got.text);
  });

  it('a safety stop keeps the partial text and says why', async () => {
    fake.respondWith(fixtureReply('generative-ai-js/streaming-failure-finish-reason-safety.txt'));
    const got = await collect(streamAnswer(settings(), ask));
    expect(got.text).toBe('No');
    expect(got.finish).toBe('SAFETY');
    expect(describeFinish('SAFETY', true)?.title).toMatch(/safety/i);
    expect(describeFinish('SAFETY', true)?.detail).toMatch(/kept/);
  });

  it('recitation with no content: earlier text kept, finish RECITATION', async () => {
    fake.respondWith(fixtureReply('googleai/streaming-failure-recitation-no-content.txt'));
    const got = await collect(streamAnswer(settings(), ask));
    expect(got.text).toBe('text1text2text3text4text5text6text7text8');
    expect(got.finish).toBe('RECITATION');
    expect(describeFinish('RECITATION')?.title).toMatch(/source/i);
  });

  it('an unknown finish reason (FAKE_ENUM) is tolerated and described', async () => {
    fake.respondWith(fixtureReply('generative-ai-js/streaming-unknown-enum.txt'));
    const got = await collect(streamAnswer(settings(), ask));
    expect(got.error).toBeUndefined();
    expect(got.finish).toBe('FAKE_ENUM');
    expect(describeFinish('FAKE_ENUM')?.detail).toContain('FAKE_ENUM');
  });

  it('a blocked prompt names the reason', async () => {
    fake.respondWith(fixtureReply('googleai/streaming-failure-prompt-blocked-safety.txt'));
    const got = await collect(streamAnswer(settings(), ask));
    expect(got.text).toBe('');
    expect(got.error).toMatchObject({ kind: 'blocked-prompt', blockReason: 'SAFETY' });
    expect(describeError(got.error).detail).toMatch(/blocked the question for safety reasons/);
  });

  it('an error JSON served with status 200 on the stream is still an error', async () => {
    fake.respondWith(
      fixtureReply('googleai/streaming-failure-image-rejected.txt', { status: 200 }),
    );
    const got = await collect(streamAnswer(settings(), ask));
    expect(got.error).toMatchObject({ kind: 'image-refused', status: 400 });
    expect(describeError(got.error).action).toMatch(/PNG or JPEG/);
  });

  it('finishMessage travels with the finish event', async () => {
    fake.respondWith(fixtureReply('googleai/streaming-success-finish-message.txt'));
    const got = await collect(streamAnswer(settings(), ask));
    expect(got.text).toBe('Hello world!');
    expect(got.finishMessage).toBe('Finished successfully');
  });
});

describe('streams that break', () => {
  const long = 'googleai/streaming-success-basic-reply-long.txt';
  const events = readFixture(long).toString('utf8').split('\r\n\r\n');
  const firstTwo = events.slice(0, 2).join('\r\n\r\n') + '\r\n\r\n';
  // MADE-UP for this test: a bare error JSON after two events, in the API's error format.
  const midError =
    '{\n  "error": {\n    "code": 503,\n    "message": "The model is overloaded.",\n    "status": "UNAVAILABLE"\n  }\n}\n';

  it.each([
    ['as bare JSON', firstTwo + midError],
    ['as a data: event', firstTwo + 'data: ' + midError.replace(/\n\s*/g, '') + '\r\n\r\n'],
  ])('an error in the middle (%s) keeps the text and reports mid-stream', async (_how, body) => {
    fake.respondWith({ body, contentType: 'text/event-stream', chunks: [50] });
    const got = await collect(streamAnswer(settings(), ask));
    expect(got.text).toBe("Okay, let'");
    expect(got.error).toMatchObject({ kind: 'mid-stream', innerKind: 'server', status: 503 });
    const said = describeError(got.error);
    expect(said.title).toBe('The answer broke off');
    expect(said.detail).toContain('The model is overloaded.');
    expect(said.detail).toMatch(/kept/);
  });

  it('a connection closed before any finish reason is "cut short", text kept', async () => {
    fake.respondWith({ body: firstTwo, contentType: 'text/event-stream' });
    const got = await collect(streamAnswer(settings(), ask));
    expect(got.text).toBe("Okay, let'");
    expect(got.error).toMatchObject({ kind: 'incomplete' });
    expect(describeError(got.error).title).toBe('The answer was cut short');
  });

  it('an abrupt cut in the middle of an event is "cut short", text so far kept', async () => {
    const at = readFixture(long).indexOf('Domestication');
    fake.respondWith(fixtureReply(long, { chunks: [97], cutAt: at }));
    const got = await collect(streamAnswer(settings(), ask));
    expect(got.text.length).toBeGreaterThan(0);
    expect(expectedOf(long).text.startsWith(got.text)).toBe(true);
    expect(got.error).toMatchObject({ kind: 'incomplete' });
  });

  it('a connection dropped right after the finish reason still finishes normally', async () => {
    const name = 'googleai/streaming-success-basic-reply-short.txt';
    fake.respondWith(fixtureReply(name, { cutAt: readFixture(name).length }));
    const got = await collect(streamAnswer(settings(), ask));
    expect(got.error).toBeUndefined();
    expect(got.text).toBe('The capital of Wyoming is **Cheyenne**.\n');
    expect(got.finish).toBe('STOP');
  });

  it('Stop mid-stream ends with kind "aborted", keeps text, closes the connection', async () => {
    const pauseAt = readFixture(long).indexOf('data:', 400);
    fake.respondWith(fixtureReply(long, { pauseAt }));
    const stop = new AbortController();
    const got = await collect(streamAnswer(settings(), ask, stop.signal), (e) => {
      if (e.type === 'text') stop.abort();
    });
    expect(got.text.length).toBeGreaterThan(0);
    expect(got.error).toBeInstanceOf(GeminiError);
    expect((got.error as GeminiError).kind).toBe('aborted');
    expect(describeError(got.error).title).toBe('Stopped');
    await expect.poll(() => fake.requests[0]?.closedEarly, { timeout: 5000 }).toBe(true);
  });

  it('Stop while waiting at a pause also ends with "aborted"', async () => {
    const pauseAt = readFixture(long).indexOf('data:', 400);
    fake.respondWith(fixtureReply(long, { pauseAt }));
    const stop = new AbortController();
    const run = collect(streamAnswer(settings(), ask, stop.signal));
    await fake.paused();
    stop.abort();
    const got = await run;
    expect((got.error as GeminiError).kind).toBe('aborted');
  });

  it('Stop before sending sends nothing', async () => {
    const stop = new AbortController();
    stop.abort();
    const got = await collect(streamAnswer(settings(), ask, stop.signal));
    expect((got.error as GeminiError).kind).toBe('aborted');
    expect(fake.requests).toHaveLength(0);
  });

  it('breaking out of the loop releases the connection', async () => {
    const pauseAt = readFixture(long).indexOf('data:', 400);
    fake.respondWith(fixtureReply(long, { pauseAt }));
    for await (const e of streamAnswer(settings(), ask)) {
      if (e.type === 'text') break;
    }
    await expect.poll(() => fake.requests[0]?.closedEarly, { timeout: 5000 }).toBe(true);
  });

  it('an unreachable server is "network", without the key in the message', async () => {
    const closed = await startFakeGemini();
    const url = closed.url;
    await closed.close();
    const got = await collect(streamAnswer({ ...settings(), baseUrl: url }, ask));
    expect(got.error).toMatchObject({ kind: 'network' });
    expect(String((got.error as Error).message)).not.toContain(KEY);
    expect(describeError(got.error).title).toBe('No connection');
  });
});
