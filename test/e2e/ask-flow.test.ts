/**
 * The whole Ask flow on a 360 px phone, by keyboard alone (no mouse anywhere): key, a sample,
 * a question, a follow-up with a second image, Copy, Edit the last question, Export, Copy as
 * Markdown, New conversation; axe finds nothing at any step. And Retry on an earlier answer,
 * which asks before the turns after it go.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import type { FakeGemini } from '../support/fake-gemini.ts';
import { axeFindings, focusState, tabTo } from './a11y-support.ts';
import {
  TEST_KEY,
  askIsBack,
  askTestbed,
  openAsk,
  pickSample,
  sse,
  textEvent,
} from './ask-support.ts';

interface Body {
  contents: { role: string; parts: { text?: string; inlineData?: { data: string } }[] }[];
}

/** The bodies of the questions the fake received, in order. */
function sent(fake: FakeGemini): Body[] {
  return fake.requests
    .filter((r) => r.action === 'streamGenerateContent')
    .map((r) => r.body as Body);
}

/** Reply to the next question with `text`, streamed in two pieces. */
function replyWith(fake: FakeGemini, text: string): void {
  const half = Math.floor(text.length / 2);
  const body = sse(textEvent(text.slice(0, half)), textEvent(text.slice(half), 'STOP'));
  fake.respondWith({ contentType: 'text/event-stream', body });
}

/** Wait until question number `n` (1-based) has been sent and its answer is done. */
async function answered(view: Locator, fake: FakeGemini, n: number): Promise<void> {
  await expect.poll(() => sent(fake).length).toBe(n);
  await expect
    .poll(async () =>
      (await askIsBack(view))
        ? view.getByRole('region', { name: 'Answer' }).getAttribute('data-state')
        : 'busy',
    )
    .toBe('done');
  await view.locator('.answer[role=region][data-rendered="markdown"]').waitFor();
}

/** Tab to the control described by `target` (see focusState), failing clearly if none. */
async function tabToOrFail(page: Page, target: RegExp): Promise<void> {
  const found = await tabTo(page, target, 90);
  expect(found, `Tab reaches ${target}`).toBe(true);
}

/** Replace the text of the focused field by typing. */
async function retype(page: Page, text: string): Promise<void> {
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(text);
}

/** axe over the whole page, and no sideways scrolling at this width. */
async function checkPage(page: Page, step: string): Promise<void> {
  expect(await axeFindings(page), `axe after: ${step}`).toEqual([]);
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, `sideways scrolling after: ${step}`).toBeLessThanOrEqual(0);
}

const clipboard = (page: Page) => page.evaluate(() => navigator.clipboard.readText());

