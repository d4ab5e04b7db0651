import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CONVERSATION_MESSAGES as M,
  ConversationError,
  ask,
  type Conversation,
} from '../../src/lib/conversation/index.ts';
import type { HistoryChange, StorageLike } from '../../src/platform/history.ts';
import { conversationOf, freshStores, pngImage, readDatabase } from './history-support.ts';

let stores: ReturnType<typeof freshStores>;
beforeEach(() => {
  stores = freshStores();
});
afterEach(() => stores.cleanup());

const sorted = (xs: string[]) => [...xs].sort();

/** The ConversationError a promise rejects with. */
async function rejection(p: Promise<unknown>): Promise<ConversationError> {
  const e = await p.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(e).toBeInstanceOf(ConversationError);
  return e as ConversationError;
}

describe('History in IndexedDB (real Chromium)', () => {
  it('saves, lists newest first with a thumbnail, opens with its images, and renames', async () => {
    const red = await pngImage('#d00');
    const blue = await pngImage('#00d');
    const store = await stores.open();
    const older = conversationOf([{ text: 'What is red?', images: [red.ref] }], 1000);
    const newer = conversationOf([{ text: 'And blue?\nsecond line', images: [blue.ref] }], 5000);
    expect(await store.save(older, new Map([[red.ref.hash, red.blob]]))).toBe('saved');
    expect(await store.save(newer, new Map([[blue.ref.hash, blue.blob]]))).toBe('saved');

    const list = await store.list();
    expect(list.map((e) => [e.title, e.createdAt, e.turnCount])).toEqual([
      ['And blue?', 5000, 2],
      ['What is red?', 1000, 2],
    ]);
    // Each row's thumbnail is a small JPEG Chromium can show, long side 96 px, of its image.
    const thumbs = await store.thumbnails(list);
    expect([...thumbs.keys()]).toEqual([newer.id, older.id]);
    const img = new Image();
    img.src = thumbs.get(newer.id) as string;
    await img.decode();
    expect(img.src).toMatch(/^data:image\/jpeg;base64,/);
    expect([img.naturalWidth, img.naturalHeight]).toEqual([96, 60]);
    const canvas = new OffscreenCanvas(96, 60);
    const ctx = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D;
    ctx.drawImage(img, 0, 0);
    const [r, g, b] = ctx.getImageData(80, 50, 1, 1).data;
    expect(b).toBeGreaterThan(150); // blue, as the image it was made from
    expect(r + g).toBeLessThan(60);
    expect(await store.thumbnails([{ ...list[0], thumbnailOf: undefined }])).toEqual(new Map());

    const opened = await store.open(older.id);
    expect(opened.conversation).toEqual(older);
    const bytes = new Uint8Array(await (opened.images.get(red.ref.hash) as Blob).arrayBuffer());
    expect(bytes).toEqual(red.bytes);

    const renamed = await store.rename(older.id, 'Reds');
    expect(renamed.title).toBe('Reds');
    expect((await store.list()).map((e) => e.title)).toEqual(['And blue?', 'Reds']);
    expect((await store.open(older.id)).conversation).toMatchObject({
      title: 'Reds',
      renamed: true,
    });
  });

  it('saves as it goes: each turn updates the same conversation', async () => {
    const store = await stores.open();
    let c = conversationOf([{ text: 'One' }], 1000);
    await store.save(c, new Map());
    c = { ...conversationOf([{ text: 'One' }, { text: 'Two' }], 1000), id: c.id };
    await store.save(c, new Map());
    const list = await store.list();
    expect(list).toHaveLength(1);
    expect(list[0].turnCount).toBe(4);
    expect((await store.open(c.id)).conversation.turns).toHaveLength(4);
  });

  it('stores one image used in 10 turns (and in another conversation) once', async () => {
    const red = await pngImage('#d00');
    const store = await stores.open();
    const turns = Array.from({ length: 10 }, (_, i) => ({ text: `Q${i}`, images: [red.ref] }));
    const a = conversationOf(turns, 1000);
    const b = conversationOf([{ text: 'Again', images: [red.ref] }], 2000);
    const blobs = new Map([[red.ref.hash, red.blob]]);
    await store.save(a, blobs);
    await store.save(b, blobs);
    const db = await readDatabase(stores.dbName);
    expect(db.images).toHaveLength(1);
    expect(db.images[0].hash).toBe(red.ref.hash);
    expect(db.images[0].blob.size).toBe(red.bytes.length);
  });

  it('deletes a conversation with the images no other conversation uses (read from the database)', async () => {
    const red = await pngImage('#d00');
    const blue = await pngImage('#00d');
    const store = await stores.open();
    const a = conversationOf([{ text: 'A', images: [red.ref, blue.ref] }], 1000);
    const b = conversationOf([{ text: 'B', images: [blue.ref] }], 2000);
    const blobs = new Map([
      [red.ref.hash, red.blob],
      [blue.ref.hash, blue.blob],
    ]);
    await store.save(a, blobs);
    await store.save(b, blobs);
    expect(sorted((await readDatabase(stores.dbName)).images.map((i) => i.hash))).toEqual(
      sorted([red.ref.hash, blue.ref.hash]),
    );

    await store.delete(a.id);
    let db = await readDatabase(stores.dbName);
    expect(db.conversations.map((c) => c.id)).toEqual([b.id]);
    expect(db.summaries.map((s) => s.id)).toEqual([b.id]);
    expect(db.images.map((i) => i.hash)).toEqual([blue.ref.hash]);
    // a's thumbnail (of red, its first image) went with red; b's (of blue) stays.
    expect(db.thumbnails.map((t) => t.hash)).toEqual([blue.ref.hash]);

    await store.delete(b.id);
    db = await readDatabase(stores.dbName);
    expect([db.conversations, db.summaries, db.images, db.thumbnails]).toEqual([[], [], [], []]);
    expect(await rejection(store.open(a.id))).toMatchObject({ kind: 'not-found' });
  });

  it('deletes all history', async () => {
    const red = await pngImage('#d00');
    const store = await stores.open();
    await store.save(
      conversationOf([{ text: 'A', images: [red.ref] }]),
      new Map([[red.ref.hash, red.blob]]),
    );
    await store.save(conversationOf([{ text: 'B' }]), new Map());
    await store.deleteAll();
    const db = await readDatabase(stores.dbName);
    expect([db.conversations, db.summaries, db.images, db.thumbnails]).toEqual([[], [], [], []]);
    expect(await store.list()).toEqual([]);
  });

  it('writes nothing when Keep history is off', async () => {
    const red = await pngImage('#d00');
    let keep = false;
    const store = await stores.open({ keepHistory: () => keep });
    const c = conversationOf([{ text: 'Private', images: [red.ref] }]);
    expect(await store.save(c, new Map([[red.ref.hash, red.blob]]))).toBe('off');
    const db = await readDatabase(stores.dbName);
    expect([db.conversations, db.summaries, db.images, db.thumbnails]).toEqual([[], [], [], []]);
    keep = true;
    expect(await store.save(c, new Map([[red.ref.hash, red.blob]]))).toBe('saved');
  });

  it('turns a quota failure into a typed error with a plain message, writing nothing half-way', async () => {
    const red = await pngImage('#d00');
    const blue = await pngImage('#00d');
    let full = false;
    const store = await stores.open({
      beforeCommit() {
        if (full) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      },
    });
    const first = conversationOf([{ text: 'One', images: [red.ref] }], 1000);
    await store.save(first, new Map([[red.ref.hash, red.blob]]));
    full = true;
    const next = ask(first, 'Two', [blue.ref], 3000);
    const copy = structuredClone(next);
    const error = await rejection(store.save(next, new Map([[blue.ref.hash, blue.blob]])));
    expect(error.kind).toBe('quota');
    expect(error.message).toBe(M.quotaExceeded);
    // The caller's conversation is untouched, and History still holds the last good save.
    expect(next).toEqual(copy);
    expect((await store.open(first.id)).conversation).toEqual(first);
    expect((await readDatabase(stores.dbName)).images.map((i) => i.hash)).toEqual([red.ref.hash]);
  });

  it('asks for persistent storage on the first save only, and reports the space used', async () => {
    const calls: string[] = [];
    const storage: StorageLike = {
      persisted: async () => (calls.push('persisted'), false),
      persist: async () => (calls.push('persist'), true),
      estimate: async () => ({ usage: 2_500_000, quota: 100_000_000 }),
    };
    const store = await stores.open({ storage });
    expect(calls).toEqual([]);
    await store.save(conversationOf([{ text: 'A' }]), new Map());
    await store.save(conversationOf([{ text: 'B' }]), new Map());
    await expect.poll(() => calls).toEqual(['persisted', 'persist']);
    expect(await store.spaceUsed()).toEqual({
      usage: 2_500_000,
      quota: 100_000_000,
      text: M.spaceUsed(2_500_000, 100_000_000),
    });
    expect((await store.spaceUsed())?.text).toMatch(/2\.5 MB of 100\.0 MB/);
  });

  it('lets two tabs see each other’s new conversations, without corrupting each other', async () => {
    const tabA = await stores.open();
    const tabB = await stores.open();
    const seenByB: HistoryChange[] = [];
    tabB.onChange((change) => seenByB.push(change));

    const fromA = conversationOf([{ text: 'Saved in tab A' }], 1000);
    await tabA.save(fromA, new Map());
    await expect.poll(() => seenByB).toContainEqual({ kind: 'saved', id: fromA.id, remote: true });
    expect((await tabB.list()).map((e) => e.title)).toEqual(['Saved in tab A']);

    // Both tabs saving at once: each write is one transaction, both arrive whole.
    const many: Conversation[] = Array.from({ length: 10 }, (_, i) =>
      conversationOf([{ text: `Tab ${i % 2 ? 'B' : 'A'} #${i}` }, { text: 'more' }], 2000 + i),
    );
    await Promise.all(many.map((c, i) => (i % 2 ? tabB : tabA).save(c, new Map())));
    const list = await tabA.list();
    expect(list).toHaveLength(11);
    for (const c of many) expect((await tabB.open(c.id)).conversation).toEqual(c);

    await tabB.rename(fromA.id, 'Renamed in B');
    const seenByA: HistoryChange[] = [];
    tabA.onChange((change) => seenByA.push(change));
    await tabB.delete(fromA.id);
    await expect
      .poll(() => seenByA)
      .toContainEqual({ kind: 'deleted', id: fromA.id, remote: true });
  });
});
