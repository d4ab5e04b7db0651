import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { useChromium } from '../support/browser.ts';
import { readPng, writePng } from '../support/reveal-png.ts';
import {
  blockImage,
  chooseImage,
  choosePixels,
  countDifferent,
  fixturePng,
  openReveal,
  picture,
  reveal,
  showLessonMask,
  shownPixels,
} from './reveal-support.ts';

/** Hard cases a threshold on red cannot show: each differs in one place, by one level. */
const cases = [
  {
    name: 'blue one level up',
    bg: [40, 90, 200, 255],
    text: [40, 90, 201, 255],
    says: /1 in blue/,
  },
  { name: 'alpha only', bg: [126, 217, 87, 255], text: [126, 217, 87, 254], says: /1 in alpha/ },
  { name: 'dark, green down one', bg: [8, 9, 10, 255], text: [8, 8, 10, 255], says: /1 in green/ },
];

describe('Reveal: Auto reveal', () => {
  const bed = useChromium();

  for (const c of cases) {
    it(`finds text that differs by ${c.name}, shows it black on white and says so`, async () => {
      const context = await bed.browser.newContext({ acceptDownloads: true });
      const { page, errors } = await openReveal(context);
      const { image, textMask } = blockImage(240, 160, c.bg, c.text);
      await choosePixels(page, image, 'hard.png');
      // The lesson's rule shows nothing here: one flat colour.
      const before = await shownPixels(page, image);
      expect(new Set(new Uint32Array(before.data.buffer)).size).toBe(1);

      await reveal(page).getByRole('button', { name: 'Auto reveal' }).click();
      await expect.poll(() => picture(page).getAttribute('aria-label')).toMatch(c.says);
      await expect(reveal(page).getByText(c.says).first().isVisible()).resolves.toBe(true);
      // The line saying which image this is stays.
      expect(await reveal(page).getByText('hard.png: 240 × 160 pixels.').count()).toBe(1);

      const mask = await shownPixels(page, image);
      let wrong = 0;
      for (let i = 0; i < textMask.length; i++) {
        const black = mask.data[i * 4] === 0 && mask.data[i * 4 + 1] === 0;
        if (black !== (textMask[i] === 1)) wrong++;
      }
      expect(wrong / textMask.length).toBeLessThan(0.005);

      // Download PNG saves the mask Auto found, not the threshold view.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        reveal(page).getByRole('button', { name: 'Download PNG' }).click(),
      ]);
      const saved = await readPng(readFileSync(await download.path()));
      expect(countDifferent(saved, mask)).toBe(0);
      expect(errors).toEqual([]);
      await context.close();
    });
  }

  it('says "Auto reveal" in the View menu while its mask is shown; choosing a view goes back to it', async () => {
    const context = await bed.browser.newContext();
    const { page, errors } = await openReveal(context);
    const mask = await showLessonMask(page);
    const view = reveal(page).getByLabel('View');
    const shownView = () => view.evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.text);
    expect(await shownView()).toBe('Threshold');
    await reveal(page).getByLabel('Threshold').fill('100');
    await expect.poll(() => picture(page).getAttribute('aria-label')).toMatch(/red above 100/);
    const at100 = await shownPixels(page, mask);

    await reveal(page).getByRole('button', { name: 'Auto reveal' }).click();
    await expect.poll(() => picture(page).getAttribute('aria-label')).toMatch(/Auto reveal: /);
    expect(await shownView()).toBe('Auto reveal');
    // The manual view's controls did not make this picture: none of them is offered.
    expect(await reveal(page).getByLabel('Threshold').count()).toBe(0);
    expect(await reveal(page).getByLabel('Channel').count()).toBe(0);
    expect(await reveal(page).getByLabel('Invert').count()).toBe(0);
    expect(await reveal(page).getByText('hidden-message.png: 500 × 500 pixels.').count()).toBe(1);
    expect(countDifferent(await shownPixels(page, mask), at100)).toBeGreaterThan(0);

    // Choosing Threshold again brings back the picture and the settings it had.
    await view.selectOption({ label: 'Threshold' });
    await expect.poll(() => picture(page).getAttribute('aria-label')).toMatch(/red above 100/);
    expect(await shownView()).toBe('Threshold');
    expect(await reveal(page).getByLabel('Threshold').inputValue()).toBe('100');
    await expect.poll(async () => countDifferent(await shownPixels(page, mask), at100)).toBe(0);
    expect(await view.locator('option', { hasText: 'Auto reveal' }).count()).toBe(0);
    await reveal(page).getByLabel('Threshold').fill('120');
    await expect.poll(async () => countDifferent(await shownPixels(page, mask), mask)).toBe(0);
    expect(await reveal(page).getByText('hidden-message.png: 500 × 500 pixels.').count()).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("reads the lesson's message after JPEG compression", async () => {
    const context = await bed.browser.newContext();
    const { page, errors } = await openReveal(context);
    const lesson = await fixturePng('lesson/hidden-message.png');
    const lessonMask = await fixturePng('lesson/hidden-message.lesson-mask.png');
    // The browser's own JPEG encoder at quality 0.8 (4:2:0 chroma, ringing round the strokes).
    const jpeg = await page.evaluate(
      async (png: number[]) => {
        const bitmap = await createImageBitmap(new Blob([new Uint8Array(png)]));
        const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
        canvas.getContext('2d')?.drawImage(bitmap, 0, 0);
        const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.8 });
        return Array.from(new Uint8Array(await blob.arrayBuffer()));
      },
      Array.from(await writePng(lesson)),
    );
    await chooseImage(page, {
      name: 'lesson.jpg',
      mimeType: 'image/jpeg',
      buffer: Buffer.from(jpeg),
    });
    await shownPixels(page, lesson);
    await reveal(page).getByRole('button', { name: 'Auto reveal' }).click();
    await expect.poll(() => picture(page).getAttribute('aria-label')).toMatch(/Auto reveal: /);
    expect(await picture(page).getAttribute('aria-label')).toMatch(/red/);
    const mask = await shownPixels(page, lesson);
    // Readable: the strokes covered (the lesson's mask shows them white, Auto black), a little
    // thicker after smoothing, and no speckle away from the text.
    const box = { x0: 500, y0: 500, x1: 0, y1: 0 };
    let text = 0;
    for (let i = 0; i < 500 * 500; i++) {
      if (lessonMask.data[i * 4] !== 255) continue;
      text++;
      const [x, y] = [i % 500, Math.floor(i / 500)];
      Object.assign(box, {
        x0: Math.min(box.x0, x),
        y0: Math.min(box.y0, y),
        x1: Math.max(box.x1, x),
        y1: Math.max(box.y1, y),
      });
    }
    let missed = 0;
    let black = 0;
    let stray = 0;
    for (let i = 0; i < 500 * 500; i++) {
      const [x, y] = [i % 500, Math.floor(i / 500)];
      const isBlack = mask.data[i * 4] === 0;
      if (isBlack) black++;
      if (lessonMask.data[i * 4] === 255 && !isBlack) missed++;
      const near = x >= box.x0 - 4 && x <= box.x1 + 4 && y >= box.y0 - 4 && y <= box.y1 + 4;
      if (isBlack && !near) stray++;
    }
    expect(missed / text).toBeLessThan(0.1);
    expect(black / text).toBeLessThan(2.5);
    expect(stray).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
