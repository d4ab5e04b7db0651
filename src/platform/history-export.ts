/**
 * Export and import of History. Load it lazily, like History itself.
 * - "Export": one conversation as a single self-contained `.html` file: images as `data:`
 *   URIs, answers rendered and sanitised by the app's one Markdown function, a small inline
 *   stylesheet, and no script at all (its Content-Security-Policy forbids any, too).
 * - "Copy as Markdown": `conversationMarkdown` from the conversation model.
 * - "Export all" / "Import": every conversation and image in one JSON file with a format
 *   version; importing checks the whole file first and writes all of it or nothing.
 */
export { conversationMarkdown } from '../lib/conversation/markdown-export.ts';
// Each part in a file of its own: "Export" on the conversation on screen loads
// conversation-html.ts without the archive code; History's panel loads history-transfer.ts
// without Markdown. Both are offered from here too.
export { conversationHtml, exportFileName } from './conversation-html.ts';
export { exportAll, importAll } from './history-transfer.ts';
export { download } from './download.ts';
