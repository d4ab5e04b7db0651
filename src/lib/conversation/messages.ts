/**
 * Every message a person reads about conversations, History, export and import: one table,
 * so wording is reviewed in one place and tests can name what they expect.
 */

const mb = (n: number): string => `${(n / 1e6).toFixed(1)} MB`;
/** A device's space, which runs to gigabytes ("10749.5 MB" had to be counted out). */
const space = (n: number): string => (n < 1e9 ? mb(n) : `${(n / 1e9).toFixed(1)} GB`);

/** Messages about the conversation and its History. */
export const CONVERSATION_MESSAGES = {
  /** Title of a conversation whose first question has no text. */
  untitled: 'Question about an image',
  /** Over the conversation pane's bottom edge while more of it is below: goes to the end. */
  moreBelow: 'More below',
  tooManyImages: (max: number) =>
    `A question can carry at most ${max} images. Remove one before adding another.`,
  emptyQuestion: 'Type a question or add an image first.',
  /** The whole conversation would pass the inline limit; the new question alone fits. */
  conversationTooLarge: (bytes: number, limit: number) =>
    `With the earlier turns, this request would be ${mb(bytes)}, but Gemini accepts at most ${mb(limit)}. Start a new conversation with this image to ask about it.`,
  /** Even the new question on its own is over the limit. */
  questionTooLarge: (bytes: number, limit: number) =>
    `This question's images come to ${mb(bytes)} in the request, but Gemini accepts at most ${mb(limit)}. Remove an image or use smaller ones.`,
  /** The action offered with `conversationTooLarge`. */
  newWithImage: 'New conversation with this image',
  noQuestionToEdit: 'There is no question to edit.',
  /** Under "Image detail": what the question's images cost at each choice (countTokens). */
  detailTokens: (low: number, medium: number, high: number) =>
    `The images cost Low ${low} · Medium ${medium} · High ${high} tokens (counted by Gemini).`,
  /**
   * The toggle the composer's options fold behind on a phone, saying the current choices:
   * what answers (the Gemini model, or '' for this device's), then the image detail and
   * thinking chosen, each only when chosen (undefined: the model's default, as a chat app's
   * model chip names the model alone; "detail auto" took the toggle onto two lines).
   */
  optionsToggle: (model: string, detail?: string, thinking?: string) =>
    `Options: ${model || 'on this device'}` +
    (model && detail ? `, detail ${detail}` : '') +
    (thinking ? `, thinking ${thinking}` : ''),
  /** While the Prompt holds the last question for "Edit". */
  editingLast: 'Editing your last question: Ask sends it in place of the old one.',
  /** An earlier answer that ended in an error, and what to do. */
  answerFailed: 'This answer could not be completed',
  answerFailedAction: 'Press Retry to ask again.',
  noAnswerToRetry: 'There is no answer to retry.',
  busy: 'Wait for the answer to finish (or press Stop) first.',
  /** Thinking cannot be switched off on this model: the lowest level is used instead. */
  thinkingCannotBeOff: (model: string) =>
    `${model} always thinks a little: "Off" uses its lowest thinking level.`,
  thinkingBy: {
    level: 'Thinking is sent as a level (thinkingLevel), as this model takes it.',
    budget: 'Thinking is sent as a token budget (thinkingBudget), as this model takes it.',
  },

  historyOff: 'Keep history is off: new conversations are not saved on this device.',
  historyEmpty: 'No saved conversations yet.',
  historyUnavailable:
    'History cannot be used in this browser window (storage is blocked, or this is a private window). The conversation on screen is not saved.',
  quotaExceeded:
    'This device has no room left for History, so this conversation was not saved. It stays on screen. Delete old conversations (or export them first) to make room.',
  saveFailed: 'The conversation could not be saved to History. It stays on screen.',
  imageMissing: 'An image of this conversation is missing, so it cannot be sent again.',
  notFound: 'That conversation is no longer in History (it may have been deleted in another tab).',
  spaceUsed: (usage: number, quota: number) =>
    `History and the app use ${space(usage)} of ${space(quota)} available on this device.`,
  /** The History panel: each row's facts, and the two confirmations. */
  // A no-break space: the count never ends a line apart from its word.
  historyRowFacts: (date: string, questions: number) =>
    `${date} · ${questions}\u00a0question${questions === 1 ? '' : 's'}`,
  historyOnScreenOnly: 'Only the conversation on screen is kept until the tab closes.',
  confirmDelete: (title: string) => `Delete “${title}”?`,
  confirmDeleteDetail:
    'It is removed from this device, with its images unless another saved conversation uses them. This cannot be undone.',
  confirmDeleteAll: 'Delete all history?',
  confirmDeleteAllDetail: (count: number) =>
    `All ${count} saved conversation${count === 1 ? '' : 's'} and their images are removed from this device. Export them first to keep a copy. This cannot be undone.`,
  deleted: 'Conversation deleted.',
  deletedAll: 'All history deleted.',
  exportedAll: (count: number) =>
    `Exported ${count} conversation${count === 1 ? '' : 's'} as one JSON file.`,
  historyMore: (count: number) => `${count} older not shown yet.`,
  renameHint: 'Enter saves, Escape cancels. An empty name goes back to the first question.',

  importNotJson: 'This file is not a Glimpse history export (it is not JSON).',
  importNotGlimpse: 'This file is not a Glimpse history export.',
  importNewerVersion: (version: number) =>
    `This export was made by a newer Glimpse (format ${version}). Update Glimpse, then import it.`,
  importMalformed: (where: string) => `This export is damaged (${where}), so nothing was imported.`,
  importDone: (imported: number, skipped: number) =>
    `Imported ${imported} conversation${imported === 1 ? '' : 's'}` +
    (skipped ? `; skipped ${skipped} already in History.` : '.'),

  /** Headings of the exported HTML and Markdown. */
  exportYou: 'You',
  exportModel: (model: string) => `Gemini (${model})`,
  exportImage: (name: string) => `Image: ${name}`,
  exportedOn: (date: string) => `Exported from Glimpse on ${date}.`,
  /** The conversation on screen: "Export" and "Copy as Markdown", and what they did. */
  exported: (file: string) => `Downloaded ${file}.`,
  exportFailed: 'The conversation could not be exported.',
  copiedMarkdown: 'Copied: the whole conversation as Markdown.',
  copyFailed: 'Could not copy: this browser did not allow writing to the clipboard.',
  /** Retry on an earlier answer: the turns after it go, so it asks first. */
  retryEarlierTitle: 'Retry this answer?',
  retryEarlierDetail: (later: number) =>
    `Its question is asked again, and the ${later} later turn${later === 1 ? '' : 's'} after this answer ${later === 1 ? 'is' : 'are'} removed from the conversation.`,
  retryEarlierConfirm: 'Retry and remove later turns',
  retryEarlierCancel: 'Cancel',
} as const;
