/**
 * Export and import of History. Load it lazily, like History itself.
 * - "Export": one conversation as a single self-contained `.html` file: images as `data:`
 *   URIs, answers rendered and sanitised by the app's one Markdown function, a small inline
 *   stylesheet, and no script at all (its Content-Security-Policy forbids any, too).
 * - "Copy as Markdown": `conversationMarkdown` from the conversation model.
 * - "Export all" / "Import": every conversation and image in one JSON file with a format
 *   version; importing checks the whole file first and writes all of it or nothing.
 */
import { CONVERSATION_MESSAGES as M } from '../lib/conversation/messages.ts';
import { makeArchive, parseArchive } from '../lib/conversation/archive.ts';
import type { HistoryStore } from './history.ts';

export { conversationMarkdown } from '../lib/conversation/markdown-export.ts';
// In a file of its own, so "Export" on the conversation on screen loads it without the
// archive code (which shares the image modules of the first view).
export { conversationHtml, download, exportFileName } from './conversation-html.ts';

/** "Export all": every conversation and image in History as the JSON text of one file. */
export async function exportAll(store: HistoryStore, now = new Date()): Promise<string> {
  const { conversations, images } = await store.everything();
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
  const { conversations, images } = await parseArchive(text);
  const { imported, skipped } = await store.addAll(conversations, images);
  return { imported, skipped, message: M.importDone(imported, skipped) };
}
