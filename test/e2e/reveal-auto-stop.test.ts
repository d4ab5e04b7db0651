/**
 * Auto reveal on a very large image takes a while: the person can stop it, the worker doing it
 * is ended, and the picture shown before stays.
 */
import { describe, expect, it } from 'vitest';
import { useChromium } from '../support/browser.ts';
import {
  bigImage,
  blackOnCanvas,
  choosePixels,
  openReveal,
  picture,
  reveal,
  runAutoReveal,
  zoomToFullSize,
} from './reveal-support.ts';

describe('Reveal: stopping Auto reveal', () => {
  const bed = useChromium();

  it('stops a long Auto reveal by keyboard, ends its worker and keeps the picture shown before', async () => {
    const context = await bed.browser.newContext();
    // Count the workers the page ends: stopping must end the one doing the work, not only
    // stop waiting for it. And make the first Auto reveal as slow as on a slow phone (its
    // request reaches the worker 3 s late), so that Stop comes while it runs on any machine.
    await context.addInitScript(() => {
      const w = window as unknown as { ended: number; slowed: boolean };
      w.ended = 0;
      w.slowed = false;
      const terminate = Worker.prototype.terminate;
      Worker.prototype.terminate = function (this: Worker) {
        w.ended++;
        terminate.call(this);
      };
      const post = Worker.prototype.postMessage;
      Worker.prototype.postMessage = function (this: Worker, message: unknown, ...rest: never[]) {
        if ((message as { op?: unknown } | null)?.op === 'autoReveal' && !w.slowed) {
          w.slowed = true;
          setTimeout(() => post.call(this, message, ...rest), 3000);
          return;
        }
        post.call(this, message, ...rest);
      };
    });
    const { page, errors } = await openReveal(context);
    const { image, textPixels } = bigImage();
    await choosePixels(page, image, 'photo.png');
    const size = () => picture(page).evaluate((c: HTMLCanvasElement) => `${c.width}x${c.height}`);
    // At 100 %, where the picture is painted whole; then fitted again, as a person sees it.
    await zoomToFullSize(page);
    await expect.poll(size, { timeout: 30_000 }).toBe('4000x3000');
    const before = 4000 * 3000 - textPixels;
    expect(await blackOnCanvas(page)).toBe(before);
    await reveal(page).getByRole('button', { name: 'Fit', exact: true }).click();

    const view = reveal(page);
    const auto = view.getByRole('button', { name: 'Auto reveal' });
    await auto.focus();
    await page.keyboard.press('Enter');
    const stop = view.getByRole('button', { name: 'Stop Auto reveal' });
    await stop.waitFor();
    expect(
      await view.getByRole('status').filter({ hasText: 'Looking for a hidden message…' }).count(),
    ).toBe(1);
    // A bar says it is at work where its answer will stand, beside the picture, in sight.
    const bar = view.getByRole('progressbar', { name: 'Looking for a hidden message…' });
    const [barBox, pictureBox] = [await bar.boundingBox(), await picture(page).boundingBox()];
    expect(barBox!.width, 'width of the bar').toBeGreaterThan(100);
    expect(barBox!.x, 'bar beside the picture').toBeGreaterThan(pictureBox!.x + pictureBox!.width);
    expect(barBox!.y + barBox!.height, 'bottom of the bar').toBeLessThanOrEqual(
      page.viewportSize()!.height,
    );
    // The keyboard reaches Stop next, right after Auto reveal.
    await page.keyboard.press('Tab');
    expect(await stop.evaluate((b) => b.matches(':focus'))).toBe(true);
    await page.keyboard.press('Enter');

    await expect.poll(() => stop.count()).toBe(0);
    expect(await view.getByRole('status').filter({ hasText: 'Auto reveal stopped.' }).count()).toBe(
      1,
    );
    expect(await page.evaluate(() => (window as unknown as { ended: number }).ended)).toBe(1);
    // The keyboard's focus comes back to Auto reveal, which works again.
    expect(await auto.evaluate((b) => b.matches(':focus'))).toBe(true);
    expect(await auto.getAttribute('aria-disabled')).toBe('false');
    // The picture is the one shown before, whole, at full resolution.
    expect(await picture(page).getAttribute('aria-label')).toMatch(/revealed: red above 120/);
    await zoomToFullSize(page);
    await expect.poll(size, { timeout: 30_000 }).toBe('4000x3000');
    expect(await blackOnCanvas(page)).toBe(before);

    // Run again to the end: it finds the text (red 115 on 126).
    await runAutoReveal(page);
    expect(await view.getByText(/11 in red/).count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
