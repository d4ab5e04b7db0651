/** Every sentence a person reads about found boxes, in one table. */
import type { BoxProblem } from './parse.ts';
import { MAX_BOXES } from './request.ts';
import { DEVICE_TEXT } from '../gemini/device-text.ts';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The plain words for a problem with a box answer. */
export function describeBoxProblem(p: BoxProblem): string {
  switch (p.kind) {
    case 'not-json':
      return 'The answer was not the list of boxes asked for, so nothing could be drawn. Its text is shown below.';
    case 'not-a-list':
      return 'The answer was JSON, but not a list of boxes, so nothing could be drawn.';
    case 'empty':
      return 'Gemini found nothing to box in this image.';
    case 'malformed':
      return `${plural(p.count, 'box was', 'boxes were')} left out: each needs a label and four numbers.`;
    case 'out-of-range':
      return `${plural(p.count, 'box was', 'boxes were')} left out: ${p.count === 1 ? 'its' : 'their'} coordinates fell outside the image (0–1000).`;
    case 'inverted':
      return `${plural(p.count, 'box was', 'boxes were')} left out: ${p.count === 1 ? 'its' : 'their'} corners were the wrong way round.`;
    case 'too-many':
      return `Only the first ${MAX_BOXES} boxes are drawn; ${plural(p.count, 'more was', 'more were')} left out.`;
  }
}

/** What "Find" says when it cannot ask, or what it found. */
export const FIND_MESSAGES = {
  noKey: 'Paste your Gemini API key first: Find asks Gemini where things are.',
  noImage: 'Choose an image first: Find draws boxes on it.',
  onDevice: `Find needs Gemini: the model on this device cannot return boxes. Under “${DEVICE_TEXT.legend}”, choose “${DEVICE_TEXT.gemini}”.`,
  finding: (what: string) => `Finding “${what}”…`,
  /** A Find's answer in the conversation, before the list of what it found. */
  listed: (n: number, what: string) => `Found ${n} for “${what}”:`,
  /** A Find's answer in the conversation when Gemini found nothing. */
  none: (what: string) => `Nothing found for “${what}”.`,
  /** A stopped Find's answer in the conversation, before the list of what it had found. */
  stoppedListed: (n: number, what: string) =>
    `Stopped before the end: ${n} found for “${what}” so far:`,
  /** A stopped Find's answer when Gemini had not sent a whole box yet. */
  stoppedNone: (what: string) => `Stopped before anything was found for “${what}”.`,
  /** Before a Find's answer as Gemini gave it (exported, or when boxes were left out). */
  asGiven: 'The answer as Gemini gave it:',
  found: (n: number, what: string) =>
    `${plural(n, 'box', 'boxes')} found for “${what}”. Select one to ask about it.`,
  copied: (n: number) =>
    `Copied ${plural(n, 'box', 'boxes')} as JSON, in pixels of the original image.`,
  copyFailed: 'The browser did not allow copying. Nothing was copied.',
  downloadFailed: 'The annotated image could not be made in this browser.',
  cropFailed: 'That part of the image could not be cut out in this browser.',
  cropName: (label?: string) => (label ? `Part: ${label}` : 'Part of the image'),
} as const;
