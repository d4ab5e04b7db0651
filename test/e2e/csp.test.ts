import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { join } from 'node:path';
import { launchChromium, openPage } from '../support/browser.ts';
import { fixtures } from './reveal-support.ts';

/** Open `url` with every CSP violation recorded from the very first script on. */
async function openWatched(
  context: BrowserContext,
  url: string,
): Promise<{ page: Page; errors: string[]; violations: () => Promise<string[]> }> {
  // Init scripts run through the DevTools protocol, which the page's policy does not govern.
  await context.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __violations: string[] }).__violations = seen;
    document.addEventListener('securitypolicyviolation', (e) => {
      seen.push(`${e.effectiveDirective} ${e.blockedURI}`);
    });
  });
  const { page, errors } = await openPage(context, url);
  const violations = () =>
    page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);
  return { page, errors, violations };
}

const lesson = join(fixtures, 'lesson', 'hidden-message.png');

describe('Content-Security-Policy', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser.close());

  it('is a strict policy in the built page', async () => {
    const context = await browser.newContext();
    const { page } = await openPage(context, inject('appURL'));
    const policy = await page
      .locator('meta[http-equiv="Content-Security-Policy"]')
      .getAttribute('content');
    expect(policy).toContain("default-src 'none'");
    expect(policy).toMatch(/script-src 'sha256-[^;]+;/);
    expect(policy).toContain("object-src 'none'");
    expect(policy).toContain("base-uri 'none'");
    expect(policy).toContain('connect-src ');
    expect(policy).not.toContain('unsafe-inline');
    expect(policy).not.toContain('unsafe-eval');
    const scriptSrc = /script-src ([^;]*)/.exec(policy ?? '')?.[1] ?? '';
    expect(scriptSrc.split(' ').every((s) => s.startsWith("'sha256-"))).toBe(true);
    await context.close();
  });

  it('lets every view load and work without a single violation', async () => {
    const context = await browser.newContext();
    const { page, errors, violations } = await openWatched(context, inject('appURL'));
    for (const view of ['Ask', 'Reveal', 'Hide']) {
      await page.getByRole('tab', { name: view }).click();
      await expect
        .poll(() => page.getByRole('tab', { name: view }).getAttribute('aria-selected'))
        .toBe('true');
    }
    // Reveal's real work: decode a file, render it, run Auto in the inlined worker.
    await page.getByRole('tab', { name: 'Reveal' }).click();
    const workers: string[] = [];
    page.on('worker', (w) => workers.push(w.url()));
    await page.getByRole('tabpanel').getByLabel('Image', { exact: true }).setInputFiles(lesson);
    await page.getByRole('button', { name: 'Auto reveal' }).click();
    await expect
      .poll(() => page.getByRole('img', { name: /revealed: Auto reveal: / }).count(), {
        timeout: 30_000,
      })
      .toBe(1);
    // The work ran in a real worker started from a blob: URL, which the policy allows.
    expect(workers.some((u) => u.startsWith('blob:'))).toBe(true);
    await page.reload();
    await expect.poll(() => page.getByRole('tabpanel').count()).toBe(1);
    expect(await violations()).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('blocks an injected inline script, eval and a request to another origin', async () => {
    const context = await browser.newContext();
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
      const fetched = await fetch('https://example.invalid/steal').then(
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
});
