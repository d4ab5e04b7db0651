import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openPage } from '../support/browser.ts';
import { fixtureReply, startFakeGemini, type FakeGemini } from '../support/fake-gemini.ts';
import { fixtures } from './reveal-support.ts';
import { pickSample, useBaseUrl } from './ask-support.ts';

/** Where the README's pictures of each view live (committed). */
const folder = join(import.meta.dirname, '..', 'screenshots');

/** Width and height of a PNG, from its header. */
function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('screenshots of each view for the README', () => {
  let browser: Browser;
  let fake: FakeGemini;
  beforeAll(async () => {
    mkdirSync(folder, { recursive: true });
    [browser, fake] = await Promise.all([launchChromium(), startFakeGemini()]);
  });
  afterAll(async () => {
    await browser.close();
    await fake.close();
  });

  /** Open a view at a desktop size, light theme, once the page is ready offline. */
  async function open(view: string): Promise<Page> {
    const context = await browser.newContext({
      viewport: { width: 1100, height: 820 },
      colorScheme: 'light',
      reducedMotion: 'reduce',
    });
    const { page } = await openPage(context, `${inject('appURL')}#/${view}`);
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Ready to work offline' }).count(), {
        timeout: 30_000,
      })
      .toBe(1);
    return page;
  }

  async function shoot(page: Page, name: string): Promise<void> {
    const file = join(folder, `${name}.png`);
    await page.screenshot({ path: file, fullPage: true });
    const { width, height } = pngSize(file);
    expect(width).toBe(1100);
    expect(height).toBeGreaterThanOrEqual(820);
    await page.context().close();
  }

  it('Ask, with an answer streamed from the (fake) Gemini API', async () => {
    fake.respondWith(fixtureReply('googleai/streaming-success-basic-reply-short.txt'));
    const page = await open('ask');
    const view = page.getByRole('tabpanel');
    await view.getByLabel('Gemini API key').fill('AQ.screenshot');
    await useBaseUrl(view, fake.url);
    await pickSample(view, 'Sample: hidden message');
    await view.getByRole('button', { name: 'Ask', exact: true }).click();
    await expect.poll(() => view.getByText('Done.').count(), { timeout: 30_000 }).toBe(1);
    // Neither the test key nor the fake server's random port belongs in the picture.
    await view.getByLabel('Gemini API key').fill('');
    await view.getByLabel('API base URL').fill('https://generativelanguage.googleapis.com');
    await page.locator('body').click({ position: { x: 1, y: 1 } });
    await shoot(page, 'ask');
  });

  it('Reveal, with the lesson image revealed', async () => {
    const page = await open('reveal');
    await page
      .getByRole('tabpanel')
      .getByLabel('Image', { exact: true })
      .setInputFiles(join(fixtures, 'lesson', 'hidden-message.png'));
    await expect.poll(() => page.getByRole('img', { name: /revealed:/ }).count()).toBe(1);
    await shoot(page, 'reveal');
  });

  it('Hide, with the lesson defaults', async () => {
    const page = await open('hide');
    await page.getByRole('tabpanel').getByRole('button', { name: 'Download PNG' }).waitFor();
    await shoot(page, 'hide');
  });
});
