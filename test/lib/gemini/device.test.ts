/**
 * The built-in model's side of the answer contract, in Node: what each Prompt API failure
 * becomes and says, and the events the on-device answer source yields from a session's text
 * stream.
 * The LanguageModel here is a small fake on globalThis; the browser-faithful stand-in is in
 * test/e2e/built-in-model-stand-in.ts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  DeviceModelError,
  deviceErrorFrom,
  type AnswerEvent,
  type DeviceErrorKind,
} from '../../../src/lib/gemini/device.ts';
import { describeDeviceError } from '../../../src/lib/gemini/describe-device.ts';
import { DEVICE_KINDS } from './device-kinds.ts';
import type { ErrorDescription } from '../../../src/lib/gemini/types.ts';
import { builtInAvailability, hasBuiltInModel } from '../../../src/platform/built-in-model.ts';
import { onDeviceSource, release } from '../../../src/platform/built-in-model-session.ts';
import type { DeviceTurn } from '../../../src/platform/built-in-model.ts';

const dom = (name: string) => new DOMException('browser words', name);

describe('deviceErrorFrom: Prompt API exceptions to kinds', () => {
  const cases: [unknown, 'create' | 'prompt', boolean, DeviceErrorKind][] = [
    [dom('QuotaExceededError'), 'prompt', true, 'context-exceeded'],
    [dom('QuotaExceededError'), 'create', true, 'context-exceeded'],
    [dom('NotSupportedError'), 'create', true, 'image-unsupported'],
    [dom('NotSupportedError'), 'create', false, 'unavailable'],
    [dom('NotSupportedError'), 'prompt', true, 'language-unsupported'],
    [dom('EncodingError'), 'prompt', true, 'image-unsupported'],
    [dom('NetworkError'), 'create', true, 'download-failed'],
    [dom('AbortError'), 'create', true, 'download-cancelled'],
    [dom('AbortError'), 'prompt', true, 'session-destroyed'],
    [dom('InvalidStateError'), 'prompt', true, 'session-destroyed'],
    [dom('NotAllowedError'), 'create', true, 'not-allowed'],
    [dom('NotReadableError'), 'prompt', true, 'output-filtered'],
    [dom('UnknownError'), 'prompt', true, 'other'],
    [dom('OperationError'), 'create', true, 'other'],
    [new TypeError('x'), 'prompt', true, 'other'],
    ['a string', 'prompt', true, 'other'],
  ];
  it.each(cases)('%s while %s (image %s) → %s', (error, phase, withImage, kind) => {
    const mapped = deviceErrorFrom(error, phase, withImage);
    expect(mapped).toBeInstanceOf(DeviceModelError);
    expect(mapped.kind).toBe(kind);
  });

  it('keeps the DOMException name for "any other" failures, and says it', () => {
    const mapped = deviceErrorFrom(dom('UnknownError'), 'prompt', true);
    expect(mapped.domName).toBe('UnknownError');
    expect(describeDeviceError(mapped).detail).toContain('(UnknownError)');
  });
});

describe('describeDeviceError: the built-in model’s failures in plain words', () => {
  it('describes anything that is not a DeviceModelError as "other"', () => {
    expect(describeDeviceError(new Error('x'))).toEqual(
      describeDeviceError(new DeviceModelError('other')),
    );
  });

  const kinds = DEVICE_KINDS;
  it('gives every kind its own title, and always says the question and image are kept', () => {
    const titles = kinds.map((k) => describeDeviceError(new DeviceModelError(k)).title);
    expect(new Set(titles).size).toBe(kinds.length);
    for (const k of kinds) {
      const said = describeDeviceError(new DeviceModelError(k));
      expect(said.detail.length).toBeGreaterThan(10);
      expect(said.action).toContain('Your question and image are kept.');
      // Never the Gemini fallback ("Something went wrong").
      expect(said.title).not.toBe('Something went wrong');
    }
  });

  it('suggests "New conversation" when the context window is exceeded', () => {
    expect(describeDeviceError(new DeviceModelError('context-exceeded')).action).toMatch(
      /New conversation/,
    );
  });
});

/** A fake session: streams `chunks`, or errors with `failWith` after `failAfter` chunks. */
function fakeModel(opts: {
  availability?: (inputs: string[]) => string;
  chunks?: string[];
  failWith?: unknown;
  failAfter?: number;
  createError?: unknown;
  usage?: {
    contextUsage?: number;
    contextWindow?: number;
    inputUsage?: number;
    inputQuota?: number;
  };
}) {
  const seen = { destroyed: 0, creates: [] as unknown[], prompts: [] as unknown[] };
  const api = {
    availability: async (o: { expectedInputs: { type: string }[] }) =>
      (opts.availability ?? (() => 'available'))(o.expectedInputs.map((i) => i.type)),
    create: async (o: { monitor?: (m: EventTarget) => void }) => {
      seen.creates.push(o);
      if (opts.createError) throw opts.createError;
      return {
        ...(opts.usage ?? { contextUsage: 120, contextWindow: 9216 }),
        destroy: () => seen.destroyed++,
        promptStreaming: (input: unknown, options: { signal?: AbortSignal }) => {
          seen.prompts.push({ input, signal: options.signal });
          const chunks = [...(opts.chunks ?? ['Hello ', 'there.'])];
          let i = 0;
          return new ReadableStream<string>({
            pull(controller) {
              if (opts.failWith !== undefined && i === (opts.failAfter ?? 0)) {
                controller.error(opts.failWith);
                return;
              }
              const next = chunks[i++];
              if (next === undefined) controller.close();
              else controller.enqueue(next);
            },
          });
        },
      };
    },
  };
  (globalThis as { LanguageModel?: unknown }).LanguageModel = api;
  return seen;
}

