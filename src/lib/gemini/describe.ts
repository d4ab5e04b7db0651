/**
 * Plain words for every failure in docs/gemini.md: a title, what happened, what to do. A
 * section of the Ask table (see ask-text.ts), loaded with the first question. The texts never
 * include the key (the API's message is redacted before it gets here, and anything key-shaped
 * is hidden again on the way out).
 */
import { GeminiError } from './errors.ts';
import type { ErrorDescription } from './types.ts';
import { ASK_TEXT, withoutKeys } from './ask-text.ts';

const d = (title: string, detail: string, action: string): ErrorDescription => ({
  title,
  detail,
  action,
});

const KEEP = 'What arrived so far is kept.';
const KEY_PAGE = 'Google Cloud console → APIs & Services → Credentials → your key';

/** Say why an answer stopped. Null when it ended normally (`STOP` with text). */
export function describeFinish(reason: string, hasText = true): ErrorDescription | null {
  const kept = hasText ? ` ${KEEP}` : '';
  switch (reason) {
    case 'STOP':
      return hasText
        ? null
        : d(
            'No answer',
            'The model finished without writing any answer text.',
            'Try rewording the question.',
          );
    case 'MAX_TOKENS':
      return hasText
        ? d(
            'Answer cut at its length limit',
            `The answer reached the maximum length and stopped.${kept}`,
            'Ask for a shorter answer, or raise the output limit.',
          )
        : d(
            'No room for an answer',
            'The model used its whole output allowance (often on thinking) before writing any answer.',
            'Raise the output limit, or ask a simpler question.',
          );
    case 'SAFETY':
    case 'IMAGE_SAFETY':
      return d(
        'Stopped by safety filters',
        `Gemini's safety filters stopped the answer.${kept}`,
        'Rephrase the question or try another image.',
      );
    case 'PROHIBITED_CONTENT':
    case 'IMAGE_PROHIBITED_CONTENT':
      return d(
        'Stopped: prohibited content',
        `Gemini judged the content prohibited and stopped the answer.${kept}`,
        'Try a different image or question.',
      );
    case 'BLOCKLIST':
      return d(
        'Stopped: blocked words',
        `The answer contained terms on a block list, so it stopped.${kept}`,
        'Rephrase the question.',
      );
    case 'SPII':
      return d(
        'Stopped: personal information',
        `The answer may have contained sensitive personal information, so it stopped.${kept}`,
        'Ask without asking for personal details.',
      );
    case 'RECITATION':
    case 'IMAGE_RECITATION':
      return d(
        'Stopped: too close to a source',
        `The answer was stopped because it repeated existing material too closely.${kept}`,
        'Ask for a summary in its own words.',
      );
    case 'LANGUAGE':
      return d(
        'Stopped: unsupported language',
        `The answer was in a language the model does not support.${kept}`,
        'Ask in another language.',
      );
    case 'OTHER':
      return d(
        'Stopped for another reason',
        `The model stopped the answer without saying why.${kept}`,
        'Try again, or try another model.',
      );
    default:
      // Never crash on a value added to the API after this was written.
      return d(
        'Stopped unexpectedly',
        `The answer ended with a reason this app does not know (${withoutKeys(reason)}).${kept}`,
        'Try again, or try another model.',
      );
  }
}

const BLOCKED: Record<string, string> = {
  SAFETY: 'for safety reasons',
  PROHIBITED_CONTENT: 'because it was judged prohibited content',
  BLOCKLIST: 'because it contained blocked terms',
  IMAGE_SAFETY: 'because of the image, for safety reasons',
  OTHER: 'for an unstated reason',
};

