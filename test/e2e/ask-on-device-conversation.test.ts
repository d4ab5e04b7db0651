/**
 * The model on this device in the conversation (Prompt API stand-in, and the fake Gemini
 * server where Gemini answers too): a follow-up continues the session that holds the earlier
 * turns (image included); Retry, Edit, Copy and New conversation work on its answers; Stop
 * leaves the partial answer as a turn the follow-up carries; switching between Gemini and the
 * device model keeps one conversation, each given the other's answers; a conversation too
 * long for the device model says so and offers a fresh start with the question kept.
 */
import { describe, expect, it } from 'vitest';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import {
  askOnDevice,
  askTestbed,
  answer,
  alertText,
  openAsk,
  pickSample,
  sse,
  textEvent,
} from './ask-support.ts';
import {
  configure,
  installStandIn,
  standInLog,
  type StandInConfig,
} from './built-in-model-stand-in.ts';

const DEVICE = 'On this device (Gemini Nano)';
const GEMINI = 'Gemini, with your API key';
const SAMPLE = 'Sample: stock index chart';
const FIRST = 'Explain what you see in this image.';
const ANSWER = 'The chart shows **a stock index** rising over the year.';

interface Body {
  contents: { role: string; parts: { text?: string; inlineData?: { data: string } }[] }[];
}

/** The Ask view with the stand-in model installed, and the fake Gemini's address if given. */
async function open(
  context: BrowserContext,
  config: Partial<StandInConfig> = {},
  baseUrl?: string,
): Promise<{ page: Page; errors: string[]; view: Locator }> {
  await installStandIn(context, config);
  return openAsk(context, baseUrl);
}

function conversation(view: Locator): Locator {
  return view.getByRole('list', { name: 'Conversation' });
}

/** The questions on screen, in order (each list item of the conversation that says "You"). */
async function questions(view: Locator): Promise<string[]> {
  // Text content, not innerText: turns out of sight skip layout (content-visibility: auto),
  // and innerText of a skipped turn is empty though its text is there.
  const items = conversation(view).locator('li.you p');
  return (await items.allTextContents()).map((t) => t.trim());
}

/**
 * Scroll the conversation back to its first turn, as a person reading back would (on a wide
 * screen its pane opens at the newest answer), and wait until the earlier answers' lines are
 * drawn: out of sight they skip layout (content-visibility: auto), their innerText empty.
 */
async function showEarlierAnswers(view: Locator): Promise<void> {
  await conversation(view).locator('li').first().scrollIntoViewIfNeeded();
  const lines = conversation(view).locator('ask-answer[past] p.status');
  await expect.poll(async () => (await lines.allInnerTexts()).every(Boolean)).toBe(true);
}