/** Ask the on-device source one question; what it yielded, threw, and said about it. */
async function run(signal = new AbortController().signal): Promise<{
  events: AnswerEvent[];
  error?: unknown;
  problem?: ErrorDescription;
}> {
  const events: AnswerEvent[] = [];
  const source = onDeviceSource({ prompt: 'What is this?', images: [new Blob(['x'])] });
  try {
    for await (const e of source.stream(signal)) events.push(e);
    return { events };
  } catch (error) {
    return { events, error, problem: source.describe(error) };
  }
}

describe('onDeviceSource: the same events as the Gemini client', () => {
  afterEach(() => {
    delete (globalThis as { LanguageModel?: unknown }).LanguageModel;
  });

  it('without LanguageModel: absent, and asking says there is no built-in model', async () => {
    expect(hasBuiltInModel()).toBe(false);
    expect(await builtInAvailability()).toEqual({ state: 'unavailable', reason: 'no-model' });
    const { error, problem } = await run();
    expect((error as DeviceModelError).kind).toBe('unavailable');
    expect(problem?.title).toBe('No built-in model');
  });

  it('text deltas, then the context use, then finish STOP; the session is destroyed', async () => {
    const seen = fakeModel({ chunks: ['A **bold** ', '', 'answer.'] });
    const { events, error } = await run();
    expect(error).toBeUndefined();
    expect(events).toEqual([
      { type: 'text', text: 'A **bold** ' },
      { type: 'text', text: 'answer.' },
      { type: 'context', used: 120, window: 9216 },
      { type: 'finish', reason: 'STOP' },
    ]);
    expect(seen.destroyed).toBe(1);
    // The session was made for text and images; the prompt carries both, image as the Blob.
    expect(seen.creates[0]).toMatchObject({
      expectedInputs: [{ type: 'text' }, { type: 'image' }],
    });
    const [{ input }] = seen.prompts as { input: { content: { type: string }[] }[] }[];
    expect(input[0].content.map((c) => c.type)).toEqual(['text', 'image']);
  });

  it('reads the older inputUsage/inputQuota names when the new ones are missing', async () => {
    fakeModel({ usage: { inputUsage: 7, inputQuota: 4096 } });
    const { events } = await run();
    expect(events).toContainEqual({ type: 'context', used: 7, window: 4096 });
  });

  it('QuotaExceededError mid-answer: the text so far, then a context-exceeded error', async () => {
    const seen = fakeModel({ failWith: dom('QuotaExceededError'), failAfter: 1 });
    const { events, error, problem } = await run();
    expect(events).toEqual([{ type: 'text', text: 'Hello ' }]);
    expect((error as DeviceModelError).kind).toBe('context-exceeded');
    expect(problem?.title).toBe('Too long for the model on this device');
    expect(seen.destroyed).toBe(1);
  });

  it('a failed download from create() is download-failed', async () => {
    fakeModel({ createError: dom('NetworkError') });
    const { events, error } = await run();
    expect(events).toEqual([]);
    expect((error as DeviceModelError).kind).toBe('download-failed');
  });

  it('availability: unavailable with images but fine without says "no-image"', async () => {
    fakeModel({
      availability: (inputs) => (inputs.includes('image') ? 'unavailable' : 'available'),
    });
    expect(await builtInAvailability()).toEqual({ state: 'unavailable', reason: 'no-image' });
    fakeModel({ availability: () => 'downloadable' });
    expect(await builtInAvailability()).toEqual({ state: 'downloadable' });
  });

  it('passes the signal on, and after Stop what it throws is not turned into a failure kind', async () => {
    const abort = new AbortController();
    const seen = fakeModel({ failWith: dom('AbortError'), failAfter: 1 });
    abort.abort();
    const { error } = await run(abort.signal);
    expect(error).not.toBeInstanceOf(DeviceModelError);
    expect((seen.prompts[0] as { signal: AbortSignal }).signal).toBe(abort.signal);
    expect(seen.destroyed).toBe(1);
  });
});

