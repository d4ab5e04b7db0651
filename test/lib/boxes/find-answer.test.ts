import { describe, expect, it } from 'vitest';
import {
  ask,
  endAnswer,
  newConversation,
  receiveParts,
  startAnswer,
  type Conversation,
} from '../../../src/lib/conversation/index.ts';
import { conversationMarkdown } from '../../../src/lib/conversation/markdown-export.ts';
import {
  exportedAnswerText,
  findAskedIn,
  findTextWords,
  shownAnswerText,
  stoppedFindWords,
} from '../../../src/lib/boxes/find-answer.ts';
import { findQuestion, turnBoxes, withTurnBoxes } from '../../../src/lib/boxes/find-turn.ts';
import type { ModelTurn } from '../../../src/lib/conversation/types.ts';

const BOXES = [
  { label: 'cat', box_2d: [10, 10, 200, 200] },
  { label: 'dog', box_2d: [300, 300, 600, 600] },
];

/**
 * A conversation whose last answer is `text`; kept with its boxes when `asFind`, as the
 * controller keeps them (of an answer stopped part-way, the boxes sent whole).
 */
function answered(text: string, asFind = true, state: 'done' | 'stopped' = 'done'): Conversation {
  let c = ask(newConversation(1, 'c1'), findQuestion('pets'), [], 2);
  c = startAnswer(c, 'gemini-test', 3);
  c = receiveParts(c, [{ text }]);
  c = endAnswer(c, { state }, 4);
  const id = c.turns.at(-1)!.id;
  const find = { what: 'pets', image: 'a'.repeat(64) };
  return asFind ? withTurnBoxes(c, id, turnBoxes(text, find, state === 'stopped')) : c;
}

const last = (c: Conversation) => c.turns.at(-1) as ModelTurn;

