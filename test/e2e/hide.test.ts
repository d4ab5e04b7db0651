import { readFile } from 'node:fs/promises';
import { describe, expect, inject, it } from 'vitest';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { openPage, useChromium } from '../support/browser.ts';
import { decodePng } from '../support/png.ts';

/** A decoded PNG, straight RGBA. */
interface Decoded {
  width: number;
  height: number;
  data: Buffer;
}

/** The Hide view, found as a person finds it: the tab panel named Hide. */
function hide(page: Page): Locator {
  return page.getByRole('tabpanel', { name: 'Hide' });
}

/** Click "Download PNG" and decode the file the browser saved. */
async function downloadPng(page: Page): Promise<Decoded> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    hide(page).getByRole('button', { name: 'Download PNG' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('hidden-message.png');
  const bytes = await readFile((await download.path())!);
  return decoded(bytes);
}

/** Decode PNG bytes in Node, independently of the browser that wrote them. */
function decoded(bytes: Uint8Array): Decoded {
  const px = decodePng(bytes);
  return { width: px.width, height: px.height, data: Buffer.from(px.data) };
}

/** Every distinct colour in the image as `#RRGGBBAA`, with its pixel count. */
function colours(img: Decoded): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i < img.data.length; i += 4) {
    const key = `#${img.data
      .subarray(i, i + 4)
      .toString('hex')
      .toUpperCase()}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** Count and centre of the pixels of one colour (`#RRGGBB`, opaque unless `alpha` says). */
function spread(
  img: Decoded,
  hex: string,
  alpha = 'FF',
): { count: number; cx: number; cy: number } {
  const want = Buffer.from(`${hex.slice(1)}${alpha}`, 'hex');
  let count = 0;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < img.width * img.height; i++) {
    if (img.data.compare(want, 0, 4, i * 4, i * 4 + 4) !== 0) continue;
    count++;
    sx += i % img.width;
    sy += Math.floor(i / img.width);
  }
  return { count, cx: sx / count, cy: sy / count };
}

