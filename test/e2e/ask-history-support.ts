/**
 * Helpers for the History end-to-end tests: ask and wait for the answer to be saved, read
 * the History database as it is in the page, open the History panel.
 */
import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import type { FakeGemini, FakeReply } from '../support/fake-gemini.ts';
import { answerSettled, pickSample, sse, textEvent } from './ask-support.ts';

/** What History's IndexedDB holds, read raw in the page. */
export interface HistoryRows {
  /** The database exists at all. */
  exists: boolean;
  conversations: { id: string; title: string; turns: number; lastState?: string }[];
  summaries: number;
  /** The hashes of the stored image Blobs, and their sizes. */
  images: { hash: string; size: number }[];
  thumbnails: number;
}

/** Read every store of History's database (without creating it when it is not there). */
export function historyRows(page: Page): Promise<HistoryRows> {
  return page.evaluate(async () => {
    const empty = { conversations: [], summaries: 0, images: [], thumbnails: 0 };
    const names = (await indexedDB.databases()).map((d) => d.name);
    if (!names.includes('glimpse-history')) return { exists: false, ...empty };
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('glimpse-history');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const all = (store: string) =>
      new Promise<unknown[]>((resolve, reject) => {
        if (!db.objectStoreNames.contains(store)) return resolve([]);
        const get = db.transaction(store).objectStore(store).getAll();
        get.onsuccess = () => resolve(get.result as unknown[]);
        get.onerror = () => reject(get.error);
      });
    type Rec = { id: string; title: string; turns: { meta?: { state: string } }[] };
    const conversations = ((await all('conversations')) as Rec[]).map((c) => ({
      id: c.id,
      title: c.title,
      turns: c.turns.length,
      lastState: c.turns.at(-1)?.meta?.state,
    }));
    const images = ((await all('images')) as { hash: string; blob: Blob }[]).map((i) => ({
      hash: i.hash,
      size: i.blob.size,
    }));
    const result = {
      exists: true,
      conversations,
      summaries: (await all('summaries')).length,
      images,
      thumbnails: (await all('thumbnails')).length,
    };
    db.close();
    return result;
  });
}

/**
 * What Gemini (the fake) says of the stock index chart, asked to explain it and then when
 * the biggest falls were: the README's picture of a conversation, and a newest answer that
 * nearly fills the pane at 1280 × 800 (ask-in-sight.test.ts).
 */
export const CHART_ANSWER = `This is a **line chart** of a stock index from 1930 to 2020, drawn on a
**logarithmic scale**, so equal steps up mean equal percentage gains.

- The index grows steadily over the ninety years.
- Several sharp falls interrupt the growth; each is recovered within a few years.`;
export const CRASHES_ANSWER = `The steepest falls on the chart:

1. **1929–1932**: the longest and deepest drop, right at the start.
2. **1973–1974**: a fall of about half.
3. **2000–2002** and **2008–2009**: two falls close together near the end.`;
/** A streamed answer of this text. */
export function answerReply(text: string): FakeReply {
  return { contentType: 'text/event-stream', body: sse(textEvent(text, 'STOP')) };
}

/** The generate requests the fake server received, as sent. */
export function generateBodies(fake: FakeGemini): {
  contents: { role: string; parts: { text?: string; inlineData?: { data: string } }[] }[];
}[] {
  return fake.requests
    .filter((r) => r.action === 'streamGenerateContent')
    .map((r) => r.body as ReturnType<typeof generateBodies>[number]);
}

/** Type `prompt`, press Ask, and wait until that answer has ended. */
export async function askAndWait(view: Locator, fake: FakeGemini, prompt: string): Promise<void> {
  const sent = generateBodies(fake).length;
  await view.getByLabel('Prompt').fill(prompt);
  await view.getByRole('button', { name: 'Ask', exact: true }).click();
  await expect.poll(() => generateBodies(fake).length).toBe(sent + 1);
  await answerSettled(view);
}

/**
 * The README's conversation: the stock index chart, explained, then when its biggest falls
 * were, each answer waited for.
 */
export async function askTheReadmeConversation(view: Locator, fake: FakeGemini): Promise<void> {
  await pickSample(view, 'Sample: stock index chart');
  fake.queue(answerReply(CHART_ANSWER));
  await askAndWait(view, fake, 'Explain what you see in this image.');
  fake.queue(answerReply(CRASHES_ANSWER));
  await askAndWait(view, fake, 'When were the biggest falls?');
}

/** Wait until History holds `count` conversations whose last answer has ended. */
export async function savedConversations(page: Page, count: number): Promise<HistoryRows> {
  await expect
    .poll(async () => {
      const rows = await historyRows(page);
      return rows.conversations.filter((c) => c.lastState && c.lastState !== 'streaming').length;
    })
    .toBe(count);
  return historyRows(page);
}

/** The History dialog. */
export function historyDialog(page: Page): Locator {
  return page.getByRole('dialog', { name: 'History' });
}

/** Press "History" and wait for its list (or its empty note) to be read. */
export async function openHistory(view: Locator): Promise<Locator> {
  await view.getByRole('button', { name: 'History', exact: true }).click();
  const dialog = historyDialog(view.page());
  await dialog
    .getByText(/No saved conversations yet|questions? *$/)
    .first()
    .waitFor();
  return dialog;
}
