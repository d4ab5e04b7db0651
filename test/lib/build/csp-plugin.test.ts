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

  it('by default lets the page connect to any https host and a proxy on this machine, nothing else', () => {
    const policy = directives(buildPolicy(page));
    expect(policy.get('connect-src')).toEqual([
      "'self'",
      'https:',
      'http://127.0.0.1:*',
      'http://localhost:*',
    ]);
    // Script, style and image sources are not widened with it ('wasm-unsafe-eval' is there for
    // Read text's WebAssembly in every policy, never 'unsafe-eval').
    expect(policy.get('script-src')).toEqual([
      hashSource("alert('Hello, world.');"),
      "'self'",
      "'wasm-unsafe-eval'",
    ]);
    expect(policy.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
    expect(directives(buildPolicy(page, { connectSrc: [] })).get('connect-src')).toContain(
      'https:',
    );
  });

  it('narrows connect-src to the page, Google and the listed origins when some are given', () => {
    const policy = directives(
      buildPolicy(page, { connectSrc: ['https://proxy.example', 'http://127.0.0.1:8080'] }),
    );
    expect(policy.get('connect-src')).toEqual([
      "'self'",
      geminiOrigin,
      'https://proxy.example',
      'http://127.0.0.1:8080',
    ]);
  });

  it.each([
    'https://proxy.example',
    'https://proxy.example:8443',
    'https://eu.proxy.example',
    'https://10.0.0.7',
    'http://127.0.0.1:8080',
    'http://localhost:8080',
    'http://127.0.0.1:*',
    'http://localhost:*',
  ])('accepts the origin %s', (origin) => {
    expect(parseOrigins(origin)).toEqual([origin]);
  });

  it('accepts an origin written with a trailing slash, without the slash', () => {
    expect(parseOrigins('https://proxy.example/')).toEqual(['https://proxy.example']);
  });

  it.each([
    ['*', '*'],
    ['https:', 'https:'],
    ['http:', 'http:'],
    ["'self'", "'self'"],
    ["'unsafe-inline'", "'unsafe-inline'"],
    ['a path', 'https://proxy.example/v1beta'],
    ['a host without a scheme', 'proxy.example'],
    ['a wildcard host', 'https://*.example.com'],
    ['a wildcard port on a remote host', 'https://proxy.example:*'],
    ['plain http to another machine', 'http://proxy.example:8080'],
    ['plain http to the LAN', 'http://192.168.1.2:8080'],
    ['a query', 'https://proxy.example?key=AIza'],
    ['user info', 'https://me:pw@proxy.example'],
    ['a quote in a host', 'https://proxy.example"'],
    ['a semicolon that would add a directive', 'https://a.example;script-src'],
    ['another scheme', 'wss://proxy.example'],
    ['an IPv6 address, which CSP cannot name', 'http://[::1]:8080'],
    ['an IPv6 address over https', 'https://[2001:db8::1]:8443'],
  ])('refuses %s (%s), naming the value', (_what, value) => {
    expect(() => parseOrigins(`https://ok.example ${value}`)).toThrow(
      new RegExp(`GLIMPSE_CONNECT_SRC.*${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`),
    );
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
