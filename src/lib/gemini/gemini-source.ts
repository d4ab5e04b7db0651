/**
 * Gemini as an answer source for the Ask controller, the counterpart of the browser's own
 * model (`onDeviceSource` in src/platform/built-in-model.ts).
 */
import { describeError } from './describe.ts';
import type { AnswerSource } from './device.ts';
import { streamAnswer } from './stream.ts';
import type { AskRequest, GeminiSettings } from './types.ts';

/** Gemini, reached over the network at `settings.baseUrl`, for one question. */
export function geminiSource(settings: GeminiSettings, request: AskRequest): AnswerSource {
  return {
    needsNetwork: true,
    baseUrl: settings.baseUrl,
    stream: (signal) => streamAnswer(settings, request, signal),
    describe: describeError,
  };
}
