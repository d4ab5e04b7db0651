import { describe, expect, it } from 'vitest';
import {
  describeReencode,
  fitLongSide,
  planEncoding,
  pngStaysSmall,
  type SourceFacts,
} from '../../../src/lib/image/plan.ts';

const photo: SourceFacts = {
  kind: 'jpeg',
  width: 4000,
  height: 3000,
  bytes: 6_000_000,
  metadata: ['Exif', 'GPS'],
  orientation: 1,
  mayHaveAlpha: false,
};

describe('fitLongSide', () => {
  it.each([
    [4000, 3000, 3072, 2304],
    [3000, 4000, 2304, 3072],
    [3072, 100, 3072, 100],
    [1000, 800, 1000, 800],
    [20000, 10, 3072, 2],
  ])('%i×%i → %i×%i', (w, h, ew, eh) => {
    expect(fitLongSide(w, h, 3072)).toEqual({ width: ew, height: eh });
  });
});

describe('planEncoding', () => {
  it('Auto downsizes a 4000×3000 photo to 3072×2304 JPEG', () => {
    expect(planEncoding(photo, 'auto')).toEqual({
      action: 're-encode',
      width: 3072,
      height: 2304,
      formats: ['image/jpeg'],
      originalAllowed: false,
    });
  });

  it('Original sends an accepted file as it is and says metadata goes along', () => {
    const plan = planEncoding(photo, 'original');
    expect(plan.action).toBe('send-original');
    expect(plan.action === 'send-original' && plan.note).toMatch(/Exif, GPS/);
  });

  it.each(['gif', 'bmp', 'avif'] as const)(
    'Original still converts %s, at full size, since Gemini refuses it',
    (kind) => {
      const plan = planEncoding({ ...photo, kind, metadata: [] }, 'original');
      expect(plan).toMatchObject({ action: 're-encode', width: 4000, height: 3000 });
    },
  );

  it('tries PNG first for a screenshot-like PNG, then JPEG', () => {
    const png = { ...photo, kind: 'png' as const, mayHaveAlpha: false, metadata: [] };
    expect(planEncoding(png, 'auto')).toMatchObject({ formats: ['image/png', 'image/jpeg'] });
  });

  it('never picks JPEG for an image that may be transparent', () => {
    const webp = { ...photo, kind: 'webp' as const, mayHaveAlpha: true };
    expect(planEncoding(webp, 'auto')).toMatchObject({ formats: ['image/png', 'image/webp'] });
  });

  it('allows the original only when it is clean, upright and small enough', () => {
    const clean = { ...photo, width: 800, height: 600, metadata: [] };
    expect(planEncoding(clean, 'auto')).toMatchObject({ originalAllowed: true });
    expect(planEncoding({ ...clean, orientation: 6 }, 'auto')).toMatchObject({
      originalAllowed: false,
    });
    expect(planEncoding({ ...clean, metadata: ['Exif'] }, 'auto')).toMatchObject({
      originalAllowed: false,
    });
  });

  it.each(['auto', 'original'] as const)('sends HEIC as it is in %s, saying why', (mode) => {
    const heic = { ...photo, kind: 'heic' as const };
    const plan = planEncoding(heic, mode);
    expect(plan.action).toBe('send-original');
    expect(plan.action === 'send-original' && plan.note).toMatch(/cannot show/);
  });
});

describe('pngStaysSmall', () => {
  it('keeps a 300 KB chart PNG and drops a 12 MB photo PNG at 3072×2304', () => {
    expect(pngStaysSmall(300_000, 3072 * 2304)).toBe(true);
    expect(pngStaysSmall(12_000_000, 3072 * 2304)).toBe(false);
  });

  it('keeps a tiny PNG even though its header costs many bits per pixel', () => {
    expect(pngStaysSmall(150, 16 * 8)).toBe(true);
    expect(pngStaysSmall(400_000, 500 * 400)).toBe(false);
  });
});

describe('describeReencode', () => {
  it('says what Auto did to a photo', () => {
    const note = describeReencode(
      photo,
      { width: 3072, height: 2304, mimeType: 'image/jpeg', keptOriginal: false },
      'auto',
    );
    expect(note).toBe(
      'Re-encoded as JPEG; resized from 4000×3000 to 3072×2304; metadata removed (Exif, GPS).',
    );
  });

  it('names both formats when Auto changed the format', () => {
    const png = { ...photo, kind: 'png' as const, metadata: [] };
    const note = describeReencode(
      png,
      { width: 3072, height: 2304, mimeType: 'image/jpeg', keptOriginal: false },
      'auto',
    );
    expect(note).toBe('Re-encoded from PNG to JPEG; resized from 4000×3000 to 3072×2304.');
  });

  it('says a GIF was converted because Gemini refuses it', () => {
    const gif = { ...photo, kind: 'gif' as const, metadata: [], width: 10, height: 10 };
    const note = describeReencode(
      gif,
      { width: 10, height: 10, mimeType: 'image/png', keptOriginal: false },
      'auto',
    );
    expect(note).toBe('Gemini does not accept GIF, so it is converted to PNG.');
  });
});
