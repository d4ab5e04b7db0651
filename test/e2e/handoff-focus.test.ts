/**
 * A keyboard user who hands something from one view to another ("Reveal it", "Hide this text")
 * goes on from there: the button pressed is now out of sight, so the focus must move to the
 * next step in the view that opened, visibly, not fall back to the top of the page.
 */
import { describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { openPage, useChromium } from '../support/browser.ts';
import { focusState, tabTo } from './a11y-support.ts';
import { chooseImage, lessonImage, picture, reveal } from './reveal-support.ts';

/** Open the built page on `view`, with the keyboard's focus at the top of the page. */
async function open(browser: Browser, view: string): Promise<Page> {
  const ctx = await browser.newContext();
  const { page } = await openPage(ctx, `${inject('appURL')}#/${view}`);
  return page;
}

describe('focus after a handoff', () => {
  const bed = useChromium();

  it('"Reveal it" by keyboard puts the focus on Reveal\'s Auto reveal, with the picture in', async () => {
    const page = await open(bed.browser, 'hide');
    await page
      .getByRole('tabpanel', { name: 'Hide' })
      .getByRole('button', { name: 'Reveal it' })
      .waitFor();
    await page.locator('body').click({ position: { x: 1, y: 1 } });
    expect(await tabTo(page, /^button "Reveal it/)).toBe(true);
    await page.keyboard.press('Enter');
    await picture(page).waitFor();
    await expect
      .poll(() => focusState(page))
      .toEqual({ name: 'button "Auto reveal"', visible: true });
    await page.context().close();
  });

  it('"Hide this text" by keyboard puts the focus in Hide\'s Message, which holds the text', async () => {
    const page = await open(bed.browser, 'reveal');
    await chooseImage(page, lessonImage);
    await picture(page).waitFor();
    await reveal(page).getByRole('button', { name: 'Read text' }).click();
    const found = reveal(page).getByRole('region', { name: 'Text found' });
    await found.waitFor({ timeout: 60_000 });
    await found.getByRole('button', { name: 'Copy text' }).focus();
    expect(await tabTo(page, /^button "Hide this text/)).toBe(true);
    await page.keyboard.press('Enter');
    await expect
      .poll(() => focusState(page))
      .toEqual({ name: 'textarea "Message"', visible: true });
    const message = page
      .getByRole('tabpanel', { name: 'Hide' })
      .getByRole('textbox', { name: 'Message' });
    expect(await message.inputValue()).toMatch(
      /You can vectorize\s+the whole world\s+with Weaviate!/,
    );
    await page.context().close();
  });
});
