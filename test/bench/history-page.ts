/**
 * What the History bench runs in the page, bundled by history.bench.ts: the store itself,
 * the conversation model, and the seeding and raw-IndexedDB baselines it is measured against.
 */
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
import { openHistory, type HistoryStore } from '../../src/platform/history.ts';

/** A PNG of `width`×`height` with noise, so it does not compress to nothing. */
async function noisyPng(seed: number, width: number, height: number) {
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D;
  const pixels = ctx.createImageData(width, height);
  let x = seed * 2654435761;
  for (let i = 0; i < pixels.data.length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    pixels.data[i] = i % 4 === 3 ? 255 : (x >>> 24) & 0xf0;
  }
  ctx.putImageData(pixels, 0, 0);
  const blob = await canvas.convertToBlob({ type: 'image/png' });
  const hash = await sha256Hex(await blob.arrayBuffer());
  const ref: ImageRef = { hash, mimeType: 'image/png', bytes: blob.size };
  return { ref, blob };
}

const ANSWER = 'A **chart** of an index:\n\n- rises in spring\n- falls in autumn\n\n'.repeat(8);

/** A conversation of `pairs` question/answer pairs, question i carrying `imageOf(i)`. */
function conversation(pairs: number, imageOf: (i: number) => ImageRef[], at: number): Conversation {
  let c = newConversation(at);
  for (let i = 0; i < pairs; i++) {
    c = ask(c, `Question ${i}: what does this image show, in detail?`, imageOf(i), at);
    c = startAnswer(c, 'gemini-2.5-flash', at);
    c = receiveParts(c, [{ text: ANSWER, thoughtSignature: 'c2lnbmF0dXJl'.repeat(20) }]);
    const usage = { promptTokens: 300, answerTokens: 90, thoughtsTokens: 0, totalTokens: 390 };
    c = endAnswer(c, { state: 'done', finishReason: 'STOP', durationMs: 1200, usage }, at);
  }
  return c;
}

/** `count` conversations of 2 turns each over 10 shared images, written as one import. */
export async function seedMany(dbName: string, count: number): Promise<HistoryStore> {
  const store = await openHistory({ dbName, keepHistory: () => true });
  const images = await Promise.all(Array.from({ length: 10 }, (_, i) => noisyPng(i, 400, 300)));
  const conversations = Array.from({ length: count }, (_, i) =>
    conversation(1, () => [images[i % 10].ref], 1_700_000_000_000 + i * 1000),
  );
  const bytes = await Promise.all(
    images.map(async (i) => ({ ...i.ref, bytes: new Uint8Array(await i.blob.arrayBuffer()) })),
  );
  await store.addAll(conversations, bytes);
  return store;
}

/** One 100-turn conversation (50 questions, 50 answers) over 20 images; returns its id. */
export async function seedLong(store: HistoryStore): Promise<string> {
  const images = await Promise.all(
    Array.from({ length: 20 }, (_, i) => noisyPng(100 + i, 800, 600)),
  );
  const c = conversation(50, (i) => (i < 20 ? [images[i].ref] : []), 1_800_000_000_000);
  await store.save(c, new Map(images.map((i) => [i.ref.hash, i.blob])));
  return c.id;
}

/** The baseline for the list: the same summary rows, read raw (no wrapper, no order). */
export function rawSummaries(dbName: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(dbName);
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const get = db.transaction('summaries').objectStore('summaries').getAll();
      get.onsuccess = () => {
        db.close();
        resolve((get.result as unknown[]).length);
      };
      get.onerror = () => reject(get.error);
    };
  });
}

/** The baseline for opening: the record and its images read raw, in one transaction. */
export function rawOpen(dbName: string, id: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(dbName);
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction(['conversations', 'images']);
      const get = tx.objectStore('conversations').get(id);
      let images = 0;
      get.onsuccess = () => {
        const c = get.result as Conversation;
        const hashes = new Set<string>();
        for (const t of c.turns)
          if (t.role === 'user') for (const i of t.images) hashes.add(i.hash);
        for (const h of hashes) {
          tx.objectStore('images').get(h).onsuccess = () => images++;
        }
      };
      tx.oncomplete = () => {
        db.close();
        resolve(images);
      };
      tx.onerror = () => reject(tx.error);
    };
  });
}

/** Storage of one image used in 10 turns: bytes the browser reports, and the blob bytes. */
export async function storageOfOneImage(dbName: string) {
  const image = await noisyPng(7, 1200, 900);
  const before = (await navigator.storage.estimate()).usage ?? 0;
  const store = await openHistory({ dbName, keepHistory: () => true });
  const c = conversation(10, () => [image.ref], 1_900_000_000_000);
  await store.save(c, new Map([[image.ref.hash, image.blob]]));
  const after = (await navigator.storage.estimate()).usage ?? 0;
  const { images } = await store.everything();
  store.close();
  return {
    imageBytes: image.blob.size,
    storedImageBytes: images.reduce((n, i) => n + i.bytes.length, 0),
    usageDelta: after - before,
    recordBytes: new TextEncoder().encode(JSON.stringify(c)).length,
  };
}

export { openHistory };
