import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { join } from 'node:path';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { rmSync } from 'node:fs';
import { openPage, useChromium } from '../support/browser.ts';
import { buildApp } from '../support/build.ts';
import { startStaticServer, type StaticServer } from '../support/static-server.ts';
import { fixtures, hideThenAutoReveal } from './reveal-support.ts';
import { pickSample, useBaseUrl } from './ask-support.ts';
import { fixtureReply, startFakeGemini, type FakeGemini } from '../support/fake-gemini.ts';

/** Open `url` with every CSP violation recorded from the very first script on, across reloads. */
async function openWatched(
  context: BrowserContext,
  url: string,
): Promise<{ page: Page; errors: string[]; violations: () => Promise<string[]> }> {
  const seen: string[] = [];
  // Bindings and init scripts go through the DevTools protocol, which the policy does not govern.
  await context.exposeFunction('__cspViolation', (v: string) => seen.push(v));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const report = (window as unknown as { __cspViolation: (v: string) => void }).__cspViolation;
      report(`${e.effectiveDirective} ${e.blockedURI}`);
    });
  });
  const { page, errors } = await openPage(context, url);
  // Reports travel asynchronously; let any in flight arrive before reading.
  const violations = async () => {
    await page.evaluate(() => new Promise((r) => setTimeout(r, 50)));
    return [...seen];
  };
  return { page, errors, violations };
}

const lesson = join(fixtures, 'lesson', 'hidden-message.png');

// One Chromium for the whole file (both builds).
const bed = useChromium();

