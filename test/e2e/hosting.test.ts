import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { openPage, useChromium } from '../support/browser.ts';
import { fixtures, handHideToReveal, runAutoReveal } from './reveal-support.ts';
import { startFakeGemini, fixtureReply } from '../support/fake-gemini.ts';
import { startStaticServer, type StaticServer } from '../support/static-server.ts';
import { useBaseUrl } from './ask-support.ts';

/** Each view opens from its link, shows its panel, and the footer names the build. */
async function expectEveryViewOpens(page: Page, base: string): Promise<void> {
  for (const view of ['Ask', 'Reveal', 'Hide']) {
    await page.goto(`${base}#/${view.toLowerCase()}`);
    await expect
      .poll(() => page.getByRole('tab', { name: view }).getAttribute('aria-selected'))
      .toBe('true');
    await expect.poll(() => page.getByRole('tabpanel').count()).toBe(1);
    await expect.poll(() => page.getByText('Build e2e').isVisible()).toBe(true);
  }
}

describe('hosting: the same build works at any path and from disk', () => {
  const bed = useChromium();
  let subPath: StaticServer;
  beforeAll(async () => {
    subPath = await startStaticServer(inject('distDir'), '/tools/glimpse/');
  });
  afterAll(async () => {
    await subPath.close();
  });

  for (const where of ['/', '/tools/glimpse/']) {
    it(`runs served from ${where}, with its manifest, icons and service worker scoped there`, async () => {
      const base = where === '/' ? inject('appURL') : subPath.url;
      const context = await bed.browser.newContext();
      const { page, errors } = await openPage(context, base);
      await expectEveryViewOpens(page, base);

      // Everything the page refers to resolves under the same prefix, not at the host's root.
      const manifestHref = await page.locator('link[rel="manifest"]').evaluate((l) => {
        return (l as HTMLLinkElement).href;
      });
      expect(manifestHref).toBe(`${base}manifest.webmanifest`);
      const manifest = (await (await context.request.get(manifestHref)).json()) as {
        icons: { src: string; sizes: string }[];
        start_url: string;
        scope: string;
      };
      expect(manifest.icons.map((i) => i.sizes)).toEqual(
        expect.arrayContaining(['192x192', '512x512']),
      );
      for (const icon of manifest.icons) {
        const reply = await context.request.get(new URL(icon.src, manifestHref).href);
        expect(reply.headers()['content-type']).toBe('image/png');
      }
      expect(new URL(manifest.scope, manifestHref).href).toBe(base);

      const scope = await page.evaluate(async () => {
        const registration = await navigator.serviceWorker.ready;
        return registration.scope;
      });
      expect(scope).toBe(base);
      // Chromium's own verdict: nothing stops a person installing the app.
      await expect
        .poll(() => page.getByRole('status').filter({ hasText: 'Ready to work offline' }).count())
        .toBe(1);
      const cdp = await context.newCDPSession(page);
      const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
      // (Test contexts are incognito, which Chromium never installs from; that one is ours.)
      expect(installabilityErrors.filter((e) => e.errorId !== 'in-incognito')).toEqual([]);
      expect(errors).toEqual([]);
      await context.close();
    });
  }

  it('runs from file:// with no service worker and no error', async () => {
    const url = pathToFileURL(join(inject('distDir'), 'index.html')).href;
    const context = await bed.browser.newContext();
    const { page, errors } = await openPage(context, url);
    await expectEveryViewOpens(page, url);
    expect(await page.evaluate(() => navigator.serviceWorker?.controller ?? null)).toBeNull();

    // Reveal does its whole job from disk, the worker included.
    await page.getByRole('tab', { name: 'Reveal' }).click();
    const workers: string[] = [];
    page.on('worker', (w) => workers.push(w.url()));
    await page
      .getByRole('tabpanel')
      .getByLabel('Image', { exact: true })
      .setInputFiles(join(fixtures, 'lesson', 'hidden-message.png'));
    await runAutoReveal(page);
    // The work ran in a real worker started from a blob: URL, which the policy allows.
    expect(workers.some((u) => u.startsWith('blob:'))).toBe(true);

    // Hide draws its picture from disk too, and hands it over to Reveal.
    await handHideToReveal(page);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('asks Gemini from file:// too, when the API sends CORS headers', async () => {
    const fake = await startFakeGemini({ apiKey: 'AQ.file-test' });
    fake.respondWith(fixtureReply('googleai/streaming-success-basic-reply-short.txt'));
    const url = pathToFileURL(join(inject('distDir'), 'index.html')).href;
    const context = await bed.browser.newContext();
    try {
      const { page, errors } = await openPage(context, `${url}#/ask`);
      const ask = page.getByRole('tabpanel');
      await ask.getByLabel('Gemini API key').fill('AQ.file-test');
      await useBaseUrl(ask, fake.url);
      await ask
        .getByLabel('Image', { exact: true })
        .setInputFiles(join(fixtures, 'gemini', 'generative-ai-js', 'cat.png'));
      await ask
        .getByTestId('image-facts')
        .filter({ hasText: /\d+ × \d+ px/ })
        .waitFor();
      await ask.getByLabel('Prompt').fill('What is this?');
      await ask.getByRole('button', { name: 'Ask', exact: true }).click();
      await expect.poll(() => ask.getByText('Done.').count(), { timeout: 30_000 }).toBe(1);
      const sent = fake.requests.filter((r) => r.action === 'streamGenerateContent');
      expect(sent).toHaveLength(1);
      expect(sent[0].headers['origin']).toBe('null');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
      await fake.close();
    }
  });
});
