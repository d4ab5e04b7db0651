import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, inject, it } from 'vitest';
import { useChromium } from '../support/browser.ts';
import { openReveal, picture, reveal, showLessonMask, waitForImageLine } from './reveal-support.ts';

describe('Reveal from the built index.html opened from disk (file://)', () => {
  const bed = useChromium();

  it("reproduces the lesson's mask, and takes a hidden message from Hide", async () => {
    const url = pathToFileURL(join(inject('distDir'), 'index.html')).href;
    const context = await bed.browser.newContext();
    const { page, errors } = await openReveal(context, url);
    await showLessonMask(page);

    // Hide's defaults are the lesson's colours: Reveal's Auto must name the difference.
    await page.getByRole('tab', { name: 'Hide' }).click();
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#/hide');
    await page
      .getByRole('tabpanel', { name: 'Hide' })
      .getByRole('button', { name: 'Reveal it' })
      .click();
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#/reveal');
    await waitForImageLine(page);
    await reveal(page).getByRole('button', { name: 'Auto reveal' }).click();
    await expect
      .poll(() => picture(page).getAttribute('aria-label'), { timeout: 30_000 })
      .toMatch(/11 in red and 2 in blue/);
    expect(errors).toEqual([]);
    await context.close();
  });
});
