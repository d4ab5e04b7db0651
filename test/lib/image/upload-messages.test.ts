/**
 * The note under the stage (src/lib/image/upload-messages.ts), as a person reads it: each thing
 * done to the file is said, even when it is one kind of metadata, and nothing is said twice.
 */
import { describe, expect, it } from 'vitest';
import { UPLOAD_NOTES, type ReencodeFacts } from '../../../src/lib/image/upload-messages.ts';

const plain: ReencodeFacts = {
  from: 'png',
  to: 'image/png',
  turned: false,
  metadataRemoved: [],
  fullSize: false,
};

describe('the upload note', () => {
  it('names the metadata an original or HEIC file keeps, even one kind, and none when it has none', () => {
    expect(UPLOAD_NOTES.original('jpeg', ['Exif'])).toBe(
      'The original JPEG file is sent byte for byte, metadata (Exif) included.',
    );
    expect(UPLOAD_NOTES.original('png', [])).toBe('The original PNG file is sent byte for byte.');
    expect(UPLOAD_NOTES.sentAsIs('heic', ['GPS'])).toBe(
      'HEIC is sent as it is: this browser cannot show or resize it, so there is no preview. Its metadata (GPS) is kept.',
    );
    expect(UPLOAD_NOTES.sentAsIs('heif', [])).toBe(
      'HEIF is sent as it is: this browser cannot show or resize it, so there is no preview.',
    );
  });

  it('says a refused format was converted at full size, in Original', () => {
    expect(UPLOAD_NOTES.reencoded({ ...plain, from: 'avif', fullSize: true })).toBe(
      'Gemini does not accept AVIF, so it is converted to PNG; at full size.',
    );
  });

  it('says the format once when it stays, both when it changes, and every step in order', () => {
    expect(UPLOAD_NOTES.reencoded(plain)).toBe('Re-encoded as PNG.');
    // A transparent WebP that stays WebP: one name, spelt as everywhere else.
    expect(UPLOAD_NOTES.reencoded({ ...plain, from: 'webp', to: 'image/webp' })).toBe(
      'Re-encoded as WebP.',
    );
    expect(UPLOAD_NOTES.reencoded({ ...plain, from: 'png', to: 'image/webp' })).toBe(
      'Re-encoded from PNG to WebP.',
    );
    expect(
      UPLOAD_NOTES.reencoded({
        ...plain,
        from: 'webp',
        to: 'image/jpeg',
        resized: { from: { width: 5000, height: 2000 }, to: { width: 3072, height: 1229 } },
        turned: true,
        metadataRemoved: ['XMP'],
      }),
    ).toBe(
      'Re-encoded from WebP to JPEG; resized from 5000×2000 to 3072×1229; turned upright; metadata removed (XMP).',
    );
  });
});