describe('Ask: the whole flow at 360 px, by keyboard alone', () => {
  const bed = askTestbed();

  it('sample, question, follow-up with a second image, Copy, Edit, Export, Copy as Markdown, New conversation', async () => {
    bed.fake.reset();
    const context = await bed.browser.newContext({
      viewport: { width: 360, height: 780 },
      acceptDownloads: true,
      permissions: ['clipboard-read', 'clipboard-write'],
    });
    const { page, errors, view } = await openAsk(context);
    await page.bringToFront();
    await checkPage(page, 'opening Ask');

    // The key and the base URL; the key-host question answered by keyboard too.
    await tabToOrFail(page, /^input "Gemini API key/);
    await page.keyboard.type(TEST_KEY);
    // Where the short setup keeps the address behind a disclosure, it is opened by keyboard.
    if ((await view.getByText('Use another address (a proxy)').count()) > 0) {
      await tabToOrFail(page, /^summary "Use another address/);
      await page.keyboard.press('Enter');
    }
    await tabToOrFail(page, /^input "API base URL/);
    await retype(page, bed.fake.url);
    await tabToOrFail(page, /^button "Send key to this host/);
    await page.keyboard.press('Enter');

    // A sample, and a question about it (Ctrl+Enter asks).
    await tabToOrFail(page, /^button "Sample: stock index chart/);
    await page.keyboard.press('Enter');
    await view
      .getByTestId('image-facts')
      .filter({ hasText: /\d+ × \d+ px/ })
      .waitFor();
    await tabToOrFail(page, /^textarea "Prompt/);
    await retype(page, 'What does this chart show?');
    replyWith(bed.fake, 'An index that **rises** over ninety years.');
    await page.keyboard.press('ControlOrMeta+Enter');
    await answered(view, bed.fake, 1);
    await checkPage(page, 'the first answer');

    // A follow-up with a second image: each image goes in its own turn. With an image on the
    // stage the samples wait behind "Samples", opened by keyboard.
    await tabToOrFail(page, /^summary "Samples/);
    await page.keyboard.press('Enter');
    await tabToOrFail(page, /^button "Sample: hidden message/);
    await page.keyboard.press('Enter');
    await expect
      .poll(() => view.getByRole('list', { name: 'Images for this question' }).innerText())
      .toContain('hidden-message.png');
    await tabToOrFail(page, /^textarea "Prompt/);
    await retype(page, 'And what does this one say?');
    await tabToOrFail(page, /^button "Ask"/);
    replyWith(bed.fake, 'It says: hello.');
    await page.keyboard.press('Enter');
    await answered(view, bed.fake, 2);
    const followUp = sent(bed.fake)[1];
    expect(followUp.contents.map((c) => c.role)).toEqual(['user', 'model', 'user']);
    expect(followUp.contents.map((c) => c.parts.filter((p) => p.inlineData).length)).toEqual([
      1, 0, 1,
    ]);
    await checkPage(page, 'the follow-up');

    // Copy: the first "Copy" is the earlier answer's, the second the newest answer's.
    await tabToOrFail(page, /^button "Copy"$/);
    await tabToOrFail(page, /^button "Copy"$/);
    await page.keyboard.press('Enter');
    await expect.poll(() => clipboard(page)).toBe('It says: hello.');
    await checkPage(page, 'Copy');

    // Edit the last question: it comes back in the Prompt, and is sent in place of the old one.
    await tabToOrFail(page, /^button "Edit"/);
    await page.keyboard.press('Enter');
    expect((await focusState(page))?.name).toMatch(/^textarea "Prompt/);
    expect(await view.getByLabel('Prompt').inputValue()).toBe('And what does this one say?');
    await retype(page, 'Read the hidden words, please.');
    replyWith(bed.fake, 'The hidden words are: hello there.');
    await page.keyboard.press('ControlOrMeta+Enter');
    await answered(view, bed.fake, 3);
    const edited = sent(bed.fake)[2];
    expect(edited.contents.map((c) => c.role)).toEqual(['user', 'model', 'user']);
    expect(edited.contents[2].parts.map((p) => p.text ?? 'image')).toEqual([
      'image',
      'Read the hidden words, please.',
    ]);
    await expect.poll(() => view.getByText('And what does this one say?').count()).toBe(0);
    await checkPage(page, 'Edit');

    // Export: one .html file with both images and the edited question.
    await tabToOrFail(page, /^button "Export"/);
    const downloading = page.waitForEvent('download');
    await page.keyboard.press('Enter');
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('glimpse-what-does-this-chart-show.html');
    const html = await readFile(await download.path(), 'utf8');
    expect(html.match(/<img src="data:image\/png;base64,/g)).toHaveLength(2);
    expect(html).toContain('Read the hidden words, please.');
    expect(html).toContain('The hidden words are: hello there.');
    const status = view.getByRole('status').filter({ hasText: /^Downloaded / });
    await expect.poll(() => status.count()).toBe(1);
    await checkPage(page, 'Export');

    // Copy as Markdown: the whole conversation.
    await tabToOrFail(page, /^button "Copy as Markdown"/);
    await page.keyboard.press('Enter');
    await expect
      .poll(() => clipboard(page))
      .toBe(
        [
          '# What does this chart show?',
          '## You',
          '*Image: stock-index-chart.png*',
          'What does this chart show?',
          '## Gemini (gemini-flash-latest)',
          'An index that **rises** over ninety years.',
          '## You',
          '*Image: hidden-message.png*',
          'Read the hidden words, please.',
          '## Gemini (gemini-flash-latest)',
          'The hidden words are: hello there.\n',
        ].join('\n\n'),
      );
    await expect
      .poll(() =>
        view
          .getByRole('status')
          .filter({ hasText: /^Copied/ })
          .innerText(),
      )
      .toBe('Copied: the whole conversation as Markdown.');
    await checkPage(page, 'Copy as Markdown');

    // New conversation: the turns go and the Prompt has the focus for the next question.
    await tabToOrFail(page, /^button "New conversation"/);
    await page.keyboard.press('Enter');
    await expect.poll(() => view.getByRole('list', { name: 'Conversation' }).count()).toBe(0);
    expect((await focusState(page))?.name).toMatch(/^textarea "Prompt/);
    await checkPage(page, 'New conversation');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('Retry on an earlier answer asks first, then asks that question again in its place', async () => {
    bed.fake.reset();
    // The dark theme here (the flow above is light), so axe checks both on the new controls.
    const context = await bed.browser.newContext({
      viewport: { width: 360, height: 780 },
      colorScheme: 'dark',
    });
    const { page, errors, view } = await openAsk(context, bed.fake.url);
    await pickSample(view, 'Sample: hidden message');
    for (const [n, [question, reply]] of [
      ['What does it say?', 'First answer.'],
      ['Are you sure?', 'Second answer.'],
      ['Say it once more.', 'Third answer.'],
    ].entries()) {
      await view.getByLabel('Prompt').fill(question);
      replyWith(bed.fake, reply);
      await view.getByRole('button', { name: 'Ask', exact: true }).click();
      await answered(view, bed.fake, n + 1);
    }
    const earlier = view.getByRole('article', { name: 'Earlier answer' });
    expect(await earlier.count()).toBe(2);

    // Retry on the first answer: Cancel (or Escape) keeps every turn.
    await view.locator('ask-answer[past]').nth(0).getByRole('button', { name: 'Retry' }).click();
    const dialog = view.getByRole('dialog', { name: 'Retry this answer?' });
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain('the 4 later turns after this answer are removed');
    await checkPage(page, 'the Retry question');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(sent(bed.fake)).toHaveLength(3);
    expect(await earlier.count()).toBe(2);

    // Confirmed (by keyboard: Cancel has the focus, the confirmation is before it): the first
    // question goes again, alone, the later turns are gone, and the focus stays on it.
    await view.locator('ask-answer[past]').nth(0).getByRole('button', { name: 'Retry' }).click();
    await dialog.waitFor();
    expect((await focusState(page))?.name).toBe('button "Cancel"');
    await page.keyboard.press('Shift+Tab');
    expect((await focusState(page))?.name).toBe('button "Retry and remove later turns"');
    replyWith(bed.fake, 'A better first answer.');
    await page.keyboard.press('Enter');
    await answered(view, bed.fake, 4);
    const focused = await page.evaluate(() => {
      let el = document.activeElement;
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
      return `${el?.localName}: ${el?.textContent?.replace(/\s+/g, ' ').trim()}`;
    });
    expect(focused).toBe('li: You What does it say? Edit');
    const again = sent(bed.fake)[3];
    expect(again).toEqual(sent(bed.fake)[0]);
    const conversation = view.getByRole('list', { name: 'Conversation' });
    expect(await conversation.getByRole('listitem').count()).toBe(2);
    await expect
      .poll(() => view.getByRole('region', { name: 'Answer' }).innerText())
      .toBe('A better first answer.');
    for (const gone of ['First answer.', 'Are you sure?', 'Second answer.', 'Third answer.']) {
      expect(await view.getByText(gone, { exact: true }).count()).toBe(0);
    }
    expect(await earlier.count()).toBe(0);
    await checkPage(page, 'Retry on an earlier answer');
    expect(errors).toEqual([]);
    await context.close();
  });
});
