/**
 * Shared helpers for the Gemini module's tests: a reference reading of a fixture (simple,
 * independent of the module's parser: every event in these files is one `data: ` line), and
 * a collector that runs a stream to its end.
 */
import { readdirSync } from 'node:fs';
import { GEMINI_FIXTURES, readFixture } from '../../support/fake-gemini.ts';
import type { ContentPart, StreamEvent, Usage } from '../../../src/lib/gemini/types.ts';

/** Fixture names like `googleai/streaming-success-utf8.txt`, filtered by prefix. */
export function fixtureNames(prefix: string): string[] {
  return ['generative-ai-js', 'googleai'].flatMap((set) =>
    readdirSync(GEMINI_FIXTURES + set)
      .filter((f) => f.startsWith(prefix))
      .sort()
      .map((f) => `${set}/${f}`),
  );
}

interface Chunk {
  candidates?: {
    content?: { parts?: { text?: string; thought?: boolean; [field: string]: unknown }[] };
    finishReason?: string;
  }[];
  usageMetadata?: Record<string, number>;
  modelVersion?: string;
  promptFeedback?: { blockReason?: string };
}

/** What a person reading the fixture would expect the app to show. */
export interface Expected {
  text: string;
  thoughts: string;
  /** Every part of every chunk, as written in the file. */
  parts: Record<string, unknown>[];
  finish?: string;
  usage?: Usage;
  modelVersion?: string;
  blockReason?: string;
}

/** Read the answer out of a fixture body the plain way (JSON per line, or one JSON). */
export function expectedFrom(body: string): Expected {
  const lines = body.split(/\r?\n/).filter((l) => l.startsWith('data: '));
  const chunks: Chunk[] = lines.length
    ? lines.map((l) => JSON.parse(l.slice(6)) as Chunk)
    : [JSON.parse(body) as Chunk];
  const out: Expected = { text: '', thoughts: '', parts: [] };
  for (const c of chunks) {
    for (const p of c.candidates?.[0]?.content?.parts ?? []) {
      out.parts.push(p);
      if (typeof p.text !== 'string') continue;
      if (p.thought) out.thoughts += p.text;
      else out.text += p.text;
    }
    out.finish = c.candidates?.[0]?.finishReason ?? out.finish;
    if (c.modelVersion) out.modelVersion = c.modelVersion;
    if (c.usageMetadata) {
      const u = c.usageMetadata;
      out.usage = {
        promptTokens: u.promptTokenCount ?? 0,
        answerTokens: u.candidatesTokenCount ?? 0,
        thoughtsTokens: u.thoughtsTokenCount ?? 0,
        totalTokens: u.totalTokenCount ?? 0,
      };
    }
    out.blockReason = c.promptFeedback?.blockReason ?? out.blockReason;
  }
  return out;
}

/** The expected answer of a fixture file. */
export function expectedOf(name: string): Expected {
  return expectedFrom(readFixture(name).toString('utf8'));
}

/** Everything a stream produced, and the error it ended with (if any). */
export interface Collected {
  events: StreamEvent[];
  text: string;
  thoughts: string;
  /** Every `parts` event's parts, in order. */
  parts: ContentPart[];
  finish?: string;
  finishMessage?: string;
  usage?: Usage;
  modelVersion?: string;
  error?: unknown;
}

/** Run a stream to its end; never throws (the error is returned). */
export async function collect(
  stream: AsyncGenerator<StreamEvent>,
  onEvent?: (e: StreamEvent) => void,
): Promise<Collected> {
  const out: Collected = { events: [], text: '', thoughts: '', parts: [] };
  try {
    for await (const e of stream) {
      out.events.push(e);
      onEvent?.(e);
      if (e.type === 'text') out.text += e.text;
      else if (e.type === 'thought') out.thoughts += e.text;
      else if (e.type === 'parts') out.parts.push(...e.parts);
      else if (e.type === 'usage') {
        out.usage = e.usage;
        out.modelVersion = e.modelVersion;
      } else {
        out.finish = e.reason;
        out.finishMessage = e.message;
      }
    }
  } catch (error) {
    out.error = error;
  }
  return out;
}

/** Split bytes into pieces of the given sizes, cycling through them. */
export function splitBytes(bytes: Uint8Array, sizes: number[]): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let at = 0, i = 0; at < bytes.length; i++) {
    const end = Math.min(bytes.length, at + sizes[i % sizes.length]);
    out.push(bytes.subarray(at, end));
    at = end;
  }
  return out;
}

/** A fetch Response whose body arrives in exactly these pieces. */
export function responseOf(pieces: Uint8Array[], status = 200): Response {
  let i = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (i < pieces.length) controller.enqueue(pieces[i++]);
      else controller.close();
    },
  });
  return new Response(body, { status, headers: { 'content-type': 'text/event-stream' } });
}

/** Collect unhandled promise rejections while a test file runs. */
export function watchUnhandledRejections(): { seen: unknown[]; stop: () => void } {
  const seen: unknown[] = [];
  const listener = (reason: unknown) => seen.push(reason);
  process.on('unhandledRejection', listener);
  return { seen, stop: () => process.off('unhandledRejection', listener) };
}
