import { describe, expect, it } from 'vitest';
import { allowsConnect, connectSources } from '../../../src/lib/csp/connect-src.ts';

const policy =
  "default-src 'none'; script-src 'sha256-x'; connect-src 'self' " +
  'https://generativelanguage.googleapis.com http://127.0.0.1:* https://*.proxy.example';
const page = 'https://glimpse.example';

describe('connect-src check', () => {
  it.each([
    ['the page itself', 'https://glimpse.example/samples/a.png', true],
    ['the Gemini API', 'https://generativelanguage.googleapis.com/v1beta/models', true],
    [
      'the Gemini API on its explicit default port',
      'https://generativelanguage.googleapis.com:443/x',
      true,
    ],
    ['the Gemini API over plain http', 'http://generativelanguage.googleapis.com/v1beta', false],
    ['a local server on any port', 'http://127.0.0.1:43127/v1beta', true],
    ['a subdomain of a wildcard', 'https://eu.proxy.example/v1beta', true],
    ['the wildcard domain itself', 'https://proxy.example/v1beta', false],
    ['another origin', 'https://my-proxy.example/v1beta', false],
    ['localhost, which is not 127.0.0.1', 'http://localhost:43127/', false],
    ['something that is not a URL', 'not a url', false],
  ])('%s: %s → %s', (_what, url, allowed) => {
    expect(allowsConnect(policy, page, url)).toBe(allowed);
  });

  it('the default policy allows any https host and a proxy on this machine, never plain http elsewhere', () => {
    const byDefault = "connect-src 'self' https: http://127.0.0.1:* http://localhost:*";
    expect(allowsConnect(byDefault, page, 'https://my-proxy.example/v1beta')).toBe(true);
    expect(allowsConnect(byDefault, page, 'http://127.0.0.1:8080/')).toBe(true);
    expect(allowsConnect(byDefault, page, 'http://localhost:8080/')).toBe(true);
    expect(allowsConnect(byDefault, page, 'http://my-proxy.example/')).toBe(false);
    expect(allowsConnect(byDefault, page, 'http://192.168.1.2:8080/')).toBe(false);
  });

  it('never matches an IPv6 source, which Chromium ignores as invalid', () => {
    expect(allowsConnect("connect-src 'self' http://[::1]:*", page, 'http://[::1]:8080/')).toBe(
      false,
    );
  });

  it('falls back to default-src, and allows anything when there is no policy', () => {
    expect(connectSources("default-src 'none'")).toEqual(["'none'"]);
    expect(allowsConnect("default-src 'none'", page, 'https://glimpse.example/')).toBe(false);
    expect(allowsConnect("script-src 'self'", page, 'https://anywhere.example/')).toBe(true);
  });

  it("does not treat a page opened from disk as matching 'self'", () => {
    expect(allowsConnect("connect-src 'self'", 'null', 'file:///tmp/x.png')).toBe(false);
  });

  it('matches schemes, ports and paths as browsers do', () => {
    expect(allowsConnect('connect-src https:', page, 'https://a.example/')).toBe(true);
    expect(allowsConnect('connect-src https:', page, 'http://a.example/')).toBe(false);
    expect(allowsConnect('connect-src a.example:8443', page, 'https://a.example:8443/')).toBe(true);
    expect(allowsConnect('connect-src a.example:8443', page, 'https://a.example/')).toBe(false);
    expect(allowsConnect('connect-src http://a.example', page, 'https://a.example/')).toBe(true);
    expect(
      allowsConnect('connect-src https://a.example/api/', page, 'https://a.example/api/v1'),
    ).toBe(true);
    expect(
      allowsConnect('connect-src https://a.example/api/', page, 'https://a.example/other'),
    ).toBe(false);
  });
});