describe('Ask on this device: the conversation', () => {
  const bed = askTestbed();

  it('a follow-up continues the same session, which holds the first turn and its image', async () => {
    const context = await bed.browser.newContext();
    const { page, errors, view } = await open(context);
    await view.getByRole('radio', { name: DEVICE }).check();
    await pickSample(view, SAMPLE);
    await askOnDevice(page, view, undefined);
    await configure(page, { chunks: ['It goes ', 'up.'] });
    const log = await askOnDevice(page, view, 'Which way does the line go?');

    expect(log.creates).toHaveLength(1);
    expect(log.prompts).toHaveLength(2);
    const [first, second] = log.prompts;
    expect(first.session).toBe(1);
    expect(first.images).toHaveLength(1);
    // The follow-up goes to the same session; the image is not sent again, yet the session
    // holds it in the first turn, with the first answer as the model said it.
    expect(second).toMatchObject({ session: 1, texts: ['Which way does the line go?'] });
    expect(second.images).toEqual([]);
    expect(second.history).toEqual([
      { role: 'user', texts: [FIRST], images: first.images },
      { role: 'assistant', texts: [ANSWER], images: [] },
    ]);
    expect(second.history[0].images[0].size).toBeGreaterThan(1000);
    expect(log.destroyed).toBe(0);

    // On screen, one conversation: both questions (the first with its thumbnail), the first
    // answer as an earlier answer with its line, the newest as the answer.
    expect(await questions(view)).toEqual([FIRST, 'Which way does the line go?']);
    expect(
      await conversation(view)
        .getByRole('img', { name: /Image 1 of this question/ })
        .count(),
    ).toBe(1);
    const earlier = conversation(view).getByRole('article', { name: 'Earlier answer' });
    expect(await earlier.innerText()).toBe('The chart shows a stock index rising over the year.');
    const lines = await conversation(view).locator('ask-answer[past] p.status').allInnerTexts();
    // One line of facts, each said once (not a context line and a time line).
    expect(lines).toEqual([
      expect.stringMatching(/^On this device · Context used: \d+ of 9216 tokens · \d+\.\d s$/),
    ]);
    expect(await answer(view).innerText()).toBe('It goes up.');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('Retry and Edit answer again in place, from a session seeded with the turns before; Copy; New conversation lets the session go', async () => {
    const context = await bed.browser.newContext();
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const { page, errors, view } = await open(context);
    await view.getByRole('radio', { name: DEVICE }).check();
    await pickSample(view, SAMPLE);
    await askOnDevice(page, view, undefined);
    await configure(page, { chunks: ['It goes ', 'up.'] });
    await askOnDevice(page, view, 'Which way does the line go?');

    // Retry the newest answer: its question is asked again, in a new session that holds the
    // first turn (its image as the same Blob bytes) and the first answer.
    await configure(page, { chunks: ['It *rises*.'] });
    let log = await askOnDevice(page, view, undefined, 'Retry');
    expect(log.creates).toHaveLength(2);
    const firstImages = log.prompts[0].images;
    expect(log.creates[1].initialPrompts).toEqual([
      { role: 'user', texts: [FIRST], images: firstImages },
      { role: 'assistant', texts: [ANSWER], images: [] },
    ]);
    expect(log.prompts[2]).toMatchObject({
      session: 2,
      texts: ['Which way does the line go?'],
      images: [],
    });
    // The session that had the old answer is gone.
    expect(log.destroyed).toBe(1);
    expect(await questions(view)).toEqual([FIRST, 'Which way does the line go?']);
    expect(await answer(view).innerText()).toBe('It rises.');

    // Copy gives the answer's Markdown.
    await view
      .locator('ask-answer[slot="live"]')
      .getByRole('button', { name: 'Copy', exact: true })
      .click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('It *rises*.');

    // Edit the last question: it is sent in place of the old one, again seeded.
    await conversation(view).getByRole('button', { name: 'Edit' }).click();
    expect(await view.getByLabel('Prompt').inputValue()).toBe('Which way does the line go?');
    await configure(page, { chunks: ['Up and to the right.'] });
    log = await askOnDevice(page, view, 'Which way, in one word?');
    expect(log.creates).toHaveLength(3);
    expect(log.creates[2].initialPrompts.map((m) => m.role)).toEqual(['user', 'assistant']);
    expect(log.prompts[3]).toMatchObject({ session: 3, texts: ['Which way, in one word?'] });
    expect(await questions(view)).toEqual([FIRST, 'Which way, in one word?']);
    expect(await answer(view).innerText()).toBe('Up and to the right.');

    // New conversation: the kept session is destroyed, and the next question starts alone,
    // with the image on the stage.
    const destroyed = log.destroyed;
    await view.getByRole('button', { name: 'New conversation', exact: true }).click();
    await expect.poll(async () => (await standInLog(page)).destroyed).toBe(destroyed + 1);
    expect(await conversation(view).count()).toBe(0);
    log = await askOnDevice(page, view, 'What is the title?');
    expect(log.creates.at(-1)?.initialPrompts).toEqual([]);
    expect(log.prompts.at(-1)).toMatchObject({ texts: ['What is the title?'], history: [] });
    expect(log.prompts.at(-1)?.images).toEqual(firstImages);
    expect(await questions(view)).toEqual(['What is the title?']);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('Stop keeps the partial answer as a turn, and the follow-up carries it', async () => {
    const context = await bed.browser.newContext();
    const chunks = Array.from({ length: 40 }, (_, i) => `word${i} `);
    const { page, view } = await open(context, { chunks, chunkDelayMs: 150 });
    await view.getByRole('radio', { name: DEVICE }).check();
    await pickSample(view, SAMPLE);
    await view.getByRole('button', { name: 'Ask', exact: true }).click();
    await expect.poll(() => answer(view).innerText()).toMatch(/word2/);
    await view.getByRole('button', { name: 'Stop' }).click();
    await expect.poll(() => answer(view).getAttribute('data-state')).toBe('stopped');
    const partial = (await answer(view).innerText()).trim();
    expect(partial).not.toMatch(/word39/);

    // A stopped prompt leaves no trace in its session (the explainer's "Aborting a specific
    // prompt"), so the follow-up goes to a new session seeded with the partial answer.
    await configure(page, { chunks: ['Fine.'], chunkDelayMs: 20 });
    const log = await askOnDevice(page, view, 'Go on.');
    expect(log.aborted).toBe(1);
    expect(log.creates).toHaveLength(2);
    const seeded = log.creates[1].initialPrompts;
    expect(seeded.map((m) => m.role)).toEqual(['user', 'assistant']);
    expect(seeded[1].texts.join('').trim()).toBe(partial);
    expect(log.prompts[1]).toMatchObject({ session: 2, texts: ['Go on.'] });
    expect(await questions(view)).toEqual([FIRST, 'Go on.']);
    await context.close();
  });

  it('Gemini → this device → Gemini: one conversation, each given the other’s answers', async () => {
    bed.fake.reset();
    const context = await bed.browser.newContext();
    const { page, errors, view } = await open(context, {}, bed.fake.url);
    await pickSample(view, SAMPLE);
    bed.fake.queue({
      contentType: 'text/event-stream',
      body: sse(textEvent('It is a line chart.', 'STOP')),
    });
    await view.getByRole('button', { name: 'Ask', exact: true }).click();
    await expect.poll(() => answer(view).getAttribute('data-state')).toBe('done');

    // The device model is seeded with Gemini's turn: the question with its image, the answer.
    await view.getByRole('radio', { name: DEVICE }).check();
    const log = await askOnDevice(page, view, 'What does the line show?');
    expect(log.creates).toHaveLength(1);
    expect(log.creates[0].initialPrompts).toEqual([
      { role: 'user', texts: [FIRST], images: [expect.objectContaining({ blob: true })] },
      { role: 'assistant', texts: ['It is a line chart.'], images: [] },
    ]);
    expect(log.prompts[0]).toMatchObject({ texts: ['What does the line show?'], images: [] });

    // Back on Gemini: the whole conversation goes, the device's answer as a model text turn.
    await view.getByRole('radio', { name: GEMINI }).check();
    bed.fake.queue({
      contentType: 'text/event-stream',
      body: sse(textEvent('Yes.', 'STOP')),
    });
    await view.getByLabel('Prompt').fill('Is it rising?');
    await view.getByRole('button', { name: 'Ask', exact: true }).click();
    await expect
      .poll(() => bed.fake.requests.filter((r) => r.action === 'streamGenerateContent').length)
      .toBe(2);
    await expect.poll(() => answer(view).innerText()).toBe('Yes.');
    const [first, third] = bed.fake.requests
      .filter((r) => r.action === 'streamGenerateContent')
      .map((r) => r.body as Body);
    expect(third.contents.map((c) => c.role)).toEqual(['user', 'model', 'user', 'model', 'user']);
    expect(third.contents[0]).toEqual(first.contents[0]);
    expect(third.contents[1].parts).toEqual([{ text: 'It is a line chart.' }]);
    expect(third.contents[2].parts).toEqual([{ text: 'What does the line show?' }]);
    expect(third.contents[3].parts).toEqual([{ text: ANSWER }]);
    expect(third.contents[4].parts).toEqual([{ text: 'Is it rising?' }]);
    // Nothing was sent to Gemini while the device model answered.
    expect(bed.fake.requests.filter((r) => r.action === 'streamGenerateContent')).toHaveLength(2);

    // On screen: one conversation, the device's answer saying where it came from.
    expect(await questions(view)).toEqual([FIRST, 'What does the line show?', 'Is it rising?']);
    await showEarlierAnswers(view);
    const lines = await conversation(view).locator('ask-answer[past] p.status').allInnerTexts();
    // Each earlier answer has one line of facts: Gemini's names its model, the device's says
    // where it came from and the context it used.
    expect(lines).toEqual([
      expect.stringMatching(/^gemini-flash-latest · \d+\.\d s$/),
      expect.stringMatching(/^On this device · Context used: \d+ of 9216 tokens · \d+\.\d s$/),
    ]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('too long for the device model (QuotaExceededError): says so, offers a fresh start, keeps the question', async () => {
    bed.fake.reset();
    const context = await bed.browser.newContext();
    // A window that holds the image and a question, but not Gemini's long answer as well.
    const { page, errors, view } = await open(context, { contextWindow: 1000 }, bed.fake.url);
    await pickSample(view, SAMPLE);
    const long = 'The index climbs steadily. '.repeat(160);
    bed.fake.queue({ contentType: 'text/event-stream', body: sse(textEvent(long, 'STOP')) });
    await view.getByRole('button', { name: 'Ask', exact: true }).click();
    await expect.poll(() => answer(view).getAttribute('data-state')).toBe('done');

    await view.getByRole('radio', { name: DEVICE }).check();
    let log = await askOnDevice(page, view, 'Summarise that in a line.');
    expect(log.creates[0].outcome).toBe('QuotaExceededError');
    const said = await alertText(view);
    expect(said).toMatch(/Too long for the model on this device/);
    expect(said).toMatch(/context window/);
    expect(said).toMatch(/New conversation/);
    expect(await view.getByLabel('Prompt').inputValue()).toBe('Summarise that in a line.');
    expect(await view.getByTestId('image-facts').innerText()).toMatch(/\d+ × \d+ px/);

    // "New conversation with this image": the question alone, with the image, answers.
    await view.getByRole('button', { name: 'New conversation with this image' }).click();
    await expect.poll(async () => (await standInLog(page)).prompts.length).toBe(1);
    await expect.poll(() => answer(view).getAttribute('data-state')).toBe('done');
    log = await standInLog(page);
    expect(log.creates.at(-1)?.initialPrompts).toEqual([]);
    expect(log.prompts[0]).toMatchObject({ texts: ['Summarise that in a line.'] });
    expect(log.prompts[0].images).toHaveLength(1);
    expect(await questions(view)).toEqual(['Summarise that in a line.']);
    expect(
      await view.getByRole('button', { name: 'New conversation with this image' }).count(),
    ).toBe(0);
    expect(errors.filter((e) => e.startsWith('pageerror'))).toEqual([]);
    await context.close();
  });
});
