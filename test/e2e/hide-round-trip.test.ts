/**
 * The lesson's story through the UI, as a person does it: make a picture in Hide, press
 * "Reveal it", press "Auto reveal", download what Reveal shows. The revealed text must be the
 * text Hide drew. (Many more colour pairs run in-page in test/components/hide-round-trip.)
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, inject, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import type { Pixels } from '../../src/lib/reveal/types.ts';
import { openPage, useChromium } from '../support/browser.ts';
import { decodePng } from '../support/png.ts';

/** Click a panel's "Download PNG" and decode the saved file in Node. */
async function download(page: Page, panel: Locator, name: string | RegExp): Promise<Pixels> {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    panel.getByRole('button', { name: 'Download PNG' }).click(),
  ]);
  expect(file.suggestedFilename()).toMatch(name);
  return decodePng(await readFile((await file.path())!));
}

/** 1 where a pixel has the given colour (`#RRGGBB`) and alpha. */
function pixelsOf(img: Pixels, hex: string, alpha = 255): Uint8Array {
  const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));
  const out = new Uint8Array(img.width * img.height);
  for (let i = 0; i < out.length; i++) {
    const d = img.data;
    const same = d[i * 4] === r && d[i * 4 + 1] === g && d[i * 4 + 2] === b;
    out[i] = same && d[i * 4 + 3] === alpha ? 1 : 0;
  }
  return out;
}

/** Intersection over union of two yes/no masks. */
function iou(a: Uint8Array, b: Uint8Array): number {
  let both = 0;
  let either = 0;
  for (let i = 0; i < a.length; i++) {
    both += a[i] & b[i];
    either += a[i] | b[i];
  }
  return either === 0 ? 0 : both / either;
}

const cases = [
  {
    name: 'the lesson pair',
    background: '#7ED957',
    text: '#73D955',
    alpha: 255,
    says: /11 in red and 2 in blue/,
  },
  { name: 'blue + 1 only', background: '#7ED957', text: '#7ED958', alpha: 255, says: /1 in blue/ },
  {
    name: 'dark, red + 1 only',
    background: '#101010',
    text: '#111010',
    alpha: 255,
    says: /1 in red/,
  },
  {
    name: 'light, green − 1 only',
    background: '#F4F4F4',
    text: '#F4F3F4',
    alpha: 255,
    says: /1 in green/,
  },
  {
    name: 'alpha − 1 only',
    background: '#7ED957',
    text: '#7ED957',
    alpha: 254,
    says: /1 in alpha/,
  },
];

describe('Hide → Reveal it → Auto reveal, through the page', () => {
  const bed = useChromium();

  it.each(cases)('gives back the text drawn: $name', async ({ background, text, alpha, says }) => {
    const context = await bed.browser.newContext({ acceptDownloads: true });
    const { page, errors } = await openPage(context, `${inject('appURL')}#/hide`);
    const hide = page.getByRole('tabpanel', { name: 'Hide' });
    await hide.getByLabel('Background colour', { exact: true }).fill(background);
    await hide.getByLabel('Text colour', { exact: true }).fill(text);
    await hide.getByLabel('Text alpha', { exact: true }).fill(String(alpha));
    const drawn = await download(page, hide, 'hidden-message.png');
    const drawnText = pixelsOf(drawn, text, alpha);
    expect(drawnText.reduce((n, v) => n + v, 0)).toBeGreaterThan(2000);

    await hide.getByRole('button', { name: 'Reveal it' }).click();
    const reveal = page.getByRole('tabpanel', { name: 'Reveal' });
    await expect
      .poll(() => reveal.getByText(/hidden-message\.png: 500 × 500 pixels/).count())
      .toBe(1);
    await reveal.getByRole('button', { name: 'Auto reveal' }).click();
    await expect.poll(() => reveal.getByText(says).count()).toBe(1);

    const revealed = await download(page, reveal, /\.png$/);
    expect([revealed.width, revealed.height]).toEqual([drawn.width, drawn.height]);
    // Auto reveal shows the text black on white.
    expect(iou(pixelsOf(revealed, '#000000'), drawnText)).toBeGreaterThanOrEqual(0.9);
    // And it is the text, not the background: the white part does not match it.
    expect(iou(pixelsOf(revealed, '#FFFFFF'), drawnText)).toBeLessThan(0.1);
    expect(errors).toEqual([]);
    await context.close();
  });
});
