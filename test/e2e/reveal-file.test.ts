import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium, openPage } from '../support/browser.ts';
import {
  chooseImage,
  countDifferent,
  fixturePng,
  fixtures,
  picture,
  reveal,
  shownPixels,
} from './reveal-support.ts';

describe('Reveal from the built index.html opened from disk (file://)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser.close());

  it("reproduces the lesson's mask, and takes a hidden message from Hide", async () => {
    const url = pathToFileURL(join(inject('distDir'), 'index.html')).href;
    const context = await browser.newContext();
    const { page, errors } = await openPage(context, `${url}#/reveal`);

    const mask = await fixturePng('lesson/hidden-message.lesson-mask.png');
    await chooseImage(page, join(fixtures, 'lesson', 'hidden-message.png'));
    expect(countDifferent(await shownPixels(page, mask), mask)).toBe(0);

    // Hide's defaults are the lesson's colours: Reveal's Auto must name the difference.
    await page.getByRole('tab', { name: 'Hide' }).click();
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#/hide');
    await page
      .getByRole('tabpanel', { name: 'Hide' })
      .getByRole('button', { name: 'Reveal it' })
      .click();
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#/reveal');
    await expect
      .poll(() =>
        reveal(page)
          .getByText(/500 × 500 pixels/)
          .count(),
      )
      .toBe(1);
    await reveal(page).getByRole('button', { name: 'Auto reveal' }).click();
    await expect
      .poll(() => picture(page).getAttribute('aria-label'), { timeout: 30_000 })
      .toMatch(/11 in red and 2 in blue/);
    expect(errors).toEqual([]);
    await context.close();
  });
});
