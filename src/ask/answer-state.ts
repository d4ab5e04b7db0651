import { CONVERSATION_MESSAGES as M } from '../lib/conversation/messages.ts';
import { thoughtText } from '../lib/conversation/model.ts';
import { shownAnswerText } from '../lib/boxes/find-answer.ts';
import type { ModelTurn } from '../lib/conversation/types.ts';
import type { AskState } from './ask-controller.ts';

/**
 * A kept answer as the answer element shows it: an earlier answer of the conversation on
 * screen, or the newest of one opened from History. One kept while it was still arriving
 * (the tab closed mid-stream) shows as stopped: that is what happened to it.
 */
export function answerStateOf(turn: ModelTurn): AskState {
  const { meta } = turn;
  const status = meta.state === 'error' ? 'failed' : meta.state === 'done' ? 'done' : 'stopped';
  return {
    status,
    // A Find's answer in words (its JSON list stays in the turn, for Gemini and the stage).
    text: shownAnswerText(turn),
    thoughts: thoughtText(turn),
    ...(meta.usage ? { usage: meta.usage } : {}),
    ...(meta.modelVersion ? { modelVersion: meta.modelVersion } : {}),
    // The model on this device: its context use, as under the answer when it arrived.
    ...(meta.context ? { context: meta.context } : {}),
    ...(meta.state === 'error' || meta.error
      ? {
          problem: {
            title: M.answerFailed,
            detail: meta.error?.message ?? '',
            action: M.answerFailedAction,
          },
        }
      : {}),
  };
}
