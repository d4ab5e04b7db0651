/**
 * Every text a person reads about the browser's built-in model: the picker's labels and
 * states, the answer's line, and each failure (a title, what happened, what to do), beside
 * Gemini's own table in describe.ts.
 */
import type { DeviceModelError, DeviceUnavailableReason, ContextUse } from './device.ts';
import type { ErrorDescription } from './types.ts';

const d = (title: string, detail: string, action: string): ErrorDescription => ({
  title,
  detail,
  action,
});

const KEPT = 'Your question and image are kept.';

/** The picker's words. */
export const DEVICE_TEXT = {
  legend: 'Answered by',
  gemini: 'Gemini, with your API key',
  device: 'On this device (Gemini Nano)',
  checking: 'Checking whether this browser has a built-in model…',
  available:
    'Ready: the model on this device answers, with no key and no network; nothing is sent.',
  downloadable:
    'Chrome must download the model once (several gigabytes) before it can answer on this device.',
  download: 'Download model',
  downloading: 'Chrome is downloading the model to this device.',
  progressLabel: 'Model download',
  unavailable: {
    'no-model': 'This browser or device cannot run a built-in model; use a Gemini API key.',
    'no-image':
      "This device's built-in model cannot take images; use a Gemini API key to ask about one.",
  } satisfies Record<DeviceUnavailableReason, string>,
  /** Shown where a Gemini answer names its model version. */
  where: 'On this device',
} as const;

/** The answer's line for an on-device answer, in place of tokens and model version. */
export function deviceAnswerLine(context: ContextUse): string {
  const window = Number.isFinite(context.window) ? String(context.window) : 'unlimited';
  return `${DEVICE_TEXT.where} · Context used: ${context.used} of ${window} tokens`;
}

/** Plain words for a failure of the built-in model. */
export function describeDeviceError(error: DeviceModelError): ErrorDescription {
  switch (error.kind) {
    case 'image-unsupported':
      return d(
        'Image input not supported',
        'The built-in model on this device cannot take this image.',
        `Ask without the image, or choose Gemini with an API key. ${KEPT}`,
      );
    case 'download-failed':
      return d(
        'The model download failed',
        'Chrome could not finish downloading the built-in model.',
        `Check your connection and free disk space, then press Retry. ${KEPT}`,
      );
    case 'download-cancelled':
      return d(
        'The model download was cancelled',
        'The download of the built-in model stopped before it finished.',
        `Press Retry to start it again. ${KEPT}`,
      );
    case 'context-exceeded':
      return d(
        'Too long for the model on this device',
        'The question and image do not fit in the built-in model’s context window.',
        `Start a New conversation, or shorten the question or use a smaller image. ${KEPT}`,
      );
    case 'language-unsupported':
      return d(
        'Language not supported',
        'The built-in model does not support the language of the question or of its answer.',
        `Ask in English, or choose Gemini with an API key. ${KEPT}`,
      );
    case 'session-destroyed':
      return d(
        'The model stopped',
        'The browser closed the built-in model’s session while it was answering.',
        `Press Retry to start a new session. ${KEPT}`,
      );
    case 'output-filtered':
      return d(
        'The answer was withheld',
        'The browser filtered the built-in model’s answer.',
        `Rephrase the question or try another image. ${KEPT}`,
      );
    case 'not-allowed':
      return d(
        'The built-in model is not allowed here',
        'The browser refused: the built-in model is turned off, blocked by policy, or needs a click to start.',
        `Press Retry, or check Chrome’s settings; or choose Gemini with an API key. ${KEPT}`,
      );
    case 'unavailable':
      return d(
        'No built-in model',
        DEVICE_TEXT.unavailable['no-model'],
        `Choose Gemini and paste an API key. ${KEPT}`,
      );
    default:
      return d(
        'The built-in model failed',
        `The browser reported an error${error.domName ? ` (${error.domName})` : ''}.`,
        `Press Retry; if it keeps happening, choose Gemini with an API key. ${KEPT}`,
      );
  }
}
