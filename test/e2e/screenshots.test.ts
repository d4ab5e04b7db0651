/**
 * The README's screenshots: each view in the state it is shown in, checked for what the
 * picture is meant to show. The committed files in test/screenshots/ are rewritten only when
 * asked: `GLIMPSE_UPDATE_SCREENSHOTS=1 npx vitest run --project e2e test/e2e/screenshots.test.ts`.
 * Otherwise the picture is taken into a temporary folder and only checked.
 */
import { describe, expect, inject, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { openPage } from '../support/browser.ts';
import { fixtures } from './reveal-support.ts';
import { TEST_KEY, answer, askTestbed, pickSample, useBaseUrl } from './ask-support.ts';
import {
  answerReply,
  askAndWait,
  askTheReadmeConversation,
  openHistory,
  savedConversations,
} from './ask-history-support.ts';

/** The (fake) answers in the Ask pictures (the chart's two: ask-history-support.ts). */
const FIGURE_ANSWER = `The figure shows **contrastive pre-training**, as in CLIP: an image encoder
and a text encoder are trained so that matching image–caption pairs score high and the others
low. It is used for zero-shot image classification and image search.`;

/** Where the README's pictures of each view live (committed). */
const committed = join(import.meta.dirname, '..', 'screenshots');
/** Rewrite the committed pictures only when asked. */
const update = process.env.GLIMPSE_UPDATE_SCREENSHOTS === '1';
const folder = update ? committed : mkdtempSync(join(tmpdir(), 'glimpse-screenshots-'));

/** Width and height of a PNG, from its header. */
function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('screenshots of each view for the README', () => {
  const bed = askTestbed();

  /** Open a view at a desktop size, light theme, once the page is ready offline. */
  async function open(view: string): Promise<Page> {
    const context = await bed.browser.newContext({
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

  /**
   * Take the picture, after checking that what it is for is on screen: the view's tab is
   * the selected one, its heading is visible, and so is each of `shows`. The whole page, or
   * with `fullPage` false the window only.
   */
  async function shoot(
    page: Page,
    name: string,
    tab: string,
    shows: Locator[],
    close = true,
    fullPage = true,
  ): Promise<void> {
    expect(
      await page.getByRole('tab', { name: tab }).getAttribute('aria-selected'),
      `${name}.png: the ${tab} tab is open`,
    ).toBe('true');
    const heading = page.getByRole('tabpanel').getByRole('heading', { name: tab, exact: true });
    for (const thing of [heading, ...shows]) {
      expect(await thing.isVisible(), `${name}.png shows ${thing.toString()}`).toBe(true);
    }
    const file = join(folder, `${name}.png`);
    await page.screenshot({ path: file, fullPage });
    const { width, height } = pngSize(file);
    expect(width).toBe(1100);
    expect(height).toBeGreaterThanOrEqual(820);
    if (close) await page.context().close();
  }

  it('Ask, on a first visit: the drop area, the samples, the short key setup', async () => {
    const page = await open('ask');
    const view = page.getByRole('tabpanel');
    await shoot(page, 'ask-empty', 'Ask', [
      view.getByText('Drop, paste or choose an image'),
      view.getByRole('button', { name: 'Sample: stock index chart' }),
      view.getByLabel('Gemini API key'),
      view.getByRole('button', { name: 'Check key' }),
      view.getByLabel('Prompt'),
    ]);
  });

  it('Ask, in a conversation about the chart; then History', async () => {
    const page = await open('ask');
    const view = page.getByRole('tabpanel');
    await view.getByLabel('Gemini API key').fill(TEST_KEY);
    await useBaseUrl(view, bed.fake.url);
    // Once the key works, its settings go behind "Settings": no key or address in the picture.
    await view.getByRole('button', { name: 'Check key' }).click();
    await view.getByRole('button', { name: 'Settings', exact: true }).waitFor();
    await askTheReadmeConversation(view, bed.fake);
    await page.locator('body').click({ position: { x: 1, y: 1 } });
    await shoot(
      page,
      'ask',
      'Ask',
      [
        view.getByRole('list', { name: 'Conversation' }),
        answer(view).getByText(/1929–1932/),
        view.getByTestId('image-facts').filter({ hasText: 'stock-index-chart.png' }),
        view.getByRole('button', { name: 'Export' }),
        view.getByLabel('Prompt'),
      ],
      false,
    );

    // A second conversation, then History lists both, newest first.
    await view.getByRole('button', { name: 'New conversation' }).first().click();
    // New conversation attaches the chart again: this one is about the diagram alone.
    await view.getByRole('button', { name: 'Remove image' }).click();
    await pickSample(view, 'Sample: contrastive pre-training diagram');
    bed.fake.queue(answerReply(FIGURE_ANSWER));
    await askAndWait(view, bed.fake, 'Explain what this figure is and where is this used.');
    await savedConversations(page, 2);
    const history = await openHistory(view);
    await history.getByRole('button', { name: /^Explain what this figure/ }).waitFor();
    // The window only: a modal dims the window it is shown in, so a whole-page picture would
    // show the page below the fold undimmed.
    await shoot(
      page,
      'ask-history',
      'Ask',
      [
        history,
        history.getByRole('button', { name: /^Explain what you see in this image/ }),
        history.getByRole('button', { name: 'Delete all history' }),
      ],
      true,
      false,
    );
  });

  it('Reveal, with the lesson image revealed', async () => {
    const page = await open('reveal');
    await page
      .getByRole('tabpanel')
      .getByLabel('Image', { exact: true })
      .setInputFiles(join(fixtures, 'lesson', 'hidden-message.png'));
    await expect.poll(() => page.getByRole('img', { name: /revealed:/ }).count()).toBe(1);
    const view = page.getByRole('tabpanel');
    await shoot(page, 'reveal', 'Reveal', [
      view.getByRole('img', { name: /^hidden-message\.png revealed: red above 120/ }),
      view.getByRole('button', { name: 'Auto reveal' }),
      view.getByRole('button', { name: 'Download PNG' }),
    ]);
  });

  it('Hide, with the lesson defaults', async () => {
    const page = await open('hide');
    const view = page.getByRole('tabpanel');
    await view.getByRole('button', { name: 'Download PNG' }).waitFor();
    await shoot(page, 'hide', 'Hide', [
      view.getByLabel('Message'),
      view.getByRole('img', { name: 'Preview of the picture, 500 × 500 pixels' }),
      view.getByRole('button', { name: 'Download PNG' }),
      view.getByText(/barely visible|ΔE/).first(),
    ]);
  });
});
