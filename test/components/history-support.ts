/**
 * What the History tests share: a fresh database per test, images made in Chromium, and
 * conversations built with the real conversation model.
 */
import { openDB } from 'idb';
import {
  ask,
  endAnswer,
  newConversation,
  receiveParts,
  sha256Hex,
  startAnswer,
  type Conversation,
  type ImageRef,
} from '../../src/lib/conversation/index.ts';
import { openHistory, type HistoryOptions, type HistoryStore } from '../../src/platform/history.ts';

/** A PNG of one colour (each colour gives different bytes), with its ref and Blob. */
export async function pngImage(
  colour: string,
  width = 320,
  height = 200,
): Promise<{ ref: ImageRef; blob: Blob; bytes: Uint8Array<ArrayBuffer> }> {
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D context');
  ctx.fillStyle = colour;
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = '#000';
  ctx.fillRect(10, 10, width / 3, height / 3);
  const blob = await canvas.convertToBlob({ type: 'image/png' });
  const bytes = new Uint8Array(await blob.arrayBuffer());
  const hash = await sha256Hex(bytes);
  return {
    ref: { hash, mimeType: 'image/png', bytes: bytes.length, name: `${colour}.png` },
    blob,
    bytes,
  };
}

/** A conversation of question/answer pairs, each question carrying `images[i]` (if any). */
export function conversationOf(
  questions: { text: string; images?: ImageRef[]; answer?: string }[],
  at = 1000,
): Conversation {
  let c = newConversation(at);
  let t = at;
  for (const q of questions) {
    c = ask(c, q.text, q.images ?? [], ++t);
    c = startAnswer(c, 'gemini-2.5-flash', ++t);
    c = receiveParts(c, [{ text: q.answer ?? `Answer to ${q.text}` }]);
    c = endAnswer(c, { state: 'done', finishReason: 'STOP', durationMs: 900 }, ++t);
  }
  return c;
}

/** A store on a database of its own, closed and deleted after the test by `cleanup`. */
export function freshStores(): {
  open(options?: HistoryOptions): Promise<HistoryStore>;
  dbName: string;
  cleanup(): Promise<void>;
} {
  const dbName = `glimpse-history-test-${crypto.randomUUID()}`;
  const opened: HistoryStore[] = [];
  return {
    dbName,
    async open(options = {}) {
      const store = await openHistory({ dbName, keepHistory: () => true, ...options });
      opened.push(store);
      return store;
    },
    async cleanup() {
      for (const s of opened) s.close();
      await new Promise<void>((resolve) => {
        const req = indexedDB.deleteDatabase(dbName);
        req.onsuccess = req.onerror = req.onblocked = () => resolve();
      });
    },
  };
}

/** Read every store of the database directly, bypassing HistoryStore. */
export async function readDatabase(dbName: string): Promise<{
  conversations: { id: string }[];
  summaries: { id: string; images: string[] }[];
  images: { hash: string; blob: Blob }[];
  thumbnails: { hash: string; url: string }[];
}> {
  const db = await openDB(dbName);
  try {
    const [conversations, summaries, images, thumbnails] = await Promise.all([
      db.getAll('conversations'),
      db.getAll('summaries'),
      db.getAll('images'),
      db.getAll('thumbnails'),
    ]);
    return { conversations, summaries, images, thumbnails };
  } finally {
    db.close();
  }
}
