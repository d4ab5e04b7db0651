import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openPage, useChromium } from '../support/browser.ts';
import { pickSample } from './ask-support.ts';
import { hideThenAutoReveal } from './reveal-support.ts';
import { startStaticServer, type StaticServer } from '../support/static-server.ts';

describe('offline: after one visit the page opens with no network', () => {
  const bed = useChromium();
  let server: StaticServer;
  beforeAll(async () => {
    // Its own origin, so no other test's service worker is involved.
    server = await startStaticServer(inject('distDir'), '/tools/glimpse/');
  });
  afterAll(async () => {
    await server.close();
  });

  it('says it is ready offline, then reloads every view with the network gone', async () => {
    const context = await bed.browser.newContext();
    const { page, errors } = await openPage(context, server.url);
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Ready to work offline' }).count(), {
        timeout: 30_000,
      })
      .toBe(1);
    expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);

    await context.setOffline(true);
    // Prove the network really is gone for this page.
    expect(
      await page.evaluate(() =>
        fetch(`./nothing-here-${Date.now()}`).then(
          () => 'reached',
          () => 'failed',
        ),
      ),
    ).toBe('failed');

    for (const view of ['Reveal', 'Hide', 'Ask']) {
      await page.goto(`${server.url}#/${view.toLowerCase()}`);
      await expect
        .poll(() => page.getByRole('tab', { name: view }).getAttribute('aria-selected'))
        .toBe('true');
      await expect.poll(() => page.getByText('Build e2e').isVisible()).toBe(true);
    }
    await page.reload();
    await expect.poll(() => page.getByRole('tabpanel').count()).toBe(1);

    // Hide and Reveal do their whole job offline: Hide's picture handed to Reveal, Auto run on it.
    await hideThenAutoReveal(page);

    // Ask says plainly that it needs the network, and keeps the question.
    await page.getByRole('tab', { name: 'Ask' }).click();
    const ask = page.getByRole('tabpanel');
    await expect
      .poll(() => ask.getByText('You are offline: Ask needs the network').count())
      .toBe(1);
    // A state, said calmly with what still works, not an error: a status line, not an alert.
    expect(await ask.getByRole('status').filter({ hasText: 'You are offline' }).innerText()).toBe(
      'You are offline: Ask needs the network to reach Gemini. Reveal and Hide work without it.',
    );
    expect(await ask.getByRole('alert').count()).toBe(0);
    await ask.getByLabel('Gemini API key').fill('AQ.offline-test');
    await pickSample(ask, 'Sample: hidden message');
    await ask.getByLabel('Prompt').fill('What does it say?');
    await ask.getByRole('button', { name: 'Ask', exact: true }).click();
    await expect
      .poll(() => ask.getByRole('alert').filter({ hasText: 'Ask needs the network' }).count())
      .toBe(1);
    expect(await ask.getByLabel('Prompt').inputValue()).toBe('What does it say?');
    // The icons came from the cache too.
    const icon = await page.evaluate(async () => {
      const reply = await fetch('./icons/icon-192.png');
      return reply.headers.get('content-type');
    });
    expect(icon).toBe('image/png');
    expect(errors.filter((e) => !e.includes('Failed to load resource'))).toEqual([]);
    await context.close();
  });
});
