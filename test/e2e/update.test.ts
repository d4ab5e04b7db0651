import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { rmSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { openPage, useChromium } from '../support/browser.ts';
import { buildApp } from '../support/build.ts';
import { startStaticServer, type StaticServer } from '../support/static-server.ts';
import { axeFindings } from './a11y-support.ts';

declare global {
  interface Window {
    /** Set by a test in a page, to tell whether that document was reloaded since. */
    __noReloadSince?: boolean;
  }
}

/** Wait until the page says it works offline (its service worker controls it). */
async function readyOffline(page: Page): Promise<void> {
  await expect
    .poll(() => page.getByRole('status').filter({ hasText: 'Ready to work offline' }).count(), {
      timeout: 30_000,
    })
    .toBe(1);
}

const updateButton = (page: Page) =>
  page.getByRole('button', { name: 'Update available — reload' });

describe('update: a new deploy is offered and taken on one click', () => {
  const bed = useChromium();
  let server: StaticServer;
  let nextDeploy: string;
  beforeAll(async () => {
    nextDeploy = await buildApp({}, { buildId: 'next-deploy' });
    server = await startStaticServer(inject('distDir'), '/glimpse/');
  });
  afterAll(async () => {
    await server.close();
    rmSync(nextDeploy, { recursive: true, force: true });
  });

  it('shows "Update available — reload" after a deploy, and the click opens the new build', async () => {
    const context = await bed.browser.newContext();
    const { page, errors } = await openPage(context, `${server.url}#/reveal`);
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Ready to work offline' }).count(), {
        timeout: 30_000,
      })
      .toBe(1);
    expect(await page.getByText('Build e2e').isVisible()).toBe(true);
    const update = page.getByRole('button', { name: 'Update available — reload' });
    expect(await update.count()).toBe(0);

    server.setRoot(nextDeploy);
    // The person comes back: the old build opens from the cache and learns of the new one.
    await page.reload();
    await expect.poll(() => update.isVisible(), { timeout: 30_000 }).toBe(true);
    expect(await page.getByText('Build e2e').isVisible()).toBe(true);
    // Seen wherever the person is on the page, and accessible like the rest.
    await page.evaluate(() => window.scrollTo(0, 0));
    const box = (await update.boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(page.viewportSize()!.height);
    expect(await axeFindings(page)).toEqual([]);

    await update.focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByText('Build next-deploy').isVisible(), { timeout: 30_000 })
      .toBe(true);
    // The view the person was on is kept, and nothing offers the update any more.
    expect(await page.evaluate(() => location.hash)).toBe('#/reveal');
    expect(await update.count()).toBe(0);

    // Never stuck: a plain reload stays on the new build.
    await page.reload();
    await expect.poll(() => page.getByText('Build next-deploy').isVisible()).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('keeps a typed prompt in another tab, which offers the update and reloads when accepted there', async () => {
    server.setRoot(inject('distDir'));
    const context = await bed.browser.newContext();
    const { page: first, errors } = await openPage(context, `${server.url}#/reveal`);
    await readyOffline(first);
    // A tab where the person is writing a question, and one nobody has touched.
    const { page: writing } = await openPage(context, `${server.url}#/ask`);
    const { page: idle } = await openPage(context, `${server.url}#/hide`);
    await readyOffline(writing);
    await readyOffline(idle);
    const prompt = writing.getByLabel('Prompt');
    await prompt.fill('What does the hidden text say?');
    for (const page of [writing, idle]) {
      await page.evaluate(() => {
        window.__noReloadSince = false;
        navigator.serviceWorker.addEventListener('controllerchange', () => {
          window.__noReloadSince = true;
        });
      });
    }

    server.setRoot(nextDeploy);
    await first.reload();
    await expect.poll(() => updateButton(first).isVisible(), { timeout: 30_000 }).toBe(true);
    await updateButton(first).click();
    await expect
      .poll(() => first.getByText('Build next-deploy').isVisible(), { timeout: 30_000 })
      .toBe(true);

    // The new build took over the writing tab too (its controller changed) without
    // reloading it: the prompt is still there, and the tab offers the update itself.
    await expect
      .poll(() => writing.evaluate(() => window.__noReloadSince), {
        timeout: 30_000,
        message: 'the tab with a typed prompt was taken over without a reload',
      })
      .toBe(true);
    expect(await prompt.inputValue()).toBe('What does the hidden text say?');
    expect(await writing.getByText('Build e2e').isVisible()).toBe(true);
    await expect.poll(() => updateButton(writing).isVisible()).toBe(true);
    // The untouched tab had nothing to lose: it reloaded into the new build by itself.
    await expect
      .poll(() => idle.getByText('Build next-deploy').isVisible(), { timeout: 30_000 })
      .toBe(true);
    expect(await idle.evaluate(() => window.__noReloadSince)).toBeUndefined();

    // The writing tab's own person accepts: now it reloads into the new build.
    await updateButton(writing).click();
    await expect
      .poll(() => writing.getByText('Build next-deploy').isVisible(), { timeout: 30_000 })
      .toBe(true);
    expect(await updateButton(writing).count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('answers no other path with Glimpse: not at a root deploy, not beside a sub-path one', async () => {
    server.setRoot(inject('distDir'));
    const root = inject('appURL');
    const context = await bed.browser.newContext();
    // A root deploy (the shared server serves the build at `/`) and a sub-path one.
    for (const home of [root, server.url]) {
      const { page } = await openPage(context, home);
      await readyOffline(page);
      for (const other of [
        '/another-app/',
        '/another-app/page.html',
        `${new URL(home).pathname}docs/`,
      ]) {
        const response = await page.goto(new URL(other, home).href);
        // The site's own answer (the test server's 404), not Glimpse from the worker's cache.
        expect(response?.fromServiceWorker(), other).toBe(false);
        expect(response?.status(), other).toBe(404);
        expect(await page.locator('glimpse-app').count(), other).toBe(0);
      }
      // Glimpse's own address still opens offline, with a query string too.
      await context.setOffline(true);
      const own = await page.goto(`${home}?source=bookmark#/hide`);
      expect(own?.fromServiceWorker()).toBe(true);
      await expect.poll(() => page.getByText('Build e2e').isVisible()).toBe(true);
      await context.setOffline(false);
      await page.close();
    }
    await context.close();
  });
});
