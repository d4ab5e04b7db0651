import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { rmSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { launchChromium, openPage } from '../support/browser.ts';
import { buildApp } from '../support/build.ts';
import { startStaticServer, type StaticServer } from '../support/static-server.ts';
import { axeFindings } from './a11y-support.ts';

describe('update: a new deploy is offered and taken on one click', () => {
  let browser: Browser;
  let server: StaticServer;
  let nextDeploy: string;
  beforeAll(async () => {
    [browser, nextDeploy] = await Promise.all([
      launchChromium(),
      buildApp({}, { buildId: 'next-deploy' }),
    ]);
    server = await startStaticServer(inject('distDir'), '/glimpse/');
  });
  afterAll(async () => {
    await browser.close();
    await server.close();
    rmSync(nextDeploy, { recursive: true, force: true });
  });

  it('shows "Update available — reload" after a deploy, and the click opens the new build', async () => {
    const context = await browser.newContext();
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
});
