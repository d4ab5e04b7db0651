/**
 * Every message a person reads about Ask (statuses, alerts, notes, problems), in one table,
 * so wording is reviewed in one place and tests name what they expect. Labels of controls
 * (button and field names) stay in the templates; everything else comes from here.
 *
 * The table has sections. Those in this module are small and ship with the first view. The
 * big sections stay in their own modules, because they load only when first needed and would
 * otherwise weigh on the first view:
 * - Gemini's failures: describe.ts (`describeError`, `describeFinish`), with the first question
 *   or "Check key";
 * - the model on this device: device-text.ts (`DEVICE_TEXT`, re-exported here as `device`) and
 *   its failures in describe-device.ts, with the first on-device question;
 * - the API base URL: base-url.ts (`BASE_URL_PROBLEMS`, `NOT_SAVED`);
 * - the conversation, History, export and import: lib/conversation/messages.ts;
 * - Find: lib/boxes/messages.ts;
 * - the image: what intake refuses, lib/image/intake.ts (`INTAKE_MESSAGES`, shared with
 *   Reveal); the 20 MB request limit, lib/image/request-messages.ts; what Auto or
 *   Original did with the file, lib/image/upload-messages.ts.
 *
 * ask-messages.ts gathers every section into one object, `ASK_MESSAGES`, for review and for
 * the test that checks them all (never import it from the app: it would load every section).
 *
 * No message repeats a key: whatever a function is given (a host, a file's title) goes
 * through `withoutKeys` first, in case a key was pasted where it did not belong.
 */
import type { ContextUse } from './device.ts';
import { DEVICE_TEXT } from './device-text.ts';
import type { ErrorDescription, Usage } from './types.ts';

/** Anything shaped like a Google API key (`AIza…`), hidden before a text is shown. */
const KEY_SHAPE = /AIza[\w-]{16,}/gi;

/** `text` with anything key-shaped replaced by "[key]". */
export function withoutKeys(text: string): string {
  return text.replace(KEY_SHAPE, '[key]');
}

/** What the line under the stage says about the image as it will be sent. */
export interface ImageFacts {
  name: string;
  width: number;
  height: number;
  /** Its size in bytes, already written for people ("12.3 KB"). */
  size: string;
  mimeType: string;
  tokens: number;
  /** Counted by Gemini (countTokens), not estimated. */
  counted: boolean;
}

/** What the one line under an answer says, each fact once (any of them may be unknown). */
export interface AnswerFacts {
  /** The model that answered: the version the API named, else the one asked; or this device. */
  model?: string;
  usage?: Usage;
  /** The model on this device: its context window use, in place of tokens. */
  context?: ContextUse;
  /** From the question being sent to the last piece of the answer. */
  ms?: number;
}

/**
 * The tokens an answer used: the prompt (and how much of it came from the cache), any
 * thinking, the answer; only the total when that is all the API said.
 */
function tokensUsed(u: Usage): string {
  if (!u.promptTokens && !u.answerTokens && !u.thoughtsTokens) {
    return u.totalTokens ? `${u.totalTokens} tokens` : '';
  }
  const prompt = `${u.promptTokens} prompt` + (u.cachedTokens ? ` (${u.cachedTokens} cached)` : '');
  const thinking = u.thoughtsTokens ? ` + ${u.thoughtsTokens} thinking` : '';
  return `${prompt}${thinking} + ${u.answerTokens} answer tokens`;
}

/** How much of its context window the model on this device used. */
function contextUsed(c: ContextUse): string {
  const window = Number.isFinite(c.window) ? String(c.window) : 'unlimited';
  return `Context used: ${c.used} of ${window} tokens`;
}

const works = 'Key works';
const modelsCount = (n: number) => `${n} models can answer questions about images.`;

/** The words of the dialog asked before the key first goes to a host other than Google's. */
const consent = {
  title: (host: string) => `Send your key to ${withoutKeys(host)}?`,
  detail: (host: string) =>
    `Your Gemini API key is about to go to ${withoutKeys(host)}, not to Google. Whoever runs that host can read the key and use it on your account. Send it only to a proxy you trust.`,
  accept: 'Send key to this host',
  cancel: 'Cancel',
  refusedTitle: 'Key not sent',
  refusedDetail: (host: string) =>
    `You chose not to send your key to ${withoutKeys(host)}, so nothing was sent.`,
  refusedAction:
    "Use Google's base URL (https://generativelanguage.googleapis.com), or try again and choose “Send key to this host”.",
} as const;

