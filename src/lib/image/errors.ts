/**
 * Typed errors for image intake. Each message says what happened and what to do, in words a
 * person can act on; `code` lets the UI pick an icon or a test check the case.
 */

/** Why an image could not be used. */
export type ImageErrorCode =
  | 'empty'
  | 'too-many-bytes'
  | 'not-an-image'
  | 'unknown-size'
  | 'truncated'
  | 'too-many-pixels'
  | 'undecodable'
  | 'too-large';

/** An image the app cannot use, with a message saying what to do instead. */
export class ImageError extends Error {
  override name = 'ImageError';
  constructor(
    readonly code: ImageErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** A request that would exceed Gemini's 20 MB limit: stopped before sending. */
export class RequestTooLargeError extends ImageError {
  override name = 'RequestTooLargeError';
  constructor(
    message: string,
    /** Bytes the whole request would take. */
    readonly requestBytes: number,
    /** The most Gemini accepts. */
    readonly limitBytes: number,
  ) {
    super('too-large', message);
  }
}
