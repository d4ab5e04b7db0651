/**
 * "Find" as a turn of the conversation: the question it shows ("Find: …"), the request it
 * sends (the JSON prompt and response schema in place of that question), the boxes it keeps
 * with its answer, and which boxes the stage draws over an image. DOM-free.
 */
import type { AskOptions, TurnContent } from '../gemini/types.ts';
import type { Conversation, ModelTurn, Turn, TurnBoxes } from '../conversation/types.ts';
import { parseBoxes, type BoxProblem } from './parse.ts';
import { cutListHead } from './cut-list.ts';
import { FIND_SUGGESTIONS, boxesGenerationConfig, findPrompt } from './request.ts';
import { boxToRect } from './geometry.ts';
import type { FoundBox, Size } from './types.ts';

/** A Find about to be sent: what the person asked for, and the image it is about. */
export interface FindAsk {
  /** What to find, as typed (or a suggestion). */
  what: string;
  /** SHA-256 of the image (as sent) the boxes will belong to. */
  image: string;
}

/** What the person typed, or the first suggestion when they typed nothing. */
export function findWhat(typed: string): string {
  return typed.trim() || FIND_SUGGESTIONS[0];
}

/** The question a Find shows in the conversation. */
export function findQuestion(what: string): string {
  return `Find: ${findWhat(what)}`;
}

/**
 * The contents to send for a Find: the conversation as built, with the last question's text
 * (its "Find: …") replaced by the prompt that asks for the JSON list. Earlier turns stay.
 */
export function withFindPrompt(contents: readonly TurnContent[], what: string): TurnContent[] {
  const out = contents.map((c) => ({ ...c, parts: [...c.parts] }));
  const last = out.at(-1);
  if (last?.role !== 'user') return out;
  const i = last.parts.findLastIndex((p) => typeof p.text === 'string');
  const text = { text: findPrompt(findWhat(what)) };
  if (i >= 0) last.parts[i] = text;
  else last.parts.push(text);
  return out;
}

/** The request options for a Find: the person's own, plus JSON and the box schema. */
export function findOptions(options: AskOptions): AskOptions {
  return {
    ...options,
    responseMimeType: boxesGenerationConfig.responseMimeType,
    responseSchema: boxesGenerationConfig.responseSchema,
  };
}

/**
 * The boxes to keep with a Find's answer, from its text; of one `stopped` part-way, the
 * boxes sent whole before it stopped.
 */
export function turnBoxes(text: string, find: FindAsk, stopped = false): TurnBoxes {
  const list = stopped ? (cutListHead(text) ?? text) : text;
  return { image: find.image, find: findWhat(find.what), found: parseBoxes(list).boxes };
}

/** The answer `answerId` of `c` was stopped part-way. */
function stoppedIn(c: Conversation, answerId: string): boolean {
  return c.turns.some((t) => t.role === 'model' && t.id === answerId && t.meta.state === 'stopped');
}

/** The conversation with `boxes` kept on the answer `answerId`. */
export function withTurnBoxes(c: Conversation, answerId: string, boxes: TurnBoxes): Conversation {
  return {
    ...c,
    turns: c.turns.map((t) =>
      t.role === 'model' && t.id === answerId ? { ...t, meta: { ...t.meta, boxes } } : t,
    ),
  };
}

/** Keeps the boxes found in `text` on the answer `answerId`. */
export type KeepBoxes = (c: Conversation, answerId: string, text: string) => Conversation;

/**
 * What the conversation needs to send a Find and keep its boxes, made where the boxes code is
 * loaded (so the first view's controller imports none of it).
 */
export interface FindRequest {
  /** The question shown in the conversation: "Find: …". */
  question: string;
  /**
   * For the question about to be sent: when it is still this Find (not edited into another
   * question), put the JSON prompt, JSON and the box schema into `request`, and give back
   * how to keep the boxes of the answer; otherwise leave `request` as it is.
   */
  shape(
    request: { contents: TurnContent[]; options: AskOptions },
    question: Turn,
  ): KeepBoxes | undefined;
}

/** The request for a Find of `find.what` in the image `find.image`. */
export function findRequest(find: FindAsk): FindRequest {
  const question = findQuestion(find.what);
  return {
    question,
    shape(request, turn) {
      if (turn.role !== 'user' || turn.text !== question) return undefined;
      request.contents = withFindPrompt(request.contents, find.what);
      request.options = findOptions(request.options);
      return (c, answerId, text) =>
        withTurnBoxes(c, answerId, turnBoxes(text, find, stoppedIn(c, answerId)));
    },
  };
}

/** What the stage and the Find bar show for an image: the boxes, and what went wrong. */
export interface FindState {
  /** The valid boxes, in 0–1000 coordinates. */
  boxes: FoundBox[];
  /** What was wrong with the answer, if anything (words in `messages.ts`). */
  problems: BoxProblem[];
  /** What was asked for. */
  find: string;
  /** The answer it came from. */
  answerId: string;
}

/** The text of an answer, thought summaries left out. */
function textOf(turn: ModelTurn): string {
  return turn.parts
    .filter((p) => p.thought !== true && typeof p.text === 'string')
    .map((p) => p.text)
    .join('');
}

/** One state per answer, so the stage sees the same boxes (and keeps its selection). */
const states = new WeakMap<ModelTurn, FindState>();

/**
 * The newest Find answer about an image known by any of `imageHashes` (the bytes planned to
 * send, and the bytes given: a conversation reopened from History gives back the bytes that
 * were sent): the boxes kept with it (checked again, since they may come back from storage or
 * an import) and what was wrong with its text.
 */
export function findStateOf(
  c: Conversation | undefined,
  ...imageHashes: string[]
): FindState | undefined {
  const hashes = imageHashes.filter(Boolean);
  if (!c || !hashes.length) return undefined;
  for (let i = c.turns.length - 1; i >= 0; i--) {
    const t = c.turns[i];
    const kept = t.role === 'model' ? t.meta.boxes : undefined;
    if (t.role !== 'model' || !kept || !hashes.includes(kept.image)) continue;
    let state = states.get(t);
    if (!state) {
      state = {
        boxes: parseBoxes(JSON.stringify(kept.found ?? [])).boxes,
        // Stopped part-way: what was wrong with the boxes sent whole (the rest never came).
        problems:
          t.meta.state === 'stopped'
            ? parseBoxes(cutListHead(textOf(t)) ?? textOf(t)).problems.filter(
                (p) => p.kind !== 'empty',
              )
            : parseBoxes(textOf(t)).problems,
        find: kept.find,
        answerId: t.id,
      };
      states.set(t, state);
    }
    return state;
  }
  return undefined;
}

/** A box in whole pixels of an image of `size` (what "Copy boxes as JSON" gives). */
export interface PixelBox {
  label: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The boxes in whole pixels of the original image (as shown, EXIF orientation applied). */
export function boxesInPixels(boxes: readonly FoundBox[], size: Size): PixelBox[] {
  return boxes.map((b) => {
    const r = boxToRect(b.box_2d, size);
    const x = Math.round(r.x);
    const y = Math.round(r.y);
    return {
      label: b.label,
      x,
      y,
      width: Math.round(r.x + r.width) - x,
      height: Math.round(r.y + r.height) - y,
    };
  });
}