/** Every Ask message that no other table holds (see the module comment for the others). */
export const ASK_TEXT = {
  /** Said before trying when the browser knows it has no network. */
  offline: {
    title: 'You are offline',
    detail: 'Ask needs the network to reach Gemini, and this device is offline.',
    action: 'Your question and image are kept: press Retry once you are back online.',
  } satisfies ErrorDescription,

  /** Said before trying when the page's security policy would refuse the base URL. */
  blockedByPolicy(baseUrl: string): ErrorDescription {
    let origin = 'this address';
    try {
      origin = withoutKeys(new URL(baseUrl).origin);
    } catch {
      // Not a URL: the request itself will say so (and the text is never repeated: it may
      // be a key pasted into the wrong field).
    }
    return {
      title: 'This address is not allowed',
      detail: `This copy of Glimpse may only connect to the addresses its security policy names, and ${origin} is not one of them.`,
      action: `Use the default base URL, or build Glimpse with ${origin} in GLIMPSE_CONNECT_SRC (see the README). Your question is kept.`,
    };
  },

  /**
   * Said when code loaded on first use (asking, checking the key) could not be loaded: the
   * page was updated, or the network dropped before the service worker had it.
   */
  notLoaded: {
    title: 'Glimpse could not load part of itself',
    detail: 'Code this step needs did not arrive over the network.',
    action: 'Reload the page and try again. Your question, image and key are kept.',
  } satisfies ErrorDescription,

  /** What the API said, quoted after a problem's detail (the key, if any, hidden). */
  serviceSaid: (message: string) => ` The service said: “${withoutKeys(message)}”`,

  consent,

  /** Said when the person chose Cancel in the consent dialog: nothing was sent. */
  keyNotSent(host: string | undefined): ErrorDescription {
    return {
      title: consent.refusedTitle,
      detail: consent.refusedDetail(host ?? 'that address'),
      action: consent.refusedAction,
    };
  },

  /** The composer: why Ask did not send, and its hints. */
  composer: {
    noPrompt: 'Write a question in the Prompt field, or pick one of the prompts.',
    noKey: 'Paste your Gemini API key first (get one free at aistudio.google.com).',
    offline:
      'You are offline: Ask needs the network to reach Gemini. Reveal and Hide work without it.',
    promptHint: 'Enter asks; Shift+Enter starts a new line.',
    /** After "Check key" worked, where the key's settings went. */
    keyWorks: (count: number) =>
      `${works}: ${modelsCount(count)} The key and where it goes are now under Settings.`,
  },

  /** The key panel: what "Check key" says, and where the key goes. */
  key: {
    checking: 'Checking the key…',
    works,
    /** Follows `works` and a colon. */
    modelsCount,
    noKey: 'Paste a key from Google AI Studio to ask questions.',
    /** Followed by the link to aistudio.google.com/apikey. */
    getOne: 'No key yet? Get one free at',
    /** Around the header's name, which is shown as code. */
    sentOnlyBefore: 'Your key is sent only to this address, only in the',
    header: 'x-goog-api-key',
    sentOnlyAfter: 'header; never in a URL and never anywhere else.',
  },

  /** The answer: its status line, its facts and what Copy did. */
  answer: {
    idle: 'Ask a question to see the answer here.',
    sending: 'Sending…',
    answering: 'Answering…',
    retrying: 'Retrying…',
    retryingIn: (seconds: number) => `Retrying in ${seconds} s…`,
    done: 'Done.',
    stopped: 'Stopped.',
    failed: 'The answer could not be completed.',
    /** Under a stopped answer. */
    partial: 'Stopped: the answer above is partial.',
    /** Under an answer stopped before its first word (no empty box is drawn for it). */
    stoppedEmpty: 'Stopped before any answer came.',
    /** Announced once, before the answer's text, when it is complete. */
    ready: 'Answer ready.',
    copied: 'Copied as Markdown.',
    /**
     * The one quiet line under an answer: the model, the tokens (or this device's context
     * use), the seconds it took; whatever is known yet ('' when nothing is).
     */
    facts: (f: AnswerFacts) =>
      [
        f.model ? withoutKeys(f.model) : '',
        f.usage ? tokensUsed(f.usage) : '',
        f.context ? contextUsed(f.context) : '',
        f.ms === undefined ? '' : `${(f.ms / 1000).toFixed(1)} s`,
      ]
        .filter(Boolean)
        .join(' · '),
  },

  /** The image: while it is prepared, what Auto and Original mean, and a sample that failed. */
  image: {
    preparing: 'Preparing the image…',
    dropNote: 'Or drop an image onto this view, or paste one (Ctrl+V / ⌘V).',
    modes: 'Auto: long side at most 3072 px, metadata (GPS) removed. Original: the file as it is.',
    sampleFailed: (title: string) =>
      `The sample "${withoutKeys(title)}" could not be loaded. Reload the page and try again.`,
    /** The line under the stage: the image as it will be sent, and what it costs. */
    facts: (f: ImageFacts) =>
      // A format this browser cannot decode (HEIC) whose header does not say its size.
      withoutKeys(
        `${f.name}: ${f.width && f.height ? `${f.width} × ${f.height} px` : 'size unknown'}, ` +
          `${f.size} (${f.mimeType}), `,
      ) +
      (f.counted
        ? `${f.tokens} tokens (counted by Gemini)`
        : `about ${f.tokens} tokens (estimate)`),
    /** On the stage, before a part is selected. */
    selectHint: 'Drag on the picture to select a part of it.',
    /** On the stage, once a part is selected: its size, and the whole image's as sent. */
    part: (width: number, height: number, sent?: { width: number; height: number }) =>
      `The part is ${width} × ${height} pixels at full resolution` +
      (sent ? `; the whole image goes as ${sent.width} × ${sent.height}` : '') +
      '.',
  },

  /** History, while its list is read. */
  historyLoading: 'Loading…',

  /** The model on this device (device-text.ts, already in the first view). */
  device: DEVICE_TEXT,
} as const;