/** Plain words for any error (GeminiError or anything else thrown). */
export function describeError(error: unknown): ErrorDescription {
  if (!(error instanceof GeminiError)) {
    return d(
      'Something went wrong',
      'An unexpected error stopped the request.',
      'Try again; if it keeps happening, reload the page.',
    );
  }
  const said = error.apiMessage ? ASK_TEXT.serviceSaid(error.apiMessage) : '';
  switch (error.kind) {
    case 'bad-key':
      return d(
        'The key was refused',
        `Google did not accept this API key.${said}`,
        'Paste the key again, or get a new one at aistudio.google.com/apikey.',
      );
    case 'service-disabled':
      return d(
        'The Gemini API is not enabled',
        'The Generative Language API is turned off in the Google Cloud project this key belongs to.',
        'Enable the “Generative Language API” for that project in the Google Cloud console, wait a few minutes, then try again — or use a key made in AI Studio.',
      );
    case 'referrer-blocked':
      return d(
        'This website is not allowed for the key',
        'The key has a website (HTTP referrer) restriction that does not include this page.',
        `In ${KEY_PAGE} → Application restrictions, add this page's address, or use a key without a website restriction.`,
      );
    case 'api-blocked':
      return d(
        'The key may not call Gemini',
        'The key has an API restriction that does not include the Generative Language API.',
        `In ${KEY_PAGE} → API restrictions, allow the “Generative Language API”.`,
      );
    case 'permission-denied':
      return d(
        'Permission denied',
        `The key is not allowed to do this.${said}`,
        `Check the key's restrictions in ${KEY_PAGE}, or use another key.`,
      );
    case 'model-not-found':
      return d(
        'Model not available',
        `This model does not exist or has been retired.${said}`,
        'Pick another model, or refresh the model list.',
      );
    case 'region':
      return d(
        'Not available in your region',
        'The Gemini API is not offered where this request came from.',
        'This cannot be fixed from the app; Gemini only answers from supported countries.',
      );
    case 'rate-limited': {
      const wait =
        error.retryAfterMs !== undefined
          ? ` Try again in ${Math.ceil(error.retryAfterMs / 1000)} s.`
          : '';
      return d(
        'Too many requests',
        `The key's quota or rate limit was reached.${wait}`,
        "Wait for the countdown and try again, or check your plan's limits.",
      );
    }
    case 'server':
      return d(
        'Gemini is busy or failing',
        `The service had a problem (HTTP ${error.status ?? 'error'}). This is usually brief.`,
        'Try again in a moment; the app retries a few times by itself.',
      );
    case 'image-refused':
      return d(
        'The image could not be used',
        `Gemini refused the request, most often because it could not read the image.${said}`,
        'Try the image as PNG or JPEG, or another image.',
      );
    case 'too-large':
      return d(
        'The request is too large',
        'The whole request must stay under 20 MB (about 15 MB of image before encoding).',
        'Shrink the image first (choose Auto size), then ask again.',
      );
    case 'bad-request':
      return d(
        'The request was refused',
        `Gemini could not accept the request.${said}`,
        'Check the model and settings, then try again.',
      );
    case 'blocked-prompt': {
      const why =
        BLOCKED[error.blockReason ?? ''] ??
        (error.blockReason && error.blockReason !== 'BLOCK_REASON_UNSPECIFIED'
          ? `(${withoutKeys(error.blockReason)})`
          : 'without a stated reason');
      return d(
        'The question was blocked',
        `Gemini blocked the question ${why} and did not answer.${said}`,
        'Rephrase the question or use another image.',
      );
    }
    case 'mid-stream':
      return d(
        'The answer broke off',
        `An error arrived partway through the answer.${said} ${KEEP}`,
        'Ask again to get a complete answer.',
      );
    case 'incomplete':
      return d(
        'The answer was cut short',
        `The connection closed before the answer was finished. ${KEEP}`,
        'Check your connection and ask again.',
      );
    case 'stalled':
      return d(
        'The answer stalled',
        `Nothing arrived for ${Math.round((error.idleMs ?? 60_000) / 1000)} seconds, so the answer was stopped. ${KEEP}`,
        'Press Retry to ask again.',
      );
    case 'empty':
      return d(
        'No answer',
        'Gemini replied without any answer.',
        'Try again, or try another model.',
      );
    case 'finish':
      return (
        describeFinish(error.finishReason ?? 'OTHER', false) ??
        d('No answer', 'The model finished without an answer.', 'Try again.')
      );
    case 'network':
      return d(
        'No connection',
        'Gemini could not be reached: the device may be offline, or a network or proxy blocked the request.',
        'Check your connection (and the base URL, if you changed it), then try again.',
      );
    case 'aborted':
      return d('Stopped', 'You stopped the answer.', 'Ask again whenever you like.');
    case 'bad-base-url':
      return d(
        'The base URL is not usable',
        withoutKeys(error.apiMessage ?? 'The base URL is not an http(s) address.'),
        "Enter an address starting with https://, or clear it to use Google's.",
      );
    case 'bad-response':
      return d(
        'Unreadable reply',
        `The reply from Gemini (or the proxy in between) could not be understood.${error.apiMessage ? ` ${withoutKeys(error.apiMessage)}` : ''}`,
        'Try again; if you use a custom base URL, check it.',
      );
    default:
      return d(
        'Request failed',
        `Gemini answered with an error (HTTP ${error.status ?? '?'}).${said}`,
        'Try again later.',
      );
  }
}
