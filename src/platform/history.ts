/**
 * History: conversations kept in this browser's IndexedDB, through `idb`. Load it lazily
 * (`await import('…/platform/history.ts')`): nothing here is needed for the first view.
 *
 * Four stores: `conversations` (the full record, images referenced by hash), `summaries`
 * (what the History list paints: title, dates, and the image hashes, so deleting can tell
 * which images nobody uses any more), `images` (each image's Blob, once, keyed by the SHA-256
 * of its bytes) and `thumbnails` (a small one per first image, same key). Every write is one transaction, so a tab that closes
 * mid-save, or two tabs saving at once, never leave a half-written conversation; a
 * BroadcastChannel tells other tabs what changed.
 */
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction } from 'idb';
import { CONVERSATION_MESSAGES as M } from '../lib/conversation/messages.ts';
import { ConversationError } from '../lib/conversation/errors.ts';
import { imageHashes, rename } from '../lib/conversation/model.ts';
import {
  parseConversation,
  toRecord,
  type ConversationRecord,
} from '../lib/conversation/record.ts';
import { type Conversation } from '../lib/conversation/types.ts';
import { type ImageBytes } from '../lib/conversation/archive.ts';
import { loadKeepHistory } from './history-settings.ts';
import { makeThumbnail } from './history-thumbnail.ts';

/** The database's name, and the channel tabs talk on. */
export const HISTORY_DB = 'glimpse-history';
const DB_VERSION = 1;

/** One row of the History list. */
export interface HistoryEntry {
  id: string;
  title: string;
  createdAt: number;
  updatedAt: number;
  /** Questions and answers together. */
  turnCount: number;
  /** The first image's hash: `thumbnails()` gives its thumbnail. None without images. */
  thumbnailOf?: string;
}

/**
 * A thumbnail: a small JPEG as a `data:` URL of a few KB, ready for `<img src>`. Kept in a
 * store of its own, keyed by image hash, and read only for the rows on screen: carried in
 * every list row, 1,000 thumbnails made the list 4 × slower to read
 * (`npm run bench -- history`).
 */
interface ThumbnailRow {
  hash: string;
  url: string;
}

/** What the list paints, plus the image hashes deleting needs. */
interface SummaryRow extends HistoryEntry {
  /** Every image hash the conversation uses (a multi-entry index: who uses this image?). */
  images: string[];
}

/** An image, stored once. */
export interface ImageRow {
  hash: string;
  mimeType: string;
  blob: Blob;
}

interface HistorySchema extends DBSchema {
  conversations: { key: string; value: ConversationRecord };
  summaries: { key: string; value: SummaryRow; indexes: { updatedAt: number; image: string } };
  images: { key: string; value: ImageRow };
  thumbnails: { key: string; value: ThumbnailRow };
}

type StoreName = 'conversations' | 'summaries' | 'images' | 'thumbnails';
const ALL_STORES: StoreName[] = ['conversations', 'summaries', 'images', 'thumbnails'];
type WriteTx = IDBPTransaction<HistorySchema, StoreName[], 'readwrite'>;

/** A conversation opened from History: the conversation and the Blob of each image it uses. */
export interface OpenedConversation {
  conversation: Conversation;
  images: Map<string, Blob>;
}

/** What changed, as told to listeners in this tab and the others. */
export type HistoryChange =
  | { kind: 'saved' | 'renamed' | 'deleted'; id: string; remote: boolean }
  | { kind: 'cleared' | 'imported'; remote: boolean };

/** What `save` did. `off`: Keep history is off, nothing was written. */
export type SaveResult = 'saved' | 'off';

/** The part of `navigator.storage` History uses. */
export type StorageLike = Pick<StorageManager, 'persist' | 'persisted' | 'estimate'>;

/** Options, mostly so tests can use their own database and stand-ins. */
export interface HistoryOptions {
  /** Database name (also the BroadcastChannel's); default {@link HISTORY_DB}. */
  dbName?: string;
  /** Is "Keep history on this device" on? Read at each save; default the stored switch. */
  keepHistory?: () => boolean;
  /** Default `navigator.storage`. */
  storage?: StorageLike;
  /** Default a 96 px JPEG made in an OffscreenCanvas. */
  makeThumbnail?: (image: Blob) => Promise<Blob | undefined>;
  /**
   * Runs inside every write transaction just before it commits; throwing aborts the whole
   * transaction. A test seam for failures (a QuotaExceededError) the browser cannot be made
   * to raise on demand.
   */
  beforeCommit?: (store: StoreName[]) => void;
}

