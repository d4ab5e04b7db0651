/**
 * The newest answer while it is a Find's: what the live answer element shows, reads aloud
 * and copies. Gemini streams a JSON box list; a person sees "Finding “…”…" while it arrives,
 * then the labels in words (the JSON stays in the conversation for Gemini and the stage).
 * Loaded with the Find flow, never with the page.
 */
import { FIND_MESSAGES as M } from '../lib/boxes/messages.ts';
import { findAskedIn, findTextWords, stoppedFindWords } from '../lib/boxes/find-answer.ts';
import type { FindRequest } from '../lib/boxes/find-turn.ts';
import type { AskController, AskState } from './ask-controller.ts';

/** The ids of the questions sent as a Find (asked for JSON boxes), in this page. */
const findQuestions = new Set<string>();

/** `find`, noting each question it shapes into a Find as it is sent (or asked again). */
export function noted(find: FindRequest): FindRequest {
  return {
    ...find,
    shape(request, question) {
      const keep = find.shape(request, question);
      if (keep) findQuestions.add(question.id);
      return keep;
    },
  };
}

/** The state shown for each state of a Find's answer, made once per state object. */
const shown = new WeakMap<AskState, AskState>();

/** The controller's state, with a Find's answer in words (any other answer as it is). */
export function shownState(ask: AskController): AskState {
  const s = ask.state;
  const question = ask.conversation.turns.findLast((t) => t.role === 'user');
  const what = question && findQuestions.has(question.id) ? findAskedIn(question.text) : undefined;
  if (what === undefined || !s.text) return s;
  let out = shown.get(s);
  if (!out) {
    const arriving = s.status === 'sending' || s.status === 'streaming' || s.status === 'retrying';
    // Stopped, it says so and what it had found (never half a JSON list); an answer cut
    // short otherwise keeps its text: what arrived is all there is to read.
    const words =
      s.status === 'stopped' ? stoppedFindWords(what, s.text) : findTextWords(what, s.text);
    const text = arriving ? M.finding(what) : (words ?? s.text);
    shown.set(s, (out = { ...s, text }));
  }
  return out;
}
