import { describe, expect, it } from 'vitest';
import { base64Length, encodeBase64, encodeBase64Chunked } from '../../../src/lib/image/base64.ts';

function pseudoRandomBytes(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    out[i] = s >>> 24;
  }
  return out;
}

describe('encodeBase64', () => {
  it.each([0, 1, 2, 3, 4, 5, 100, 49151, 49152, 49153, 3 * 16 * 1024 * 5 + 1])(
    'matches Node for %i bytes, across slice boundaries',
    (n) => {
      const data = pseudoRandomBytes(n, n + 1);
      const text = encodeBase64(data);
      expect(text).toBe(Buffer.from(data).toString('base64'));
      expect(encodeBase64Chunked(data)).toBe(text);
      expect(text.length).toBe(base64Length(n));
    },
  );

  it('encodes a 15 MB image without overflowing the stack', { timeout: 30_000 }, () => {
    const data = pseudoRandomBytes(15_000_000, 7);
    const text = encodeBase64(data);
    expect(text.length).toBe(20_000_000);
    expect(Buffer.from(text, 'base64').equals(Buffer.from(data))).toBe(true);
  });
});
