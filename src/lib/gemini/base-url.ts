/**
 * Whether an address may be the API base URL the person chose (a proxy, or the fake server in
 * tests), and why not, in words. The key only ever goes to such an address. Free of the Gemini
 * error class: the page checks a remembered address as it opens (storage.ts), and the error
 * table is not needed until a request (endpoint.ts builds the addresses requests go to).
 */

/**
 * Why an address cannot be the API base URL, in the words the page shows: one table, used
 * both before the address is saved and before a request is sent. None repeats the address
 * (it may hold a key).
 */
export const BASE_URL_PROBLEMS = {
  notUrl: 'The base URL is not a web address.',
  scheme: 'The base URL must start with https:// (or http:// for a local proxy).',
  plainHttp:
    'Plain http:// would send your key unencrypted: use https://, or http:// only for a proxy on this computer (localhost).',
  key: 'This address holds an API key (?key=…), and a key in an address ends up in browser history and server logs. Enter only the start of the address, such as https://generativelanguage.googleapis.com, and paste the key into “Gemini API key”.',
  query:
    'The base URL must not contain a ?query or #fragment (they would travel with every request). Enter only the start of the address, such as https://generativelanguage.googleapis.com.',
  userInfo:
    'The base URL must not contain a user name or password (they would travel with every request).',
  modelPath:
    'This is the address of one model’s method, not the base URL. Enter only the part before /v1beta, such as https://generativelanguage.googleapis.com.',
} as const;

/** Said after a problem when the address was refused before it could be saved. */
export const NOT_SAVED = 'The address was not saved.';

/** Why `input` cannot be the API base URL (a {@link BASE_URL_PROBLEMS} text), or undefined. */
export function baseUrlProblem(input: string): string | undefined {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return BASE_URL_PROBLEMS.notUrl;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return BASE_URL_PROBLEMS.scheme;
  // Credentials, a query or a fragment in the base would travel with every request; a key
  // there would sit in history and logs. Checked before the scheme so the key case is named.
  if (/(?:^|[?&#])key=/i.test(url.search + url.hash)) return BASE_URL_PROBLEMS.key;
  if (url.search || url.hash || input.includes('?') || input.includes('#')) {
    return BASE_URL_PROBLEMS.query;
  }
  if (url.username || url.password) return BASE_URL_PROBLEMS.userInfo;
  // Plain http would carry the key in clear text across the network: only a proxy on this
  // very machine may be reached that way.
  if (url.protocol === 'http:' && !isLoopback(url.hostname)) return BASE_URL_PROBLEMS.plainHttp;
  if (/\/models\/|:(?:stream)?generateContent|:countTokens/i.test(url.pathname)) {
    return BASE_URL_PROBLEMS.modelPath;
  }
  return undefined;
}

/** Whether a host name is this machine (localhost, 127.0.0.0/8, [::1]). */
function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);
}
