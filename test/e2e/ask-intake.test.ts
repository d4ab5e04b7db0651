import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { answerRendered, askTestbed, openAsk, sampleBytes } from './ask-support.ts';
import { encodePng } from '../support/png.ts';

const lesson = join(import.meta.dirname, '..', '..', '..', 'shared', 'fixtures', 'lesson');

/** A DataTransfer in the page holding one PNG file, as a drag or a clipboard would. */
function pngTransfer(page: Page, bytes: Buffer, name: string) {
  return page.evaluateHandle(
    ({ data, name }) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([new Uint8Array(data)], name, { type: 'image/png' }));
      return transfer;
    },
    { data: Array.from(bytes), name },
  );
}

/** What the image panel says about the image it will send. */
function facts(view: Locator): Locator {
  return view.getByTestId('image-facts');
}

describe('Ask view: images come from a file, a drop, a paste or another view', () => {
  const bed = askTestbed();

  it('takes a file from the Image input and shows it as it will be sent', async () => {
    const context = await bed.browser.newContext();
    const { errors, view } = await openAsk(context, bed.fake.url);
    const input = view.getByLabel('Image', { exact: true });
    expect(await input.getAttribute('accept')).toBe('image/*');
    await input.setInputFiles(join(lesson, 'hidden-message.png'));
    await facts(view).filter({ hasText: 'hidden-message.png' }).waitFor();
    expect(await facts(view).innerText()).toMatch(/500 × 500 px/);
    // With a key set the cost is counted by Gemini (the fake answers 1234).
    await facts(view).filter({ hasText: '1234 tokens (counted by Gemini)' }).waitFor();
    expect(
      await view.getByRole('img', { name: /as it will be sent: hidden-message\.png/ }).count(),
    ).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('without a key, shows an estimate of the token cost instead', async () => {
    const context = await bed.browser.newContext();
    const { view } = await openAsk(context);
    await view
      .getByLabel('Image', { exact: true })
      .setInputFiles(join(lesson, 'hidden-message.png'));
    await facts(view).filter({ hasText: 'hidden-message.png' }).waitFor();
    expect(await facts(view).innerText()).toMatch(/about 258 tokens \(estimate\)/);
    await context.close();
  });

  it('while a new image is prepared, the line under the stage still tells the image shown', async () => {
    const context = await bed.browser.newContext();
    const { errors, view } = await openAsk(context);
    const input = view.getByLabel('Image', { exact: true });
    await input.setInputFiles(join(lesson, 'hidden-message.png'));
    const first = await facts(view).filter({ hasText: 'hidden-message.png' }).innerText();
    expect(first).toMatch(/^hidden-message\.png: 500 × 500 px/);
    // A 2400 × 1800 PNG of noise (13 MB) takes a moment to decode and shrink: meanwhile the
    // stage shows the lesson's image, so its line must name it, not the file on its way.
    const data = new Uint8ClampedArray(randomBytes(2400 * 1800 * 4));
    for (let i = 3; i < data.length; i += 4) data[i] = 255;
    const big = Buffer.from(encodePng({ width: 2400, height: 1800, data }));
    await input.setInputFiles({ name: 'noise.png', mimeType: 'image/png', buffer: big });
    const seen = new Set<string>();
    for (let line = first; !line.startsWith('noise.png'); line = await facts(view).innerText()) {
      seen.add(line);
    }
    // Only ever the lesson's line, then the new image's own (never its name with 500 × 500).
    expect([...seen]).toEqual([first]);
    expect(await facts(view).innerText()).toMatch(/^noise\.png: \d+ × \d+ px/);
    expect(await facts(view).innerText()).not.toContain('500 × 500');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('takes an image dropped onto the view', async () => {
    const context = await bed.browser.newContext();
    const { page, errors, view } = await openAsk(context, bed.fake.url);
    const transfer = await pngTransfer(page, sampleBytes('hidden-message.png'), 'dropped.png');
    await view.dispatchEvent('dragover', { dataTransfer: transfer });
    await view.dispatchEvent('drop', { dataTransfer: transfer });
    await facts(view).filter({ hasText: 'dropped.png' }).waitFor();
    expect(await facts(view).innerText()).toMatch(/\d+ × \d+ px/);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('takes an image pasted from the clipboard, and leaves text pastes to the fields', async () => {
    const context = await bed.browser.newContext();
    const { page, errors, view } = await openAsk(context, bed.fake.url);
    const transfer = await pngTransfer(page, sampleBytes('stock-index-chart.png'), 'pasted.png');
    await page.evaluate((clipboardData) => {
      document.dispatchEvent(
        new ClipboardEvent('paste', { clipboardData, bubbles: true, cancelable: true }),
      );
    }, transfer);
    await facts(view).filter({ hasText: 'pasted.png' }).waitFor();
    // A paste of text (a key into its field) is left alone for the field to take.
    await view.getByLabel('Gemini API key').focus();
    const textPasteTaken = await page.evaluate(() => {
      let el = document.activeElement;
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
      const clipboardData = new DataTransfer();
      clipboardData.setData('text/plain', 'AQ.pasted');
      const e = new ClipboardEvent('paste', {
        clipboardData,
        bubbles: true,
        composed: true,
        cancelable: true,
      });
      el?.dispatchEvent(e);
      return { field: el?.id, taken: e.defaultPrevented };
    });
    expect(textPasteTaken).toEqual({ field: 'key', taken: false });
    expect(await facts(view).innerText()).toContain('pasted.png');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('receives the image Reveal hands over, with its prompt', async () => {
    const context = await bed.browser.newContext();
    const { page, errors, view } = await openAsk(context, bed.fake.url);
    await page.getByRole('tab', { name: 'Reveal' }).click();
    await page
      .getByRole('tabpanel')
      .getByLabel('Image', { exact: true })
      .setInputFiles(join(lesson, 'hidden-message.png'));
    const askGemini = page.getByRole('button', { name: 'Ask Gemini' });
    await expect.poll(() => askGemini.isEnabled()).toBe(true);
    await askGemini.click();
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#/ask');
    await facts(view)
      .filter({ hasText: /\d+ × \d+ px/ })
      .waitFor();
    expect(await view.getByLabel('Prompt').inputValue()).toBe('Read what you see on this image.');
    await view.getByRole('button', { name: 'Ask', exact: true }).click();
    await answerRendered(view);
    const sent = bed.fake.requests.find((r) => r.action === 'streamGenerateContent')?.body as {
      contents: { parts: { inlineData?: { mimeType: string } }[] }[];
    };
    expect(sent.contents[0].parts[0].inlineData?.mimeType).toMatch(/^image\/(png|jpeg|webp)$/);
    expect(errors).toEqual([]);
    await context.close();
  });
});
