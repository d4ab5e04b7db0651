/** A conversation's title: the first question's first line, short enough for a list. */
import { CONVERSATION_MESSAGES as M } from './messages.ts';

/** Longest title shown in History before it is cut with an ellipsis. */
export const MAX_TITLE_LENGTH = 80;

/** The title for a conversation whose first question is `text`. */
export function titleFrom(text: string): string {
  const line = text.split(/\r?\n/).find((l) => l.trim()) ?? '';
  const t = line.replace(/\s+/g, ' ').trim();
  if (!t) return M.untitled;
  if (t.length <= MAX_TITLE_LENGTH) return t;
  // Cut at a word boundary when one is near, so the title does not end mid-word.
  const cut = t.slice(0, MAX_TITLE_LENGTH - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > MAX_TITLE_LENGTH / 2 ? cut.slice(0, space) : cut}…`;
}
