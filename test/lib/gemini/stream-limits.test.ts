import { describe, expect, it } from 'vitest';
import { describeError, GeminiError } from '../../../src/lib/gemini/index.ts';
import { createSseParser } from '../../../src/lib/gemini/sse.ts';
import { readAnswer } from '../../../src/lib/gemini/stream.ts';
import { collect, responseOf, splitBytes } from './helpers.ts';

const KEY = 'AQ.test-key-limits';
const encode = (text: string) => new TextEncoder().encode(text);

/** One SSE event whose answer text is `size` characters of `x`, with a finish reason. */
function bigEvent(size: number): string {
  const text = 'x'.repeat(size);
  return `data: {"candidates":[{"content":{"parts":[{"text":"${text}"}]},"finishReason":"STOP"}]}\r\n\r\n`;
}

/** A body that sends `first` and then nothing more, without ever closing (a stalled answer). */
function stalledResponse(first: string): { response: Response; cancelled: () => boolean } {
  let cancelled = false;
  let sent = false;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (!sent) {
        sent = true;
        controller.enqueue(encode(first));
      }
      // Otherwise never enqueue and never close: the connection is open and silent.
      return new Promise<void>(() => undefined);
    },
    cancel() {
      cancelled = true;
    },
  });
  return { response: new Response(body), cancelled: () => cancelled };
}

describe('stream reader limits', () => {
  it('reads one 8 MB event sent in 16 KB pieces whole', async () => {
    const size = 8 * 1024 * 1024;
    const pieces = splitBytes(encode(bigEvent(size)), [16 * 1024]);
    const got = await collect(readAnswer(responseOf(pieces), KEY));
    expect(got.error).toBeUndefined();
    expect(got.text.length).toBe(size);
    expect(got.finish).toBe('STOP');
  });

  it('refuses an event larger than the cap with a clear bad-response, not a crash', async () => {
    const pieces = splitBytes(encode(bigEvent(4096)), [1000]);
    const got = await collect(readAnswer(responseOf(pieces), KEY, undefined, { maxEvent: 1024 }));
    expect(got.error).toBeInstanceOf(GeminiError);
    expect(got.error).toMatchObject({ kind: 'bad-response' });
    expect(describeError(got.error).detail).toMatch(/too large/i);
  });

  it('caps one event at 32 MB by default, counting every data line of it', () => {
    const parser = createSseParser();
    const line = `data: ${'y'.repeat(1024 * 1024)}\n`;
    // 31 lines of 1 MB each fit; the 33rd MB is one too many.
    for (let i = 0; i < 31; i++) expect(parser.feed(line)).toEqual([]);
    expect(() => {
      parser.feed(line);
      parser.feed(line);
    }).toThrow(GeminiError);
  });

  it('a line with no end is capped too, whatever the pieces', () => {
    const parser = createSseParser({ maxEvent: 100 });
    parser.feed('data: ' + 'z'.repeat(50));
    expect(() => parser.feed('z'.repeat(60))).toThrow(/too large/);
  });

  it('says "The answer stalled" when no byte arrives for the idle time, keeping the text', async () => {
    const first = 'data: {"candidates":[{"content":{"parts":[{"text":"Half an "}]}}]}\r\n\r\n';
    const { response, cancelled } = stalledResponse(first);
    const got = await collect(readAnswer(response, KEY, undefined, { idleMs: 50 }));
    expect(got.text).toBe('Half an ');
    expect(got.error).toMatchObject({ kind: 'stalled' });
    const said = describeError(got.error);
    expect(said.title).toBe('The answer stalled');
    expect(said.detail).toMatch(/kept/);
    expect(said.action).toMatch(/Retry/);
    // The silent connection is released.
    expect(cancelled()).toBe(true);
  });

  it('silence after the finish reason is not a stall: the answer is complete', async () => {
    const last =
      'data: {"candidates":[{"content":{"parts":[{"text":"All done."}]},"finishReason":"STOP"}]}\r\n\r\n';
    const { response } = stalledResponse(last);
    const got = await collect(readAnswer(response, KEY, undefined, { idleMs: 50 }));
    expect(got.error).toBeUndefined();
    expect(got.text).toBe('All done.');
    expect(got.finish).toBe('STOP');
  });

  it('a slow but steady stream is not a stall', async () => {
    const events = ['Slow', ' but', ' steady'].map(
      (t, i) =>
        `data: {"candidates":[{"content":{"parts":[{"text":"${t}"}]}${i === 2 ? ',"finishReason":"STOP"' : ''}}]}\r\n\r\n`,
    );
    let i = 0;
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        // Each piece comes after 30 ms, under the 80 ms idle time; the whole takes longer.
        await new Promise((r) => setTimeout(r, 30));
        if (i < events.length) controller.enqueue(encode(events[i++]));
        else controller.close();
      },
    });
    const got = await collect(readAnswer(new Response(body), KEY, undefined, { idleMs: 80 }));
    expect(got.error).toBeUndefined();
    expect(got.text).toBe('Slow but steady');
  });
});
