/**
 * The conversation model: DOM-free, tested in Node. Turns and what changes them, what to
 * send (`contents`, options, the inline limit), what to store and export.
 */
export * from './types.ts';
export * from './model.ts';
export * from './contents.ts';
export * from './options.ts';
export * from './record.ts';
export * from './archive.ts';
export { ConversationError, type ConversationErrorKind } from './errors.ts';
export { CONVERSATION_MESSAGES } from './messages.ts';
export { titleFrom, MAX_TITLE_LENGTH } from './title.ts';
export { sha256Hex, isSha256Hex } from './hash.ts';
export { conversationMarkdown } from './markdown-export.ts';
