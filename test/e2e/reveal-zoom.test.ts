/**
 * Zoom in Reveal, as Stegsolve and forensically offer it: a small image can be looked at
 * pixel by pixel, a large one at its own scale in a box that scrolls, and Fit brings it back.
 */
import { describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { useChromium } from '../support/browser.ts';
import { choosePixels, openReveal, picture, reveal } from './reveal-support.ts';
import type { Pixels } from '../../src/lib/reveal/types.ts';

/** A flat image with a one-level darker block in red: 64 × 32. */
function small(): Pixels {
  const width = 64;
  const height = 32;
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    const x = i % width;
    const inside = x >= 16 && x < 48 && Math.floor(i / width) >= 8 && Math.floor(i / width) < 24;
    data.set([inside ? 125 : 126, 217, 87, 255], i * 4);
  }
  return { width, height, data };
}

/** Width of the element on screen, in CSS px. */
const width = (l: Locator) => l.evaluate((el) => el.getBoundingClientRect().width);

describe('Reveal zoom', () => {
  const bed = useChromium();

  it('zooms a small image in step by step, says the scale, scrolls by keyboard, and fits again', async () => {
    const ctx = await bed.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const { page, errors } = await openReveal(ctx);
    await choosePixels(page, small());
    await picture(page).waitFor();
    const view = reveal(page);
    const zoomIn = view.getByRole('button', { name: 'Zoom in' });
    const zoomOut = view.getByRole('button', { name: 'Zoom out' });
    const fit = view.getByRole('button', { name: 'Fit' });
    const scale = view.getByRole('status').filter({ hasText: /%$/ });
    // Fitted, a 64 px image is shown at its own 64 px: too small to look at.
    await expect.poll(() => scale.textContent()).toBe('Fit, 100 %');
    expect(Math.round(await width(picture(page)))).toBe(64 + 2);
    expect(await zoomOut.isDisabled()).toBe(true);
    for (const step of ['200 %', '400 %', '800 %', '1600 %']) {
      await zoomIn.click();
      await expect.poll(() => scale.textContent()).toBe(step);
    }
    // 1600 %: 1024 px wide, in a box narrower than that, which scrolls and takes the keyboard.
    expect(Math.round(await width(picture(page)))).toBe(64 * 16 + 2);
    const box = view.getByRole('group', { name: /Zoomed picture/ });
    const scroll = () => box.evaluate((el) => el.scrollLeft);
    const before = await scroll();
    await box.focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(scroll).toBeGreaterThan(before);
    await zoomOut.click();
    await expect.poll(() => scale.textContent()).toBe('800 %');
    await fit.click();
    await expect.poll(() => scale.textContent()).toBe('Fit, 100 %');
    expect(Math.round(await width(picture(page)))).toBe(64 + 2);
    expect(await view.getByRole('group', { name: /Zoomed picture/ }).count()).toBe(0);
    // A new image opens fitted.
    await zoomIn.click();
    await choosePixels(page, small(), 'again.png');
    await expect.poll(() => scale.textContent()).toBe('Fit, 100 %');
    expect(errors).toEqual([]);
    await ctx.close();
  });

  it('lays the zoom bar out on a phone in even columns, every label on one line', async () => {
    const ctx = await bed.browser.newContext({ viewport: { width: 360, height: 780 } });
    const { page } = await openReveal(ctx);
    await choosePixels(page, small());
    await picture(page).waitFor();
    const view = reveal(page);
    const boxes = await Promise.all(
      ['Zoom out', 'Zoom in', 'Fit'].map((name) =>
        view.getByRole('button', { name }).evaluate((el) => el.getBoundingClientRect().toJSON()),
      ),
    );
    const [out, into, fit] = boxes as DOMRect[];
    expect(out.top, 'Zoom out and Zoom in share a row').toBe(into.top);
    expect(Math.round(out.width)).toBe(Math.round(into.width));
    // One line each: as tall as Fit, whose label is one short word.
    expect(Math.round(out.height)).toBe(Math.round(fit.height));
    expect(Math.round(into.height)).toBe(Math.round(fit.height));
    await ctx.close();
  });
});
