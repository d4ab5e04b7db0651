/**
 * The conversation model: plain, JSON-serialisable data (no Blobs, no DOM), so the same
 * object is what the Ask view shows, what `contents` is built from and what History stores.
 * Images are referenced by the SHA-256 of their bytes; their bytes live elsewhere (memory
 * while asking, IndexedDB in History), once each however many turns use them.
 */
import type { ContextUse } from '../gemini/device.ts';
import type { ContentPart, Usage } from '../gemini/types.ts';
import type { FoundBox } from '../boxes/types.ts';

/** The most images one question may carry. */
export const MAX_IMAGES_PER_TURN = 16;

/** An image used by a turn: its content hash and what is needed to send or show it. */
export interface ImageRef {
  /** SHA-256 of the bytes as sent, lowercase hex (64 characters). */
  hash: string;
  mimeType: string;
  /** Size of the bytes as sent. */
  bytes: number;
  /** A name to show (the file name or the sample's name), if there is one. */
  name?: string;
}

/** A person's question: its images in the order shown, then its text. */
export interface UserTurn {
  role: 'user';
  id: string;
  text: string;
  images: ImageRef[];
  /** When it was asked (ms since the epoch). */
  at: number;
}

/** How an answer ended, or that it is still arriving. */
export type AnswerState = 'streaming' | 'done' | 'stopped' | 'error';

/** What the UI shows under an answer. */
export interface AnswerMeta {
  /** The model asked (as chosen), and the version that answered when the API said. */
  model: string;
  modelVersion?: string;
  usage?: Usage;
  /** The model on this device: its context window use, in place of tokens. */
  context?: ContextUse;
  /** From the question being sent to the last piece of the answer. */
  durationMs?: number;
  state: AnswerState;
  /** The API's finish reason (`STOP`, `SAFETY`, …) and message, as received. */
  finishReason?: string;
  finishMessage?: string;
  /** Why it failed, in a form that survives storage (`GeminiErrorKind` and its text). */
  error?: { kind: string; message?: string };
  /**
   * The boxes a "Find" answer drew (parsed from its JSON text), with the SHA-256 of the image
   * they were found in, so that the stage draws them again over that image when the
   * conversation is reopened.
   */
  boxes?: TurnBoxes;
}

/** Boxes found by one answer, and the image they belong to. */
export interface TurnBoxes {
  /** SHA-256 of the image (as sent) the boxes were found in. */
  image: string;
  /** What "Find" asked for, as the person typed it. */
  find: string;
  /** The valid boxes, in Gemini's 0–1000 coordinates. */
  found: FoundBox[];
}

/** An answer: the model's parts exactly as received (thought summaries included, apart). */
export interface ModelTurn {
  role: 'model';
  id: string;
  parts: ContentPart[];
  meta: AnswerMeta;
  at: number;
}

/** One turn of a conversation. */
export type Turn = UserTurn | ModelTurn;

/** A whole conversation, newest turn last. */
export interface Conversation {
  id: string;
  /** The first question's first line, unless the person renamed it. */
  title: string;
  /** True once the person renamed it: the title no longer follows the first question. */
  renamed: boolean;
  createdAt: number;
  updatedAt: number;
  turns: Turn[];
}
