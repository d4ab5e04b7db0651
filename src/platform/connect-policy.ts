/**
 * Reads the page's own Content-Security-Policy (the `<meta>` the build writes) to tell, before
 * sending, whether the browser will let the page reach an API base URL.
 */
import { allowsConnect } from '../lib/csp/connect-src.ts';

/** True when the page's policy allows connecting to `url` (or there is no policy to ask). */
export function connectAllowed(url: string): boolean {
  const meta = document.querySelector<HTMLMetaElement>(
    'meta[http-equiv="Content-Security-Policy" i]',
  );
  if (!meta || !URL.canParse(url)) return true; // a malformed URL is reported by the request
  return allowsConnect(meta.content, location.origin, url);
}
