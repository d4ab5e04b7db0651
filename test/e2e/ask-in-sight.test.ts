/**
 * What a person looks for after asking, on a 1280 × 800 screen, is in sight: the answer (the
 * key's setup steps aside once Gemini answers with it, "Check key" pressed or not; under a
 * question taller than the pane has room for, "More below" brings it), and, when a long
 * answer breaks off mid-stream, what went wrong and Retry, under the partial answer.
 */
import { describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { fixtureReply } from '../support/fake-gemini.ts';
import { askAtLength, askTestbed, openAsk, openAskWithKey, pickSample } from './ask-support.ts';
import { answerReply, askTheReadmeConversation } from './ask-history-support.ts';
import { givePicture, stopFindPartWay } from './ask-find-support.ts';

/** `target` is inside the window and inside the conversation's own scrolling pane. */
function inSight(target: Locator): Promise<boolean> {
  return target.evaluate((el) => {
    const box = el.getBoundingClientRect();
    let pane: Element | null = el;
    while (pane && !pane.classList.contains('conversation')) {
      pane = pane.parentElement ?? (pane.getRootNode() as ShadowRoot).host ?? null;
    }
    const seen = pane?.getBoundingClientRect() ?? { top: 0, bottom: innerHeight };
    return (
      box.height > 0 &&
      box.top >= Math.max(0, seen.top) &&
      box.bottom <= Math.min(innerHeight, seen.bottom)
    );
  });
}

/**
 * `target` is clear of what marks more below the pane: above its bottom fade (when it has
 * one), and apart from "More below" (when shown) by a few pixels at least.
 */
function clearOfCue(target: Locator): Promise<boolean> {
  return target.evaluate((el) => {
    const box = el.getBoundingClientRect();
    let pane: Element | null = el;
    while (pane && !pane.classList.contains('conversation')) {
      pane = pane.parentElement ?? (pane.getRootNode() as ShadowRoot).host ?? null;
    }
    if (!pane) return false;
    const fade = pane.hasAttribute('data-more')
      ? parseFloat(getComputedStyle(pane, '::before').height)
      : 0;
    const more = pane.parentElement?.querySelector('.more-below:not([hidden])');
    const cue = more?.getBoundingClientRect();
    const apart =
      !cue ||
      box.bottom + 4 <= cue.top ||
      box.top >= cue.bottom + 4 ||
      box.right + 4 <= cue.left ||
      box.left >= cue.right + 4;
    return box.bottom <= pane.getBoundingClientRect().bottom - fade && apart;
  });
}

/** The top edge of `target` is inside the conversation's pane (its first line is in sight). */
function topInSight(target: Locator): Promise<boolean> {
  return target.evaluate((el) => {
    const top = el.getBoundingClientRect().top;
    let pane: Element | null = el;
    while (pane && !pane.classList.contains('conversation')) {
      pane = pane.parentElement ?? (pane.getRootNode() as ShadowRoot).host ?? null;
    }
    const seen = pane?.getBoundingClientRect() ?? { top: 0, bottom: innerHeight };
    return top >= Math.max(0, seen.top) - 1 && top < Math.min(innerHeight, seen.bottom);
  });
}

describe('Ask: in sight after asking', () => {
  const bed = askTestbed();

  it('a key Gemini answers with goes behind Settings, Check key or not, and the answer shows', async () => {
    bed.fake.reset();
    const context = await bed.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const { errors, view } = await openAsk(context, bed.fake.url);
    await pickSample(view, 'Sample: stock index chart');
    bed.fake.queue(answerReply('A line chart of an index, rising over ninety years.'));
    await view.getByLabel('Prompt').fill('What is this?');
    await view.getByRole('button', { name: 'Ask', exact: true }).click();
    await view.locator('.answer[data-state="done"]').waitFor();
    await view.getByRole('button', { name: 'Settings', exact: true }).waitFor();
    expect(await view.getByLabel('Gemini API key').count()).toBe(0);
    await expect.poll(() => inSight(view.getByRole('region', { name: 'Answer' }))).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('says "More below" when a short answer under a tall question ends below the pane', async () => {
    const { context, page, errors, view } = await askAtLength(bed, { width: 1280, height: 800 });
    await view.locator('.answer[data-state="done"]').waitFor();
    // The person scrolls back up through the long first answer before asking again: where
    // they left the pane holds for that answer only, not for the next question.
    const pane = view.locator('.conversation');
    await pane.hover();
    await page.mouse.wheel(0, -400);
    await expect.poll(() => pane.evaluate((el) => el.scrollTop)).toBeLessThan(-100);
    // A question pasted in at length, and a one-line answer.
    bed.fake.queue(answerReply('Yes, a line chart.'));
    await view.getByLabel('Prompt').fill('Is it a line chart? '.repeat(32).trim());
    await view.getByRole('button', { name: 'Ask', exact: true }).click();
    const answer = view.getByRole('region', { name: 'Answer' });
    await expect.poll(() => answer.innerText()).toContain('Yes, a line chart.');
    await view.locator('ask-answer[slot=live] .answer[data-rendered="markdown"]').waitFor();
    // The question starts at the pane's top and the answer's end is below the pane's bottom
    // edge (the case this test makes): "More below" says so, and takes the pane there.
    const question = view.getByText(/^Is it a line chart\?/);
    await expect
      .poll(() => topInSight(question), {
        message: 'the new question starts at the top, though the person scrolled the last answer',
      })
      .toBe(true);
    expect(await inSight(answer)).toBe(false);
    const more = view.getByRole('button', { name: 'More below' });
    await more.click();
    await expect.poll(() => inSight(answer)).toBe(true);
    await expect.poll(() => more.isVisible()).toBe(false);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("keeps a complete answer's Copy and Retry clear of the fade when the pane is nearly full", async () => {
    const { context, view, errors } = await openAskWithKey(bed, { width: 1280, height: 800 });
    // The README's conversation: its second answer, under its question, ends at the pane's
    // bottom edge, where the fade and "More below" drew Copy and Retry as if disabled.
    await askTheReadmeConversation(view, bed.fake);
    const live = view.locator('ask-answer[slot=live]');
    await live.locator('.answer[data-rendered="markdown"]').waitFor();
    const copy = live.getByRole('button', { name: 'Copy', exact: true });
    const retry = live.getByRole('button', { name: 'Retry', exact: true });
    await retry.waitFor();
    for (const button of [copy, retry]) {
      await expect.poll(() => inSight(button)).toBe(true);
      expect(await clearOfCue(button)).toBe(true);
    }
    // The whole answer is read from its first line, and its question's words are still there,
    // with Edit (only the question's "You" may go under the pane's top fade).
    const answer = view.getByRole('region', { name: 'Answer' });
    expect(await topInSight(answer)).toBe(true);
    expect(await inSight(answer.getByText('The steepest falls on the chart:'))).toBe(true);
    const edit = view.getByRole('list', { name: 'Conversation' }).getByRole('button', {
      name: 'Edit',
    });
    expect(await inSight(edit)).toBe(true);
    const words = view.getByText('When were the biggest falls?', { exact: true });
    expect(await inSight(words)).toBe(true);
    expect(errors.filter((e) => e.startsWith('pageerror'))).toEqual([]);
    await context.close();
  });

  it('shows that a Find was stopped, what it had found and Retry, in sight', async () => {
    const { context, view, errors } = await openAskWithKey(bed, { width: 1280, height: 800 });
    await givePicture(view, 'png');
    await stopFindPartWay(view, bed.fake);
    const stopped = view.getByTestId('stopped');
    const answer = view.getByRole('region', { name: 'Answer' });
    const words = answer.getByText('Stopped before the end: 1 found for “the shapes” so far:');
    await words.waitFor();
    await view.locator('ask-answer[slot=live] .answer[data-rendered="markdown"]').waitFor();
    // That it stopped, what it had found and Retry are all in sight, with no scrolling.
    await expect.poll(() => inSight(words)).toBe(true);
    await expect.poll(() => inSight(answer.getByRole('listitem'))).toBe(true);
    expect(await inSight(stopped)).toBe(true);
    const retry = view.locator('ask-answer[slot=live]').getByRole('button', { name: 'Retry' });
    expect(await inSight(retry)).toBe(true);
    // …and Retry is drawn in full: not under the pane's bottom fade (it looked disabled
    // there), nor under or beside "More below".
    expect(await clearOfCue(retry)).toBe(true);
    expect(errors.filter((e) => e.startsWith('pageerror'))).toEqual([]);
    await context.close();
  });

  it('shows what a stopped Find had found, from its first line, in a short phone window', async () => {
    // 360 × 440 (a phone held sideways, or with its keyboard up) has no room for the answer,
    // its Retry and the composer: the pane kept "Stopped: the answer above is partial." in
    // sight and the page the composer, and the line saying what had been found went above both.
    const { context, view, errors } = await openAskWithKey(bed, { width: 360, height: 440 });
    await givePicture(view, 'png');
    await stopFindPartWay(view, bed.fake);
    const answer = view.getByRole('region', { name: 'Answer' });
    const words = answer.getByText('Stopped before the end: 1 found for “the shapes” so far:');
    await words.waitFor();
    await view.locator('ask-answer[slot=live] .answer[data-rendered="markdown"]').waitFor();
    await expect.poll(() => inSight(words), { message: 'what the Find had found' }).toBe(true);
    expect(await inSight(answer.getByRole('listitem')), 'the box it had found').toBe(true);
    expect(errors.filter((e) => e.startsWith('pageerror'))).toEqual([]);
    await context.close();
  });

  it('shows a failure taller than the pane from its first line, on a phone', async () => {
    // After a long answer, the next question fails with a message longer than a phone's
    // pane has room for: what went wrong is read first, so its title is in sight (Retry a
    // scroll away), not scrolled above the pane to bring Retry up.
    const { context, errors, view } = await askAtLength(bed, { width: 360, height: 520 });
    await view.locator('.answer[data-state="done"]').waitFor();
    bed.fake.queue(fixtureReply('googleai/unary-failure-unknown-model.json'));
    await view.getByLabel('Prompt').fill('And the axis labels?');
    await view.getByRole('button', { name: 'Ask', exact: true }).click();
    const alert = view.locator('ask-answer[slot=live]').getByRole('alert');
    const title = alert.getByText('Model not available');
    await title.waitFor();
    expect(await inSight(alert), 'the whole failure fits (then this test shows nothing)').toBe(
      false,
    );
    await expect
      .poll(() => topInSight(title), { message: "the failure's title, at the pane's top" })
      .toBe(true);
    expect(errors.filter((e) => e.startsWith('pageerror'))).toEqual([]);
    await context.close();
  });

  it('shows why a long answer broke off, with Retry, in sight under the partial answer', async () => {
    // A long answer (several screens), its connection cut part-way. The cut waits until the
    // partial answer is on screen: a browser drops bytes it has not yet handed to the page when
    // the connection breaks, which once left this answer empty under load.
    const { context, errors, view } = await askAtLength(
      bed,
      { width: 1280, height: 800 },
      fixtureReply('googleai/streaming-success-basic-reply-long.txt', {
        pauseAt: 6000,
        cutAt: 6000,
      }),
    );
    await bed.fake.paused();
    const region = view.getByRole('region', { name: 'Answer' });
    await expect.poll(async () => (await region.innerText()).length).toBeGreaterThan(500);
    bed.fake.release();
    const alert = view.locator('ask-answer').getByRole('alert');
    await alert.getByText('The answer was cut short').waitFor();
    // The partial answer stays after the cut.
    expect((await region.innerText()).length).toBeGreaterThan(500);
    await expect.poll(() => inSight(alert)).toBe(true);
    expect(await alert.getByRole('button', { name: 'Retry' }).isVisible()).toBe(true);
    // The browser logs the cut connection itself; the page throws nothing.
    expect(errors.filter((e) => e.startsWith('pageerror'))).toEqual([]);
    await context.close();
  });
});
