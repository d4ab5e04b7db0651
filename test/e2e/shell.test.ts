import { describe, expect, inject, it } from 'vitest';
import { openPage, useChromium } from '../support/browser.ts';

describe('app shell', () => {
  const bed = useChromium();

  it('opens the view a link names and switches views with the tabs', async () => {
    const context = await bed.browser.newContext();
    const { page, errors } = await openPage(context, `${inject('appURL')}#/reveal`);
    await expect
      .poll(() => page.getByRole('tab', { name: 'Reveal' }).getAttribute('aria-selected'))
      .toBe('true');
    await expect.poll(() => page.getByRole('tabpanel').count()).toBe(1);

    await page.getByRole('tab', { name: 'Hide' }).click();
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#/hide');
    expect(await page.getByRole('tab', { name: 'Hide' }).getAttribute('aria-selected')).toBe(
      'true',
    );
    await page.getByRole('tab', { name: 'Hide' }).press('ArrowLeft');
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#/reveal');

    await page.goto(`${inject('appURL')}`);
    await expect
      .poll(() => page.getByRole('tab', { name: 'Ask' }).getAttribute('aria-selected'))
      .toBe('true');
    expect(errors).toEqual([]);
    await context.close();
  });
});
