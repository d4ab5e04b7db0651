/**
 * Gemini's 20 MB request limit, checked before sending: the image travels as base64 (4 bytes
 * for every 3), so about 15 MB of image fills the request on its own.
 */
import { base64Length } from './base64.ts';
import { RequestTooLargeError } from './errors.ts';
import { REQUEST_SIZE_MESSAGES } from './request-messages.ts';

/** The largest request Gemini accepts with inline data (decimal megabytes, to stay safe). */
export const MAX_REQUEST_BYTES = 20_000_000;

// JSON around the image and prompt (contents, parts, generationConfig…), generously.
const ENVELOPE_BYTES = 4096;

/** Bytes a request with this image (raw byte count) and prompt takes on the wire. */
export function requestBytes(imageBytes: number, prompt: string): number {
  const promptBytes = new TextEncoder().encode(JSON.stringify(prompt)).length;
  return base64Length(imageBytes) + promptBytes + ENVELOPE_BYTES;
}

/** What the person can still do to make a request fit. */
export type SizeRemedy = 'choose-auto' | 'smaller-image';

/**
 * The error to show when the request would be too large, or `null` when it fits.
 * `mode` is the upload mode that produced the image: from "Original", "Auto" may help.
 */
export function checkRequestSize(
  imageBytes: number,
  prompt: string,
  mode: 'auto' | 'original',
): RequestTooLargeError | null {
  const total = requestBytes(imageBytes, prompt);
  if (total <= MAX_REQUEST_BYTES) return null;
  return new RequestTooLargeError(
    REQUEST_SIZE_MESSAGES.tooLarge(total, MAX_REQUEST_BYTES, mode),
    total,
    MAX_REQUEST_BYTES,
  );
}
