import { describe, expect, it } from 'vitest';
import { buildGenerateBody } from '../../../src/lib/gemini/request.ts';
import {
  ask,
  endAnswer,
  newConversation,
  parseConversation,
  receiveParts,
  startAnswer,
  toRecord,
  type Conversation,
} from '../../../src/lib/conversation/index.ts';
import {
  MAX_BOXES,
  boxesInPixels,
  findOptions,
  findPrompt,
  findQuestion,
  findRequest,
  findStateOf,
  turnBoxes,
  withFindPrompt,
  withTurnBoxes,
} from '../../../src/lib/boxes/index.ts';

const HASH = 'a'.repeat(64);
const OTHER = 'b'.repeat(64);

/** A conversation whose last answer is `text`, kept with the boxes a Find about `image` found. */
function found(text: string, image = HASH, c = newConversation(1, 'c1')): Conversation {
  let next = ask(c, findQuestion('price tags'), [], 2);
  next = startAnswer(next, 'gemini-test', 3);
  next = receiveParts(next, [{ text }]);
  next = endAnswer(next, { state: 'done' }, 4);
  const id = next.turns.at(-1)!.id;
  return withTurnBoxes(next, id, turnBoxes(text, { what: 'price tags', image }));
}

describe('a Find as a turn of the conversation', () => {
  it('shows "Find: …" and sends the JSON prompt in its place, earlier turns untouched', () => {
    expect(findQuestion('  price tags ')).toBe('Find: price tags');
    expect(findQuestion('')).toBe('Find: Find all objects');
    const contents = [
      { role: 'user' as const, parts: [{ text: 'What is this?' }] },
      { role: 'model' as const, parts: [{ text: 'A shop.' }] },
      {
        role: 'user' as const,
        parts: [{ inlineData: { mimeType: 'image/png', data: 'AAAA' } }, { text: 'Find: tags' }],
      },
    ];
    const sent = withFindPrompt(contents, 'tags');
    expect(sent[0]).toEqual(contents[0]);
    expect(sent[1]).toEqual(contents[1]);
    expect(sent[2].parts).toEqual([contents[2].parts[0], { text: findPrompt('tags') }]);
    // The conversation's own contents are not changed.
    expect(contents[2].parts[1]).toEqual({ text: 'Find: tags' });
    expect(findPrompt('tags')).toContain(`at most ${MAX_BOXES}`);
  });

  it('asks for JSON in the shape of the box schema, on top of the person’s own options', () => {
    const options = findOptions({ mediaResolution: 'MEDIA_RESOLUTION_HIGH' });
    const body = buildGenerateBody({ prompt: 'x', options });
    expect(body.generationConfig).toMatchObject({
      mediaResolution: 'MEDIA_RESOLUTION_HIGH',
      responseMimeType: 'application/json',
      responseSchema: { type: 'ARRAY', maxItems: MAX_BOXES },
    });
    const items = (body.generationConfig!.responseSchema as { items: { required: string[] } })
      .items;
    expect(items.required).toEqual(['label', 'box_2d']);
  });

  it('shapes the request only while the question is still the Find, and keeps its boxes', () => {
    const find = findRequest({ what: 'tags', image: HASH });
    expect(find.question).toBe('Find: tags');
    let c = ask(newConversation(1, 'c1'), find.question, [], 2);
    const question = c.turns.at(-1)!;
    const request = {
      contents: [{ role: 'user' as const, parts: [{ text: find.question }] }],
      options: {},
    };
    const keep = find.shape(request, question)!;
    expect(request.contents[0].parts).toEqual([{ text: findPrompt('tags') }]);
    expect(request.options).toMatchObject({ responseMimeType: 'application/json' });
    c = endAnswer(receiveParts(startAnswer(c, 'm', 3), [{ text: '[]' }]), { state: 'done' }, 4);
    const kept = keep(c, c.turns.at(-1)!.id, '[{"label":"tag","box_2d":[1,2,3,4]}]');
    expect(findStateOf(kept, HASH)!.boxes).toEqual([{ label: 'tag', box_2d: [1, 2, 3, 4] }]);
    // Edited into another question: sent as it is, nothing kept.
    const edited = { ...question, text: 'What is this?' };
    const plain = {
      contents: [{ role: 'user' as const, parts: [{ text: 'What is this?' }] }],
      options: {},
    };
    expect(find.shape(plain, edited)).toBeUndefined();
    expect(plain.contents[0].parts).toEqual([{ text: 'What is this?' }]);
    expect(plain.options).toEqual({});
  });

  it('keeps the boxes with the answer, and History gives them back', () => {
    const text = JSON.stringify([
      { label: 'tag', box_2d: [100, 200, 300, 400] },
      { label: 'bad', box_2d: [100, 200, 1300, 400] },
    ]);
    const c = found(text);
    const answer = c.turns.at(-1)!;
    expect(answer.role === 'model' && answer.meta.boxes).toEqual({
      image: HASH,
      find: 'price tags',
      found: [{ label: 'tag', box_2d: [100, 200, 300, 400] }],
    });
    const back = parseConversation(JSON.parse(JSON.stringify(toRecord(c))));
    const state = findStateOf(back, HASH)!;
    expect(state.boxes).toEqual([{ label: 'tag', box_2d: [100, 200, 300, 400] }]);
    expect(state.problems).toEqual([{ kind: 'out-of-range', count: 1 }]);
    expect(state.find).toBe('price tags');
  });

  it('draws the newest Find about the image on the stage, none for another image', () => {
    const first = found(JSON.stringify([{ label: 'one', box_2d: [0, 0, 10, 10] }]));
    const second = found(JSON.stringify([{ label: 'two', box_2d: [0, 0, 20, 20] }]), HASH, first);
    expect(findStateOf(second, HASH)!.boxes.map((b) => b.label)).toEqual(['two']);
    expect(findStateOf(second, OTHER)).toBeUndefined();
    expect(findStateOf(second, '', '')).toBeUndefined();
    // Reopened from History, the image given is the one that was sent: found by either hash.
    expect(findStateOf(second, OTHER, HASH)!.boxes.map((b) => b.label)).toEqual(['two']);
    // The same answer gives the same state object, so the stage keeps its selection.
    expect(findStateOf(second, HASH)).toBe(findStateOf(second, HASH));
  });

  it('checks boxes read back from storage again (a tampered record draws nothing wrong)', () => {
    const c = found(JSON.stringify([{ label: 'ok', box_2d: [0, 0, 10, 10] }]));
    const record = JSON.parse(JSON.stringify(toRecord(c))) as {
      turns: { meta?: { boxes?: { found: unknown[] } } }[];
    };
    record.turns[1].meta!.boxes!.found.push({ label: 'inverted', box_2d: [500, 500, 100, 100] });
    const state = findStateOf(parseConversation(record), HASH)!;
    expect(state.boxes.map((b) => b.label)).toEqual(['ok']);
  });

  it('says what was wrong with an answer that is not JSON, and draws nothing', () => {
    const state = findStateOf(found('The price is in the top-right corner.'), HASH)!;
    expect(state.boxes).toEqual([]);
    expect(state.problems).toEqual([{ kind: 'not-json' }]);
  });

  it('gives boxes in whole pixels of the original image', () => {
    const boxes = [{ label: 'tag', box_2d: [100, 250, 500, 750] as const }];
    expect(boxesInPixels(boxes, { width: 4000, height: 3000 })).toEqual([
      { label: 'tag', x: 1000, y: 300, width: 2000, height: 1200 },
    ]);
  });
});
