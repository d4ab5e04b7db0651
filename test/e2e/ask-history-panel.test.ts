/**
 * The History panel in Chromium against the fake Gemini server: two tabs see each other's new
 * conversations; Export all → Delete all → Import brings them back, and importing again
 * skips them; the panel at a phone's width and by keyboard alone, with axe finding nothing;
 * History opens, imports and reads offline.
 */

/**
 * An "Export all" file of `count` conversations about the stock chart sample, written to
 * disk; the first is asked "Read offline?", the others "Question N" (N from 2, older).
 */
async function archiveFile(dir: string, count = 1): Promise<string> {
  const bytes = new Uint8Array(sampleBytes('stock-index-chart.png'));
  const hash = await sha256Hex(bytes);
  const conversations = Array.from({ length: count }, (_, i) => {
    let c = newConversation(Date.UTC(2026, 0, 2) - i * 60_000);
    const text = i === 0 ? 'Read offline?' : `Question ${i + 1}`;
    c = ask(c, text, [{ hash, mimeType: 'image/png', bytes: bytes.length }], c.createdAt);
    c = startAnswer(c, 'gemini-test', c.createdAt);
    c = receiveParts(c, [{ text: 'Yes, **from this device**.' }]);
    return endAnswer(c, { state: 'done' }, c.createdAt);
  });
  const path = join(dir, `history-${count}.json`);
  writeFileSync(
    path,
    JSON.stringify(makeArchive(conversations, [{ hash, mimeType: 'image/png', bytes }])),
  );
  return path;
}
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  ask,
  endAnswer,
  makeArchive,
  newConversation,
  receiveParts,
  sha256Hex,
  startAnswer,
} from '../../src/lib/conversation/index.ts';
import { CONVERSATION_MESSAGES as M } from '../../src/lib/conversation/messages.ts';
import type { Locator } from 'playwright-core';
import { openPage } from '../support/browser.ts';
import { startStaticServer, type StaticServer } from '../support/static-server.ts';
import { axeFindings, focusState, tabTo } from './a11y-support.ts';
import {
  answerRendered,
  askTestbed,
  openAsk,
  pickSample,
  sampleBytes,
  TEST_KEY,
} from './ask-support.ts';
import {
  answerReply,
  askAndWait,
  historyDialog,
  historyRows,
  openHistory,
  savedConversations,
} from './ask-history-support.ts';

/** A conversation opened from History shows its first image, decoded, and its answer rendered. */
async function expectReopened(view: Locator, answer: string): Promise<void> {
  const turns = view.getByRole('list', { name: 'Conversation' });
  await expect
    .poll(() =>
      turns
        .getByRole('img', { name: /Image 1 of this question/ })
        .evaluate((img: HTMLImageElement) => img.naturalWidth),
    )
    .toBeGreaterThan(0);
  await answerRendered(view);
  expect(await view.getByRole('region', { name: 'Answer' }).innerText()).toContain(answer);
}

