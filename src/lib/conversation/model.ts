/**
 * Changing a conversation: ask, receive an answer piece by piece, finish, edit the last
 * question, retry, start afresh. Every function returns a new Conversation and leaves its
 * argument untouched, so a view can tell what changed by identity.
 */
import type { ContentPart, Usage } from '../gemini/types.ts';
import { ConversationError } from './errors.ts';
import { CONVERSATION_MESSAGES as M } from './messages.ts';
import { titleFrom } from './title.ts';
import {
  MAX_IMAGES_PER_TURN,
  type AnswerMeta,
  type Conversation,
  type ImageRef,
  type ModelTurn,
  type Turn,
  type UserTurn,
} from './types.ts';

/** A fresh identifier (random, so two tabs never pick the same one). */
export function newId(): string {
  return crypto.randomUUID();
}

/** An empty conversation. */
export function newConversation(now = Date.now(), id = newId()): Conversation {
  return { id, title: M.untitled, renamed: false, createdAt: now, updatedAt: now, turns: [] };
}

/** The last turn, if it is an answer still arriving. */
function streaming(c: Conversation): ModelTurn | undefined {
  const last = c.turns.at(-1);
  return last?.role === 'model' && last.meta.state === 'streaming' ? last : undefined;
}

/** Throws when a question has no content or too many images. */
export function checkQuestion(text: string, images: readonly ImageRef[]): void {
  if (images.length > MAX_IMAGES_PER_TURN) {
    throw new ConversationError('too-many-images', M.tooManyImages(MAX_IMAGES_PER_TURN));
  }
  if (!text.trim() && images.length === 0) {
    throw new ConversationError('empty-question', M.emptyQuestion);
  }
}

/** With turns replaced, the title following the first question unless renamed. */
function withTurns(c: Conversation, turns: Turn[], now: number): Conversation {
  const first = turns.find((t): t is UserTurn => t.role === 'user');
  const title = c.renamed ? c.title : titleFrom(first?.text ?? '');
  return { ...c, turns, title, updatedAt: now };
}

/** Add a question (its images in the order given). Refused while an answer is arriving. */
export function ask(
  c: Conversation,
  text: string,
  images: readonly ImageRef[] = [],
  now = Date.now(),
): Conversation {
  if (streaming(c)) throw new ConversationError('busy', M.busy);
  checkQuestion(text, images);
  const turn: UserTurn = { role: 'user', id: newId(), text, images: [...images], at: now };
  return withTurns(c, [...c.turns, turn], now);
}

/** Open an (empty) answer to the last question, from `model`. */
export function startAnswer(c: Conversation, model: string, now = Date.now()): Conversation {
  if (c.turns.at(-1)?.role !== 'user') throw new ConversationError('busy', M.busy);
  const turn: ModelTurn = {
    role: 'model',
    id: newId(),
    parts: [],
    meta: { model, state: 'streaming' },
    at: now,
  };
  return withTurns(c, [...c.turns, turn], now);
}

/** Replace the answer being received (the last turn) with `change(turn)`. */
function updateAnswer(c: Conversation, change: (t: ModelTurn) => ModelTurn): Conversation {
  const last = streaming(c);
  if (!last) return c;
  return { ...c, turns: [...c.turns.slice(0, -1), change(last)] };
}

/**
 * Add parts of the answer exactly as they arrived (a streamed answer comes in many small
 * parts; a `thoughtSignature` may ride on any of them, even one with empty text).
 */
export function receiveParts(c: Conversation, parts: readonly ContentPart[]): Conversation {
  if (parts.length === 0) return c;
  return updateAnswer(c, (t) => ({ ...t, parts: [...t.parts, ...parts.map((p) => ({ ...p }))] }));
}

/** How the answer ended: what to keep beside it. */
export interface AnswerEnd {
  state: Exclude<AnswerMeta['state'], 'streaming'>;
  usage?: Usage;
  context?: AnswerMeta['context'];
  modelVersion?: string;
  durationMs?: number;
  finishReason?: string;
  finishMessage?: string;
  error?: { kind: string; message?: string };
}

/** Close the answer being received; what arrived so far is kept whatever the ending. */
export function endAnswer(c: Conversation, end: AnswerEnd, now = Date.now()): Conversation {
  const next = updateAnswer(c, (t) => {
    const meta: AnswerMeta = { ...t.meta };
    for (const [k, v] of Object.entries(end)) if (v !== undefined) Object.assign(meta, { [k]: v });
    return { ...t, meta };
  });
  return next === c ? c : { ...next, updatedAt: now };
}

/** The index of the last question, or -1. */
function lastQuestionIndex(c: Conversation): number {
  return c.turns.findLastIndex((t) => t.role === 'user');
}

/**
 * Edit the last question: its text (and, if given, its images) change, and the answer it had
 * is dropped, so the next request sends the edited question in place of the old one.
 */
export function editLastQuestion(
  c: Conversation,
  text: string,
  images?: readonly ImageRef[],
  now = Date.now(),
): Conversation {
  if (streaming(c)) throw new ConversationError('busy', M.busy);
  const i = lastQuestionIndex(c);
  if (i < 0) throw new ConversationError('nothing-to-edit', M.noQuestionToEdit);
  const old = c.turns[i] as UserTurn;
  const nextImages = images ? [...images] : old.images;
  checkQuestion(text, nextImages);
  const edited: UserTurn = { ...old, text, images: nextImages, at: now };
  return withTurns(c, [...c.turns.slice(0, i), edited], now);
}

/**
 * Retry an answer: it and every turn after it are dropped, leaving its question last, ready
 * to be sent again. Without an id, the last answer.
 */
export function retry(c: Conversation, answerId?: string, now = Date.now()): Conversation {
  if (streaming(c)) throw new ConversationError('busy', M.busy);
  const i =
    answerId === undefined
      ? c.turns.findLastIndex((t) => t.role === 'model')
      : c.turns.findIndex((t) => t.role === 'model' && t.id === answerId);
  if (i < 0) throw new ConversationError('nothing-to-retry', M.noAnswerToRetry);
  return withTurns(c, c.turns.slice(0, i), now);
}

/** Rename (an empty name goes back to the first question). */
export function rename(c: Conversation, title: string, now = Date.now()): Conversation {
  const t = title.trim();
  if (!t) return withTurns({ ...c, renamed: false }, c.turns, now);
  return { ...c, title: t, renamed: true, updatedAt: now };
}

/** The answer text of a model turn: its non-thought text parts, in order. */
export function answerText(turn: ModelTurn): string {
  return turn.parts
    .filter((p) => !p.thought && typeof p.text === 'string')
    .map((p) => p.text)
    .join('');
}

/** The thought summaries of a model turn, kept apart from the answer. */
export function thoughtText(turn: ModelTurn): string {
  return turn.parts
    .filter((p) => p.thought === true && typeof p.text === 'string')
    .map((p) => p.text)
    .join('');
}

/** Every image hash a conversation uses, each once, in first-use order. */
export function imageHashes(c: Conversation): string[] {
  const seen = new Set<string>();
  for (const t of c.turns) if (t.role === 'user') for (const i of t.images) seen.add(i.hash);
  return [...seen];
}
