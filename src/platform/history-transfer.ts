/**
 * "Export all", "Import" and the download of a file: what History's panel needs to move
 * History between devices. Apart from history-export.ts (one conversation as HTML), which
 * needs the Markdown renderer; load it lazily, like History itself.
 */
import { CONVERSATION_MESSAGES as M } from '../lib/conversation/messages.ts';
import type { HistoryStore } from './history.ts';

/**
 * The archive code, with the conversation model it belongs to (loaded with the first
 * question anyway). Not imported directly: it uses lib/image/base64.ts, and a History chunk
 * reaching that module would split it off the first view's chunk (a request, ~0.1 KB more).
 */
const archive = () => import('../lib/conversation/index.ts');

/** "Export all": every conversation and image in History as the JSON text of one file. */
export async function exportAll(store: HistoryStore, now = new Date()): Promise<string> {
  const { conversations, images } = await store.everything();
  const { makeArchive } = await archive();
  return JSON.stringify(makeArchive(conversations, images, now));
}

/**
 * "Import": read an "Export all" file into History, skipping conversations already there.
 * The whole file is checked first; a malformed one throws a `bad-import` ConversationError
 * with a plain message, and nothing is written. Returns the message to show when it worked.
 */
export async function importAll(
  store: HistoryStore,
  text: string,
): Promise<{ imported: number; skipped: number; message: string }> {
  const { parseArchive } = await archive();
  const { conversations, images } = await parseArchive(text);
  const { imported, skipped } = await store.addAll(conversations, images);
  return { imported, skipped, message: M.importDone(imported, skipped) };
}

export { download } from './download.ts';