describe('Ask: the History panel', () => {
  const bed = askTestbed();

  it('two tabs see each other’s new conversations', async () => {
    bed.fake.reset();
    bed.fake.respondWith(answerReply('An answer.'));
    const context = await bed.browser.newContext();
    const a = await openAsk(context, bed.fake.url);
    // The second tab: the base URL (and the consent to send the key there) are remembered.
    const b = await openAsk(context);
    await b.view.getByLabel('Gemini API key').fill(TEST_KEY);

    const listA = await openHistory(a.view);
    await listA.getByText(M.historyEmpty).waitFor();
    await pickSample(b.view, 'Sample: stock index chart');
    await askAndWait(b.view, bed.fake, 'Asked in tab B');
    // Tab A's open list shows it, without a reload.
    await listA.getByRole('button', { name: 'Asked in tab B' }).waitFor();

    await listA.getByRole('button', { name: 'Close history' }).click();
    await pickSample(a.view, 'Sample: hidden message');
    const listB = await openHistory(b.view);
    await askAndWait(a.view, bed.fake, 'Asked in tab A');
    await listB.getByRole('button', { name: 'Asked in tab A' }).waitFor();
    expect(await listB.getByRole('listitem').count()).toBe(2);
    // Neither tab overwrote the other: both whole, in one database.
    const rows = await savedConversations(a.page, 2);
    expect(rows.conversations.map((c) => c.turns)).toEqual([2, 2]);
    expect(rows.images).toHaveLength(2);
    expect([...a.errors, ...b.errors]).toEqual([]);
    await context.close();
  });

  it('Export all, Delete all, Import brings History back; importing again skips it', async () => {
    bed.fake.reset();
    bed.fake.respondWith(answerReply('The **index** rose.'));
    const context = await bed.browser.newContext({ acceptDownloads: true });
    const { errors, page, view } = await openAsk(context, bed.fake.url);
    await pickSample(view, 'Sample: stock index chart');
    await askAndWait(view, bed.fake, 'What happened to the index?');
    const before = await savedConversations(page, 1);

    const dialog = await openHistory(view);
    const downloading = page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Export all' }).click();
    const file = await downloading;
    expect(file.suggestedFilename()).toMatch(/^glimpse-history-\d{4}-\d{2}-\d{2}\.json$/);
    const path = await file.path();
    const exported = JSON.parse(readFileSync(path, 'utf8')) as {
      conversations: { id: string }[];
      images: unknown[];
    };
    expect(exported.conversations.map((c) => c.id)).toEqual([before.conversations[0].id]);
    expect(exported.images).toHaveLength(1);
    await dialog
      .getByRole('status')
      .filter({ hasText: M.exportedAll(1) })
      .waitFor();

    await dialog.getByRole('button', { name: 'Delete all history' }).click();
    await page
      .getByRole('dialog', { name: M.confirmDeleteAll })
      .getByRole('button', { name: 'Delete', exact: true })
      .click();
    await dialog.getByText(M.historyEmpty).waitFor();
    // The conversation that was open went with it.
    await expect.poll(() => view.getByRole('list', { name: 'Conversation' }).count()).toBe(0);

    await dialog.getByLabel('Import').setInputFiles(path);
    await dialog
      .getByRole('status')
      .filter({ hasText: M.importDone(1, 0) })
      .waitFor();
    const after = await historyRows(page);
    expect(after.conversations).toEqual(before.conversations);
    expect(after.images).toEqual(before.images);
    expect(after.thumbnails).toBe(1);
    await dialog.getByLabel('Import').setInputFiles(path);
    await dialog
      .getByRole('status')
      .filter({ hasText: M.importDone(0, 1) })
      .waitFor();
    expect((await historyRows(page)).conversations).toHaveLength(1);

    // The imported conversation opens with its image and answer.
    await dialog.getByRole('button', { name: 'What happened to the index?' }).click();
    await expectReopened(view, 'The index rose.');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('at 360 px and by keyboard alone: open, rename (Escape cancels), delete, close; axe finds nothing', async () => {
    bed.fake.reset();
    bed.fake.respondWith(answerReply('An answer.'));
    const context = await bed.browser.newContext({ viewport: { width: 360, height: 740 } });
    const { errors, page, view } = await openAsk(context, bed.fake.url);
    await pickSample(view, 'Sample: stock index chart');
    await askAndWait(view, bed.fake, 'First question');
    await view.getByRole('button', { name: 'New conversation' }).click();
    await askAndWait(view, bed.fake, 'Second question');
    await savedConversations(page, 2);

    // History, from the keyboard.
    await view.getByRole('button', { name: 'History', exact: true }).focus();
    await page.keyboard.press('Enter');
    const dialog = historyDialog(page);
    await dialog.getByRole('button', { name: 'Second question' }).waitFor();
    expect(await axeFindings(page)).toEqual([]);
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
    ).toBe(true);
    const box = await dialog.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 360).toBe(true);

    // Rename the newest (first row): Escape cancels, Enter saves; the panel stays open.
    expect(await tabTo(page, /^button "Rename"/)).toBe(true);
    await page.keyboard.press('Enter');
    const name = dialog.getByLabel('Name', { exact: true });
    await name.waitFor();
    expect((await focusState(page))?.name).toMatch(/^input "Name"/);
    await page.keyboard.type(' – never saved');
    await page.keyboard.press('Escape');
    await dialog.getByRole('button', { name: 'Second question' }).waitFor();
    expect(await dialog.isVisible()).toBe(true);
    expect(await tabTo(page, /^button "Rename"/)).toBe(true);
    await page.keyboard.press('Enter');
    await name.waitFor();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Renamed by keyboard');
    await page.keyboard.press('Enter');
    await dialog.getByRole('button', { name: 'Renamed by keyboard' }).waitFor();
    await expect
      .poll(async () => (await historyRows(page)).conversations.map((c) => c.title).sort())
      .toEqual(['First question', 'Renamed by keyboard']);

    // Delete the other one: Escape in the confirmation cancels it alone; then Delete.
    expect(await tabTo(page, /^button "Delete conversation"/)).toBe(true);
    // The first "Delete conversation" reached is the renamed row's; go on to the next.
    expect(await tabTo(page, /^button "Delete conversation"/)).toBe(true);
    await page.keyboard.press('Enter');
    const confirm = page.getByRole('dialog', { name: M.confirmDelete('First question') });
    await confirm.waitFor();
    expect(await axeFindings(page)).toEqual([]);
    // Cancel has the focus: the safe choice first.
    expect((await focusState(page))?.name).toBe('button "Cancel"');
    await page.keyboard.press('Escape');
    await confirm.waitFor({ state: 'detached' });
    expect(await dialog.isVisible()).toBe(true);
    // The focus is back on the button that asked.
    expect((await focusState(page))?.name).toBe('button "Delete conversation"');
    await page.keyboard.press('Enter');
    await confirm.waitFor();
    await page.keyboard.press('Shift+Tab');
    expect((await focusState(page))?.name).toBe('button "Delete"');
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog.getByRole('listitem').count()).toBe(1);
    // The focus stays in the panel, on the first conversation left.
    await expect
      .poll(async () => (await focusState(page))?.name)
      .toBe('button "Renamed by keyboard"');
    expect((await historyRows(page)).conversations.map((c) => c.title)).toEqual([
      'Renamed by keyboard',
    ]);

    // Open it by keyboard: the panel closes and the Prompt has the focus for a follow-up.
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(async () => (await focusState(page))?.name).toMatch(/^textarea "Prompt"/);
    expect(
      await view.getByRole('list', { name: 'Conversation' }).getByText('Second question').count(),
    ).toBe(1);

    // Escape closes History, and the focus goes back to its button.
    await view.getByRole('button', { name: 'History', exact: true }).focus();
    await page.keyboard.press('Enter');
    await dialog.getByRole('button', { name: 'Renamed by keyboard' }).waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect((await focusState(page))?.name).toMatch(/^button "History"/);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('History opened again lists what was saved since, not the list it read before', async () => {
    bed.fake.reset();
    bed.fake.respondWith(answerReply('An answer.'));
    const context = await bed.browser.newContext();
    // The browser is slow to say the space used (as on a busy machine): the list, read with
    // it, comes a second after History opens.
    await context.addInitScript(() => {
      const estimate = StorageManager.prototype.estimate;
      StorageManager.prototype.estimate = function (this: StorageManager) {
        return new Promise((wait) => setTimeout(wait, 1000)).then(() => estimate.call(this));
      };
    });
    const { errors, page, view } = await openAsk(context, bed.fake.url);
    await pickSample(view, 'Sample: stock index chart');
    await askAndWait(view, bed.fake, 'The first');
    await savedConversations(page, 1);
    let dialog = await openHistory(view);
    expect(await dialog.getByRole('listitem').count()).toBe(1);
    await dialog.getByRole('button', { name: 'Close history' }).click();
    await dialog.waitFor({ state: 'detached' });
    await view.getByRole('button', { name: 'New conversation' }).click();
    await askAndWait(view, bed.fake, 'The second');
    await savedConversations(page, 2);
    // Opened again: the two, never the one row read before (the second seemingly not saved).
    dialog = await openHistory(view);
    expect(
      await dialog.getByRole('button', { name: /^The (first|second)$/ }).allInnerTexts(),
    ).toEqual(['The second', 'The first']);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a long list shows its newest rows first, more on "Show more conversations" and as it is scrolled', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'glimpse-history-'));
    const file = await archiveFile(dir, 300);
    const context = await bed.browser.newContext();
    const { errors, page, view } = await openAsk(context);
    const dialog = await openHistory(view);
    await dialog.getByLabel('Import').setInputFiles(file);
    await dialog
      .getByRole('status')
      .filter({ hasText: M.importDone(300, 0) })
      .waitFor();
    const rows = dialog.getByRole('listitem');
    await expect.poll(() => rows.count()).toBe(40);
    // Rows are drawn with content-visibility: auto, so a row's text is laid out (and has
    // innerText) a frame after the list is read: wait for what a person sees.
    await expect.poll(() => rows.first().innerText()).toContain('Read offline?');
    expect(await dialog.getByText(M.historyMore(260)).count()).toBe(1);
    // Pressed as a keyboard or screen reader user does: the focus moves to it (which scrolls
    // it into view), then, a moment later, Enter. By then the list has seen it come into
    // view (two frames), and must not have run on from under the focus. (A mouse click would
    // scroll it into view first, where the list rightly runs on by itself: see below.)
    const more = dialog.getByRole('button', { name: 'Show more conversations' });
    await more.focus();
    await page.evaluate(
      () => new Promise((frame) => requestAnimationFrame(() => requestAnimationFrame(frame))),
    );
    await page.keyboard.press('Enter');
    await expect.poll(() => rows.count()).toBe(240);
    // The focus goes to the first of the new rows (so the list does not run on by itself).
    await expect.poll(async () => (await focusState(page))?.name).toBe('button "Question 41"');
    expect(await rows.count()).toBe(240);
    // Scrolled to the end: the rest come without a press.
    await dialog.evaluate((d) => d.scrollTo(0, d.scrollHeight));
    await expect.poll(() => rows.count()).toBe(300);
    // textContent: a row off screen is not rendered (content-visibility), so innerText is empty.
    expect(await rows.last().textContent()).toContain('Question 300');
    expect(await dialog.getByRole('button', { name: 'Show more conversations' }).count()).toBe(0);
    expect((await historyRows(page)).conversations).toHaveLength(300);
    expect(errors).toEqual([]);
    await context.close();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('offline', () => {
    let server: StaticServer;
    let dir: string;
    beforeAll(async () => {
      // Its own origin: its own service worker and its own IndexedDB.
      server = await startStaticServer(inject('distDir'), '/history-offline/');
      dir = mkdtempSync(join(tmpdir(), 'glimpse-history-'));
    });
    afterAll(async () => {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('History opens, imports and reads with the network gone (its code is precached)', async () => {
      const file = await archiveFile(dir);
      const context = await bed.browser.newContext();
      const { page, errors } = await openPage(context, `${server.url}#/ask`);
      await expect
        .poll(() => page.getByRole('status').filter({ hasText: 'Ready to work offline' }).count(), {
          timeout: 30_000,
        })
        .toBe(1);
      await context.setOffline(true);
      await page.reload();
      const view = page.locator('ask-view');
      const dialog = await openHistory(view);
      await dialog.getByText(M.historyEmpty).waitFor();
      await dialog.getByLabel('Import').setInputFiles(file);
      await dialog
        .getByRole('status')
        .filter({ hasText: M.importDone(1, 0) })
        .waitFor();
      await dialog.getByRole('button', { name: 'Read offline?' }).click();
      await expectReopened(view, 'Yes, from this device.');
      // A reload, still offline, brings it back.
      await page.reload();
      await view.getByRole('list', { name: 'Conversation' }).getByText('Read offline?').waitFor();
      expect(errors.filter((e) => !e.includes('Failed to load resource'))).toEqual([]);
      await context.close();
    });
  });
});
