/**
 * What a demanding person sees of Hide and Reveal at a phone's width in Chromium: actions laid
 * out in full, even rows (no ragged row of buttons of their own widths).
 */
import { describe, expect, inject, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { openPage, useChromium } from '../support/browser.ts';

const PHONE = { width: 360, height: 780 };

/** Left edge, top edge and width of the element `locator` finds, in CSS px. */
async function box(locator: Locator): Promise<{ x: number; y: number; width: number }> {
  return locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return { x: Math.round(r.left), y: Math.round(r.top), width: Math.round(r.width) };
  });
}

describe('the look of Hide and Reveal on a phone', () => {
  const bed = useChromium();

  it("lays Hide's four actions out in full rows, each from the picture's left edge to its right", async () => {
    const ctx = await bed.browser.newContext({ viewport: PHONE, reducedMotion: 'reduce' });
    const { page } = await openPage(ctx, `${inject('appURL')}#/hide`);
    const view = page.getByRole('tabpanel', { name: 'Hide' });
    const names = ['Download PNG', 'Copy image', 'Reveal it', 'Ask Gemini to read it'];
    const buttons = names.map((name) => view.getByRole('button', { name, exact: true }));
    await buttons[0].waitFor();
    const b = await Promise.all(buttons.map(box));
    const picture = await box(view.locator('.picture'));
    const rows = [...new Set(b.map((x) => x.y))];
    for (const y of rows) {
      const row = b.filter((x) => x.y === y);
      const left = Math.min(...row.map((x) => x.x));
      const right = Math.max(...row.map((x) => x.x + x.width));
      expect(Math.abs(left - picture.x), `row at ${y}: left edge`).toBeLessThanOrEqual(2);
      const end = picture.x + picture.width;
      expect(Math.abs(right - end), `row at ${y}: right edge`).toBeLessThanOrEqual(2);
      expect(new Set(row.map((x) => x.width)).size, `row at ${y}: even widths`).toBe(1);
    }
    // Every label is whole on its button.
    for (const [i, n] of names.entries()) expect(await buttons[i].innerText()).toBe(n);
    await ctx.close();
  });
});
