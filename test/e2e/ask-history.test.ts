/**
 * History in the Ask view, in Chromium against the fake Gemini server: each conversation is
 * saved as it goes; a reload brings back History and the conversation that was open, which
 * can be continued (and exported) with its images; deleting removes the rows and the images nobody else
 * uses; Keep history off writes nothing; a full disk keeps the conversation on screen.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { CONVERSATION_MESSAGES as M } from '../../src/lib/conversation/messages.ts';
import { askTestbed, openAsk, openSettings, pickSample } from './ask-support.ts';
import {
  answerReply,
  askAndWait,
  generateBodies,
  historyDialog,
  historyRows,
  openHistory,
  savedConversations,
} from './ask-history-support.ts';

describe('Ask: History on this device', () => {
  const bed = askTestbed();

  it('a reload brings back History and the open conversation, which continues with its image', async () => {
    bed.fake.reset();
    const context = await bed.browser.newContext();
    const { errors, page, view } = await openAsk(context, bed.fake.url);
    await pickSample(view, 'Sample: stock index chart');
    bed.fake.queue(answerReply('A line chart of an index.'));
    await askAndWait(view, bed.fake, 'What does this chart show?');
    const [saved] = (await savedConversations(page, 1)).conversations;
    expect(saved).toMatchObject({ title: 'What does this chart show?', turns: 2 });
    const firstImage = generateBodies(bed.fake)[0].contents[0].parts[0].inlineData?.data ?? '';
    expect(firstImage.length).toBeGreaterThan(1000);
    // The answer's one line of facts (this reply brings no usage: the model asked, the time).
    const factLines = () =>
      view
        .locator('ask-answer p.status')
        .filter({ hasText: /tokens|gemini/ })
        .allInnerTexts();
    const facts = await factLines();
    expect(facts).toEqual([expect.stringMatching(/^gemini-flash-latest · \d+\.\d s$/)]);

    // Reload: the conversation on screen is the one that was open, its image shown.
    await page.reload();
    const turns = view.getByRole('list', { name: 'Conversation' });
    await turns.waitFor();
    expect(await turns.innerText()).toContain('What does this chart show?');
    expect(await view.getByRole('region', { name: 'Answer' }).innerText()).toContain(
      'A line chart of an index.',
    );
    expect(await factLines()).toEqual(facts);
    await expect
      .poll(() =>
        turns
          .getByRole('img', { name: /Image 1 of this question/ })
          .evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0),
      )
      .toBe(true);

    // History lists it; open at reload, it is open again after one.
    let dialog = await openHistory(view);
    const row = dialog.getByRole('button', { name: 'What does this chart show?' });
    await row.waitFor();
    // The row counts what the person asked, not questions and answers together.
    const rowFacts = () => dialog.getByRole('listitem').locator('.note').first().innerText();
    await expect.poll(rowFacts).toMatch(/ · 1\u00a0question$/);
    await expect
      .poll(() => dialog.locator('img.thumb').evaluate((i: HTMLImageElement) => i.naturalWidth))
      .toBeGreaterThan(0);
    await page.reload();
    dialog = historyDialog(page);
    await dialog.getByRole('button', { name: 'What does this chart show?' }).waitFor();
    await dialog.getByRole('button', { name: 'Close history' }).click();
    await dialog.waitFor({ state: 'detached' });

    // A new conversation, then the saved one opened from History and continued: the follow-up
    // carries the earlier turns, the image (read back from IndexedDB) in the first.
    await view.getByRole('button', { name: 'New conversation' }).click();
    dialog = await openHistory(view);
    await dialog.getByRole('button', { name: 'What does this chart show?' }).click();
    await dialog.waitFor({ state: 'detached' });
    await turns.waitFor();
    await expect.poll(factLines).toEqual(facts);
    // Exported at once: its image, read back only when something needs it, is in the file.
    const downloading = page.waitForEvent('download');
    await view.getByRole('button', { name: 'Export', exact: true }).click();
    expect(await readFile(await (await downloading).path(), 'utf8')).toContain(firstImage);
    bed.fake.queue(answerReply('It rises.'));
    await askAndWait(view, bed.fake, 'And the trend?');
    const followUp = generateBodies(bed.fake).at(-1);
    expect(followUp?.contents.map((c) => c.role)).toEqual(['user', 'model', 'user']);
    expect(followUp?.contents[0].parts.map((p) => Object.keys(p)[0])).toEqual([
      'inlineData',
      'text',
    ]);
    expect(followUp?.contents[0].parts[0].inlineData?.data).toBe(firstImage);
    expect(followUp?.contents[1].parts).toEqual([{ text: 'A line chart of an index.' }]);
    expect(followUp?.contents[2].parts).toEqual([{ text: 'And the trend?' }]);
    // Still one conversation in History, now of four turns.
    await expect
      .poll(async () => (await historyRows(page)).conversations.map((c) => c.turns))
      .toEqual([4]);
    // Its History row says what a person counts: two questions (not "4 turns").
    dialog = await openHistory(view);
    await expect.poll(rowFacts).toMatch(/ · 2\u00a0questions$/);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('deleting removes the rows and the images no other conversation uses; Delete all removes everything', async () => {
    bed.fake.reset();
    bed.fake.respondWith(answerReply('An answer.'));
    const context = await bed.browser.newContext();
    const { errors, page, view } = await openAsk(context, bed.fake.url);
    // One conversation with the chart; a second with the chart and the hidden message.
    await pickSample(view, 'Sample: stock index chart');
    await askAndWait(view, bed.fake, 'First: the chart');
    await savedConversations(page, 1);
    await view.getByRole('button', { name: 'New conversation' }).click();
    await pickSample(view, 'Sample: hidden message');
    await askAndWait(view, bed.fake, 'Second: both images');
    expect(generateBodies(bed.fake)[1].contents[0].parts.filter((p) => p.inlineData)).toHaveLength(
      2,
    );
    const before = await savedConversations(page, 2);
    expect(before.images).toHaveLength(2);
    expect(before.summaries).toBe(2);

    const dialog = await openHistory(view);
    const rows = dialog.getByRole('listitem');
    expect(await rows.count()).toBe(2);
    // Newest first.
    // Rows are drawn with content-visibility: auto, so a row's text is laid out (and has
    // innerText) a frame after the list is read: wait for what a person sees.
    await expect.poll(() => rows.first().innerText()).toContain('Second: both images');
    // Cancel deletes nothing.
    await rows.first().getByRole('button', { name: 'Delete conversation' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete “Second: both images”?' });
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await confirm.waitFor({ state: 'detached' });
    expect((await historyRows(page)).conversations).toHaveLength(2);
    // Delete: its row goes, and the hidden message's image (used by it alone), not the chart.
    await rows.first().getByRole('button', { name: 'Delete conversation' }).click();
    await confirm.getByRole('button', { name: 'Delete', exact: true }).click();
    await expect.poll(async () => (await historyRows(page)).conversations.length).toBe(1);
    const after = await historyRows(page);
    expect(after.conversations.map((c) => c.title)).toEqual(['First: the chart']);
    expect(after.summaries).toBe(1);
    expect(after.images).toHaveLength(1);
    expect(after.thumbnails).toBe(1);
    // The image left is the one the first conversation sent.
    const firstSent = generateBodies(bed.fake)[0].contents[0].parts[0].inlineData?.data ?? '';
    expect(after.images[0].size).toBe(Buffer.from(firstSent, 'base64').length);
    await expect.poll(() => rows.count()).toBe(1);
    await dialog.getByRole('status').filter({ hasText: M.deleted }).waitFor();

    // Delete all history: confirmed, then every store is empty.
    await dialog.getByRole('button', { name: 'Delete all history' }).click();
    const all = page.getByRole('dialog', { name: M.confirmDeleteAll });
    await all.getByRole('button', { name: 'Delete', exact: true }).click();
    await dialog.getByText(M.historyEmpty).waitFor();
    expect(await historyRows(page)).toEqual({
      exists: true,
      conversations: [],
      summaries: 0,
      images: [],
      thumbnails: 0,
    });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('Keep history off writes nothing new and keeps what is there; on again, saving resumes', async () => {
    bed.fake.reset();
    bed.fake.respondWith(answerReply('An answer.'));
    const context = await bed.browser.newContext();
    const { errors, page, view } = await openAsk(context, bed.fake.url);
    await pickSample(view, 'Sample: stock index chart');
    await askAndWait(view, bed.fake, 'Kept: the first');
    await savedConversations(page, 1);

    // Off in the History panel (there before any key works): the list says so.
    let dialog = await openHistory(view);
    await dialog.getByLabel('Keep history on this device').uncheck();
    await dialog.getByText(M.historyOff).waitFor();
    await dialog.getByRole('button', { name: 'Close history' }).click();
    await view.getByRole('button', { name: 'New conversation' }).click();
    await askAndWait(view, bed.fake, 'Not kept: the second');
    await askAndWait(view, bed.fake, 'Not kept: a follow-up');
    // Back on in Settings (its own button, now that answers have shown the key works); saves
    // run in order, so once the third conversation is saved, the second would have been too
    // had anything been written.
    expect(await view.getByRole('button', { name: 'Check key' }).count()).toBe(0);
    await openSettings(view);
    const settingsSwitch = view
      .getByRole('region', { name: 'Settings' })
      .getByLabel('Keep history on this device');
    expect(await settingsSwitch.isChecked()).toBe(false);
    await settingsSwitch.check();
    await view.getByRole('button', { name: 'New conversation' }).click();
    await askAndWait(view, bed.fake, 'Kept: the third');
    const rows = await savedConversations(page, 2);
    expect(rows.conversations.map((c) => c.title).sort()).toEqual([
      'Kept: the first',
      'Kept: the third',
    ]);
    dialog = await openHistory(view);
    expect(await dialog.getByText(M.historyOff).count()).toBe(0);
    expect(await dialog.getByRole('listitem').count()).toBe(2);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a full disk (QuotaExceededError) is said plainly and the conversation stays on screen', async () => {
    bed.fake.reset();
    bed.fake.respondWith(answerReply('Still here.'));
    const context = await bed.browser.newContext();
    // Once the page has loaded, IndexedDB refuses every write as a full disk does.
    await context.addInitScript(() => {
      let full = false;
      addEventListener('load', () => (full = true));
      for (const method of ['put', 'add'] as const) {
        const original = IDBObjectStore.prototype[method];
        IDBObjectStore.prototype[method] = function (this: IDBObjectStore, ...args) {
          if (full) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
          return original.apply(this, args as Parameters<typeof original>);
        } as typeof original;
      }
    });
    const { errors, page, view } = await openAsk(context, bed.fake.url);
    await pickSample(view, 'Sample: stock index chart');
    await askAndWait(view, bed.fake, 'Will this be saved?');
    const alert = view.getByTestId('history-save-error');
    await alert.waitFor();
    expect(await alert.innerText()).toBe(M.quotaExceeded);
    expect(await alert.getAttribute('role')).toBe('alert');
    // The question, its image and the answer are all still on screen, and can be followed up.
    const turns = view.getByRole('list', { name: 'Conversation' });
    expect(await turns.innerText()).toContain('Will this be saved?');
    expect(await turns.getByRole('img', { name: /Image 1 of this question/ }).count()).toBe(1);
    expect(await view.getByRole('region', { name: 'Answer' }).innerText()).toContain('Still here.');
    await askAndWait(view, bed.fake, 'And now?');
    expect(
      generateBodies(bed.fake)
        .at(-1)
        ?.contents.map((c) => c.role),
    ).toEqual(['user', 'model', 'user']);
    expect(await alert.innerText()).toBe(M.quotaExceeded);
    expect((await historyRows(page)).conversations).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
