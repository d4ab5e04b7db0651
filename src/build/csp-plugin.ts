/**
 * Build-time Vite plugin (never part of the page): writes a Content-Security-Policy `<meta>`
 * into the built HTML that allows exactly the inline script and style the build emitted, by
 * their SHA-256 hashes, and nothing inline or third-party beyond that.
 */
import { createHash } from 'node:crypto';
import type { Plugin } from 'vite';

/** The Gemini API origin the Ask view talks to unless the person picks another base URL. */
export const geminiOrigin = 'https://generativelanguage.googleapis.com';

/**
 * `connect-src` when the deployer names no origins: any https host (a person using the
 * hosted page may point it at their own proxy, and the page asks before the key goes to a
 * host other than Google's) and a proxy on this very machine. Plain http elsewhere never.
 * No `http://[::1]:*`: CSP host sources cannot hold an IPv6 address, and Chromium ignores
 * one with a console error; a proxy on [::1] is reached as localhost.
 */
export const defaultConnectSrc = ['https:', 'http://127.0.0.1:*', 'http://localhost:*'] as const;

/** What the policy must allow beyond the build's own inline code. */
export interface CspOptions {
  /**
   * When non-empty, `connect-src` is narrowed to the page, Google and these origins (another
   * API base URL, a proxy); otherwise it is {@link defaultConnectSrc}.
   */
  connectSrc?: readonly string[];
}

// A DNS name or IPv4 address; no wildcard, quote or `;`. Not an IPv6 address: CSP's host
// grammar has none, and Chromium ignores such a source.
const HOST = String.raw`[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*`;
const HTTPS_ORIGIN = new RegExp(`^https://${HOST}(?::\\d{1,5})?$`, 'i');
// Plain http only to this machine; `:*` (any port) is an origin pattern kept for loopback
// because a local proxy or test server often takes whatever port is free.
const LOOPBACK_ORIGIN = /^http:\/\/(?:127\.0\.0\.1|localhost)(?::(?:\d{1,5}|\*))?$/i;

/**
 * Split a space- or comma-separated list of origins, as given in `GLIMPSE_CONNECT_SRC`, and
 * check each: only `https://host[:port]` and `http://` to 127.0.0.1 or localhost (a port, or
 * `:*`). A scheme alone, `*`, a quoted keyword, a path, a query or user info would
 * widen the policy beyond what the variable is for, so the build fails naming the value.
 */
export function parseOrigins(value: string | undefined): string[] {
  return (value ?? '')
    .split(/[\s,]+/)
    .filter((s) => s !== '')
    .map((source) => {
      // "https://proxy.example/" is the origin written as a URL: the bare slash is no path.
      const origin = source.replace(/^(https?:\/\/[^/]+)\/$/i, '$1');
      if (HTTPS_ORIGIN.test(origin) || LOOPBACK_ORIGIN.test(origin)) return origin;
      if (/^https?:\/\/\[/.test(origin)) {
        throw new Error(
          `GLIMPSE_CONNECT_SRC: "${source}" is an IPv6 address, which a Content-Security-Policy cannot name (Chromium ignores it). Use a host name, or "http://localhost:PORT" for [::1].`,
        );
      }
      throw new Error(
        `GLIMPSE_CONNECT_SRC: "${source}" is not an origin. List origins only, such as ` +
          '"https://my-proxy.example" or "https://my-proxy.example:8443" (plain http only as ' +
          '"http://127.0.0.1:PORT" or "http://localhost:PORT"); no "*", ' +
          'no bare scheme such as "https:", no quotes, no path.',
      );
    });
}

/** `'sha256-…'` source expression for an inline element's exact text. */
export function hashSource(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/** The text of every inline `<script>` (one with no `src`) and every `<style>` in `html`. */
export function inlineCode(html: string): { scripts: string[]; styles: string[] } {
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)]
    .filter((m) => !/\bsrc\s*=/i.test(m[1]))
    .map((m) => m[2]);
  const styles = [...html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi)].map((m) => m[1]);
  return { scripts, styles };
}

/** The policy for a built page whose inline code is `html`'s. */
export function buildPolicy(html: string, options: CspOptions = {}): string {
  const { scripts, styles } = inlineCode(html);
  const unique = (list: string[]) => [...new Set(list)];
  const directives: [string, string[]][] = [
    ['default-src', ["'none'"]],
    // The build's own inline bootstrap by hash and its own script files ('self': the code-split
    // chunks, and the classic script a page opened from disk loads): no 'unsafe-inline', no
    // 'unsafe-eval', no other hosts. 'wasm-unsafe-eval' lets the OCR worker (a blob: worker,
    // which inherits this policy) compile tesseract's WebAssembly; it allows no JavaScript eval.
    ['script-src', unique([...scripts.map(hashSource), "'self'", "'wasm-unsafe-eval'"])],
    // Lit adopts constructed stylesheets, which style-src does not govern; the one inlined
    // global stylesheet is allowed by hash. No 'unsafe-inline'.
    ['style-src', ["'self'", ...unique(styles.map(hashSource))]],
    ['img-src', ["'self'", 'data:', 'blob:']],
    // Vite's `?worker&inline` starts the worker from a blob: URL (data: as its fallback is
    // not allowed on purpose); the service worker is a same-origin file.
    ['worker-src', ["'self'", 'blob:']],
    // By default any https host, so a hosted page works with a proxy of the person's own;
    // a deployer who lists origins gets exactly those (plus the page and Google).
    [
      'connect-src',
      options.connectSrc?.length
        ? unique(["'self'", geminiOrigin, ...options.connectSrc])
        : ["'self'", ...defaultConnectSrc],
    ],
    ['manifest-src', ["'self'"]],
    ['object-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['form-action', ["'none'"]],
  ];
  return directives.map(([name, sources]) => [name, ...sources].join(' ')).join('; ');
}

/**
 * Insert the policy as the first element of `<head>` after the charset, so it governs every
 * script and style that follows it.
 */
export function insertPolicy(html: string, policy: string): string {
  const meta = `<meta http-equiv="Content-Security-Policy" content="${policy}">`;
  const charset = /<meta\s+charset=[^>]*>/i;
  if (charset.test(html)) return html.replace(charset, (m) => `${m}\n    ${meta}`);
  return html.replace(/<head[^>]*>/i, (m) => `${m}\n    ${meta}`);
}

/**
 * The plugin. It must run after the split plugin has written the inline code (both are
 * `enforce: 'post'`; list this one after it) and before vite-plugin-pwa reads the files
 * from disk to precache them.
 */
export function cspPlugin(options: CspOptions = {}): Plugin {
  return {
    name: 'glimpse:csp',
    apply: 'build',
    enforce: 'post',
    generateBundle: {
      order: 'post',
      handler(_output, bundle) {
        for (const file of Object.values(bundle)) {
          if (file.type !== 'asset' || !file.fileName.endsWith('.html')) continue;
          const html = String(file.source);
          file.source = insertPolicy(html, buildPolicy(html, options));
        }
      },
    },
  };
}
