import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium, openPage } from '../support/browser.ts';
import { readPng } from '../support/reveal-png.ts';
import {
  blockImage,
  choosePixels,
  countDifferent,
  picture,
  reveal,
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
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser.close());

  for (const c of cases) {
    it(`finds text that differs by ${c.name}, shows it black on white and says so`, async () => {
      const context = await browser.newContext({ acceptDownloads: true });
      const { page, errors } = await openPage(context, `${inject('appURL')}#/reveal`);
      const { image, textMask } = blockImage(240, 160, c.bg, c.text);
      await choosePixels(page, image, 'hard.png');
      // The lesson's rule shows nothing here: one flat colour.
      const before = await shownPixels(page, image);
      expect(new Set(new Uint32Array(before.data.buffer)).size).toBe(1);

      await reveal(page).getByRole('button', { name: 'Auto reveal' }).click();
      await expect.poll(() => picture(page).getAttribute('aria-label')).toMatch(c.says);
      await expect(reveal(page).getByText(c.says).first().isVisible()).resolves.toBe(true);

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
});
