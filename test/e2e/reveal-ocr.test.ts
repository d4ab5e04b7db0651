import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { BrowserContext, Locator, Page, Route } from 'playwright-core';
import { openPage, useChromium } from '../support/browser.ts';
import { axeFindings, liveLog, watchLiveRegions } from './a11y-support.ts';
import { startStaticServer, type StaticServer } from '../support/static-server.ts';
import {
  chooseImage,
  choosePixels,
  lessonImage,
  look,
  noteWorkerOps,
  openReveal,
  readText,
  reveal,
  runAutoReveal,
  textFound,
  waitForImageLine,
  workerOps,
} from './reveal-support.ts';

/**
 * Open a large picture of level noise (dense speckle under the lesson rule, which the reader
 * takes many seconds over), press Read text and wait until it is reading.
 */
async function startSlowRead(page: Page): Promise<void> {
  const [width, height] = [2400, 1800];
  const data = new Uint8ClampedArray(width * height * 4);
  let seed = 7;
  for (let i = 0; i < data.length; i += 4) {
    seed = (seed * 16807) % 2147483647;
    data.set([120 + (seed % 13), 217, 87, 255], i);
  }
  await choosePixels(page, { width, height, data }, 'speckle.png');
  await waitForImageLine(page, /2400 × 1800 pixels/);
  await reveal(page).getByRole('button', { name: 'Read text' }).click();
  const reading = reveal(page).getByRole('progressbar', { name: /^Reading text…/ });
  await expect.poll(() => reading.count(), { timeout: 30_000 }).toBe(1);
}

/** Read text can be pressed again within 5 s (a stopped read leaves nothing holding it). */
async function readTextFree(page: Page): Promise<void> {
  await expect
    .poll(() => reveal(page).getByRole('button', { name: 'Read text', disabled: false }).count(), {
      timeout: 5_000,
    })
    .toBe(1);
}

/**
 * The text reader's threads running in the page: its dedicated workers other than the reveal
 * worker (named "reveal"). A worker that is gone by the time it is asked does not count.
 */
async function readerThreads(page: Page): Promise<number> {
  const names = await Promise.all(
    page.workers().map((w) => w.evaluate(() => self.name).catch(() => undefined)),
  );
  return names.filter((name) => name !== undefined && name !== 'reveal').length;
}

/**
 * Note, in every page of `context`, the blob: URLs made for scripts and those revoked, so a
 * test can check that no worker's script URL is kept alive once its worker has started.
 */
async function noteScriptUrls(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const noted = { made: [] as string[], revoked: [] as string[] };
    Object.assign(window, { scriptUrls: noted });
    const create = URL.createObjectURL.bind(URL);
    const revoke = URL.revokeObjectURL.bind(URL);
    URL.createObjectURL = (obj: Blob | MediaSource) => {
      const url = create(obj);
      if (obj instanceof Blob && obj.type.includes('javascript')) noted.made.push(url);
      return url;
    };
    URL.revokeObjectURL = (url: string) => {
      noted.revoked.push(url);
      revoke(url);
    };
  });
}

/** Script blob: URLs made in the page and never revoked. */
function liveScriptUrls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const { made, revoked } = (window as unknown as { scriptUrls: Record<string, string[]> })
      .scriptUrls;
    return made.filter((url) => !revoked.includes(url));
  });
}

/** The lesson's hidden phrase, as drawn (on three lines). */
const phrase = 'You can vectorize the whole world with Weaviate!';

