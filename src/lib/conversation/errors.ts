/** Typed failures of the conversation model, History and import, each with a plain message. */

/** What went wrong, in one word the UI can switch on. */
export type ConversationErrorKind =
  | 'too-many-images'
  | 'empty-question'
  | 'nothing-to-edit'
  | 'nothing-to-retry'
  | 'busy'
  /** The whole request would pass the inline limit (see `checkRequestSize`). */
  | 'too-large'
  /** IndexedDB refused to store more (QuotaExceededError). */
  | 'quota'
  /** IndexedDB cannot be opened here (blocked, private window). */
  | 'unavailable'
  | 'save-failed'
  | 'not-found'
  /** An import file that is not a valid Glimpse export. */
  | 'bad-import';

/** A failure with a message a person can read as it is (from `CONVERSATION_MESSAGES`). */
export class ConversationError extends Error {
  override name = 'ConversationError';
  constructor(
    readonly kind: ConversationErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
