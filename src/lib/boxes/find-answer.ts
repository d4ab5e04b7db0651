/**
 * A Find's answer in words: what the conversation shows, reads aloud, copies and exports in
 * place of the JSON box list Gemini sends. The JSON stays in the turn (a follow-up sends it
 * back to Gemini, and the stage draws from it); a person reads the labels. DOM-free.
 */
import { answerText } from '../conversation/model.ts';
import type { ModelTurn } from '../conversation/types.ts';
import { FIND_MESSAGES as M, describeBoxProblem } from './messages.ts';
import { parseBoxes, type BoxProblem } from './parse.ts';
import type { FoundBox } from './types.ts';

/** What a Find asked for, from the question it shows ("Find: …"); undefined for others. */
export function findAskedIn(question: string): string | undefined {
  return question.startsWith(FIND_PREFIX) ? question.slice(FIND_PREFIX.length) : undefined;
}

const FIND_PREFIX = 'Find: ';

/**
 * A label as Markdown text: on one line, and with the characters that would make it a link,
 * emphasis, HTML, a heading or a nested list escaped (a label is the model's text).
 */
function markdownLabel(label: string): string {
  return label
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\\`*_[\]<>#~|&]/g, '\\$&')
    .replace(/^([-+]|\d+[.)])/, (m) => `${m.slice(0, -1)}\\${m.slice(-1)}`);
}

/**
 * The words for a Find's answer: "Found 3 for “…”:" and a list of the labels in the order
 * the stage lists them, then what was left out; "Nothing found" for an empty list.
 * Undefined when the answer was not a box list: its own text is what there is to show.
 */
export function findWords(
  what: string,
  boxes: readonly FoundBox[],
  problems: readonly BoxProblem[],
): string | undefined {
  // Not a list of boxes at all: the Find bar says so, and the text is what there is to read.
  if (problems.some((p) => p.kind === 'not-json' || p.kind === 'not-a-list')) return undefined;
  const leftOut = problems.filter((p) => p.kind !== 'empty').map(describeBoxProblem);
  if (!boxes.length) return [M.none(what), ...leftOut].join('\n\n');
  const list = boxes.map((b) => `- ${markdownLabel(b.label) || '?'}`).join('\n');
  return [M.listed(boxes.length, what), list, ...leftOut].join('\n\n');
}

/** The words for the answer `text` to a Find of `what` (see {@link findWords}). */
export function findTextWords(what: string, text: string): string | undefined {
  const { boxes, problems } = parseBoxes(text);
  return findWords(what, boxes, problems);
}

/** A Find's answer in words, and the boxes it drew; undefined for any other answer. */
function findAnswerOf(turn: ModelTurn): { words: string; boxes: FoundBox[] } | undefined {
  const kept = turn.meta.boxes;
  if (!kept) return undefined;
  // Checked again as the stage does: they may come back from storage or an import.
  const { boxes } = parseBoxes(JSON.stringify(kept.found ?? []));
  const words = findWords(kept.find, boxes, parseBoxes(answerText(turn)).problems);
  return words === undefined ? undefined : { words, boxes };
}

/**
 * The text an answer shows and copies: a Find's answer in words (from the boxes kept with
 * it), any other answer as the model wrote it.
 */
export function shownAnswerText(turn: ModelTurn): string {
  return findAnswerOf(turn)?.words ?? answerText(turn);
}

/**
 * The text an answer is exported with (Export, Copy as Markdown): as shown, and for a Find
 * the boxes it drew in a JSON code block under the words. An exported conversation has no
 * stage to draw them on, so without it the file would lose where each thing was.
 */
export function exportedAnswerText(turn: ModelTurn): string {
  const found = findAnswerOf(turn);
  if (!found) return answerText(turn);
  if (!found.boxes.length) return found.words;
  const json = `[\n${found.boxes.map((b) => `  ${JSON.stringify(b)}`).join(',\n')}\n]`;
  // A fence longer than any run of backticks in a label, which would otherwise end it.
  const fence = '`'.repeat(Math.max(3, ...(json.match(/`+/g) ?? []).map((r) => r.length + 1)));
  return `${found.words}\n\n${fence}json\n${json}\n${fence}`;
}
