/**
 * The API base URL the person chose (a proxy, or the fake server in tests), made safe to
 * append paths to. The key only ever goes to this URL.
 */
import { GeminiError } from './errors.ts';

/**
 * Trim whitespace and trailing slashes, and refuse anything but https (http only for a loopback proxy) — a `javascript:` or
 * `file:` "base URL" would never be a Gemini endpoint. A trailing `/v1beta` is dropped
 * because the paths add it. Throws a GeminiError of kind `bad-base-url`.
 */
export function normaliseBaseUrl(input: string): string {
  const text = input.trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new GeminiError('bad-base-url', { apiMessage: 'The base URL is not a web address.' });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new GeminiError('bad-base-url', {
      apiMessage: 'The base URL must start with https:// (or http:// for a local proxy).',
    });
  }
  if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
    // Plain http would carry the key in clear text across the network: only a proxy on this
    // very machine may be reached that way.
    throw new GeminiError('bad-base-url', {
      apiMessage:
        'Plain http:// would send your key unencrypted: use https://, or http:// only for a proxy on this computer (localhost).',
    });
  }
  if (url.username || url.password || url.search || url.hash) {
    // Credentials or a query in the base would travel with every request: refuse them.
    throw new GeminiError('bad-base-url', {
      apiMessage: 'The base URL must not contain a user name, password, query or #fragment.',
    });
  }
  const path = url.pathname.replace(/\/+$/, '').replace(/\/v1beta$/, '');
  return `${url.origin}${path}`;
}

/** Whether a host name is this machine (localhost, 127.0.0.0/8, [::1]). */
function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** The model's path segment: `models/x` or `x` both give `x`, escaped for a URL path. */
export function modelId(model: string): string {
  const name = model.trim().replace(/^models\//, '');
  if (!name) throw new GeminiError('model-not-found', { apiMessage: 'No model was chosen.' });
  return encodeURIComponent(name);
}
