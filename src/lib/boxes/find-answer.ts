/**
 * A Find's answer in words: what the conversation shows, reads aloud, copies and exports in
 * place of the JSON box list Gemini sends. The JSON stays in the turn (a follow-up sends it
 * back to Gemini, and the stage draws from it); a person reads the labels. DOM-free.
 */
import { answerText } from '../conversation/model.ts';
import type { ModelTurn } from '../conversation/types.ts';
import { FIND_MESSAGES as M, describeBoxProblem } from './messages.ts';
import { parseBoxes, type BoxProblem } from './parse.ts';
import { cutListHead } from './cut-list.ts';
import type { FoundBox } from './types.ts';

const FIND_PREFIX = 'Find: ';

/** What a Find asked for, from the question it shows ("Find: …"); undefined for others. */
export function findAskedIn(question: string): string | undefined {
  return question.startsWith(FIND_PREFIX) ? question.slice(FIND_PREFIX.length) : undefined;
}

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

/** Problems that mean part of the answer was not drawn, for want of a valid box. */
const LEFT_OUT = new Set<BoxProblem['kind']>(['malformed', 'out-of-range', 'inverted']);

/** A Find's answer read as words: what it says, and whether boxes in it were left out. */
interface FindWords {
  words: string;
  /** Some boxes were not drawn: the answer as given is worth seeing. */
  leftOut: boolean;
  /** How many boxes were drawn. */
  drawn: number;
}

/**
 * "Found 3 for “…”:" and a list of the labels in the order the stage lists them, then what
 * was left out; "Nothing found" for an empty list. Undefined when the answer was not a box
 * list at all: its own text is what there is to read (the Find bar says why).
 */
function wordsFor(
  what: string,
  boxes: readonly FoundBox[],
  problems: readonly BoxProblem[],
): FindWords | undefined {
  if (problems.some((p) => p.kind === 'not-json' || p.kind === 'not-a-list')) return undefined;
  const notes = problems.filter((p) => p.kind !== 'empty').map(describeBoxProblem);
  const leftOut = problems.some((p) => LEFT_OUT.has(p.kind));
  const list = boxes.map((b) => `- ${markdownLabel(b.label) || '?'}`).join('\n');
  const head = boxes.length ? [M.listed(boxes.length, what), list] : [M.none(what)];
  return { words: [...head, ...notes].join('\n\n'), leftOut, drawn: boxes.length };
}

/**
 * The answer as Gemini gave it, in a code block after a line that says so: a JSON list one
 * item a line, anything else as it came; fenced beyond any run of backticks inside it.
 */
function asGiven(text: string): string {
  let body = text.trim();
  try {
    const data: unknown = JSON.parse(body);
    if (Array.isArray(data))
      body = `[\n${data.map((d) => `  ${JSON.stringify(d)}`).join(',\n')}\n]`;
  } catch {
    // Fenced, or prose around it: shown as it came.
  }
  const fence = '`'.repeat(Math.max(3, ...(body.match(/`+/g) ?? []).map((r) => r.length + 1)));
  return `${M.asGiven}\n\n${fence}json\n${body}\n${fence}`;
}

/** The words, with the answer as given under them when `withAnswer`. */
function joined(found: FindWords, text: string, withAnswer: boolean): string {
  return withAnswer ? `${found.words}\n\n${asGiven(text)}` : found.words;
}

/**
 * What the answer `text` to a Find of `what` shows, reads aloud and copies: the words, and
 * only when boxes were left out, the answer as given under them (to see what was wrong).
 * Undefined when it was not a box list: then its own text.
 */
export function findTextWords(what: string, text: string): string | undefined {
  const { boxes, problems } = parseBoxes(text);
  const found = wordsFor(what, boxes, problems);
  return found && joined(found, text, found.leftOut);
}

/**
 * What a stopped Find of `what` shows, reads aloud and copies: that it was stopped, and the
 * labels of the boxes Gemini had sent whole (never the half list). Undefined when the answer
 * was not the start of a box list: then its own text.
 */
export function stoppedFindWords(what: string, text: string): string | undefined {
  const head = cutListHead(text);
  if (head === undefined) return undefined;
  const { boxes } = parseBoxes(head);
  const list = boxes.map((b) => `- ${markdownLabel(b.label) || '?'}`).join('\n');
  return boxes.length ? `${M.stoppedListed(boxes.length, what)}\n\n${list}` : M.stoppedNone(what);
}

/** The words of a stopped Find's answer turn, if it is one. */
function stoppedWordsOf(turn: ModelTurn): string | undefined {
  const kept = turn.meta.boxes;
  if (!kept || turn.meta.state !== 'stopped') return undefined;
  return stoppedFindWords(kept.find, answerText(turn));
}

/** A Find's answer read as words (from the boxes kept with it), and its text. */
function findAnswerOf(turn: ModelTurn): { found: FindWords; text: string } | undefined {
  const kept = turn.meta.boxes;
  if (!kept) return undefined;
  const text = answerText(turn);
  // Checked again as the stage does: they may come back from storage or an import.
  const { boxes } = parseBoxes(JSON.stringify(kept.found ?? []));
  const found = wordsFor(kept.find, boxes, parseBoxes(text).problems);
  return found && { found, text };
}

/**
 * The text an answer shows and copies: a Find's answer in words (see {@link findTextWords}),
 * any other answer as the model wrote it.
 */
export function shownAnswerText(turn: ModelTurn): string {
  const stopped = stoppedWordsOf(turn);
  if (stopped !== undefined) return stopped;
  const a = findAnswerOf(turn);
  return a ? joined(a.found, a.text, a.found.leftOut) : answerText(turn);
}

/**
 * The text an answer is exported with (Export, Copy as Markdown): a Find's words, with the
 * answer as Gemini gave it in a JSON code block under them whenever it held boxes. An
 * exported conversation has no stage to draw them on: without it the file would lose where
 * each thing was.
 */
export function exportedAnswerText(turn: ModelTurn): string {
  const stopped = stoppedWordsOf(turn);
  if (stopped !== undefined) return `${stopped}\n\n${asGiven(answerText(turn))}`;
  const a = findAnswerOf(turn);
  if (!a) return answerText(turn);
  return joined(a.found, a.text, a.found.drawn > 0 || a.found.leftOut);
}
