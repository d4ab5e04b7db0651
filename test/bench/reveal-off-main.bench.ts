/**
 * How long the page is held at a stretch while Reveal's heavy work runs on the 12 MP bench
 * photo, in real Chromium against the built page: the longest main-thread task (Chromium's
 * long-task timing, tasks of 50 ms or more) during each action, against the baseline of the
 * action's own duration measured in the same run. A ratio near 1 is a frozen page (one task
 * did all the work); near 0 the work ran elsewhere and the page stayed free.
 *
 * Opening is timed from choosing the file until the status line names the image's size (it
 * is decoded, read back and counted). Read text is timed on its second read (the first loads the text reader), from the click
 * until the first picture reaches the reader; Download PNG from the click until the file is
 * there; Auto reveal from the click until its mask is shown. A threshold move (the arrow key on
 * the slider) from the key press until the picture made from the full-size view of the new
 * threshold is painted (no larger than the screen shows it), a preview first: the move with
 * the median share of five.
 */
import { buildApp } from '../support/build.ts';
import { launchChromium } from '../support/browser.ts';
import {
  longestTask as longest,
  pageNow as now,
  sizeNamedAt,
  watchPage,
  watchSizeNamed,
} from '../support/long-tasks.ts';
import { writePng } from '../support/reveal-png.ts';
import { startStaticServer } from '../support/static-server.ts';
import { figure } from './measure.ts';
import { medianMove } from './reveal-off-main-huge.bench.ts';
import { PHOTO_HEIGHT as HEIGHT, PHOTO_WIDTH as WIDTH, benchPhoto as photo } from './photo.ts';

export default async function bench(): Promise<void> {
  const dist = await buildApp();
  const server = await startStaticServer(dist, '/');
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      acceptDownloads: true,
    });
    await context.addInitScript(watchPage);
    const page = await context.newPage();
    await page.goto(`${server.url}#/reveal`);
    const view = page.getByRole('tabpanel', { name: 'Reveal' });
    const png = Buffer.from(await writePng(photo()));
    await watchSizeNamed(page);
    console.log(`12 MP (${WIDTH} × ${HEIGHT}) image, longest main-thread task per action:`);
    let from = await now(page);
    await view
      .getByLabel('Image', { exact: true })
      .setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: png });
    await view.getByText(`photo.png: ${WIDTH} × ${HEIGHT} pixels.`).waitFor({ timeout: 60_000 });
    const named = await sizeNamedAt(page);
    let to = named ?? (await now(page));
    console.log(
      figure(
        'Opening the image, until its size is named',
        await longest(page, from, to),
        to - from,
      ),
    );
    await page.waitForTimeout(1000);

    // The preview: a whole factor of the image under 1280 a side. Once painted, the picture made
    // from the full-size view replaces it, no larger than the screen shows it.
    const preview = `${WIDTH / 4}x${HEIGHT / 4}`;
    await page.waitForFunction(
      (preview) => {
        const c = document
          .querySelector('glimpse-app')
          ?.shadowRoot?.querySelector('reveal-view')
          ?.shadowRoot?.querySelector('reveal-canvas')
          ?.shadowRoot?.querySelector('canvas');
        return c && c.width !== 300 && `${c.width}x${c.height}` !== preview;
      },
      preview,
      { timeout: 60_000 },
    );
    const [held, span] = await medianMove(page, view.getByLabel('Threshold'), preview);
    console.log(figure('Moving the threshold, until the full-size view is painted', held, span));

    const found = view.getByRole('region', { name: 'Text found' });
    const readText = view.getByRole('button', { name: 'Read text' });
    await readText.click(); // loads the reader
    await found.waitFor({ timeout: 120_000 });
    await page.evaluate(() => {
      const bar = (window as unknown as { barTimes: Record<string, number> }).barTimes;
      for (const label of Object.keys(bar)) delete bar[label];
    });
    from = await now(page);
    await readText.click();
    const firstPicture = await page.waitForFunction(
      () =>
        Object.entries((window as unknown as { barTimes: Record<string, number> }).barTimes).find(
          ([label]) => label.includes('(picture 1 of '),
        )?.[1],
      undefined,
      { timeout: 60_000 },
    );
    to = (await firstPicture.jsonValue())!;
    console.log(
      figure('Read text, preparing its first picture', await longest(page, from, to), to - from),
    );
    await found.waitFor({ timeout: 120_000 });

    from = await now(page);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      view.getByRole('button', { name: 'Download PNG' }).click(),
    ]);
    await download.path();
    to = await now(page);
    console.log(figure('Download PNG', await longest(page, from, to), to - from));

    from = await now(page);
    await view.getByRole('button', { name: 'Auto reveal' }).click();
    await view.getByRole('img', { name: /Auto reveal:/ }).waitFor({ timeout: 120_000 });
    to = await now(page);
    console.log(figure('Auto reveal', await longest(page, from, to), to - from));
  } finally {
    await browser.close();
    await server.close();
  }
}