describe("a Find's answer in words", () => {
  it('lists the labels found under one sentence, in order', () => {
    const c = answered(JSON.stringify(BOXES));
    expect(shownAnswerText(last(c))).toBe('Found 2 for “pets”:\n\n- cat\n- dog');
  });

  it('is exported with the boxes as a JSON code block under the words', () => {
    const c = answered(JSON.stringify(BOXES));
    const exported = [
      'Found 2 for “pets”:\n\n- cat\n- dog\n\nThe answer as Gemini gave it:\n\n```json',
      '[\n  {"label":"cat","box_2d":[10,10,200,200]},\n  {"label":"dog","box_2d":[300,300,600,600]}\n]',
      '```',
    ].join('\n');
    expect(exportedAnswerText(last(c))).toBe(exported);
    expect(conversationMarkdown(c, exportedAnswerText)).toContain(`\n\n${exported}\n`);
    // Nothing found: nothing to put in a code block.
    expect(exportedAnswerText(last(answered('[]')))).toBe('Nothing found for “pets”.');
  });

  it('fences the JSON beyond any run of backticks in a label', () => {
    const c = answered(JSON.stringify([{ label: 'a ```` b', box_2d: [1, 1, 2, 2] }]));
    const text = exportedAnswerText(last(c));
    expect(text).toMatch(/\n`{5}json\n/);
    expect(text.endsWith('\n`````')).toBe(true);
  });

  it('says nothing was found for an empty list; shows what was left out, and the answer as given', () => {
    expect(findTextWords('pets', '[]')).toBe('Nothing found for “pets”.');
    const text = JSON.stringify([...BOXES, { label: 'x', box_2d: [1] }]);
    expect(findTextWords('pets', text)).toBe(
      [
        'Found 2 for “pets”:\n\n- cat\n- dog',
        '1 box was left out: each needs a label and four numbers.',
        'The answer as Gemini gave it:',
        '```json\n[\n  {"label":"cat","box_2d":[10,10,200,200]},\n  {"label":"dog","box_2d":[300,300,600,600]},\n  {"label":"x","box_2d":[1]}\n]\n```',
      ].join('\n\n'),
    );
  });

  it('says a stopped Find was stopped, with the boxes sent whole, never the half list', () => {
    const whole = JSON.stringify(BOXES);
    // Cut inside the second box: the first is whole.
    const cut = whole.slice(0, whole.indexOf('"dog"') + 8);
    expect(stoppedFindWords('pets', cut)).toBe(
      'Stopped before the end: 1 found for “pets” so far:\n\n- cat',
    );
    expect(stoppedFindWords('pets', '```json\n[{"label":"c')).toBe(
      'Stopped before anything was found for “pets”.',
    );
    expect(stoppedFindWords('pets', whole)).toBe(
      'Stopped before the end: 2 found for “pets” so far:\n\n- cat\n- dog',
    );
    // Not the start of a list: its own text.
    expect(stoppedFindWords('pets', 'I see')).toBeUndefined();
    // A list after a blank line is still one.
    expect(stoppedFindWords('pets', `\n\n${cut}`)).toBe(
      'Stopped before the end: 1 found for “pets” so far:\n\n- cat',
    );
    // Cut inside a label holding a brace: the box before it is still whole.
    expect(
      stoppedFindWords('pets', `${whole.slice(0, -1)},{"label":"a {curly} dog","box_2d":[3`),
    ).toBe('Stopped before the end: 2 found for “pets” so far:\n\n- cat\n- dog');
    // Kept in the conversation (an earlier answer, History): the same words, and the box
    // sent whole kept for the stage.
    const c = answered(cut, true, 'stopped');
    expect(shownAnswerText(last(c))).toBe(
      'Stopped before the end: 1 found for “pets” so far:\n\n- cat',
    );
    expect(last(c).meta.boxes?.found).toEqual([BOXES[0]]);
    expect(exportedAnswerText(last(c))).toMatch(
      /^Stopped before the end: 1 found[^]*as Gemini gave it/,
    );
  });

  it('keeps the text of an answer that is no box list, and of any answer not a Find', () => {
    expect(shownAnswerText(last(answered('I cannot see any pets.')))).toBe(
      'I cannot see any pets.',
    );
    expect(findTextWords('pets', '{"a":1}')).toBeUndefined();
    expect(shownAnswerText(last(answered(JSON.stringify(BOXES), false)))).toBe(
      JSON.stringify(BOXES),
    );
  });

  it("escapes a label's Markdown, so the model's text cannot make links, HTML or lists", () => {
    const words = findTextWords(
      'x',
      JSON.stringify([
        { label: '[a](http://x) <b>*b*</b>', box_2d: [1, 1, 2, 2] },
        { label: '- 1. two\nlines', box_2d: [1, 1, 2, 2] },
      ]),
    );
    expect(words).toBe(
      'Found 2 for “x”:\n\n- \\[a\\](http://x) \\<b\\>\\*b\\*\\</b\\>\n- \\- 1. two lines',
    );
  });

  it("keeps a label's ampersand and a leading '1)' as written, not as an entity or a list", () => {
    const words = findTextWords(
      'x',
      JSON.stringify([
        { label: 'AT&amp;T &lt;b&gt;', box_2d: [1, 1, 2, 2] },
        { label: '1) first', box_2d: [1, 1, 2, 2] },
      ]),
    );
    expect(words).toBe('Found 2 for “x”:\n\n- AT\\&amp;T \\&lt;b\\&gt;\n- 1\\) first');
  });

  it('shows the answer as given when a box was left out for its corners, or from a wrapped list', () => {
    const text = JSON.stringify([BOXES[0], { label: 'upside down', box_2d: [600, 600, 300, 300] }]);
    const words = findTextWords('pets', text);
    expect(words).toContain('Found 1 for “pets”:\n\n- cat');
    expect(words).toContain('1 box was left out: its corners were the wrong way round.');
    expect(words).toContain('The answer as Gemini gave it:');
    expect(words).toContain('"upside down"');
    // The list wrapped in an object, as some answers come: shown as it came.
    const wrapped = JSON.stringify({ boxes: [BOXES[0], { label: 'x', box_2d: [1] }] });
    expect(findTextWords('pets', wrapped)).toBe(
      [
        'Found 1 for “pets”:\n\n- cat',
        '1 box was left out: each needs a label and four numbers.',
        'The answer as Gemini gave it:',
        `\`\`\`json\n${wrapped}\n\`\`\``,
      ].join('\n\n'),
    );
  });

  it('reads what a Find asked for from its question', () => {
    expect(findAskedIn(findQuestion('red cars'))).toBe('red cars');
    expect(findAskedIn('What is this?')).toBeUndefined();
  });
});
