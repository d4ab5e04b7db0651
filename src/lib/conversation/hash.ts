/** Content hashes: an image is stored once, keyed by the SHA-256 of its bytes. */

/** Lowercase hex SHA-256 of `bytes` (Web Crypto: the same in the page, a worker and Node). */
export async function sha256Hex(bytes: BufferSource): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** True for a lowercase hex SHA-256. */
export function isSha256Hex(value: unknown): value is string {
  return typeof value === 'string' && /^[0-9a-f]{64}$/.test(value);
}
