/**
 * How long the page is held at a stretch while a slider moves on a 35-megapixel picture (7000 ×
 * 5000, a big camera's), in real Chromium against the built page: the longest main-thread task
 * (Chromium's long-task timing, tasks of 50 ms or more) during a move, against the baseline of
 * the move's own duration measured in the same run. A move is an arrow key on the slider,
 * timed from the key press until the picture made from the full-size view is painted (a
 * preview first): the move with the median share of five, for Threshold, then for Bit.
 * `npm run bench -- off-main-huge` runs this alone.
 */
import type { Locator, Page } from 'playwright-core';
import { buildApp } from '../support/build.ts';
import { launchChromium } from '../support/browser.ts';
import {
  fullShownAt,
  longestTask as longest,
  pageNow as now,
  watchPage,
  watchPreviewLeft,
} from '../support/long-tasks.ts';
import { writePng } from '../support/reveal-png.ts';
import { startStaticServer } from '../support/static-server.ts';
import { figure } from './measure.ts';
import { benchPhoto } from './photo.ts';

const WIDTH = 7000;
const HEIGHT = 5000;

/**
 * Press `key` on the focused `slider` five times, each once the page is quiet, and give the
 * longest task and the duration of the move with the median share (see the file's comment).
 * `preview` is the preview's size, which each move shows first.
 */
export async function medianMove(
  page: Page,
  slider: Locator,
  preview: string,
): Promise<[held: number, span: number]> {
  await slider.focus();
  const moves: [held: number, span: number][] = [];
  for (let move = 0; move < 5; move++) {
    await page.waitForTimeout(300);
    await watchPreviewLeft(page, preview);
    const from = await now(page);
    await page.keyboard.press(move % 2 ? 'ArrowLeft' : 'ArrowRight');
    await page.waitForFunction(() => (window as unknown as { fullAt?: number }).fullAt, null, {
      timeout: 120_000,
    });
    const to = (await fullShownAt(page))!;
    moves.push([await longest(page, from, to), to - from]);
  }
  return moves.sort((a, b) => a[0] / a[1] - b[0] / b[1])[2];
}

export default async function bench(): Promise<void> {
  const dist = await buildApp();
  const server = await startStaticServer(dist, '/');
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addInitScript(watchPage);
    const page = await context.newPage();
    await page.goto(`${server.url}#/reveal`);
    const view = page.getByRole('tabpanel', { name: 'Reveal' });
    const png = Buffer.from(await writePng(benchPhoto(WIDTH, HEIGHT)));
    await view
      .getByLabel('Image', { exact: true })
      .setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: png });
    await view.getByText(`photo.png: ${WIDTH} × ${HEIGHT} pixels.`).waitFor({ timeout: 120_000 });
    // The preview: the image shrunk by a whole factor to under 1280 a side (6: 1167 × 834).
    const factor = Math.ceil(WIDTH / 1280);
    const preview = `${Math.ceil(WIDTH / factor)}x${Math.ceil(HEIGHT / factor)}`;
    await page.waitForTimeout(3000);
    console.log(`35 MP (${WIDTH} × ${HEIGHT}) image, longest main-thread task per slider move:`);
    let [held, span] = await medianMove(page, view.getByLabel('Threshold'), preview);
    console.log(figure('Moving the threshold, until the full-size view is painted', held, span));
    await view.getByLabel('View').selectOption({ label: 'Bit plane' });
    await page.waitForTimeout(3000);
    [held, span] = await medianMove(page, view.getByLabel('Bit', { exact: true }), preview);
    console.log(figure('Moving the bit plane, until the full-size view is painted', held, span));
  } finally {
    await browser.close();
    await server.close();
  }
}
