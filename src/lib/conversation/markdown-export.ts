/** "Copy as Markdown": a whole conversation as Markdown text, answers as the model wrote them. */
import { CONVERSATION_MESSAGES as M } from './messages.ts';
import { exportedAnswerText } from '../boxes/find-answer.ts';
import type { Conversation } from './types.ts';

/** The conversation as Markdown: a heading per turn, images named, thought summaries left out. */
export function conversationMarkdown(c: Conversation): string {
  const out = [`# ${c.title}`];
  for (const turn of c.turns) {
    if (turn.role === 'user') {
      out.push(`## ${M.exportYou}`);
      for (const [n, image] of turn.images.entries()) {
        out.push(`*${M.exportImage(image.name ?? `${n + 1}`)}*`);
      }
      if (turn.text) out.push(turn.text);
    } else {
      out.push(`## ${M.exportModel(turn.meta.modelVersion ?? turn.meta.model)}`);
      // A Find's answer as the list of what it found, with its boxes as JSON under it.
      const text = exportedAnswerText(turn);
      if (text) out.push(text);
    }
  }
  return `${out.join('\n\n')}\n`;
}
