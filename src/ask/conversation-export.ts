/**
 * "Export" and "Copy as Markdown" for the conversation on screen. It comes with ask-turns,
 * which loads with the first question (never with the page), as the Markdown renderer does.
 */
import { CONVERSATION_MESSAGES as M } from '../lib/conversation/messages.ts';
import { imageHashes } from '../lib/conversation/model.ts';
import type { Conversation } from '../lib/conversation/types.ts';
import { conversationMarkdown } from '../lib/conversation/markdown-export.ts';
import { exportedAnswerText } from '../lib/boxes/find-answer.ts';
import { conversationHtml, download, exportFileName } from '../platform/conversation-html.ts';

/** The bytes of bare base64 (what the controller keeps of each image). */
function decodeBase64(data: string): Uint8Array<ArrayBuffer> {
  const binary = atob(data);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * Download the conversation as one self-contained `.html` file; `imageData` gives the base64
 * of an image by hash (an image it lacks is named in the file instead). Returns what to say.
 */
export async function exportConversation(
  c: Conversation,
  imageData: (hash: string) => string | undefined,
): Promise<string> {
  const images = new Map<string, Blob>();
  for (const hash of imageHashes(c)) {
    const data = imageData(hash);
    if (data) images.set(hash, new Blob([decodeBase64(data)]));
  }
  try {
    const name = exportFileName(c);
    download(await conversationHtml(c, images), name);
    return M.exported(name);
  } catch {
    return M.exportFailed;
  }
}

/** Copy the whole conversation as Markdown to the clipboard. Returns what to say. */
export async function copyConversationMarkdown(c: Conversation): Promise<string> {
  try {
    // A Find's answer as the list of what it found, with its boxes as JSON under it.
    await navigator.clipboard.writeText(conversationMarkdown(c, exportedAnswerText));
    return M.copiedMarkdown;
  } catch {
    return M.copyFailed;
  }
}
