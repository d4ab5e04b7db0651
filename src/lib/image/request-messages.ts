/**
 * Why a request would not go: over Gemini's inline limit (limits.ts). Apart from the upload
 * notes (upload-messages.ts) because the limit is checked with the first view, which should
 * carry nothing else; ask-messages.ts gathers both for review and for the message test.
 */

const mb = (n: number): string => `${(n / 1e6).toFixed(1)} MB`;

/** Why a request would not go: over Gemini's inline limit. */
export const REQUEST_SIZE_MESSAGES = {
  /** `mode` is the upload mode that made the image: from "Original", "Auto" may help. */
  tooLarge: (bytes: number, limit: number, mode: 'auto' | 'original') =>
    `This request would be ${mb(bytes)}, but Gemini accepts at most ${mb(limit)}. ` +
    (mode === 'original'
      ? 'Choose "Auto" to shrink the image before sending, or use a smaller image.'
      : 'Use a smaller image (or a shorter prompt).'),
} as const;
