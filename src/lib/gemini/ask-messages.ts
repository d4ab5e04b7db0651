/**
 * The whole table of Ask's messages in one object: ASK_TEXT's sections and the sections that
 * live in their own modules so they load only when first needed (see ask-text.ts). It is for
 * review and for the test that checks every message; the app imports each section's module
 * itself, because importing this one would load them all with the first view.
 */
import { ASK_TEXT } from './ask-text.ts';
import { BASE_URL_PROBLEMS, NOT_SAVED } from './base-url.ts';
import { describeError, describeFinish } from './describe.ts';
import { describeDeviceError } from './describe-device.ts';
import { CONVERSATION_MESSAGES } from '../conversation/messages.ts';
import { FIND_MESSAGES, describeBoxProblem } from '../boxes/messages.ts';
import { INTAKE_MESSAGES } from '../image/intake.ts';
import { REQUEST_SIZE_MESSAGES } from '../image/request-messages.ts';
import { UPLOAD_NOTES } from '../image/upload-messages.ts';

/** Every message a person reads about Ask, by section. */
export const ASK_MESSAGES = {
  ...ASK_TEXT,
  /** Gemini's failures and why an answer stopped: describe.ts. */
  describeError,
  describeFinish,
  /** Failures of the model on this device: describe-device.ts. */
  describeDeviceError,
  /** Why an address cannot be the API base URL: base-url.ts. */
  baseUrl: { ...BASE_URL_PROBLEMS, notSaved: NOT_SAVED },
  /** The conversation, History, export and import: lib/conversation/messages.ts. */
  conversation: CONVERSATION_MESSAGES,
  /** Find and its boxes: lib/boxes/messages.ts. */
  find: FIND_MESSAGES,
  describeBoxProblem,
  /** What image intake refuses (shared with Reveal): lib/image/intake.ts. */
  intake: INTAKE_MESSAGES,
  /** The request over Gemini's inline limit, and what Auto or Original did with the file. */
  requestSize: REQUEST_SIZE_MESSAGES,
  uploadNotes: UPLOAD_NOTES,
} as const;
