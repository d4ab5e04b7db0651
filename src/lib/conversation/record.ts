/**
 * What History stores for a conversation, and the checks that let anything read back from
 * IndexedDB or an import file be trusted as a Conversation (a malformed one is refused
 * whole, never half-read).
 */
import type { ContentPart } from '../gemini/types.ts';
import { ConversationError } from './errors.ts';
import { isSha256Hex } from './hash.ts';
import { CONVERSATION_MESSAGES as M } from './messages.ts';
import {
  MAX_IMAGES_PER_TURN,
  type AnswerMeta,
  type Conversation,
  type ImageRef,
  type Turn,
} from './types.ts';

/** Version of the stored shape; a reader refuses records newer than it understands. */
export const RECORD_VERSION = 1;

/** A conversation as stored: the same data, plain JSON, with its shape's version. */
export interface ConversationRecord extends Conversation {
  v: number;
}

/** The record to store (a deep copy, so later changes to `c` do not reach it). */
export function toRecord(c: Conversation): ConversationRecord {
  return { ...(JSON.parse(JSON.stringify(c)) as Conversation), v: RECORD_VERSION };
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isStr = (v: unknown): v is string => typeof v === 'string';

function fail(where: string): never {
  throw new ConversationError('bad-import', M.importMalformed(where));
}

function imageRef(v: unknown, where: string): ImageRef {
  if (!isObj(v) || !isSha256Hex(v.hash) || !isStr(v.mimeType) || !isNum(v.bytes) || v.bytes < 0) {
    fail(where);
  }
  if (v.name !== undefined && !isStr(v.name)) fail(where);
  const ref: ImageRef = { hash: v.hash, mimeType: v.mimeType, bytes: v.bytes };
  if (isStr(v.name)) ref.name = v.name;
  return ref;
}

function part(v: unknown, where: string): ContentPart {
  if (!isObj(v)) fail(where);
  if (v.text !== undefined && !isStr(v.text)) fail(where);
  if (v.thought !== undefined && typeof v.thought !== 'boolean') fail(where);
  if (v.thoughtSignature !== undefined && !isStr(v.thoughtSignature)) fail(where);
  // Other fields are kept as received: the API may add some, and they go back unchanged.
  return v as ContentPart;
}

const STATES = new Set(['streaming', 'done', 'stopped', 'error']);

function meta(v: unknown, where: string): AnswerMeta {
  if (!isObj(v) || !isStr(v.model) || !isStr(v.state) || !STATES.has(v.state)) fail(where);
  for (const k of ['modelVersion', 'finishReason', 'finishMessage'] as const) {
    if (v[k] !== undefined && !isStr(v[k])) fail(where);
  }
  if (v.durationMs !== undefined && !isNum(v.durationMs)) fail(where);
  if (v.usage !== undefined) {
    const u = v.usage;
    if (!isObj(u)) fail(where);
    for (const k of ['promptTokens', 'answerTokens', 'thoughtsTokens', 'totalTokens']) {
      if (!isNum(u[k])) fail(where);
    }
  }
  if (v.error !== undefined && (!isObj(v.error) || !isStr(v.error.kind))) fail(where);
  // A saved answer that was still arriving when the tab closed did not finish.
  return {
    ...(v as unknown as AnswerMeta),
    state: v.state === 'streaming' ? 'stopped' : (v.state as AnswerMeta['state']),
  };
}

function turn(v: unknown, where: string): Turn {
  if (!isObj(v) || !isStr(v.id) || !isNum(v.at)) fail(where);
  if (v.role === 'user') {
    if (!isStr(v.text) || !Array.isArray(v.images) || v.images.length > MAX_IMAGES_PER_TURN) {
      fail(where);
    }
    const images = v.images.map((i, n) => imageRef(i, `${where}, image ${n + 1}`));
    return { role: 'user', id: v.id, text: v.text, images, at: v.at };
  }
  if (v.role === 'model') {
    if (!Array.isArray(v.parts)) fail(where);
    const parts = v.parts.map((p, n) => part(p, `${where}, part ${n + 1}`));
    return { role: 'model', id: v.id, parts, meta: meta(v.meta, where), at: v.at };
  }
  fail(where);
}

/**
 * Read a stored or imported conversation, checking every field; throws a `bad-import`
 * ConversationError naming where it is malformed. `where` names it in that message.
 */
export function parseConversation(v: unknown, where = 'a conversation'): Conversation {
  if (!isObj(v) || !isStr(v.id) || !v.id || !isStr(v.title) || !isNum(v.createdAt)) fail(where);
  if (!isNum(v.updatedAt) || !Array.isArray(v.turns)) fail(where);
  if (v.v !== undefined && (!isNum(v.v) || v.v > RECORD_VERSION)) fail(where);
  const turns = v.turns.map((t, n) => turn(t, `${where}, turn ${n + 1}`));
  return {
    id: v.id,
    title: v.title,
    renamed: v.renamed === true,
    createdAt: v.createdAt,
    updatedAt: v.updatedAt,
    turns,
  };
}
