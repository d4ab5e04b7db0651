/**
 * Build-time Vite plugin (never part of the page): writes a Content-Security-Policy `<meta>`
 * into the built HTML that allows exactly the inline script and style the build emitted, by
 * their SHA-256 hashes, and nothing inline or third-party beyond that.
 */
import { createHash } from 'node:crypto';
import type { Plugin } from 'vite';

/** The Gemini API origin the Ask view talks to unless the person picks another base URL. */
export const geminiOrigin = 'https://generativelanguage.googleapis.com';

/** What the policy must allow beyond the build's own inline code. */
export interface CspOptions {
  /** Extra `connect-src` origins (another API base URL, a proxy, a test server). */
  connectSrc?: readonly string[];
}

/** Split a space- or comma-separated list of origins, as given in `GLIMPSE_CONNECT_SRC`. */
export function parseOrigins(value: string | undefined): string[] {
  return (value ?? '').split(/[\s,]+/).filter((s) => s !== '');
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
    ['connect-src', unique(["'self'", geminiOrigin, ...(options.connectSrc ?? [])])],
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
