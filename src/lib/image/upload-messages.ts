/**
 * What "Auto" or "Original" did with an image before it goes to Gemini: the note under the
 * stage, loaded with the upload code and the first image (plan.ts). The request limit's
 * message is request-messages.ts, apart because it ships with the first view; ask-messages.ts
 * gathers both with the rest of Ask's messages for review and for the test that checks every
 * message. (What intake refuses is intake.ts's `INTAKE_MESSAGES`, shared with Reveal.)
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

/**
 * "JPEG" for image/jpeg: how a note names the format sent, spelt as the file's own format is
 * (upper-casing the type made "WEBP", so a WebP kept as WebP read "from WebP to WEBP").
 */
const sentName = (type: EncodeType) => KIND_NAMES[type.replace('image/', '') as ImageKind];

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
        ? // "from PNG to PNG" read as a slip: same format, it is said once.
          from === to
          ? `Re-encoded as ${to}`
          : `Re-encoded from ${from} to ${to}`
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
