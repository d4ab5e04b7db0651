/** "Copy as Markdown": a whole conversation as Markdown text, answers as the model wrote them. */
import { CONVERSATION_MESSAGES as M } from './messages.ts';
import { answerText } from './model.ts';
import type { Conversation, ModelTurn } from './types.ts';

/**
 * The conversation as Markdown: a heading per turn, images named, thought summaries left out;
 * each answer's text by `textOf` (the Ask view's gives a Find's answer in words: passed in, so
 * this module, loaded with the conversation model, does not bring the boxes code with it).
 */
export function conversationMarkdown(
  c: Conversation,
  textOf: (turn: ModelTurn) => string = answerText,
): string {
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
      const text = textOf(turn);
      if (text) out.push(text);
    }
  }
  return `${out.join('\n\n')}\n`;
}
