import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { useChromium } from '../support/browser.ts';
import { readPng } from '../support/reveal-png.ts';
import {
  chooseImage,
  countDifferent,
  fixturePng,
  lessonImage,
  openReveal,
  picture,
  reveal,
  showLessonMask,
  shownPixels,
  waitForImageLine,
} from './reveal-support.ts';

describe('Reveal view', () => {
  const bed = useChromium();
  let context: BrowserContext;
  let page: Page;
  let errors: string[];

  async function open(): Promise<void> {
    context = await bed.browser.newContext({ acceptDownloads: true });
    ({ page, errors } = await openReveal(context));
  }

  it("reproduces the lesson's decoder pixel for pixel with the default settings, on screen and in the download", async () => {
    await open();
    const mask = await showLessonMask(page);
    expect(await reveal(page).getByLabel('Channel').inputValue()).toBe('red');
    expect(await reveal(page).getByLabel('Threshold').inputValue()).toBe('120');
    expect(await reveal(page).getByLabel('Invert').isChecked()).toBe(false);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      reveal(page).getByRole('button', { name: 'Download PNG' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('hidden-message-revealed.png');
    const saved = await readPng(readFileSync(await download.path()));
    expect(countDifferent(saved, mask)).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('changes the picture when threshold, channel and invert are moved by keyboard', async () => {
    await open();
    await chooseImage(page, lessonImage);
    const before = await shownPixels(page, { width: 500, height: 500 });

    // Red: background 126, text 115. Raising the cut past 126 turns everything white.
    const slider = reveal(page).getByLabel('Threshold');
    await slider.focus();
    for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowRight');
    await expect.poll(() => slider.inputValue()).toBe('126');
    const allWhite = await shownPixels(page);
    expect(countDifferent(allWhite, before)).toBeGreaterThan(0);
    expect(allWhite.data.every((v) => v === 255)).toBe(true);
    for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowLeft');
    await expect.poll(() => slider.inputValue()).toBe('120');
    await expect.poll(async () => countDifferent(await shownPixels(page), before)).toBe(0);

    // Invert swaps black and white everywhere.
    await reveal(page).getByLabel('Invert').focus();
    await page.keyboard.press('Space');
    const inverted = await shownPixels(page);
    expect(countDifferent(inverted, before)).toBe(500 * 500);

    // Green is 217 in text and background alike: one colour at any cut.
    await reveal(page).getByLabel('Channel').focus();
    await reveal(page).getByLabel('Channel').selectOption('green');
    const green = await shownPixels(page);
    const words = new Uint32Array(green.data.buffer);
    expect(new Set(words).size).toBe(1);
    expect(await picture(page).getAttribute('aria-label')).toMatch(/green above 120/);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('keeps the previous image and says why when a file is empty, not an image or truncated', async () => {
    await open();
    await chooseImage(page, lessonImage);
    const before = await shownPixels(page, { width: 500, height: 500 });
    const png = readFileSync(lessonImage);
    const bad = [
      { name: 'empty.png', mimeType: 'image/png', buffer: Buffer.alloc(0), says: /empty/i },
      {
        name: 'notes.txt',
        mimeType: 'text/plain',
        buffer: Buffer.from('hello, not an image'),
        says: /not an image/i,
      },
      {
        name: 'cut.png',
        mimeType: 'image/png',
        buffer: png.subarray(0, png.length >> 1),
        says: /incomplete/i,
      },
    ];
    const chooser = reveal(page).getByLabel('Image', { exact: true });
    for (const file of bad) {
      await chooseImage(page, file);
      await expect.poll(() => reveal(page).getByRole('alert').textContent()).toMatch(file.says);
      expect(countDifferent(await shownPixels(page), before)).toBe(0);
      // The chooser does not name the file that failed beside the one still shown.
      expect(await reveal(page).getByText('Still showing hidden-message.png.').count()).toBe(1);
      expect(await chooser.evaluate((i: HTMLInputElement) => i.files?.length ?? 0)).toBe(0);
    }
    // Still working: a control still changes the picture.
    await reveal(page).getByLabel('Invert').check();
    expect(countDifferent(await shownPixels(page), before)).toBe(500 * 500);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('refuses an image over 100 megapixels from its header, keeping the one it had', async () => {
    await open();
    await chooseImage(page, lessonImage);
    const before = await shownPixels(page, { width: 500, height: 500 });
    // A real PNG header claiming 20000 × 6000 pixels; the browser must not try to allocate it.
    const png = Buffer.from(readFileSync(lessonImage));
    png.writeUInt32BE(20000, 16);
    png.writeUInt32BE(6000, 20);
    await chooseImage(page, { name: 'huge.png', mimeType: 'image/png', buffer: png });
    await expect
      .poll(() => reveal(page).getByRole('alert').textContent())
      .toMatch(/120 megapixels/);
    expect(countDifferent(await shownPixels(page), before)).toBe(0);
    await context.close();
  });

  it('calls a PNG with a broken header damaged, not an image of billions of megapixels', async () => {
    await open();
    await chooseImage(page, lessonImage);
    const before = await shownPixels(page, { width: 500, height: 500 });
    const png = readFileSync(lessonImage);
    // The PNG signature, then bytes that are no IHDR chunk (a file cut and pasted together).
    const noHeader = Buffer.concat([png.subarray(0, 8), Buffer.alloc(4096, 0xc7)]);
    // An IHDR whose width is past what PNG allows (2^31 - 1).
    const tooWide = Buffer.from(png);
    tooWide.writeUInt32BE(0xc7c7c7c7, 16);
    for (const buffer of [noHeader, tooWide]) {
      await chooseImage(page, { name: 'broken.png', mimeType: 'image/png', buffer });
      const alert = reveal(page).getByRole('alert');
      await expect.poll(() => alert.textContent()).toMatch(/This PNG file .* damaged/);
      expect(await alert.textContent()).not.toMatch(/megapixels/);
      expect(countDifferent(await shownPixels(page), before)).toBe(0);
      // The next file clears the alert, so the next one's message is its own.
      await chooseImage(page, lessonImage);
      await expect.poll(() => alert.textContent()).toBe('');
    }
    await context.close();
  });

  it('hands the revealed image to Ask with the prompt', async () => {
    await open();
    await chooseImage(page, lessonImage);
    await shownPixels(page, { width: 500, height: 500 });
    await page.evaluate(() => {
      document.addEventListener('glimpse-handoff', (e) => {
        const d = (e as CustomEvent<{ target: string; prompt: string; image: Blob }>).detail;
        void d.image.arrayBuffer().then((b) => {
          (window as unknown as Record<string, unknown>).handedOver = {
            target: d.target,
            prompt: d.prompt,
            type: d.image.type,
            bytes: Array.from(new Uint8Array(b)),
          };
        });
      });
    });
    await reveal(page).getByRole('button', { name: 'Ask Gemini' }).click();
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#/ask');
    const ask = page.getByRole('tabpanel', { name: 'Ask' });
    await expect
      .poll(() => ask.getByLabel('Prompt', { exact: true }).inputValue())
      .toBe('Read what you see on this image.');
    const handed = await page.waitForFunction(
      () => (window as unknown as Record<string, unknown>).handedOver,
    );
    const d = (await handed.jsonValue()) as {
      target: string;
      prompt: string;
      type: string;
      bytes: number[];
    };
    expect(d.target).toBe('ask');
    expect(d.prompt).toBe('Read what you see on this image.');
    expect(d.type).toBe('image/png');
    const mask = await fixturePng('lesson/hidden-message.lesson-mask.png');
    expect(countDifferent(await readPng(new Uint8Array(d.bytes)), mask)).toBe(0);
    await context.close();
  });
  it("opens the lesson's own image from the empty view, and its hidden text shows at once", async () => {
    await open();
    const tryIt = reveal(page).getByRole('button', { name: "Try it: the lesson's hidden message" });
    await tryIt.click();
    await waitForImageLine(page);
    // The lesson's cut (red above 120 black) leaves the text (red 115) white on black: the
    // strokes of a short sentence, not the whole picture.
    const shown = await shownPixels(page, { width: 500, height: 500 });
    let white = 0;
    for (let i = 0; i < shown.data.length; i += 4) if (shown.data[i] === 255) white++;
    expect(white).toBeGreaterThan(1000);
    expect(white).toBeLessThan(0.25 * 500 * 500);
    // With an image open, the offer is gone.
    await expect.poll(() => tryIt.count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
