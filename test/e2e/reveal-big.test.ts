import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { useChromium } from '../support/browser.ts';
import { readPng } from '../support/reveal-png.ts';
import {
  bigImage,
  blackOnCanvas,
  choosePixels,
  openReveal,
  picture,
  reveal,
  zoomToFullSize,
} from './reveal-support.ts';

describe('Reveal: a 12-megapixel image', () => {
  const bed = useChromium();

  it('loads, previews while the threshold moves, then shows and downloads full resolution', async () => {
    const context = await bed.browser.newContext({ acceptDownloads: true });
    const { page, errors } = await openReveal(context);
    const { image, textPixels } = bigImage();
    await choosePixels(page, image, 'photo.png');
    await expect
      .poll(() => reveal(page).getByText('photo.png: 4000 × 3000 pixels.').count(), {
        timeout: 30_000,
      })
      .toBe(1);
    const size = () => picture(page).evaluate((c: HTMLCanvasElement) => `${c.width}x${c.height}`);
    // At 100 %, where the picture is painted whole (fitted, no larger than the screen shows it).
    await zoomToFullSize(page);
    await expect.poll(size, { timeout: 30_000 }).toBe('4000x3000');
    // Red: background 126 (black above 120), text 115 (white).
    expect(await blackOnCanvas(page)).toBe(4000 * 3000 - textPixels);

    // Note every size the canvas takes while the threshold moves.
    await picture(page).evaluate((c: HTMLCanvasElement) => {
      const sizes: string[] = [];
      (window as unknown as { sizes: string[] }).sizes = sizes;
      new MutationObserver(() => sizes.push(`${c.width}x${c.height}`)).observe(c, {
        attributes: true,
      });
    });
    const slider = reveal(page).getByLabel('Threshold');
    await slider.focus();
    for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowRight'); // 126: all white
    await expect.poll(() => slider.inputValue()).toBe('126');
    await expect
      .poll(async () => (await blackOnCanvas(page)) === 0 && (await size()), {
        timeout: 30_000,
      })
      .toBe('4000x3000');
    const sizes = await page.evaluate(() => (window as unknown as { sizes: string[] }).sizes);
    expect(sizes).toContain('1000x750'); // the preview: a whole factor of 4, under 1280 a side
    expect(sizes.at(-1)).toBe('4000x3000');

    // Dragged by mouse: previews all the way, full resolution once the button is let go.
    await page.evaluate(() => (window as unknown as { sizes: string[] }).sizes.splice(0));
    const box = (await slider.boundingBox())!;
    const y = box.y + box.height / 2;
    await page.mouse.move(box.x + (box.width * 126) / 255, y);
    await page.mouse.down();
    await page.mouse.move(box.x - 20, y, { steps: 8 }); // past the left end: 0
    await page.mouse.up();
    await expect.poll(() => slider.inputValue()).toBe('0');
    // 0: every level is above it, so all black.
    await expect
      .poll(async () => (await blackOnCanvas(page)) === 4000 * 3000 && (await size()), {
        timeout: 30_000,
      })
      .toBe('4000x3000');
    const dragged = await page.evaluate(() => (window as unknown as { sizes: string[] }).sizes);
    expect(dragged).toContain('1000x750');
    expect(dragged.at(-1)).toBe('4000x3000');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      reveal(page).getByRole('button', { name: 'Download PNG' }).click(),
    ]);
    const saved = await readPng(readFileSync(await download.path()));
    expect([saved.width, saved.height]).toEqual([4000, 3000]);
    let black = 0;
    for (let i = 0; i < saved.data.length; i += 4) if (saved.data[i] === 0) black++;
    expect(black).toBe(4000 * 3000);
    expect(errors).toEqual([]);
    await context.close();
  });
});
