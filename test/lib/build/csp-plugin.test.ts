import { describe, expect, it } from 'vitest';
import {
  buildPolicy,
  geminiOrigin,
  hashSource,
  inlineCode,
  insertPolicy,
  parseOrigins,
} from '../../../src/build/csp-plugin.ts';

const page = `<!doctype html><html><head><meta charset="utf-8" />
<title>t</title><style>body{color:red}</style>
<script type="module">alert('Hello, world.');</script>
<script src="./other.js"></script></head><body></body></html>`;

/** The directives of a policy, by name. */
function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((d) => {
      const [name, ...sources] = d.trim().split(/\s+/);
      return [name, sources];
    }),
  );
}

describe('CSP build plugin', () => {
  it('hashes inline code as browsers do (the CSP spec example)', () => {
    expect(hashSource("alert('Hello, world.');")).toBe(
      "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='",
    );
  });

  it('finds inline scripts and styles, not scripts loaded from a file', () => {
    expect(inlineCode(page)).toEqual({
      scripts: ["alert('Hello, world.');"],
      styles: ['body{color:red}'],
    });
  });

  it('allows only the inline code by hash, the page itself and the API origins', () => {
    const policy = directives(buildPolicy(page, { connectSrc: ['https://proxy.example'] }));
    expect(policy.get('default-src')).toEqual(["'none'"]);
    // 'self': the build's own script files (code-split modules, the file:// standalone script);
    // 'wasm-unsafe-eval': the OCR worker's WebAssembly, and no JavaScript eval.
    expect(policy.get('script-src')).toEqual([
      hashSource("alert('Hello, world.');"),
      "'self'",
      "'wasm-unsafe-eval'",
    ]);
    expect(policy.get('style-src')).toEqual(["'self'", hashSource('body{color:red}')]);
    expect(policy.get('connect-src')).toEqual(["'self'", geminiOrigin, 'https://proxy.example']);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    expect(policy.get('form-action')).toEqual(["'none'"]);
  });

  it('reads extra origins separated by spaces or commas, ignoring blanks', () => {
    expect(parseOrigins(' https://a.example, http://127.0.0.1:*  https://b.example ')).toEqual([
      'https://a.example',
      'http://127.0.0.1:*',
      'https://b.example',
    ]);
    expect(parseOrigins(undefined)).toEqual([]);
    expect(parseOrigins('')).toEqual([]);
  });

  it('puts the policy before every script, right after the charset', () => {
    const out = insertPolicy(page, "default-src 'none'");
    const meta = out.indexOf('http-equiv="Content-Security-Policy"');
    expect(meta).toBeGreaterThan(out.indexOf('<meta charset'));
    expect(meta).toBeLessThan(out.indexOf('<script'));
    expect(meta).toBeLessThan(out.indexOf('<style'));
  });
});
