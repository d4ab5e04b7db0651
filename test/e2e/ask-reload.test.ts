/**
 * A reload in the middle of a conversation, as a person does it: the key that worked stays out
 * of the way behind "Settings" (it is not asked for again), and the conversation comes back
 * with its image large on the stage, not the empty drop area.
 */
import { describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { askTestbed, openAsk, openSettings, pickSample } from './ask-support.ts';
import {
  answerReply,
  askAndWait,
  generateBodies,
  savedConversations,
} from './ask-history-support.ts';

describe('Ask: a reload', () => {
  const bed = askTestbed();

  /** Key checked, one question about the chart answered and saved, then a reload. */
  async function askThenReload(context: BrowserContext) {
    const opened = await openAsk(context, bed.fake.url);
    const { page, view } = opened;
    await view.getByRole('button', { name: 'Check key' }).click();
    await view.getByRole('button', { name: 'Settings', exact: true }).waitFor();
    await pickSample(view, 'Sample: stock index chart');
    bed.fake.queue(answerReply('A line chart of an index.'));
    await askAndWait(view, bed.fake, 'What does this chart show?');
    await savedConversations(page, 1);
    await page.reload();
    await view.getByRole('list', { name: 'Conversation' }).waitFor();
    return opened;
  }

  it('keeps a checked key behind Settings, without asking for it again, until Forget key', async () => {
    bed.fake.reset();
    const context = await bed.browser.newContext();
    const { errors, page, view } = await askThenReload(context);
    const settings = view.getByRole('button', { name: 'Settings', exact: true });
    // The key is not asked for again: Settings holds it, closed, and no "Key works" news.
    await settings.waitFor();
    expect(await view.getByLabel('Gemini API key').count()).toBe(0);
    expect(await view.getByText('Key works').count()).toBe(0);
    // Settings opens, with the key in it; Forget key brings the setup back, for good.
    await openSettings(view);
    expect(await view.getByLabel('Gemini API key').inputValue()).not.toBe('');
    await view.getByRole('button', { name: 'Forget key' }).click();
    await view.getByRole('button', { name: 'Check key' }).waitFor();
    await page.reload();
    await view.getByRole('list', { name: 'Conversation' }).waitFor();
    await view.getByRole('button', { name: 'Check key' }).waitFor();
    expect(await settings.count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows the conversation’s image on the stage, and does not send it twice', async () => {
    bed.fake.reset();
    const context = await bed.browser.newContext();
    const { errors, view } = await askThenReload(context);
    await view.getByRole('img', { name: /^The image as it will be sent: / }).waitFor();
    expect(await view.getByText('Drop, paste or choose an image').count()).toBe(0);
    expect(await view.getByRole('button', { name: 'Remove image' }).count()).toBe(0);
    bed.fake.queue(answerReply('It rises.'));
    await askAndWait(view, bed.fake, 'And the trend?');
    const sent = generateBodies(bed.fake).at(-1)?.contents ?? [];
    expect(sent.map((c) => c.parts.filter((p) => p.inlineData).length)).toEqual([1, 0, 0]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