describe('Content-Security-Policy', () => {
  it('is a strict policy in the built page', async () => {
    const context = await bed.browser.newContext();
    const { page } = await openPage(context, inject('appURL'));
    const policy = await page
      .locator('meta[http-equiv="Content-Security-Policy"]')
      .getAttribute('content');
    expect(policy).toContain("default-src 'none'");
    expect(policy).toMatch(/script-src 'sha256-[^;]+;/);
    expect(policy).toContain("object-src 'none'");
    expect(policy).toContain("base-uri 'none'");
    // By default the page may reach any https host (a person's own proxy) and a proxy on this
    // machine; never plain http elsewhere.
    expect(policy).toContain("connect-src 'self' https: http://127.0.0.1:* http://localhost:*;");
    expect(policy).not.toContain('unsafe-inline');
    // 'wasm-unsafe-eval' (WebAssembly for "Read text") is no JavaScript eval; 'unsafe-eval' is.
    expect(policy).not.toContain("'unsafe-eval'");
    const scriptSrc = /script-src ([^;]*)/.exec(policy ?? '')?.[1] ?? '';
    const allowed = (s: string) =>
      s.startsWith("'sha256-") || s === "'self'" || s === "'wasm-unsafe-eval'";
    expect(scriptSrc.split(' ').every(allowed)).toBe(true);
    await context.close();
  });

  it('lets every view load and work without a single violation, talking only to itself and the API', async () => {
    const context = await bed.browser.newContext();
    // Every request the page (or its workers) makes, as the network sees it.
    const requests: { url: string; key?: string }[] = [];
    context.on('request', (r) => {
      requests.push({ url: r.url(), key: r.headers()['x-goog-api-key'] });
    });
    const { page, errors, violations } = await openWatched(context, inject('appURL'));
    for (const view of ['Ask', 'Reveal', 'Hide']) {
      await page.getByRole('tab', { name: view }).click();
      await expect
        .poll(() => page.getByRole('tab', { name: view }).getAttribute('aria-selected'))
        .toBe('true');
    }
    // Hide draws its picture and hands the PNG to Reveal, which runs Auto in the inlined worker.
    const workers: string[] = [];
    page.on('worker', (w) => workers.push(w.url()));
    await hideThenAutoReveal(page);
    // The work ran in a real worker started from a blob: URL, which the policy allows.
    expect(workers.some((u) => u.startsWith('blob:'))).toBe(true);
    // And a file of the person's own.
    await page.getByRole('tabpanel').getByLabel('Image', { exact: true }).setInputFiles(lesson);
    await expect
      .poll(() =>
        page.getByRole('img', { name: /^hidden-message\.png revealed: red above/ }).count(),
      )
      .toBe(1);

    // Ask streams a Markdown answer from the API (the test build allows 127.0.0.1).
    const fake = await startFakeGemini({ apiKey: 'AQ.csp-test' });
    try {
      fake.respondWith(fixtureReply('googleai/streaming-success-basic-reply-long.txt'));
      await page.getByRole('tab', { name: 'Ask' }).click();
      const ask = page.getByRole('tabpanel');
      await ask.getByLabel('Gemini API key').fill('AQ.csp-test');
      await useBaseUrl(ask, fake.url);
      await pickSample(ask, 'Sample: hidden message');
      await ask.getByRole('button', { name: 'Ask', exact: true }).click();
      await expect.poll(() => ask.getByText('Done.').count(), { timeout: 30_000 }).toBe(1);
      // Privacy: nothing went anywhere but the page's own origin and the chosen API; the key
      // went only to the API, only in its header.
      const app = new URL(inject('appURL')).origin;
      const api = new URL(fake.url).origin;
      const network = requests.filter((r) => /^https?:/.test(r.url));
      expect(network.filter((r) => ![app, api].includes(new URL(r.url).origin))).toEqual([]);
      expect(network.filter((r) => r.key && !r.url.startsWith(api))).toEqual([]);
      expect(network.some((r) => r.key === 'AQ.csp-test')).toBe(true);
      expect(requests.filter((r) => r.url.includes('AQ.csp-test'))).toEqual([]);
    } finally {
      await fake.close();
    }
    await page.reload();
    await expect.poll(() => page.getByRole('tabpanel').count()).toBe(1);
    expect(await violations()).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('blocks an injected inline script, eval and a request to another origin', async () => {
    const context = await bed.browser.newContext();
    const { page, violations } = await openWatched(context, inject('appURL'));
    await expect.poll(() => page.getByRole('tabpanel').count()).toBe(1);
    const outcome = await page.evaluate(async () => {
      const w = window as unknown as { __ran?: string };
      const script = document.createElement('script');
      script.textContent = 'window.__ran = "inline";';
      document.body.append(script);
      const img = document.createElement('img');
      img.setAttribute('src', 'data:,x');
      img.setAttribute('onerror', 'window.__ran = "handler"');
      document.body.append(img);
      // A string timer is eval by another name; it runs later, as the page's own code.
      setTimeout('window.__evaluated = "yes"', 0);
      // The default policy allows any https host (a person's own proxy), never plain http to
      // another machine; the narrowed policy's own test below refuses https too.
      const fetched = await fetch('http://example.invalid/steal').then(
        () => 'sent',
        () => 'refused',
      );
      await new Promise((r) => setTimeout(r, 100));
      const evalResult = (window as unknown as { __evaluated?: string }).__evaluated ?? 'blocked';
      return { ran: w.__ran ?? 'nothing', evalResult, fetched };
    });
    expect(outcome).toEqual({ ran: 'nothing', evalResult: 'blocked', fetched: 'refused' });
    await expect
      .poll(async () => (await violations()).map((v) => v.split(' ')[0]).sort())
      .toEqual(['connect-src', 'script-src', 'script-src-attr', 'script-src-elem']);
    await context.close();
  });

  it("refuses to run inside another site's frame, offering to open in its own tab", async () => {
    // Another origin (same host, another port) frames the page, as a clickjacker would.
    const folder = mkdtempSync(join(tmpdir(), 'glimpse-framer-'));
    writeFileSync(
      join(folder, 'index.html'),
      `<!doctype html><title>framer</title><iframe title="framed" src="${inject('appURL')}"></iframe>`,
    );
    const framer = await startStaticServer(folder, '/');
    const context = await bed.browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(framer.url);
      const framed = page.frameLocator('iframe');
      await expect
        .poll(() => framed.getByRole('link', { name: 'Open Glimpse in its own tab' }).count())
        .toBe(1);
      expect(await framed.getByRole('tab').count()).toBe(0);
      expect(
        await framed
          .getByRole('link', { name: 'Open Glimpse in its own tab' })
          .getAttribute('target'),
      ).toBe('_blank');
    } finally {
      await context.close();
      await framer.close();
    }
  });
});

describe('Content-Security-Policy narrowed by GLIMPSE_CONNECT_SRC', () => {
  const allowed = 'https://my-proxy.example';
  let dist: string;
  let site: StaticServer;
  let fake: FakeGemini;
  beforeAll(async () => {
    [dist, fake] = await Promise.all([buildApp({}, { connectSrc: allowed }), startFakeGemini()]);
    site = await startStaticServer(dist, '/');
  });
  afterAll(async () => {
    await Promise.all([site.close(), fake.close()]);
    rmSync(dist, { recursive: true, force: true });
  });

  /** The Ask view of the narrowed build, with a key and the fake server (not allowed) set. */
  async function openNarrowed(context: BrowserContext) {
    const { page, errors } = await openPage(context, `${site.url}#/ask`);
    const ask = page.getByRole('tabpanel');
    await ask.getByLabel('Gemini API key').fill('AQ.csp-test');
    // Refused by the policy, so no key-host question either.
    await useBaseUrl(ask, fake.url, false);
    return { page, errors, ask };
  }

  it('lets the page connect only to itself, Google and the listed origin', async () => {
    const context = await bed.browser.newContext();
    const { page, violations } = await openWatched(context, site.url);
    const policy = await page
      .locator('meta[http-equiv="Content-Security-Policy"]')
      .getAttribute('content');
    expect(policy).toContain(
      `connect-src 'self' https://generativelanguage.googleapis.com ${allowed};`,
    );
    // Any other https host is refused by the policy itself, before any DNS look-up.
    const fetched = await page.evaluate(() =>
      fetch('https://example.invalid/steal').then(
        () => 'sent',
        () => 'refused',
      ),
    );
    expect(fetched).toBe('refused');
    await expect
      .poll(async () => (await violations()).filter((v) => v.startsWith('connect-src')))
      .toEqual(['connect-src https://example.invalid/steal']);
    await context.close();
  });

  it('Ask says plainly that the address is not allowed, and why, keeping the question', async () => {
    fake.reset();
    const context = await bed.browser.newContext();
    try {
      const { ask } = await openNarrowed(context);
      const origin = new URL(fake.url).origin;
      await pickSample(ask, 'Sample: hidden message');
      await ask.getByLabel('Prompt').fill('Still here?');
      await ask.getByRole('button', { name: 'Ask', exact: true }).click();
      await expect
        .poll(() => ask.locator('ask-answer').getByRole('alert').innerText())
        .toMatch(
          new RegExp(`not allowed.*${origin.replace(/[.]/g, '\\.')}.*GLIMPSE_CONNECT_SRC`, 's'),
        );
      expect(await ask.getByLabel('Prompt').inputValue()).toBe('Still here?');
      expect(fake.requests).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('Check key says the same, not "No connection", and sends nothing', async () => {
    fake.reset();
    const context = await bed.browser.newContext();
    try {
      const { ask } = await openNarrowed(context);
      await ask.getByRole('button', { name: 'Check key' }).click();
      const status = ask.locator('ask-key-panel').getByRole('status').first();
      await expect.poll(() => status.innerText()).toMatch(/This address is not allowed/);
      const said = await status.innerText();
      expect(said).toContain(new URL(fake.url).origin);
      expect(said).toMatch(/GLIMPSE_CONNECT_SRC/);
      expect(said).not.toMatch(/No connection/);
      expect(fake.requests).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
