/**
 * The Ask table (ASK_MESSAGES: ASK_TEXT and the sections kept in their own modules): no
 * message is empty, and no message of lib/gemini repeats a key it was handed.
 */
import { describe, expect, it } from 'vitest';
import { ASK_MESSAGES } from '../../../src/lib/gemini/ask-messages.ts';
import { ASK_TEXT, withoutKeys } from '../../../src/lib/gemini/ask-text.ts';
import { GeminiError } from '../../../src/lib/gemini/errors.ts';
import { DeviceModelError } from '../../../src/lib/gemini/device.ts';
import { DEVICE_KINDS } from './device-kinds.ts';
import type { GeminiErrorKind } from '../../../src/lib/gemini/types.ts';
import type { BoxProblem } from '../../../src/lib/boxes/parse.ts';
import type { ImageKind } from '../../../src/lib/image/formats.ts';
import { INTAKE_LIMITS } from '../../../src/lib/image/intake.ts';

/** Shaped like a Google API key (made up, and built here so no file holds one). */
const KEY = 'AIza' + 'SyMadeUpForThisTestOnly'.padEnd(35, '7');
/** What the person might paste: the key alone, or inside an address or a sentence. */
const WITH_KEY = [KEY, `https://proxy.example/${KEY}`, `Bad key ${KEY}.`, KEY.toLowerCase()];

const GEMINI_KINDS: GeminiErrorKind[] = [
  'bad-key',
  'service-disabled',
  'referrer-blocked',
  'api-blocked',
  'permission-denied',
  'model-not-found',
  'region',
  'rate-limited',
  'server',
  'image-refused',
  'too-large',
  'bad-request',
  'blocked-prompt',
  'mid-stream',
  'incomplete',
  'stalled',
  'empty',
  'finish',
  'network',
  'aborted',
  'bad-base-url',
  'bad-response',
  'unknown',
];
const FINISH_REASONS = [
  'STOP',
  'MAX_TOKENS',
  'SAFETY',
  'IMAGE_SAFETY',
  'PROHIBITED_CONTENT',
  'BLOCKLIST',
  'SPII',
  'RECITATION',
  'LANGUAGE',
  'OTHER',
];
const BOX_PROBLEMS: BoxProblem[] = [
  { kind: 'not-json' },
  { kind: 'not-a-list' },
  { kind: 'empty' },
  { kind: 'malformed', count: 1 },
  { kind: 'out-of-range', count: 2 },
  { kind: 'inverted', count: 1 },
  { kind: 'too-many', count: 3 },
];
const USAGE = { promptTokens: 7, answerTokens: 12, thoughtsTokens: 3, totalTokens: 22 };