/** Space used by this site (History, the app's cache and the rest), from the browser. */
export interface SpaceUsed {
  usage: number;
  quota: number;
  /** In words, from the message table. */
  text: string;
}

/**
 * A Blob as a `data:` URL (base64). The browser's FileReader, not lib/image/base64.ts: were
 * History's chunk to use that module, the bundler would split it off the first view's chunk
 * into one of its own, a request and about 0.1 KB more for every first visit.
 */
export function dataUrlOf(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.onerror = () => reject(reader.error ?? new Error('unreadable'));
    reader.readAsDataURL(blob);
  });
}

/** A storage failure as the person should read it; the conversation on screen is kept. */
function asHistoryError(error: unknown): ConversationError {
  if (error instanceof ConversationError) return error;
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'QuotaExceededError') {
    return new ConversationError('quota', M.quotaExceeded, { cause: error });
  }
  return new ConversationError('save-failed', M.saveFailed, { cause: error });
}

function summaryOf(c: Conversation): SummaryRow {
  const images = imageHashes(c);
  const row: SummaryRow = {
    id: c.id,
    title: c.title,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    turnCount: c.turns.length,
    images,
  };
  if (images.length) row.thumbnailOf = images[0];
  return row;
}

/** Open History (creating the database the first time). Throws `unavailable` when blocked. */
export async function openHistory(options: HistoryOptions = {}): Promise<HistoryStore> {
  const name = options.dbName ?? HISTORY_DB;
  let db: IDBPDatabase<HistorySchema>;
  try {
    db = await openDB<HistorySchema>(name, DB_VERSION, {
      upgrade(database) {
        database.createObjectStore('conversations', { keyPath: 'id' });
        const summaries = database.createObjectStore('summaries', { keyPath: 'id' });
        summaries.createIndex('updatedAt', 'updatedAt');
        summaries.createIndex('image', 'images', { multiEntry: true });
        database.createObjectStore('images', { keyPath: 'hash' });
        database.createObjectStore('thumbnails', { keyPath: 'hash' });
      },
      // Another tab holds an older version open: let it go, so it never blocks this one.
      blocking() {
        db.close();
      },
    });
  } catch (error) {
    throw new ConversationError('unavailable', M.historyUnavailable, { cause: error });
  }
  return new HistoryStore(db, name, options);
}

/** Conversations on this device. Get one with {@link openHistory}. */
export class HistoryStore {
  private readonly channel: BroadcastChannel | undefined;
  private readonly listeners = new Set<(change: HistoryChange) => void>();
  private persistAsked = false;
  private readonly keepHistory: () => boolean;
  private readonly makeThumbnail: (image: Blob) => Promise<Blob | undefined>;

  /** @internal Use {@link openHistory}. */
  constructor(
    private readonly db: IDBPDatabase<HistorySchema>,
    channelName: string,
    private readonly options: HistoryOptions,
  ) {
    this.keepHistory = options.keepHistory ?? loadKeepHistory;
    this.makeThumbnail = options.makeThumbnail ?? makeThumbnail;
    this.channel =
      typeof BroadcastChannel === 'function' ? new BroadcastChannel(channelName) : undefined;
    this.channel?.addEventListener('message', (event: MessageEvent<HistoryChange>) => {
      this.emit({ ...event.data, remote: true });
    });
  }

  private get storage(): StorageLike | undefined {
    return this.options.storage ?? (typeof navigator === 'object' ? navigator.storage : undefined);
  }