describe('Reveal: Read text (offline OCR)', () => {
  const bed = useChromium();

  it("reads the lesson's phrase from Auto's mask, on the page's own files only", async () => {
    const context = await bed.browser.newContext();
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const origin = new URL(inject('appURL')).origin;
    const elsewhere: string[] = [];
    context.on('request', (r) => {
      const url = r.url();
      if (!url.startsWith(`${origin}/`) && !/^(blob|data):/.test(url)) elsewhere.push(url);
    });
    const { page, errors } = await openReveal(context);
    await chooseImage(page, lessonImage);
    await runAutoReveal(page);

    // The first read loads the reader, with a progress bar saying so.
    expect(await readText(page, /^Loading the text reader…$/)).toBe(phrase);
    await expect(
      textFound(page)
        .getByText(/^High confidence/)
        .count(),
    ).resolves.toBe(1);
    // The progress bar goes once the text is there.
    expect(await reveal(page).getByRole('progressbar').count()).toBe(0);
    // Once loaded, a read shows only that it is reading.
    expect(await readText(page, /^Reading text…/)).toBe(phrase);
    expect(await axeFindings(page)).toEqual([]);

    await textFound(page).getByRole('button', { name: 'Copy text' }).click();
    await expect.poll(() => textFound(page).getByText('Copied.').count()).toBe(1);
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied.replace(/\s+/g, ' ')).toBe(phrase);

    // On to Hide, as its message.
    await textFound(page).getByRole('button', { name: 'Hide this text' }).click();
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#/hide');
    const message = page.getByRole('tabpanel', { name: 'Hide' }).getByLabel('Message');
    await expect.poll(async () => (await message.inputValue()).replace(/\s+/g, ' ')).toBe(phrase);

    expect(elsewhere).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("makes no further picture when Auto's mask reads confidently, nor Auto's mask when the view does", async () => {
    const context = await bed.browser.newContext();
    await noteWorkerOps(context);
    const { page, errors } = await openReveal(context);
    await chooseImage(page, lessonImage);
    await waitForImageLine(page);
    // The lesson rule on screen reads at once: not even Auto's mask is made (the worker only
    // decoded the image).
    expect(await readText(page)).toBe(phrase);
    expect(await workerOps(page)).toEqual(['decodeExact']);
    // Auto's mask reads with high confidence: only Auto reveal ran in the worker.
    await runAutoReveal(page);
    expect(await readText(page)).toBe(phrase);
    expect(await workerOps(page)).toEqual(['decodeExact', 'autoReveal']);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('reads the picture on screen in any view: the lesson rule as it opens, and hands it to Ask', async () => {
    const context = await bed.browser.newContext();
    const { page, errors } = await openReveal(context);
    await chooseImage(page, lessonImage);
    await waitForImageLine(page);
    await watchLiveRegions(page);
    expect(await readText(page)).toBe(phrase);
    // The region is not live: a screen reader hears the reading once, when it is there.
    const said = (await liveLog(page)).filter((s) => s !== 'Ready to work offline');
    expect(said).toEqual([expect.stringMatching(/^Text found: You can vectorize\s+the whole/)]);

    await textFound(page).getByRole('button', { name: 'Ask about this text' }).click();
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#/ask');
    const prompt = page.getByRole('tabpanel', { name: 'Ask' }).getByLabel('Prompt');
    await expect.poll(() => prompt.inputValue()).toContain('Glimpse read this text on the image');
    expect((await prompt.inputValue()).replace(/\s+/g, ' ')).toContain(phrase);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('keeps its progress and its result in sight on a laptop and a phone screen', async () => {
    for (const viewport of [
      { width: 1280, height: 720 },
      { width: 360, height: 740 },
    ]) {
      const context = await bed.browser.newContext({ viewport });
      const { page } = await openReveal(context);
      await chooseImage(page, lessonImage);
      await waitForImageLine(page);
      const inSight = (box: Locator) =>
        box.evaluate((e) => {
          const r = e.getBoundingClientRect();
          return r.height > 0 && r.top >= 0 && r.bottom <= innerHeight;
        });
      // The picture fills the screen: what Read text shows comes under it, out of sight.
      await reveal(page).getByRole('button', { name: 'Read text' }).click();
      const bar = reveal(page).getByRole('progressbar');
      await expect.poll(() => bar.count()).toBe(1);
      expect(await inSight(bar)).toBe(true);
      await expect.poll(() => textFound(page).count(), { timeout: 60_000 }).toBe(1);
      await expect.poll(() => inSight(textFound(page))).toBe(true);
      await context.close();
    }
  });

  it('says plainly that a picture holds no text, with no confidence and nothing to copy', async () => {
    const context = await bed.browser.newContext();
    const { page, errors } = await openReveal(context);
    const [width, height] = [300, 200];
    const data = new Uint8ClampedArray(width * height * 4);
    for (let i = 0; i < data.length; i += 4) data.set([126, 217, 87, 255], i);
    await choosePixels(page, { width, height, data }, 'plain.png');
    await waitForImageLine(page, /300 × 200 pixels/);
    await watchLiveRegions(page);
    await reveal(page).getByRole('button', { name: 'Read text' }).click();
    await expect.poll(() => textFound(page).count(), { timeout: 60_000 }).toBe(1);
    expect(await textFound(page).innerText()).toBe('Text found\n\nNo text found in the picture.');
    expect(
      await textFound(page)
        .getByText(/confidence/)
        .count(),
    ).toBe(0);
    expect(await textFound(page).getByRole('button').count()).toBe(0);
    const said = (await liveLog(page)).filter((s) => s !== 'Ready to work offline');
    expect(said).toEqual(['No text found in the picture.']);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('reads a new image after one opened midway through a read', async () => {
    const context = await bed.browser.newContext();
    const { page, errors } = await openReveal(context);
    await startSlowRead(page);

    // Another image, midway: the read stops, and Read text is there for the new one at once.
    await chooseImage(page, lessonImage);
    await waitForImageLine(page);
    expect(await reveal(page).getByRole('progressbar').count()).toBe(0);
    await readTextFree(page);
    expect(await readText(page)).toBe(phrase);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('stops a long read when asked, and says so', async () => {
    const context = await bed.browser.newContext();
    const { page, errors } = await openReveal(context);
    await startSlowRead(page);
    await watchLiveRegions(page);
    await reveal(page).getByRole('button', { name: 'Stop reading' }).click();
    expect(await reveal(page).getByRole('progressbar').count()).toBe(0);
    await readTextFree(page);
    expect(await textFound(page).count()).toBe(0);
    const said = (await liveLog(page)).filter((s) => s !== 'Ready to work offline');
    expect(said).toEqual(['Reading stopped.']);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('gives the keyboard back to Read text when a read is stopped from the keyboard', async () => {
    const context = await bed.browser.newContext();
    const { page, errors } = await openReveal(context);
    await startSlowRead(page);
    const stop = reveal(page).getByRole('button', { name: 'Stop reading' });
    await stop.focus();
    await page.keyboard.press('Enter');
    expect(await reveal(page).getByRole('progressbar').count()).toBe(0);
    // Stop went with the bar: the focus is on Read text, not dropped to the page.
    const read = reveal(page).getByRole('button', { name: 'Read text' });
    await expect.poll(() => read.evaluate((b) => b.matches(':focus'))).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });

  /**
   * Read text with the reader's `file` failing as `fail` makes it (no service worker, so the
   * request reaches the route): the failure is said at once, with no progress bar left hanging
   * and no reader left running; then, the file back, the next press starts the reader afresh
   * and reads, with one reader running. Returns the page's errors.
   */
  async function failsThenReads(file: RegExp, fail: (route: Route) => Promise<void>) {
    const context = await bed.browser.newContext({ serviceWorkers: 'block' });
    await context.route(file, fail);
    const { page, errors } = await openReveal(context);
    await chooseImage(page, lessonImage);
    await waitForImageLine(page);
    await reveal(page).getByRole('button', { name: 'Read text' }).click();
    // Known as soon as the fetch fails, not when the reader's start-up time limit (a minute)
    // runs out.
    const failed = reveal(page)
      .getByRole('alert')
      .filter({ hasText: 'The text reader could not be loaded' });
    await expect.poll(() => failed.count(), { timeout: 15_000 }).toBe(1);
    expect(await reveal(page).getByRole('progressbar').count()).toBe(0);
    expect(await reveal(page).getByRole('button', { name: 'Read text' }).isEnabled()).toBe(true);
    // The reader that failed to start is gone: nothing keeps running, holding its core.
    await expect.poll(() => readerThreads(page), { timeout: 5_000 }).toBe(0);

    await context.unroute(file);
    expect(await readText(page, /^Loading the text reader…$/)).toBe(phrase);
    expect(await failed.count()).toBe(0);
    expect(await readerThreads(page)).toBe(1);
    await context.close();
    return errors;
  }

  it('says at once when the English data cannot be fetched, and reads once it can', async () => {
    const errors = await failsThenReads(/\/ocr\/eng\.traineddata/, (route) =>
      route.abort('internetdisconnected'),
    );
    expect(errors).toEqual([]);
  });

  it('leaves nothing running when its core cannot be fetched, and reads once it can', async () => {
    const core = /\/ocr\/tesseract-core-[a-z-]+\.wasm\.js/;
    const errors = await failsThenReads(core, (route) =>
      route.fulfill({ status: 404, body: 'Not found' }),
    );
    // The 404 is the browser's own console line; nothing else went wrong.
    expect(errors.filter((e) => !e.includes('404'))).toEqual([]);
  });

  it('ends the half-started reader when stopped while it loads, and reads on the next press', async () => {
    const context = await bed.browser.newContext({ serviceWorkers: 'block' });
    // The English data never arrives: the reader stays loading until it is stopped.
    const data = /\/ocr\/eng\.traineddata/;
    let held = 0;
    await context.route(data, () => void held++);
    await noteScriptUrls(context);
    const { page, errors } = await openReveal(context);
    await chooseImage(page, lessonImage);
    await waitForImageLine(page);
    await reveal(page).getByRole('button', { name: 'Read text' }).click();
    await expect.poll(() => held, { timeout: 30_000 }).toBe(1);
    expect(await readerThreads(page)).toBe(1);
    await reveal(page).getByRole('button', { name: 'Stop reading' }).click();
    expect(await reveal(page).getByRole('progressbar').count()).toBe(0);
    await expect.poll(() => readerThreads(page), { timeout: 5_000 }).toBe(0);
    // Nor is the ended reader's script kept as a blob: URL.
    expect(await liveScriptUrls(page)).toEqual([]);

    await context.unroute(data);
    await readTextFree(page);
    expect(await readText(page, /^Loading the text reader…$/)).toBe(phrase);
    expect(await readerThreads(page)).toBe(1);
    // Both starts made a script URL (the stopped one and this one); neither is kept.
    expect(
      await page.evaluate(
        () => (window as unknown as { scriptUrls: { made: string[] } }).scriptUrls.made.length,
      ),
    ).toBeGreaterThanOrEqual(2);
    expect(await liveScriptUrls(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("looks like the rest of Reveal: its failure as Reveal's own, its result as Reveal's panel", async () => {
    const context = await bed.browser.newContext({ serviceWorkers: 'block' });
    const data = /\/ocr\/eng\.traineddata/;
    await context.route(data, (route) => route.abort('internetdisconnected'));
    const { page } = await openReveal(context);
    await chooseImage(page, lessonImage);
    await waitForImageLine(page);
    await reveal(page).getByRole('button', { name: 'Read text' }).click();
    const readerAlert = reveal(page)
      .getByRole('alert')
      .filter({ hasText: 'The text reader could not be loaded' });
    await expect.poll(() => readerAlert.count(), { timeout: 15_000 }).toBe(1);
    // A file that is not an image: Reveal's own alert, the picture kept (and the reader's too).
    await chooseImage(page, {
      name: 'notes.png',
      mimeType: 'image/png',
      buffer: Buffer.from('hi'),
    });
    const viewAlert = reveal(page).getByRole('alert').filter({ hasText: 'not an image' });
    await expect.poll(() => viewAlert.count()).toBe(1);
    expect(await look(readerAlert)).toEqual(await look(viewAlert));

    await context.unroute(data);
    await readText(page);
    // The result's box is drawn as the settings panel beside it, its buttons as the toolbar's.
    const panel = reveal(page).locator('.panel');
    expect(await look(textFound(page))).toEqual(await look(panel));
    expect(await look(textFound(page).getByRole('button', { name: 'Copy text' }))).toEqual(
      await look(reveal(page).getByRole('button', { name: 'Download PNG' })),
    );
    await context.close();
  });

  it('says plainly that it needs http(s) when the page is opened from disk', async () => {
    const url = pathToFileURL(join(inject('distDir'), 'index.html')).href;
    const context = await bed.browser.newContext();
    const { page, errors } = await openReveal(context, url);
    await chooseImage(page, lessonImage);
    await waitForImageLine(page);
    await reveal(page).getByRole('button', { name: 'Read text' }).click();
    await expect
      .poll(() =>
        reveal(page)
          .getByRole('alert')
          .filter({ hasText: 'Read text needs the page served over http(s)' })
          .count(),
      )
      .toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('Reveal: Read text offline', () => {
  const bed = useChromium();
  let server: StaticServer;
  beforeAll(async () => {
    // Its own origin and path, so no other test's service worker or cache is involved.
    server = await startStaticServer(inject('distDir'), '/ocr-offline/');
  });
  afterAll(() => server.close());

  it('works with no network after one visit that never used it', async () => {
    const context = await bed.browser.newContext();
    const { page, errors } = await openPage(context, server.url);
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Ready to work offline' }).count(), {
        timeout: 60_000,
      })
      .toBe(1);

    await context.setOffline(true);
    await page.goto(`${server.url}#/reveal`);
    await page.reload();
    await chooseImage(page, lessonImage);
    await runAutoReveal(page);
    expect(await readText(page)).toBe(phrase);
    expect(errors.filter((e) => !e.includes('Failed to load resource'))).toEqual([]);
    await context.close();
  });
});