/** Each function of the table, by its path, and the arguments to call it with. */
function callsOf(s: string): Record<string, unknown[][]> {
  const geminiErrors = GEMINI_KINDS.flatMap((kind) => [
    [new GeminiError(kind)],
    [
      new GeminiError(kind, {
        status: 400,
        apiMessage: s,
        finishReason: s,
        blockReason: s,
        retryAfterMs: 3000,
      }),
    ],
  ]);
  return {
    blockedByPolicy: [[s], ['https://proxy.example'], [`https://${s}.example/v1beta`]],
    keyNotSent: [[s], [undefined], ['proxy.example']],
    serviceSaid: [[s], ['Quota exceeded.']],
    'consent.title': [[s]],
    'consent.detail': [[s]],
    'consent.refusedDetail': [[s]],
    'composer.keyWorks': [[3]],
    'key.modelsCount': [[1]],
    'answer.retryingIn': [[12]],
    'answer.facts': [
      [{ model: s, usage: USAGE, ms: 1500 }],
      [{ model: s, usage: { ...USAGE, thoughtsTokens: 0, cachedTokens: 4 } }],
      [{ usage: { promptTokens: 0, answerTokens: 0, thoughtsTokens: 0, totalTokens: 9 } }],
      [{ model: s, context: { used: 5, window: 100 }, ms: 900 }],
      [{ context: { used: 5, window: Infinity } }],
    ],
    'image.facts': [
      [
        {
          name: s,
          width: 1,
          height: 2,
          size: '3 B',
          mimeType: 'image/png',
          tokens: 4,
          counted: true,
        },
      ],
      [{ name: 'a.png', width: 1, height: 2, size: '3 B', mimeType: s, tokens: 4, counted: false }],
    ],
    'image.part': [
      [10, 20, { width: 30, height: 40 }],
      [10, 20],
    ],
    'image.sampleFailed': [[s]],
    describeError: [[new Error(s)], [s], ...geminiErrors],
    describeFinish: [...FINISH_REASONS, s].flatMap((r) => [
      [r, true],
      [r, false],
    ]),
    describeDeviceError: [
      [new Error(s)],
      ...DEVICE_KINDS.flatMap((k) => [[new DeviceModelError(k)], [new DeviceModelError(k, s)]]),
    ],
    // The conversation's and Find's sections repeat the person's own words by design (a
    // conversation's title, what to find, a file name, the model typed); they are checked
    // here for empty messages, with plain words.
    'conversation.tooManyImages': [[16]],
    'conversation.conversationTooLarge': [[21e6, 20e6]],
    'conversation.questionTooLarge': [[21e6, 20e6]],
    'conversation.detailTokens': [[1, 2, 3]],
    'conversation.optionsToggle': [
      ['gemini-flash-latest', 'high', 'low'],
      ['gemini-flash-latest'],
      [''],
    ],
    'conversation.thinkingCannotBeOff': [['gemini-3-pro']],
    'conversation.spaceUsed': [[1e6, 2e6]],
    'conversation.historyRowFacts': [['1 May', 1]],
    'conversation.confirmDelete': [['A title']],
    'conversation.confirmDeleteAllDetail': [[1], [2]],
    'conversation.exportedAll': [[2]],
    'conversation.historyMore': [[3]],
    'conversation.importNewerVersion': [[9]],
    'conversation.importMalformed': [['turn 3']],
    'conversation.importDone': [
      [1, 0],
      [2, 1],
    ],
    'conversation.exportModel': [['gemini-test']],
    'conversation.exportImage': [['cat.png']],
    'conversation.exportedOn': [['1 May 2026']],
    'conversation.exported': [['chat.html']],
    'conversation.retryEarlierDetail': [[1], [2]],
    'find.finding': [['the cat']],
    'find.found': [
      [1, 'the cat'],
      [2, 'cats'],
    ],
    'find.listed': [
      [1, 'the cat'],
      [3, 'the shapes'],
    ],
    'find.none': [['the cat']],
    'find.stoppedListed': [
      [1, 'the cat'],
      [3, 'the shapes'],
    ],
    'find.stoppedNone': [['the cat']],
    'find.copied': [[2]],
    'find.cropName': [['cat'], [undefined]],
    describeBoxProblem: BOX_PROBLEMS.map((p) => [p]),
    // The image's sections take no text at all, only formats, kinds of metadata and numbers
    // (their types say so), so no key can reach them; each is made for every format.
    'intake.empty': [[]],
    'intake.tooManyBytes': [[250e6, INTAKE_LIMITS]],
    'intake.notAnImage': [[]],
    'intake.tooManyPixels': [[{ width: 20000, height: 10000 }, INTAKE_LIMITS]],
    'intake.unknownSize': IMAGE_KINDS.map((k) => [k]),
    'intake.truncated': IMAGE_KINDS.map((k) => [k]),
    'intake.undecodable': IMAGE_KINDS.map((k) => [k]),
    'intake.cannotShow': IMAGE_KINDS.map((k) => [k]),
    'intake.canvasNoise': [[]],
    'intake.canvasNoiseLossy': IMAGE_KINDS.map((k) => [k]),
    'intake.outOfMemory': [[]],
    'requestSize.tooLarge': [
      [21e6, 20e6, 'auto'],
      [21e6, 20e6, 'original'],
    ],
    'uploadNotes.sentAsIs': [
      ['heic', []],
      ['heif', ['Exif', 'GPS']],
    ],
    'uploadNotes.original': IMAGE_KINDS.flatMap((k) => [
      [k, []],
      [k, ['XMP']],
    ]),
    'uploadNotes.keptOriginal': IMAGE_KINDS.map((k) => [k]),
    'uploadNotes.reencoded': IMAGE_KINDS.flatMap((from) =>
      (['image/png', 'image/jpeg', 'image/webp'] as const).flatMap((to) => [
        [{ from, to, turned: false, metadataRemoved: [], fullSize: false }],
        [
          {
            from,
            to,
            resized: { from: { width: 4000, height: 3000 }, to: { width: 3072, height: 2304 } },
            turned: true,
            metadataRemoved: ['Exif', 'GPS'],
            fullSize: true,
          },
        ],
      ]),
    ),
  };
}