  /** Be told of changes, from this tab (`remote: false`) and others. Returns an unsubscribe. */
  onChange(listener: (change: HistoryChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(change: HistoryChange): void {
    for (const listener of this.listeners) listener(change);
  }

  private tell(change: HistoryChange): void {
    this.emit(change);
    this.channel?.postMessage({ ...change, remote: true });
  }

  /** One write transaction over `stores`: all of `work` is written, or none of it. */
  private async write<T>(stores: StoreName[], work: (tx: WriteTx) => Promise<T>): Promise<T> {
    let tx: WriteTx | undefined;
    try {
      tx = this.db.transaction(stores, 'readwrite');
      const result = await work(tx);
      this.options.beforeCommit?.(stores);
      await tx.done;
      return result;
    } catch (error) {
      try {
        tx?.abort();
      } catch {
        // Already finished or aborted by the failing request itself.
      }
      await tx?.done.catch(() => undefined);
      throw asHistoryError(error);
    }
  }

  /**
   * Save a conversation as it stands (call after each turn). `images` holds the Blob of each
   * image it uses that History may not have yet; each is stored once, keyed by its hash.
   * With Keep history off, nothing is written. Throws a ConversationError (`quota`,
   * `save-failed`) whose message can be shown as it is.
   */
  async save(c: Conversation, images: ReadonlyMap<string, Blob>): Promise<SaveResult> {
    if (!this.keepHistory()) return 'off';
    const hashes = imageHashes(c);
    const first = hashes.at(0);
    // Made before the transaction: awaiting anything but IndexedDB inside one commits it.
    let thumbnail: ThumbnailRow | undefined;
    if (first !== undefined && (await this.db.getKey('thumbnails', first)) === undefined) {
      const source = images.get(first) ?? (await this.db.get('images', first))?.blob;
      if (source) thumbnail = await this.thumbnail(first, source);
    }
    const mimeTypes = new Map<string, string>();
    for (const t of c.turns) {
      if (t.role === 'user') for (const i of t.images) mimeTypes.set(i.hash, i.mimeType);
    }
    await this.write(ALL_STORES, async (tx) => {
      const imageStore = tx.objectStore('images');
      for (const hash of hashes) {
        if ((await imageStore.getKey(hash)) !== undefined) continue;
        const blob = images.get(hash);
        if (!blob) throw new ConversationError('save-failed', M.imageMissing);
        await imageStore.put({ hash, mimeType: mimeTypes.get(hash) ?? blob.type, blob });
      }
      await tx.objectStore('conversations').put(toRecord(c));
      await tx.objectStore('summaries').put(summaryOf(c));
      if (thumbnail) await tx.objectStore('thumbnails').put(thumbnail);
    });
    this.tell({ kind: 'saved', id: c.id, remote: false });
    void this.askPersistOnce();
    return 'saved';
  }

  /** A thumbnail of `image` ready to store, or undefined when it cannot be made. */
  private async thumbnail(hash: string, image: Blob): Promise<ThumbnailRow | undefined> {
    const blob = await this.makeThumbnail(image);
    if (!blob) return undefined;
    return { hash, url: await dataUrlOf(blob) };
  }

  /** The first save asks the browser to keep History through storage pressure. */
  private async askPersistOnce(): Promise<void> {
    if (this.persistAsked) return;
    this.persistAsked = true;
    try {
      if (!(await this.storage?.persisted())) await this.storage?.persist();
    } catch {
      // Not granted or not supported: History still works, it may just be evicted.
    }
  }

  /** The History list: every conversation, newest first. */
  async list(): Promise<HistoryEntry[]> {
    const rows = await this.db.getAllFromIndex('summaries', 'updatedAt');
    const entries: HistoryEntry[] = [];
    for (let i = rows.length - 1; i >= 0; i--) {
      const r = rows[i];
      const entry: HistoryEntry = {
        id: r.id,
        title: r.title,
        createdAt: r.createdAt,
        updatedAt: r.updatedAt,
        turnCount: r.turnCount,
      };
      if (r.thumbnailOf) entry.thumbnailOf = r.thumbnailOf;
      entries.push(entry);
    }
    return entries;
  }

  /**
   * The thumbnails (`data:` URLs) of the given rows, by conversation id: ask for the rows on
   * screen, as they come into view. A row without one is left out.
   */
  async thumbnails(entries: readonly HistoryEntry[]): Promise<Map<string, string>> {
    const tx = this.db.transaction('thumbnails', 'readonly');
    const rows = await Promise.all(
      entries.map((e) => (e.thumbnailOf ? tx.store.get(e.thumbnailOf) : undefined)),
    );
    await tx.done;
    const out = new Map<string, string>();
    entries.forEach((e, i) => {
      const row = rows[i];
      if (row) out.set(e.id, row.url);
    });
    return out;
  }

  /** Open one conversation with its images. Throws `not-found` when it is gone. */
  async open(id: string): Promise<OpenedConversation> {
    const tx = this.db.transaction(['conversations', 'images'], 'readonly');
    const record = await tx.objectStore('conversations').get(id);
    if (!record) {
      await tx.done;
      throw new ConversationError('not-found', M.notFound);
    }
    const conversation = parseConversation(record);
    const images = new Map<string, Blob>();
    const store = tx.objectStore('images');
    const rows = await Promise.all(imageHashes(conversation).map((h) => store.get(h)));
    for (const row of rows) if (row) images.set(row.hash, row.blob);
    await tx.done;
    return { conversation, images };
  }

  /** Rename a conversation (an empty name goes back to its first question). */
  async rename(id: string, title: string): Promise<Conversation> {
    const renamed = await this.write(['conversations', 'summaries'], async (tx) => {
      const record = await tx.objectStore('conversations').get(id);
      if (!record) throw new ConversationError('not-found', M.notFound);
      const next = rename(parseConversation(record), title, record.updatedAt);
      await tx.objectStore('conversations').put(toRecord(next));
      const summary = await tx.objectStore('summaries').get(id);
      if (summary) await tx.objectStore('summaries').put({ ...summary, title: next.title });
      return next;
    });
    this.tell({ kind: 'renamed', id, remote: false });
    return renamed;
  }

  /** Delete one conversation, and every image no other conversation uses. */
  async delete(id: string): Promise<void> {
    await this.write(ALL_STORES, async (tx) => {
      const summaries = tx.objectStore('summaries');
      const hashes = (await summaries.get(id))?.images ?? [];
      await tx.objectStore('conversations').delete(id);
      await summaries.delete(id);
      for (const hash of hashes) {
        if ((await summaries.index('image').count(hash)) === 0) {
          await tx.objectStore('images').delete(hash);
          await tx.objectStore('thumbnails').delete(hash);
        }
      }
    });
    this.tell({ kind: 'deleted', id, remote: false });
  }

  /** Delete every conversation and image. */
  async deleteAll(): Promise<void> {
    await this.write(ALL_STORES, async (tx) => {
      await Promise.all(ALL_STORES.map((name) => tx.objectStore(name).clear()));
    });
    this.tell({ kind: 'cleared', remote: false });
  }

  /** Space this site uses on the device, or undefined when the browser does not say. */
  async spaceUsed(): Promise<SpaceUsed | undefined> {
    try {
      const { usage, quota } = (await this.storage?.estimate()) ?? {};
      if (usage === undefined || quota === undefined) return undefined;
      return { usage, quota, text: M.spaceUsed(usage, quota) };
    } catch {
      return undefined;
    }
  }

  /** Every stored conversation and image, for "Export all". */
  async everything(): Promise<{ conversations: Conversation[]; images: ImageBytes[] }> {
    const tx = this.db.transaction(['conversations', 'images'], 'readonly');
    const [records, rows] = await Promise.all([
      tx.objectStore('conversations').getAll(),
      tx.objectStore('images').getAll(),
    ]);
    await tx.done;
    const images = await Promise.all(
      rows.map(async (r) => ({
        hash: r.hash,
        mimeType: r.mimeType,
        bytes: new Uint8Array(await r.blob.arrayBuffer()),
      })),
    );
    return { conversations: records.map((r) => parseConversation(r)), images };
  }

  /**
   * Add checked conversations (from an import) in one transaction, skipping any whose id is
   * already here: all are written, or none. Import is the person's explicit act, so it is not
   * held back by Keep history (which stops the automatic saving of conversations as they go).
   */
  async addAll(
    conversations: readonly Conversation[],
    images: readonly ImageBytes[],
  ): Promise<{ imported: number; skipped: number }> {
    const blobs = new Map(
      images.map((i) => [i.hash, new Blob([i.bytes as BlobPart], { type: i.mimeType })]),
    );
    const thumbnails = new Map<string, ThumbnailRow | undefined>();
    for (const c of conversations) {
      const first = imageHashes(c).at(0);
      const blob = first === undefined ? undefined : blobs.get(first);
      if (first !== undefined && blob && !thumbnails.has(first)) {
        thumbnails.set(first, await this.thumbnail(first, blob));
      }
    }
    const result = await this.write(ALL_STORES, async (tx) => {
      let imported = 0;
      let skipped = 0;
      for (const c of conversations) {
        if ((await tx.objectStore('conversations').getKey(c.id)) !== undefined) {
          skipped++;
          continue;
        }
        for (const hash of imageHashes(c)) {
          if ((await tx.objectStore('images').getKey(hash)) !== undefined) continue;
          const blob = blobs.get(hash);
          if (!blob) throw new ConversationError('save-failed', M.imageMissing);
          await tx.objectStore('images').put({ hash, mimeType: blob.type, blob });
        }
        const first = imageHashes(c).at(0);
        const thumbnail = first === undefined ? undefined : thumbnails.get(first);
        await tx.objectStore('conversations').put(toRecord(c));
        await tx.objectStore('summaries').put(summaryOf(c));
        if (thumbnail) await tx.objectStore('thumbnails').put(thumbnail);
        imported++;
      }
      return { imported, skipped };
    });
    if (result.imported) this.tell({ kind: 'imported', remote: false });
    return result;
  }

  /** Close the database and the channel (a page that goes away need not call it). */
  close(): void {
    this.channel?.close();
    this.listeners.clear();
    this.db.close();
  }
}
