/**
 * `npm run bench -- gemini-stream`: what reading a streamed answer costs in the Gemini
 * module, in Node.
 *
 * A 2 MB stream is made by repeating the recorded long reply's events (UTF-8 text included)
 * and read by `readAnswer` from an in-memory body, in 64 KiB pieces and in 7-byte pieces.
 * Baseline, measured in the same run: the least any reader must do — decode the bytes and
 * `JSON.parse` each `data:` line, split with one regex. The ratio is the module's overhead
 * (SSE framing, split characters, event building). For 7-byte pieces a second baseline is
 * the bare transport: reading and decoding the same pieces from the same kind of body.
 *
 * Then one 8 MB event (as image-output models send) in 16 KB pieces, against a bare linear
 * scan of the same pieces: read them from the same kind of body, decode, find the line ends
 * and `JSON.parse` the one event. A reader that rescans what it holds is quadratic here
 * (seconds); the goal is at most 2× the scan.
 */
import { readFixture } from '../support/fake-gemini.ts';
import { readAnswer } from '../../src/lib/gemini/stream.ts';
import { figure, medianMs } from './measure.ts';

function body(): Uint8Array {
  const one = Buffer.concat([
    readFixture('googleai/streaming-success-basic-reply-long.txt'),
    readFixture('generative-ai-js/streaming-success-utf8.txt'),
  ]).toString('utf8');
  const events = one.split('\r\n\r\n').filter((e) => e.trim() && !e.includes('finishReason'));
  let text = '';
  while (text.length < 2_000_000) text += events.join('\r\n\r\n') + '\r\n\r\n';
  const last =
    'data: {"candidates": [{"content": {"parts": [{"text": "."}]},"finishReason": "STOP"}]}\r\n\r\n';
  return new TextEncoder().encode(text + last);
}

function pieces(bytes: Uint8Array, size: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; at += size) out.push(bytes.subarray(at, at + size));
  return out;
}

function response(parts: Uint8Array[]): Response {
  let i = 0;
  return new Response(
    new ReadableStream<Uint8Array>({
      pull(c) {
        if (i < parts.length) c.enqueue(parts[i++]);
        else c.close();
      },
    }),
  );
}

async function read(parts: Uint8Array[]): Promise<number> {
  let chars = 0;
  for await (const e of readAnswer(response(parts), 'bench-key')) {
    if (e.type === 'text') chars += e.text.length;
  }
  return chars;
}

/** One event carrying `size` characters of answer text, with a finish reason. */
function bigEvent(size: number): Uint8Array {
  const text = 'x'.repeat(size);
  return new TextEncoder().encode(
    `data: {"candidates":[{"content":{"parts":[{"text":"${text}"}]},"finishReason":"STOP"}]}\r\n\r\n`,
  );
}

/** The least work for the same pieces: read, decode, find line ends, parse the event once. */
async function linearScan(parts: Uint8Array[]): Promise<number> {
  const reader = response(parts).body!.getReader();
  const decoder = new TextDecoder();
  const pieces: string[] = [];
  let ends = 0;
  for (let r = await reader.read(); !r.done; r = await reader.read()) {
    const text = decoder.decode(r.value, { stream: true });
    for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) ends++;
    pieces.push(text);
  }
  const line = pieces.join('').split('\r\n', 1)[0];
  const json = JSON.parse(line.slice(6)) as {
    candidates: { content: { parts: { text: string }[] } }[];
  };
  return json.candidates[0].content.parts[0].text.length + ends;
}

async function oneBigEvent(): Promise<void> {
  const parts = pieces(bigEvent(8 * 1024 * 1024), 16 * 1024);
  const scan = await medianMs(() => linearScan(parts), 5, 1);
  const ms = await medianMs(() => read(parts), 5, 1);
  const ratio = ms / scan;
  console.log(
    `${figure('readAnswer, one 8 MB event in 16 KB pieces, against a linear scan', ms, scan)} (goal ≤ 2×: ${ratio <= 2 ? 'met' : 'MISSED'})`,
  );
}

export default async function bench(): Promise<void> {
  await oneBigEvent();
  const bytes = body();
  const big = pieces(bytes, 64 * 1024);
  const small = pieces(bytes, 7);
  const baseline = await medianMs(() => {
    const text = new TextDecoder().decode(bytes);
    let chars = 0;
    for (const line of text.split(/\r?\n/)) {
      if (!line.startsWith('data: ')) continue;
      const json = JSON.parse(line.slice(6)) as {
        candidates: { content?: { parts?: { text?: string }[] } }[];
      };
      chars += json.candidates[0].content?.parts?.[0]?.text?.length ?? 0;
    }
    return chars;
  });
  const chars = await read(big);
  console.log(`stream: ${(bytes.length / 1e6).toFixed(2)} MB, ${chars} answer characters`);
  console.log(figure('readAnswer, 64 KiB pieces', await medianMs(() => read(big)), baseline));
  const transport = await medianMs(
    async () => {
      const reader = response(small).body!.getReader();
      const decoder = new TextDecoder();
      let n = 0;
      for (let r = await reader.read(); !r.done; r = await reader.read()) {
        n += decoder.decode(r.value, { stream: true }).length;
      }
      return n;
    },
    5,
    1,
  );
  const smallMs = await medianMs(() => read(small), 5, 1);
  console.log(figure('readAnswer, 7-byte pieces', smallMs, baseline));
  console.log(figure('readAnswer, 7-byte pieces, against reading them only', smallMs, transport));
}
