/**
 * Plain words for each failure of the browser's built-in model (a title, what happened, what
 * to do), beside Gemini's own table in describe.ts. Loaded with the first on-device question;
 * the picker's words are in device-text.ts.
 */
import { DeviceModelError } from './device.ts';
import { DEVICE_TEXT } from './device-text.ts';
import type { ErrorDescription } from './types.ts';
import { withoutKeys } from './ask-text.ts';

const d = (title: string, detail: string, action: string): ErrorDescription => ({
  title,
  detail,
  action,
});

const KEPT = 'Your question and image are kept.';

/** Plain words for a failure of the built-in model (anything else counts as "other"). */
export function describeDeviceError(failure: unknown): ErrorDescription {
  const error = failure instanceof DeviceModelError ? failure : new DeviceModelError('other');
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
        'The question and image, with the conversation before them, do not fit in the built-in model’s context window.',
        `Start a New conversation with this image, or shorten the question or use a smaller image. ${KEPT}`,
      );
    case 'language-unsupported':
      return d(
        'Language not supported',
        'The built-in model does not support the language of the question or of its answer.',
        `Ask in English, Spanish or Japanese, or choose Gemini with an API key. ${KEPT}`,
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
        `The browser reported an error${error.domName ? ` (${withoutKeys(error.domName)})` : ''}.`,
        `Press Retry; if it keeps happening, choose Gemini with an API key. ${KEPT}`,
      );
  }
}
