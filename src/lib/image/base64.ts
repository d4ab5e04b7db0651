/**
 * Base64 for request bodies. A 15 MB image must encode in tens of milliseconds without
 * blowing the call stack, so bytes go through `String.fromCharCode` in slices, then `btoa`.
 */

// Slice length: a multiple of 3 (so slices concatenate without padding in the middle) and
// small enough for `fromCharCode.apply`'s argument limit.
const CHUNK = 3 * 16 * 1024;

interface HasToBase64 {
  toBase64(): string;
}

/** Bare base64 of `bytes` (no `data:` prefix, standard alphabet, padded). */
export function encodeBase64(bytes: Uint8Array): string {
  const native = bytes as Uint8Array & Partial<HasToBase64>;
  if (typeof native.toBase64 === 'function') return native.toBase64();
  return encodeBase64Chunked(bytes);
}

/** The portable path of {@link encodeBase64}, for browsers without `toBase64`. */
export function encodeBase64Chunked(bytes: Uint8Array): string {
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += CHUNK) {
    const slice = bytes.subarray(i, i + CHUNK);
    parts.push(btoa(String.fromCharCode.apply(null, slice as unknown as number[])));
  }
  return parts.join('');
}

/** Length of the base64 text for `byteLength` bytes. */
export function base64Length(byteLength: number): number {
  return 4 * Math.ceil(byteLength / 3);
}