describe('Hide view', () => {
  const bed = useChromium();
  let context: BrowserContext;

  async function open(): Promise<{ page: Page; errors: string[] }> {
    context = await bed.browser.newContext({ acceptDownloads: true });
    const opened = await openPage(context, `${inject('appURL')}#/hide`);
    await hide(opened.page).getByRole('button', { name: 'Download PNG' }).waitFor();
    return opened;
  }

  it('shows the lesson defaults and downloads a PNG of exactly the two colours, text centred', async () => {
    const { page, errors } = await open();
    expect(await hide(page).getByLabel('Message', { exact: true }).inputValue()).toBe(
      'You can vectorize the whole world with Weaviate!',
    );
    expect(await hide(page).getByLabel('Font size', { exact: true }).inputValue()).toBe('20');
    expect(await hide(page).getByLabel('Font', { exact: true }).inputValue()).toBe('sans-serif');
    expect(await hide(page).getByLabel('Text colour', { exact: true }).inputValue()).toBe(
      '#73D955',
    );
    expect(await hide(page).getByLabel('Background colour', { exact: true }).inputValue()).toBe(
      '#7ED957',
    );
    expect(await hide(page).getByLabel('Text alpha', { exact: true }).inputValue()).toBe('255');
    expect(await hide(page).getByLabel('Width', { exact: true }).inputValue()).toBe('500');
    expect(await hide(page).getByLabel('Height', { exact: true }).inputValue()).toBe('500');
    await expect.poll(() => page.getByText('27.8 px').count()).toBe(1);
    // The lesson pair: −11 in red, −2 in blue, ΔE2000 about 1.2, "barely visible".
    const verdict = page.locator('hide-contrast #verdict');
    expect(await verdict.textContent()).toMatch(/ΔE2000 1\.\d\d: barely visible/);
    const redRow = hide(page).getByRole('row', { name: /^Red/ });
    expect(await redRow.textContent()).toMatch(/115\s*126\s*−11/);
    await expect
      .poll(() => page.getByText(/JPEG compression and screenshots can erase/).count())
      .toBe(1);

    const png = await downloadPng(page);
    expect([png.width, png.height]).toEqual([500, 500]);
    const found = colours(png);
    expect([...found.keys()].sort()).toEqual(['#73D955FF', '#7ED957FF']);
    const text = spread(png, '#73D955');
    // The message is a few thousand pixels of letters around the middle of the image.
    expect(text.count).toBeGreaterThan(2000);
    expect(text.count).toBeLessThan(0.25 * 500 * 500);
    expect(Math.abs(text.cx - 250)).toBeLessThan(25);
    expect(Math.abs(text.cy - 250)).toBeLessThan(25);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('puts the difference in blue + 1 only, at the size asked, when Channel is Blue and Contrast 0', async () => {
    const { page, errors } = await open();
    await hide(page).getByLabel('Channel', { exact: true }).selectOption('Blue');
    const contrast = hide(page).getByLabel('Contrast', { exact: true });
    await contrast.fill('0');
    await contrast.press('Enter');
    await expect
      .poll(() => hide(page).getByLabel('Text colour', { exact: true }).inputValue())
      .toBe('#7ED958');
    expect(await page.locator('hide-contrast #verdict').textContent()).toMatch(/invisible/);
    await hide(page).getByLabel('Width', { exact: true }).fill('320');
    await hide(page).getByLabel('Height', { exact: true }).fill('200');
    await hide(page).getByLabel('Message', { exact: true }).fill('Hi\nthere');

    const png = await downloadPng(page);
    expect([png.width, png.height]).toEqual([320, 200]);
    const found = colours(png);
    expect([...found.keys()].sort()).toEqual(['#7ED957FF', '#7ED958FF']);
    const text = spread(png, '#7ED958');
    expect(text.count).toBeGreaterThan(100);
    expect(Math.abs(text.cx - 160)).toBeLessThan(20);
    expect(Math.abs(text.cy - 100)).toBeLessThan(20);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('hides the message in alpha alone when Channel is Alpha and Contrast 0', async () => {
    const { page, errors } = await open();
    await hide(page).getByLabel('Channel', { exact: true }).selectOption('Alpha (opacity)');
    const contrast = hide(page).getByLabel('Contrast', { exact: true });
    await contrast.fill('0');
    await contrast.press('Enter');
    await expect
      .poll(() => hide(page).getByLabel('Text alpha', { exact: true }).inputValue())
      .toBe('254');
    expect(await hide(page).getByLabel('Text colour', { exact: true }).inputValue()).toBe(
      '#7ED957',
    );
    expect(
      await hide(page)
        .getByRole('row', { name: /^Alpha/ })
        .textContent(),
    ).toMatch(/254\s*255\s*−1/);
    const png = await downloadPng(page);
    expect([...colours(png).keys()].sort()).toEqual(['#7ED957FE', '#7ED957FF']);
    const text = spread(png, '#7ED957', 'FE');
    expect(text.count).toBeGreaterThan(2000);
    expect(Math.abs(text.cx - 250)).toBeLessThan(25);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('says so when a colour is not a colour, and keeps the last good picture', async () => {
    const { page, errors } = await open();
    const field = hide(page).getByLabel('Background colour', { exact: true });
    await field.fill('#12');
    await field.press('Tab');
    await expect.poll(() => page.getByText('Write a colour as #RRGGBB').count()).toBe(1);
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    const png = await downloadPng(page);
    expect([...colours(png).keys()].sort()).toEqual(['#73D955FF', '#7ED957FF']);
    await field.fill('#000000');
    await expect.poll(() => page.getByText('Write a colour as #RRGGBB').count()).toBe(0);
    expect([...colours(await downloadPng(page)).keys()].sort()).toEqual(['#000000FF', '#73D955FF']);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('says so while the message is empty, and the picture is then only the background', async () => {
    const { page, errors } = await open();
    const message = hide(page).getByLabel('Message', { exact: true });
    const says = 'The message is empty: the picture is only the background.';
    await message.fill('   ');
    await expect.poll(() => hide(page).getByText(says).count()).toBe(1);
    // Said to a screen reader in the field too, as its description.
    const description = () =>
      message.evaluate((t) => {
        const ids = t.getAttribute('aria-describedby')?.split(' ') ?? [];
        const root = t.getRootNode() as ShadowRoot;
        return ids.map((id) => root.getElementById(id)?.textContent?.trim()).join(' ');
      });
    await expect.poll(description).toBe(says);
    expect([...colours(await downloadPng(page)).keys()]).toEqual(['#7ED957FF']);
    await message.fill('Hi');
    await expect.poll(() => hide(page).getByText(says).count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('says so when a size is out of range, keeps the last good picture, and takes the next good one', async () => {
    const { page, errors } = await open();
    const width = hide(page).getByRole('spinbutton', { name: 'Width', exact: true });
    await width.fill('99999');
    await width.press('Tab');
    const message = /Use a whole number from 16 to 4096/;
    await expect.poll(() => hide(page).getByText(message).count()).toBe(1);
    expect(await width.getAttribute('aria-invalid')).toBe('true');
    // The field still holds what was typed, and the message is what a screen reader hears with it.
    expect(await width.inputValue()).toBe('99999');
    const described = await width.evaluate((el) =>
      (el.getAttribute('aria-describedby') ?? '')
        .split(' ')
        .map((id) => (el.getRootNode() as ShadowRoot).getElementById(id)?.textContent)
        .join(' '),
    );
    expect(described).toMatch(message);
    expect(
      await hide(page)
        .getByRole('img', { name: /500 × 500 pixels/ })
        .count(),
    ).toBe(1);
    expect((await downloadPng(page)).width).toBe(500);
    // Another field changed meanwhile does not put the old width back under the person's fingers.
    await hide(page).getByRole('spinbutton', { name: 'Height', exact: true }).fill('400');
    await expect
      .poll(() =>
        hide(page)
          .getByRole('img', { name: /500 × 400/ })
          .count(),
      )
      .toBe(1);
    expect(await width.inputValue()).toBe('99999');
    await width.fill('800');
    await expect.poll(() => hide(page).getByText(message).count()).toBe(0);
    expect(await width.getAttribute('aria-invalid')).toBe('false');
    await expect
      .poll(() =>
        hide(page)
          .getByRole('img', { name: /800 × 400/ })
          .count(),
      )
      .toBe(1);
    const alpha = hide(page).getByRole('spinbutton', { name: 'Text alpha', exact: true });
    await alpha.fill('0');
    await expect
      .poll(() =>
        hide(page)
          .getByText(/Use a whole number from 1 to 255/)
          .count(),
      )
      .toBe(1);
    expect(await alpha.getAttribute('aria-invalid')).toBe('true');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('says so when Contrast is out of range, keeps the colours, and takes the next good one', async () => {
    const { page, errors } = await open();
    const contrast = hide(page).getByRole('spinbutton', { name: 'Contrast', exact: true });
    const text = hide(page).getByLabel('Text colour', { exact: true });
    for (const bad of ['-3', '200']) {
      await contrast.fill(bad);
      await contrast.press('Tab');
      await expect.poll(() => hide(page).getByText('Use a ΔE from 0 to 100.').count()).toBe(1);
      expect(await contrast.getAttribute('aria-invalid')).toBe('true');
      expect(await contrast.inputValue()).toBe(bad);
      expect(await text.inputValue()).toBe('#73D955');
    }
    await contrast.fill('30');
    await contrast.press('Tab');
    await expect.poll(() => hide(page).getByText('Use a ΔE from 0 to 100.').count()).toBe(0);
    expect(await contrast.getAttribute('aria-invalid')).toBe('false');
    await expect.poll(() => text.inputValue()).not.toBe('#73D955');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('copies the PNG to the clipboard', async () => {
    const { page, errors } = await open();
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await hide(page).getByRole('button', { name: 'Copy image' }).click();
    await expect.poll(() => page.getByText('Copied the image.').count()).toBe(1);
    const b64 = await page.evaluate(async () => {
      const [item] = await navigator.clipboard.read();
      const bytes = new Uint8Array(await (await item.getType('image/png')).arrayBuffer());
      return btoa(String.fromCharCode(...bytes));
    });
    const png = decoded(Buffer.from(b64, 'base64'));
    expect([png.width, png.height]).toEqual([500, 500]);
    expect([...colours(png).keys()].sort()).toEqual(['#73D955FF', '#7ED957FF']);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('says plainly when the browser refuses to copy the image', async () => {
    context = await bed.browser.newContext();
    // A browser that refuses, as one without permission or on an insecure page does.
    await context.addInitScript(() => {
      navigator.clipboard.write = () =>
        Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError'));
    });
    const { page } = await openPage(context, `${inject('appURL')}#/hide`);
    await hide(page).getByRole('button', { name: 'Copy image' }).click();
    await expect
      .poll(() => page.getByText(/refused to copy the image.*Use Download PNG instead/).count())
      .toBe(1);
    await context.close();
  });

  it('hands the picture to Reveal with "Reveal it"', async () => {
    const { page, errors } = await open();
    await hide(page).getByRole('button', { name: 'Reveal it' }).click();
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#/reveal');
    const reveal = page.getByRole('tabpanel', { name: 'Reveal' });
    await expect
      .poll(() => reveal.getByText(/hidden-message\.png: 500 × 500 pixels/).count())
      .toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('hands the picture to Ask with the lesson prompt', async () => {
    const { page, errors } = await open();
    await hide(page).getByRole('button', { name: 'Ask Gemini to read it' }).click();
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#/ask');
    await expect
      .poll(() =>
        page
          .getByRole('tabpanel', { name: 'Ask' })
          .getByLabel('Prompt', { exact: true })
          .inputValue({ timeout: 2000 }),
      )
      .toBe('Read what you see on this image.');
    const ask = page.getByRole('tabpanel', { name: 'Ask' });
    await expect.poll(() => ask.getByText(/hidden-message\.png/).count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
