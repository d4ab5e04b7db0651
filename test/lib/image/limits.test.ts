import { describe, expect, it } from 'vitest';
import { RequestTooLargeError } from '../../../src/lib/image/errors.ts';
import {
  checkRequestSize,
  MAX_REQUEST_BYTES,
  requestBytes,
} from '../../../src/lib/image/limits.ts';

describe('checkRequestSize', () => {
  it('lets a 14 MB image through', () => {
    expect(checkRequestSize(14_000_000, 'Explain what you see in this image.', 'auto')).toBeNull();
  });

  it('stops 15 MB of image, which is 20 MB once in base64', () => {
    const error = checkRequestSize(15_000_000, 'Read it.', 'original');
    expect(error).toBeInstanceOf(RequestTooLargeError);
    expect(error?.requestBytes).toBeGreaterThan(MAX_REQUEST_BYTES);
    expect(error?.message).toContain('20.0 MB');
  });

  it('tells an "Original" sender to choose Auto, and an Auto sender to use a smaller image', () => {
    expect(checkRequestSize(16_000_000, 'x', 'original')?.message).toMatch(/Choose "Auto"/);
    expect(checkRequestSize(16_000_000, 'x', 'auto')?.message).toMatch(/smaller image/);
    expect(checkRequestSize(16_000_000, 'x', 'auto')?.message).not.toMatch(/Auto/);
  });

  it('counts the prompt in UTF-8 bytes', () => {
    const ascii = requestBytes(0, 'a'.repeat(1000));
    const greek = requestBytes(0, 'α'.repeat(1000));
    expect(greek - ascii).toBe(1000);
  });

  it('stops a prompt that pushes an image just under the limit over it', () => {
    const image = 14_990_000;
    expect(checkRequestSize(image, '', 'auto')).toBeNull();
    expect(checkRequestSize(image, 'x'.repeat(20_000), 'auto')).not.toBeNull();
  });
});