/** Every format intake recognises. */
const IMAGE_KINDS: ImageKind[] = ['png', 'jpeg', 'webp', 'gif', 'bmp', 'avif', 'heic', 'heif'];

/** Sections whose functions are checked for keys (those of lib/gemini, see above). */
const KEY_CHECKED = (path: string) => !/^(conversation|find|describeBoxProblem)\b/.test(path);

/** Every leaf of the table: its path, and the string or function there. */
function leaves(node: unknown, path = ''): [string, unknown][] {
  if (typeof node === 'object' && node !== null) {
    return Object.entries(node).flatMap(([k, v]) => leaves(v, path ? `${path}.${k}` : k));
  }
  return [[path, node]];
}

/** Every value in what a function returned (a text, or a title/detail/action; none for null). */
function strings(result: unknown): string[] {
  return result === null ? [] : leaves(result).map(([, v]) => v as string);
}

const table = leaves(ASK_MESSAGES);
const functions = table.filter(([, v]) => typeof v === 'function') as [
  string,
  (...args: unknown[]) => unknown,
][];

describe('the Ask table', () => {
  it('holds only messages: no empty or blank string anywhere', () => {
    const texts = table.filter(([, v]) => typeof v === 'string');
    // Each section is there (the table is not accidentally flat or empty).
    expect(texts.length).toBeGreaterThan(90);
    for (const [path, text] of texts) expect((text as string).trim(), path).not.toBe('');
    // Nothing else but texts and functions that make them.
    expect(table.filter(([, v]) => typeof v !== 'string' && typeof v !== 'function')).toEqual([]);
  });

  it('knows how to call every function of the table (so none goes unchecked)', () => {
    const calls = callsOf('x');
    expect(functions.map(([path]) => path).filter((p) => !calls[p])).toEqual([]);
    expect(Object.keys(calls).filter((p) => !functions.some(([path]) => path === p))).toEqual([]);
  });

  it('makes a whole message from every function', () => {
    const calls = callsOf('x');
    for (const [path, fn] of functions) {
      for (const args of calls[path]) {
        const result = fn(...args);
        // describeFinish says nothing for an answer that ended normally.
        if (path === 'describeFinish' && args[0] === 'STOP' && args[1] === true) {
          expect(result).toBeNull();
          continue;
        }
        const texts = strings(result);
        expect(texts.length, path).toBeGreaterThan(0);
        for (const t of texts) {
          expect(typeof t, path).toBe('string');
          expect(t.trim(), path).not.toBe('');
          expect(t, path).not.toMatch(/undefined|NaN|\[object /);
        }
      }
    }
  });

  it.each(WITH_KEY)('never repeats a key it is handed (%#)', (withKey) => {
    const calls = callsOf(withKey);
    let checked = 0;
    for (const [path, fn] of functions.filter(([p]) => KEY_CHECKED(p))) {
      for (const args of calls[path]) {
        for (const text of strings(fn(...args))) {
          checked++;
          expect(text.toLowerCase(), `${path}(${args.length} args)`).not.toContain(
            KEY.slice(4).toLowerCase(),
          );
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('withoutKeys hides key-shaped text and leaves the rest alone', () => {
    expect(withoutKeys(`key ${KEY}, again ${KEY}`)).toBe('key [key], again [key]');
    expect(withoutKeys('https://proxy.example:8443')).toBe('https://proxy.example:8443');
    expect(withoutKeys('AIza is a prefix')).toBe('AIza is a prefix');
  });
});

describe("an answer's one line of facts", () => {
  const { facts } = ASK_TEXT.answer;
  const usage = (promptTokens: number, answerTokens: number, thoughtsTokens = 0) => ({
    promptTokens,
    answerTokens,
    thoughtsTokens,
    totalTokens: promptTokens + answerTokens + thoughtsTokens,
  });

  it('says the model, the prompt and answer tokens and the seconds, each once', () => {
    expect(facts({ model: 'gemini-2.0-flash', usage: usage(10, 1996), ms: 2345 })).toBe(
      'gemini-2.0-flash · 10 prompt + 1996 answer tokens · 2.3 s',
    );
    // While the answer arrives: no time yet.
    expect(facts({ model: 'gemini-2.0-flash', usage: usage(10, 4) })).toBe(
      'gemini-2.0-flash · 10 prompt + 4 answer tokens',
    );
  });

  it('adds thinking and the cached part of the prompt only when there are some', () => {
    expect(
      facts({ model: 'gemini-2.5-flash', usage: { ...usage(258, 95, 1201), cachedTokens: 180 } }),
    ).toBe('gemini-2.5-flash · 258 prompt (180 cached) + 1201 thinking + 95 answer tokens');
    expect(facts({ usage: { ...usage(258, 95), cachedTokens: 0 } })).toBe(
      '258 prompt + 95 answer tokens',
    );
  });

  it('says only the total when that is all the API said, and nothing when nothing is known', () => {
    expect(facts({ model: 'm', usage: { ...usage(0, 0), totalTokens: 1234 }, ms: 100 })).toBe(
      'm · 1234 tokens · 0.1 s',
    );
    expect(facts({ usage: usage(0, 0) })).toBe('');
    expect(facts({})).toBe('');
  });

  it("says this device's context use in place of tokens", () => {
    expect(facts({ model: 'On this device', context: { used: 120, window: 9216 }, ms: 900 })).toBe(
      'On this device · Context used: 120 of 9216 tokens · 0.9 s',
    );
    expect(facts({ context: { used: 1, window: Infinity } })).toBe(
      'Context used: 1 of unlimited tokens',
    );
  });
});

describe("History's space line", () => {
  it("says a device's gigabytes in GB, as a person reads them, and small sizes in MB", () => {
    const said = ASK_MESSAGES.conversation.spaceUsed(12.1e6, 10_749.5e6);
    expect(said).toBe('History and the app use 12.1 MB of 10.7 GB available on this device.');
    expect(ASK_MESSAGES.conversation.spaceUsed(2.5e6, 100e6)).toMatch(/2\.5 MB of 100\.0 MB/);
  });
});

describe("the image's line under the stage", () => {
  const line = ASK_TEXT.image.facts;
  const png = { name: 'a.png', size: '3 MB', mimeType: 'image/png', tokens: 258 };

  it('says the size in pixels, the bytes, the type and the tokens', () => {
    expect(line({ ...png, width: 1300, height: 1150, counted: false })).toBe(
      'a.png: 1300 × 1150 px, 3 MB (image/png), about 258 tokens (estimate)',
    );
    expect(line({ ...png, width: 1, height: 2, counted: true })).toBe(
      'a.png: 1 × 2 px, 3 MB (image/png), 258 tokens (counted by Gemini)',
    );
  });

  it('says "size unknown" for a file this browser cannot decode, never "0 × 0 px"', () => {
    const heic = { ...png, name: 'b.heic', mimeType: 'image/heic', width: 0, height: 0 };
    expect(line({ ...heic, counted: false })).toBe(
      'b.heic: size unknown, 3 MB (image/heic), about 258 tokens (estimate)',
    );
  });
});
