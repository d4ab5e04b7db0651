import { describe, expect, inject, it } from 'vitest';
import { openPage, useChromium } from '../support/browser.ts';
import { handHideToReveal } from './reveal-support.ts';

describe('views loaded when their tab first opens', () => {
  const bed = useChromium();

  it('says when a view cannot be fetched, and loads it when its tab is opened again', async () => {
    const context = await bed.browser.newContext({ serviceWorkers: 'block' });
    try {
      let offline = true;
      // The network drops only Reveal's code, as on a first visit that went offline.
      await context.route(/reveal-view-[^/]*\.js$/, (route) =>
        offline ? route.abort('internetdisconnected') : route.continue(),
      );
      const { page } = await openPage(context, `${inject('appURL')}#/ask`);
      await page.getByRole('tabpanel').getByLabel('Gemini API key').waitFor();

      await page.getByRole('tab', { name: 'Reveal' }).click();
      await expect
        .poll(() => page.getByRole('alert').filter({ hasText: 'could not be loaded' }).count())
        .toBe(1);
      // It looks like every other alert: framed, with a bar at its start.
      const failed = page.getByRole('alert').filter({ hasText: 'could not be loaded' });
      expect(await failed.evaluate((el) => getComputedStyle(el).borderLeftWidth)).toBe('4px');

      offline = false;
      await page.getByRole('tab', { name: 'Hide' }).click();
      await page.getByRole('tabpanel').getByRole('button', { name: 'Reveal it' }).waitFor();
      await page.getByRole('tab', { name: 'Reveal' }).click();
      await page.getByRole('tabpanel').getByLabel('Image', { exact: true }).waitFor();
      expect(await page.getByText('could not be loaded').count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  it('hands an image to a view that has not loaded yet', async () => {
    const context = await bed.browser.newContext();
    try {
      const { page, errors } = await openPage(context, `${inject('appURL')}#/hide`);
      await handHideToReveal(page);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
