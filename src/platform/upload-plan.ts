/**
 * What Ask sends for an image, and the cheap checks on it: apart from upload.ts (decoding,
 * resizing, the worker) so the Ask form can show and check a plan without loading all that
 * until the first image arrives.
 */
import type { InlineImage } from '../lib/gemini/types.ts';
import type { RequestTooLargeError } from '../lib/image/errors.ts';
import { checkRequestSize } from '../lib/image/limits.ts';
import type { UploadMode } from '../lib/image/plan.ts';

/** An image as it will be sent. */
export interface UploadPlan {
  mode: UploadMode;
  /** The bytes that will be sent. */
  blob: Blob;
  /** Their MIME type, by content (never by file name). */
  mimeType: string;
  /** Pixel size sent (0 when the browser cannot decode the format and the header is silent). */
  width: number;
  height: number;
  /** Byte size sent, before base64. */
  bytes: number;
  /** Byte size the base64 text will take in the request. */
  base64Bytes: number;
  /** The file as given. */
  originalBytes: number;
  originalMimeType: string;
  originalWidth: number;
  originalHeight: number;
  /** Token estimate (Gemini 2.x rule; 3.x caps by mediaResolution). */
  estimatedTokens: number;
  /** Object URL of the sent image, or `null` when the browser cannot show it (HEIC/HEIF). */
  previewUrl: string | null;
  /** One or two sentences saying what was done, for the person. */
  note: string;
  /** Bare base64 of `blob`, computed once on first call. */
  base64(): Promise<string>;
  /** `{mimeType, data}` ready for the Gemini module. */
  inlineImage(): Promise<InlineImage>;
}

/** Release the preview's object URL once the plan is no longer shown. */
export function releaseUpload(plan: UploadPlan): void {
  if (plan.previewUrl) URL.revokeObjectURL(plan.previewUrl);
}

/**
 * The error to show when this image plus `prompt` would exceed Gemini's 20 MB request limit,
 * or `null` when the request fits. Check before sending.
 */
export function checkUploadSize(plan: UploadPlan, prompt: string): RequestTooLargeError | null {
  return checkRequestSize(plan.bytes, prompt, plan.mode);
}
