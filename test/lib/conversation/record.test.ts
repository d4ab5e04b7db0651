import { describe, expect, it } from 'vitest';
import {
  ARCHIVE_FORMAT,
  CONVERSATION_MESSAGES as M,
  ConversationError,
  ask,
  conversationMarkdown,
  endAnswer,
  makeArchive,
  newConversation,
  parseArchive,
  parseConversation,
  receiveParts,
  sha256Hex,
  startAnswer,
  toRecord,
} from '../../../src/lib/conversation/index.ts';
import { fixtureImage } from './helpers.ts';

async function sample() {
  const cat = await fixtureImage('generative-ai-js/cat.jpeg', 'image/jpeg');
  let c = ask(newConversation(10), 'What is it?\nSecond line', [cat.ref], 11);
  c = startAnswer(c, 'gemini-3-flash-preview', 12);
  c = receiveParts(c, [
    { text: 'musing', thought: true },
    { text: 'A **cat**.', thoughtSignature: 'c2ln', futureField: { kept: true } },
  ]);
  c = endAnswer(c, {
    state: 'done',
    finishReason: 'STOP',
    durationMs: 800,
    usage: { promptTokens: 1, answerTokens: 2, thoughtsTokens: 3, totalTokens: 6 },
  });
  return { c, cat };
}

/** The ConversationError a promise rejects with. */
async function rejection(p: Promise<unknown>): Promise<ConversationError> {
  const e = await p.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(e).toBeInstanceOf(ConversationError);
  return e as ConversationError;
}

describe('the stored record', () => {
  it('round-trips through JSON to the same conversation, parts as received', async () => {
    const { c } = await sample();
    const record = toRecord(c);
    expect(record.v).toBe(1);
    const back = parseConversation(JSON.parse(JSON.stringify(record)));
    expect(back).toEqual(c);
    expect(JSON.stringify(record)).toContain('"futureField":{"kept":true}');
    // Images are referenced by hash only: no bytes in the record.
    expect(JSON.stringify(record).length).toBeLessThan(2000);
  });

  it('reads an answer saved mid-stream as stopped', async () => {
    const { c } = await sample();
    const record = toRecord(c) as unknown as { turns: { meta?: { state: string } }[] };
    record.turns[1].meta!.state = 'streaming';
    expect(parseConversation(record).turns[1]).toMatchObject({ meta: { state: 'stopped' } });
  });

  it('refuses malformed records, naming where', async () => {
    const { c } = await sample();
    const bad = JSON.parse(JSON.stringify(toRecord(c)));
    bad.turns[0].images[0].hash = 'not-a-hash';
    expect(() => parseConversation(bad, 'conversation 1')).toThrow(
      M.importMalformed('conversation 1, turn 1, image 1'),
    );
    expect(() => parseConversation({ ...toRecord(c), turns: [{ role: 'system' }] })).toThrow(
      ConversationError,
    );
    expect(() => parseConversation({ ...toRecord(c), v: 99 })).toThrow(ConversationError);
  });
});

describe('the export-all file', () => {
  it('round-trips conversations and image bytes', async () => {
    const { c, cat } = await sample();
    const text = JSON.stringify(makeArchive([c], [{ ...cat.ref, bytes: cat.bytes }]));
    const json = JSON.parse(text);
    expect(json).toMatchObject({ format: ARCHIVE_FORMAT, version: 1 });
    expect(json.images[0].data).toBe(cat.data);
    const back = await parseArchive(text);
    expect(back.conversations).toEqual([c]);
    expect(back.images).toHaveLength(1);
    expect(Buffer.from(back.images[0].bytes).equals(cat.bytes)).toBe(true);
  });

  it('refuses anything else with a plain message', async () => {
    const { c, cat } = await sample();
    const good = makeArchive([c], [{ ...cat.ref, bytes: cat.bytes }]);
    expect((await rejection(parseArchive('{oops'))).message).toBe(M.importNotJson);
    expect((await rejection(parseArchive('{"a":1}'))).message).toBe(M.importNotGlimpse);
    expect((await rejection(parseArchive(JSON.stringify({ ...good, version: 7 })))).message).toBe(
      M.importNewerVersion(7),
    );
    // An image whose bytes do not match its hash is damaged.
    const damaged = structuredClone(good);
    damaged.images[0].data = Buffer.from('not the cat').toString('base64');
    expect((await rejection(parseArchive(JSON.stringify(damaged)))).message).toBe(
      M.importMalformed('image 1 is damaged'),
    );
    // A turn naming an image the file lacks.
    const missing = { ...good, images: [] };
    expect((await rejection(parseArchive(JSON.stringify(missing)))).kind).toBe('bad-import');
    const twice = { ...good, conversations: [good.conversations[0], good.conversations[0]] };
    expect((await rejection(parseArchive(JSON.stringify(twice)))).message).toMatch(/twice/);
  });

  it('hashes bytes as SHA-256 hex', async () => {
    expect(await sha256Hex(new TextEncoder().encode('abc'))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });
});

describe('Copy as Markdown', () => {
  it('gives every turn in order, answers as written, thoughts left out', async () => {
    const { c } = await sample();
    expect(conversationMarkdown(c)).toBe(
      [
        '# What is it?',
        `## ${M.exportYou}`,
        `*${M.exportImage('generative-ai-js/cat.jpeg')}*`,
        'What is it?\nSecond line',
        `## ${M.exportModel('gemini-3-flash-preview')}`,
        'A **cat**.',
      ].join('\n\n') + '\n',
    );
  });
});
