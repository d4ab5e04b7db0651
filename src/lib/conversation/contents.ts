/**
 * What to send: `contents` built from every turn (`user` / `model` roles, each image in the
 * turn that carried it, model parts as received but thought summaries never sent), and the
 * 20 MB inline limit checked over the whole request before anything is encoded.
 */
import type { ContentPart, TurnContent } from '../gemini/types.ts';
import { base64Length } from '../image/base64.ts';
import { MAX_REQUEST_BYTES } from '../image/limits.ts';
import { ConversationError } from './errors.ts';
import { CONVERSATION_MESSAGES as M } from './messages.ts';
import { titleFrom } from './title.ts';
import type { Conversation, ModelTurn, Turn, UserTurn } from './types.ts';

/** The bare base64 of an image by its hash, or undefined when it is not at hand. */
export type ImageDataOf = (hash: string) => string | undefined;

/**
 * The parts of an answer to send back: every part as received, except thought summaries.
 * A summary that carries the turn's `thoughtSignature` leaves the signature behind in an
 * empty text part (the shape the API itself streams), because Gemini 3 may refuse a
 * follow-up whose signatures were dropped.
 */
export function partsToSend(turn: ModelTurn): ContentPart[] {
  const out: ContentPart[] = [];
  for (const part of turn.parts) {
    if (part.thought !== true) out.push(part);
    else if (typeof part.thoughtSignature === 'string') {
      out.push({ text: '', thoughtSignature: part.thoughtSignature });
    }
  }
  return out;
}

function userParts(turn: UserTurn, dataOf: ImageDataOf): ContentPart[] {
  const parts: ContentPart[] = turn.images.map((image) => {
    const data = dataOf(image.hash);
    if (data === undefined) throw new ConversationError('not-found', M.imageMissing);
    return { inlineData: { mimeType: image.mimeType, data } };
  });
  if (turn.text) parts.push({ text: turn.text });
  return parts;
}

/**
 * `contents` for the next request: all turns in order. An answer that brought nothing
 * (failed before any part) is left out, and questions then side by side go in one `user`
 * turn, since the API expects the roles to alternate.
 */
export function buildContents(c: Conversation, dataOf: ImageDataOf): TurnContent[] {
  const out: TurnContent[] = [];
  for (const turn of c.turns) {
    const parts = turn.role === 'user' ? userParts(turn, dataOf) : partsToSend(turn);
    if (parts.length === 0) continue;
    const last = out.at(-1);
    if (last?.role === turn.role) last.parts.push(...parts);
    else out.push({ role: turn.role, parts });
  }
  return out;
}

// JSON around each part and the body (roles, keys, generationConfig), generously.
const PART_OVERHEAD = 64;
const ENVELOPE_BYTES = 4096;

const jsonBytes = (value: unknown): number =>
  new TextEncoder().encode(JSON.stringify(value)).length;

/** Bytes one turn takes in the request, images as base64, without encoding any image. */
function turnBytes(turn: Turn): number {
  if (turn.role === 'model') {
    return partsToSend(turn).reduce((n, p) => n + jsonBytes(p) + PART_OVERHEAD, 0);
  }
  const images = turn.images.reduce(
    (n, i) => n + base64Length(i.bytes) + jsonBytes(i.mimeType) + PART_OVERHEAD,
    0,
  );
  return images + jsonBytes(turn.text) + PART_OVERHEAD;
}

/** Bytes the next request for this conversation takes on the wire (an upper estimate). */
export function requestBytes(c: Conversation): number {
  return c.turns.reduce((n, t) => n + turnBytes(t), ENVELOPE_BYTES);
}

/** What to offer when a request is too large. */
export type SizeRemedy =
  /** The last question alone fits: offer "New conversation with this image". */
  | 'new-conversation'
  /** Even alone it does not fit: remove images or use smaller ones. */
  | 'smaller-images';

/** The result of checking a request against the inline limit. */
export type SizeCheck =
  | { ok: true; bytes: number; limit: number }
  | {
      ok: false;
      bytes: number;
      limit: number;
      remedy: SizeRemedy;
      /** The message to show, from the table. */
      error: ConversationError;
    };

/** Does the next request (every turn, images included) fit Gemini's 20 MB inline limit? */
export function checkRequestSize(c: Conversation, limit = MAX_REQUEST_BYTES): SizeCheck {
  const bytes = requestBytes(c);
  if (bytes <= limit) return { ok: true, bytes, limit };
  const alone = requestBytes(startAfreshWith(c, c.updatedAt));
  const fits = alone <= limit && c.turns.length > 1;
  const message = fits ? M.conversationTooLarge(bytes, limit) : M.questionTooLarge(alone, limit);
  return {
    ok: false,
    bytes,
    limit,
    remedy: fits ? 'new-conversation' : 'smaller-images',
    error: new ConversationError('too-large', message),
  };
}

/**
 * "New conversation with this image": a new conversation holding only the last question
 * (its text and images), ready to send.
 */
export function startAfreshWith(c: Conversation, now = Date.now()): Conversation {
  const last = c.turns.findLast((t): t is UserTurn => t.role === 'user');
  const turns = last ? [{ ...last, at: now }] : [];
  return {
    id: crypto.randomUUID(),
    title: titleFrom(last?.text ?? ''),
    renamed: false,
    createdAt: now,
    updatedAt: now,
    turns,
  };
}
