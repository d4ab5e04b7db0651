/**
 * Ask on a phone (360 × 740), as a person uses it: under a long answer the composer stays at
 * the bottom of the window (the conversation scrolls above it, as in a chat app) rather than
 * a long page below, and the image is still there, a scroll up away.
 */
import { describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { fixtureReply } from '../support/fake-gemini.ts';
import { askTestbed, openAsk, pickSample } from './ask-support.ts';

/** `target` is whole inside the window. */
function inWindow(target: Locator): Promise<boolean> {
  return target.evaluate((el) => {
    const box = el.getBoundingClientRect();
    return box.height > 0 && box.top >= 0 && box.bottom <= innerHeight;
  });
}

describe('Ask: on a phone', () => {
  const bed = askTestbed();

  it('keeps the composer in the window under a long answer, the image a scroll up away', async () => {
    bed.fake.reset();
    const context = await bed.browser.newContext({ viewport: { width: 360, height: 740 } });
    const { page, errors, view } = await openAsk(context, bed.fake.url);
    await view.getByRole('button', { name: 'Check key' }).click();
    await view.getByRole('button', { name: 'Settings', exact: true }).waitFor();
    await pickSample(view, 'Sample: stock index chart');
    // An answer several phone screens long.
    bed.fake.queue(fixtureReply('googleai/streaming-success-basic-reply-long.txt'));
    await view.getByLabel('Prompt').fill('Tell me everything about it.');
    await view.getByRole('button', { name: 'Ask', exact: true }).click();
    await view.locator('.answer[data-state="done"]').waitFor();
    const answer = view.getByRole('region', { name: 'Answer' });
    expect((await answer.innerText()).length).toBeGreaterThan(3000);

    // The next question is typed where the eye is: no scrolling to find the Prompt.
    await expect.poll(() => inWindow(view.getByLabel('Prompt'))).toBe(true);
    expect(await inWindow(view.getByRole('button', { name: 'Ask', exact: true }))).toBe(true);
    // The page ends at the composer, not under the answer's many screens.
    const [pageHeight, windowHeight] = await page.evaluate(() => [
      document.documentElement.scrollHeight,
      innerHeight,
    ]);
    expect(pageHeight).toBeLessThan(3 * windowHeight);

    // The image is a scroll up away (the wheel over the composer, as a person would).
    const picture = view.getByRole('group', {
      name: /^Picture: The image as it will be sent: stock-index-chart\.png/,
    });
    expect(await inWindow(picture)).toBe(false);
    await view.getByLabel('Prompt').hover();
    await page.mouse.wheel(0, -3 * windowHeight);
    await expect
      .poll(() => picture.evaluate((el) => el.getBoundingClientRect().top))
      .toBeGreaterThanOrEqual(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
