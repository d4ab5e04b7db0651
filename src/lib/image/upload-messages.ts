/**
 * Every sentence a person reads about how an image goes to Gemini, in two tables by when the
 * page needs them: the request limit (`REQUEST_SIZE_MESSAGES`, checked as soon as an image is
 * chosen or a question asked, so it ships with the first view; limits.ts) and what "Auto" or
 * "Original" did with the file (`UPLOAD_NOTES`, loaded with the upload code and the first
 * image; plan.ts). ask-messages.ts gathers both with the rest of Ask's messages for review and
 * for the test that checks every message. (What intake refuses is intake.ts's
 * `INTAKE_MESSAGES`, shared with Reveal.)
 */

import { API_ACCEPTED_KINDS, type ImageKind } from './formats.ts';
import { KIND_NAMES } from './intake.ts';
import type { MetadataKind } from './metadata.ts';
import type { EncodeType } from './plan.ts';

/** Pixel size, as the notes spell it. */
interface Size {
  width: number;
  height: number;
}

/** What a re-encode did to an image, for {@link UPLOAD_NOTES.reencoded}. */
export interface ReencodeFacts {
  /** The file's format. */
  from: ImageKind;
  /** The format sent. */
  to: EncodeType;
  /** The size before and after, when it changed. */
  resized?: { from: Size; to: Size };
  /** EXIF said the picture was stored turned: it was set upright. */
  turned: boolean;
  /** Metadata taken out; none when the file had none. */
  metadataRemoved: readonly MetadataKind[];
  /** "Original" re-encoded a format Gemini does not take, without shrinking it. */
  fullSize: boolean;
}

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

/** "JPEG" for image/jpeg: how a note names the format sent. */
const sentName = (type: EncodeType) => type.replace('image/', '').toUpperCase();

/**
 * The note under the stage: what was done to the file before it goes. Every argument is a
 * format, a kind of metadata or a number, never text a person typed.
 */
export const UPLOAD_NOTES = {
  /** A format the browser cannot decode (HEIC, HEIF): nothing could be changed. */
  sentAsIs: (kind: ImageKind, metadata: readonly MetadataKind[]) =>
    `${KIND_NAMES[kind]} is sent as it is: this browser cannot show or resize it, so there is no preview.` +
    (metadata.length ? ` Its metadata (${metadata.join(', ')}) is kept.` : ''),
  /** "Original" with a format Gemini takes. */
  original: (kind: ImageKind, metadata: readonly MetadataKind[]) =>
    `The original ${KIND_NAMES[kind]} file is sent byte for byte` +
    (metadata.length ? `, metadata (${metadata.join(', ')}) included` : '') +
    '.',
  /** "Auto" found nothing to gain: the file goes as it is. */
  keptOriginal: (kind: ImageKind) =>
    `The original ${KIND_NAMES[kind]} is sent: it is already clean and re-encoding would not make it smaller.`,
  /** Everything a re-encode did, in one sentence. */
  reencoded: (r: ReencodeFacts) => {
    const from = KIND_NAMES[r.from];
    const to = sentName(r.to);
    const parts = [
      API_ACCEPTED_KINDS.has(r.from)
        ? `Re-encoded from ${from} to ${to}`
        : `Gemini does not accept ${from}, so it is converted to ${to}`,
    ];
    if (r.resized) {
      const { from, to } = r.resized;
      parts.push(`resized from ${from.width}×${from.height} to ${to.width}×${to.height}`);
    }
    if (r.turned) parts.push('turned upright');
    if (r.metadataRemoved.length) {
      parts.push(`metadata removed (${r.metadataRemoved.join(', ')})`);
    }
    if (r.fullSize) parts.push('at full size');
    return parts.join('; ') + '.';
  },
} as const;