describe('streamOnDevice in a conversation: one session continued, or a new one seeded', () => {
  afterEach(() => {
    release();
    delete (globalThis as { LanguageModel?: unknown }).LanguageModel;
  });

  const image = new Blob(['png bytes'], { type: 'image/png' });
  const q1: DeviceTurn = { id: 'q1', role: 'user', text: 'What is this?', images: [image] };
  const a1: DeviceTurn = { id: 'a1', role: 'assistant', text: 'A chart.', images: [] };

  /** Ask `prompt` after `earlier`; its events, or what it threw. */
  async function ask(
    prompt: string,
    earlier: DeviceTurn[],
    keep?: [string, string],
    signal = new AbortController().signal,
  ): Promise<unknown> {
    const source = onDeviceSource({ prompt, earlier, ...(keep ? { keep } : {}) });
    try {
      for await (const e of source.stream(signal)) void e;
      return undefined;
    } catch (error) {
      return error;
    }
  }

  type Create = {
    initialPrompts?: { role: string; content: { type: string; value: unknown }[] }[];
  };

  it('a follow-up after exactly the turns the kept session holds goes to that session', async () => {
    const seen = fakeModel({});
    expect(await ask('What is this?', [], ['q1', 'a1'])).toBeUndefined();
    expect(seen.destroyed).toBe(0);
    expect(await ask('Which way?', [q1, a1], ['q2', 'a2'])).toBeUndefined();
    expect(seen.creates).toHaveLength(1);
    expect((seen.creates[0] as Create).initialPrompts).toBeUndefined();
    // Only the new question is prompted: the session holds the rest.
    const inputs = seen.prompts.map((p) => (p as { input: unknown }).input);
    expect(inputs[1]).toEqual([{ role: 'user', content: [{ type: 'text', value: 'Which way?' }] }]);
    expect(seen.destroyed).toBe(0);
  });

  it('other turns (a retry, an edit, Gemini answers between) seed a new session with them', async () => {
    const seen = fakeModel({});
    await ask('What is this?', [], ['q1', 'a1']);
    const gemini: DeviceTurn = { id: 'g1', role: 'assistant', text: 'From Gemini.', images: [] };
    const q2: DeviceTurn = { id: 'q2', role: 'user', text: 'And?', images: [] };
    expect(await ask('Go on.', [q1, a1, q2, gemini], ['q3', 'a3'])).toBeUndefined();
    // The kept session did not hold these turns: destroyed, and a new one seeded in order,
    // images only in the user's message.
    expect(seen.destroyed).toBe(1);
    expect(seen.creates).toHaveLength(2);
    expect((seen.creates[1] as Create).initialPrompts).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', value: 'What is this?' },
          { type: 'image', value: image },
        ],
      },
      { role: 'assistant', content: [{ type: 'text', value: 'A chart.' }] },
      { role: 'user', content: [{ type: 'text', value: 'And?' }] },
      { role: 'assistant', content: [{ type: 'text', value: 'From Gemini.' }] },
    ]);
  });

  it('after Stop or a failure nothing is kept; release() destroys a kept session', async () => {
    // Stop: the stream errors with the abort, and its session goes.
    const stopped = fakeModel({ failWith: dom('AbortError'), failAfter: 1 });
    const abort = new AbortController();
    abort.abort();
    expect(await ask('What is this?', [], ['q1', 'a1'], abort.signal)).toBeInstanceOf(DOMException);
    expect(stopped.destroyed).toBe(1);
    // A failure: its session goes too.
    const failed = fakeModel({ failWith: dom('UnknownError'), failAfter: 1 });
    expect(await ask('What is this?', [], ['q1', 'a1'])).toBeInstanceOf(DeviceModelError);
    expect(failed.destroyed).toBe(1);
    // So the follow-up cannot continue either: a new, seeded session.
    const seen = fakeModel({});
    await ask('Again?', [q1, a1], ['q2', 'a2']);
    expect(seen.creates).toHaveLength(1);
    expect((seen.creates[0] as Create).initialPrompts).toHaveLength(2);
    expect(seen.destroyed).toBe(0);
    release();
    expect(seen.destroyed).toBe(1);
    // A question without ids is a one-off: its session goes with its answer.
    await ask('Alone', []);
    expect(seen.destroyed).toBe(2);
  });
});
