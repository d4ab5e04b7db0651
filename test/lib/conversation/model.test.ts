import { describe, expect, it } from 'vitest';
import {
  CONVERSATION_MESSAGES as M,
  MAX_IMAGES_PER_TURN,
  answerText,
  ask,
  editLastQuestion,
  endAnswer,
  imageHashes,
  newConversation,
  receiveParts,
  rename,
  retry,
  startAnswer,
  thoughtText,
  titleFrom,
  type ImageRef,
  type ModelTurn,
} from '../../../src/lib/conversation/index.ts';

const img = (n: number): ImageRef => ({
  hash: n.toString(16).padStart(64, '0'),
  mimeType: 'image/png',
  bytes: 100 + n,
});

function withAnswer(text = 'What is it?', answer = 'A cat.') {
  let c = ask(newConversation(1), text, [img(1)], 2);
  c = startAnswer(c, 'gemini-2.5-flash', 3);
  c = receiveParts(c, [{ text: 'hmm', thought: true }, { text: answer }]);
  return endAnswer(
    c,
    {
      state: 'done',
      finishReason: 'STOP',
      modelVersion: 'gemini-2.5-flash-001',
      durationMs: 1234,
      usage: { promptTokens: 300, answerTokens: 4, thoughtsTokens: 9, totalTokens: 313 },
    },
    4,
  );
}

describe('a conversation', () => {
  it('keeps turns in order, the answer with its metadata and its thoughts apart', () => {
    const c = withAnswer();
    expect(c.turns.map((t) => t.role)).toEqual(['user', 'model']);
    const answer = c.turns[1] as ModelTurn;
    expect(answerText(answer)).toBe('A cat.');
    expect(thoughtText(answer)).toBe('hmm');
    expect(answer.meta).toEqual({
      model: 'gemini-2.5-flash',
      modelVersion: 'gemini-2.5-flash-001',
      state: 'done',
      finishReason: 'STOP',
      durationMs: 1234,
      usage: { promptTokens: 300, answerTokens: 4, thoughtsTokens: 9, totalTokens: 313 },
    });
    expect(c.title).toBe('What is it?');
    expect(c.updatedAt).toBe(4);
  });

  it('never changes the conversation it was given', () => {
    const before = withAnswer();
    const copy = JSON.parse(JSON.stringify(before));
    ask(before, 'Next', [img(2)]);
    retry(before);
    editLastQuestion(before, 'Changed');
    expect(before).toEqual(copy);
  });

  it('keeps the images of a question in the order given, up to 16', () => {
    const images = Array.from({ length: MAX_IMAGES_PER_TURN }, (_, i) => img(i + 1));
    const c = ask(newConversation(), 'all', images.toReversed());
    expect(c.turns[0]).toMatchObject({ images: images.toReversed() });
    expect(() => ask(newConversation(), 'too many', [...images, img(99)])).toThrow(
      M.tooManyImages(16),
    );
  });

  it('refuses an empty question and a question while an answer is arriving', () => {
    expect(() => ask(newConversation(), '  ', [])).toThrow(M.emptyQuestion);
    const c = startAnswer(ask(newConversation(), 'q'), 'm');
    expect(() => ask(c, 'again')).toThrow(M.busy);
  });

  it('keeps what arrived when the answer is stopped or fails', () => {
    let c = startAnswer(ask(newConversation(), 'q'), 'm');
    c = receiveParts(c, [{ text: 'Half an ans' }]);
    c = endAnswer(c, { state: 'error', error: { kind: 'network', message: 'Offline' } });
    const t = c.turns[1] as ModelTurn;
    expect(answerText(t)).toBe('Half an ans');
    expect(t.meta).toMatchObject({
      state: 'error',
      error: { kind: 'network', message: 'Offline' },
    });
    // Parts arriving after the end are not added to a closed answer.
    expect(receiveParts(c, [{ text: 'late' }])).toBe(c);
  });

  it('edits the last question in place of the old one, dropping its answer', () => {
    let c = withAnswer();
    c = ask(c, 'Second question', [img(2)], 5);
    c = endAnswer(receiveParts(startAnswer(c, 'm', 6), [{ text: 'x' }]), { state: 'done' });
    const edited = editLastQuestion(c, 'Second, better', undefined, 7);
    expect(edited.turns).toHaveLength(3);
    expect(edited.turns[2]).toMatchObject({
      role: 'user',
      text: 'Second, better',
      images: [img(2)],
    });
    expect(edited.turns.slice(0, 2)).toEqual(c.turns.slice(0, 2));
    expect(() => editLastQuestion(newConversation(), 'x')).toThrow(M.noQuestionToEdit);
  });

  it('retries an answer by dropping it and what followed, its question last', () => {
    let c = withAnswer();
    const firstAnswer = c.turns[1].id;
    c = ask(c, 'Two', [], 5);
    c = endAnswer(receiveParts(startAnswer(c, 'm', 6), [{ text: 'y' }]), { state: 'done' });
    expect(retry(c).turns.map((t) => t.role)).toEqual(['user', 'model', 'user']);
    expect(retry(c, firstAnswer).turns).toEqual([c.turns[0]]);
    expect(() => retry(newConversation())).toThrow(M.noAnswerToRetry);
  });

  it('starts afresh with a new id', () => {
    const a = newConversation();
    const b = newConversation();
    expect(a.id).not.toBe(b.id);
    expect(a.turns).toEqual([]);
  });

  it('lists each image hash once, however many turns use it', () => {
    let c = ask(newConversation(), 'a', [img(1), img(2)]);
    c = endAnswer(receiveParts(startAnswer(c, 'm'), [{ text: 'x' }]), { state: 'done' });
    c = ask(c, 'b', [img(2), img(1), img(3)]);
    expect(imageHashes(c)).toEqual([img(1).hash, img(2).hash, img(3).hash]);
  });
});

describe('the title', () => {
  it("is the first question's first line, cut at a word when long", () => {
    expect(titleFrom('\n  What does   the hidden text say?\nMore lines')).toBe(
      'What does the hidden text say?',
    );
    const long = titleFrom('word '.repeat(40));
    expect(long.length).toBeLessThanOrEqual(80);
    expect(long).toMatch(/word…$/);
    expect(titleFrom('')).toBe(M.untitled);
  });

  it('stays as renamed, and follows the first question again when the name is cleared', () => {
    const c = rename(withAnswer('Original'), '  My cat  ');
    expect(c).toMatchObject({ title: 'My cat', renamed: true });
    expect(ask(c, 'Another').title).toBe('My cat');
    expect(rename(c, '')).toMatchObject({ title: 'Original', renamed: false });
  });
});
