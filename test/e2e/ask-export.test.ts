/**
 * "Export" on the conversation on screen: the downloaded .html, opened in Chromium, shows the
 * conversation's images (as data: URIs) and runs no script, whatever an answer held; the
 * export code comes with the conversation, never with the page.
 */
import { mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import type { FakeGemini } from '../support/fake-gemini.ts';
import { askIsBack, askTestbed, openAsk, pickSample, sse, textEvent } from './ask-support.ts';

/** What an answer may carry that must never run (raw HTML is text, and the file forbids script). */
const HOSTILE = [
  'Here is the chart, described.\n\n',
  '<img src=x onerror="document.title=\'ran onerror\'">\n\n',
  '<script>document.title = "ran script"</script>\n\n',
  '<math><mtext><table><tr><td>cell\n\n',
  'And **this** is the last sentence.',
].join('');

/** Ask `prompt`, answered by `reply`, and wait until the answer is done and rendered. */
async function askAnswered(view: Locator, fake: FakeGemini, prompt: string, reply: string) {
  const sent = fake.requests.filter((r) => r.action === 'streamGenerateContent').length;
  fake.respondWith({ contentType: 'text/event-stream', body: sse(textEvent(reply, 'STOP')) });
  await view.getByLabel('Prompt').fill(prompt);
  await view.getByRole('button', { name: 'Ask', exact: true }).click();
  await expect
    .poll(() => fake.requests.filter((r) => r.action === 'streamGenerateContent').length)
    .toBe(sent + 1);
  await view.locator('.answer[role=region][data-state="done"][data-rendered="markdown"]').waitFor();
  await expect.poll(() => askIsBack(view)).toBe(true);
}

/** What the exported document holds and did, read in a page that opened it. */
async function inspect(page: Page) {
  return page.evaluate(() => {
    const all = [...document.querySelectorAll('*')];
    return {
      title: document.title,
      scripts: document.querySelectorAll('script, iframe, object, embed').length,
      handlers: all.flatMap((el) =>
        [...el.attributes]
          .filter((a) => /^on/i.test(a.name))
          .map((a) => `${el.localName}[${a.name}]`),
      ),
      csp: document
        .querySelector('meta[http-equiv="Content-Security-Policy"]')
        ?.getAttribute('content'),
      images: [...document.images].map((i) => ({
        alt: i.alt,
        data: i.src.startsWith('data:image/'),
        width: i.naturalWidth,
        complete: i.complete,
      })),
      text: document.body.innerText,
      headings: [...document.querySelectorAll('h2')].map((h) => h.textContent),
      strong: [...document.querySelectorAll('.answer strong')].map((s) => s.textContent),
      rawTags: document.querySelectorAll('.answer img, .answer math, .answer table').length,
    };
  });
}

/** Open the exported file in a fresh page of its own; `javaScriptEnabled` as given. */
async function openExport(browser: Browser, path: string, javaScriptEnabled: boolean) {
  const context = await browser.newContext({ javaScriptEnabled });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => problems.push(`${m.type()}: ${m.text()}`));
  await page.goto(pathToFileURL(path).href);
  await page.waitForLoadState('load');
  return { context, page, problems };
}

describe('Ask: Export of the conversation on screen', () => {
  const bed = askTestbed();

  it('downloads one .html file that shows its images and runs no script, even if allowed to', async () => {
    bed.fake.reset();
    const context = await bed.browser.newContext({ acceptDownloads: true });
    const code: string[] = [];
    context.on('request', (r) => {
      if (r.resourceType() === 'script') code.push(r.url());
    });
    const { errors, page, view } = await openAsk(context, bed.fake.url);
    await pickSample(view, 'Sample: stock index chart');
    const atOpen = [...code];
    await askAnswered(view, bed.fake, 'What does this chart show?', HOSTILE);
    // A follow-up with a second image: two images in the file, each in its own turn.
    await pickSample(view, 'Sample: hidden message');
    await askAnswered(view, bed.fake, 'And this one?', 'A hidden message.');

    // On screen too, the earlier answer (rendered whole, not streamed) shows the raw HTML as
    // typed and every word after the unbalanced <math><mtext><table>.
    const earlier = view.getByRole('article', { name: 'Earlier answer' });
    // The conversation's pane opens at the newest answer: scroll up to the earlier one (drawn
    // once it comes into sight).
    await earlier.scrollIntoViewIfNeeded();
    await expect.poll(() => earlier.innerText()).toContain('<math><mtext><table><tr><td>cell');
    expect(await earlier.getByText('is the last sentence.').isVisible()).toBe(true);
    expect(await earlier.locator('img, script, math, mtext, table').count()).toBe(0);

    // Export's code comes with the conversation (the first question), never with the page.
    const exportCode = (urls: string[]) =>
      urls.filter((u) => /ask-turns|conversation-(export|html)/.test(u));
    expect(atOpen.length).toBeGreaterThan(0);
    expect(exportCode(atOpen)).toEqual([]);
    expect(exportCode(code).length).toBeGreaterThan(0);
    const downloading = page.waitForEvent('download');
    await view.getByRole('button', { name: 'Export', exact: true }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('glimpse-what-does-this-chart-show.html');
    // Saved under its own name: a file opened by Chromium is HTML by its extension.
    const path = join(mkdtempSync(join(tmpdir(), 'glimpse-export-')), download.suggestedFilename());
    await download.saveAs(path);
    await expect
      .poll(() => view.getByRole('status').filter({ hasText: 'Downloaded' }).innerText())
      .toBe('Downloaded glimpse-what-does-this-chart-show.html.');
    const source = await readFile(path, 'utf8');
    expect(source).not.toMatch(/<script/i);
    expect(source).toContain("default-src 'none'");

    for (const javaScriptEnabled of [true, false]) {
      const opened = await openExport(bed.browser, path, javaScriptEnabled);
      // Wait for the images to decode before reading their sizes.
      await expect
        .poll(() => opened.page.evaluate(() => [...document.images].every((i) => i.complete)))
        .toBe(true);
      const doc = await inspect(opened.page);
      expect(doc.title).toBe('What does this chart show?');
      expect(doc.scripts).toBe(0);
      expect(doc.handlers).toEqual([]);
      // The policy forbids every script (default-src 'none', no script-src to widen it).
      expect(doc.csp).toMatch(/default-src 'none'/);
      expect(doc.csp).not.toMatch(/script-src/);
      expect(doc.images).toHaveLength(2);
      for (const image of doc.images) {
        expect(image.data).toBe(true);
        expect(image.width).toBeGreaterThan(0);
      }
      expect(doc.images.map((i) => i.alt)).toEqual([
        'Image: stock-index-chart.png',
        'Image: hidden-message.png',
      ]);
      expect(doc.headings).toEqual([
        'You',
        'Gemini (gemini-flash-latest)',
        'You',
        'Gemini (gemini-flash-latest)',
      ]);
      // The answer's raw HTML reads as typed, Markdown still renders, the last words are there.
      expect(doc.text).toContain('<img src=x onerror="document.title=\'ran onerror\'">');
      expect(doc.text).toContain('<script>document.title = "ran script"</script>');
      expect(doc.text).toContain('<math><mtext><table><tr><td>cell');
      expect(doc.text).toContain('And this is the last sentence.');
      expect(doc.strong).toEqual(['this']);
      expect(doc.rawTags).toBe(0);
      expect(doc.text).toContain('A hidden message.');
      // Nothing ran, and nothing was even refused: the file holds no script to refuse.
      expect(opened.problems).toEqual([]);
      await opened.context.close();
    }
    expect(errors).toEqual([]);
    await context.close();
  });
});
