/**
 * The pieces of Ask together (issues 8, 9, 11), in Chromium against the fake Gemini server and
 * the built-in model stand-in: a Find turn saved in History is drawn again when reopened
 * after a reload; the device model's answers are saved, reopened, continued from a seeded
 * session and exported; a Find's export shows its answer; Find on the device model is refused
 * plainly with the question kept; and offline, History reopens a conversation with its boxes
 * and the device model answers a follow-up.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { FIND_MESSAGES } from '../../src/lib/boxes/messages.ts';
import { askOnDevice, askTestbed, answer, openAsk, pickSample } from './ask-support.ts';
import {
  answerReply,
  askAndWait,
  generateBodies,
  openHistory,
  savedConversations,
} from './ask-history-support.ts';
import {
  BOXES,
  SHAPES,
  boxPlacement,
  boxReply,
  find,
  givePicture,
  near,
} from './ask-find-support.ts';
import {
  configure,
  installStandIn,
  standInLog,
  type StandInLog,
} from './built-in-model-stand-in.ts';

const DEVICE = 'On this device (Gemini Nano)';
const SAMPLE = 'Sample: stock index chart';
const FIRST = 'Explain what you see in this image.';
const ANSWER = 'The chart shows **a stock index** rising over the year.';

const bed = askTestbed();

/** Every box drawn within 1 CSS px of its place, over its own colour where it is on screen. */
async function expectBoxesInPlace(view: Locator): Promise<void> {
  await view.getByRole('button', { name: `Box: ${SHAPES[0].label}` }).waitFor();
  await view.locator('ask-stage .viewport').scrollIntoViewIfNeeded();
  // Polled: a stage just given its image lays it out once the image has decoded.
  await expect
    .poll(async () => Math.max(...(await boxPlacement(view.page(), view)).errors))
    .toBeLessThanOrEqual(1);
  const { colours } = await boxPlacement(view.page(), view);
  const seen = colours.filter((c, i) => c && near(c, SHAPES[i].colour));
  expect(seen.length, `box centres over their shapes: ${JSON.stringify(colours)}`).toBe(
    colours.filter(Boolean).length,
  );
  expect(seen.length).toBeGreaterThan(0);
}

/** Ask the device model (`prompt`, unless undefined) and wait until that answer has ended well. */
async function askDevice(page: Page, view: Locator, prompt?: string): Promise<StandInLog> {
  const log = await askOnDevice(page, view, prompt);
  expect(await answer(view).getAttribute('data-state')).toBe('done');
  return log;
}

/** Open the saved conversation titled `title` from the History panel. */
async function reopen(view: Locator, title: string): Promise<void> {
  const dialog = await openHistory(view);
  await dialog.getByRole('button', { name: title }).click();
  await dialog.waitFor({ state: 'detached' });
  await view.getByRole('list', { name: 'Conversation' }).waitFor();
}

/** Press Export; the downloaded file's HTML, and its text as Chromium shows it. */
async function exported(page: Page, view: Locator): Promise<{ html: string; text: string }> {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    view.getByRole('button', { name: 'Export', exact: true }).click(),
  ]);
  const html = await readFile((await file.path())!, 'utf8');
  const shown = await page.context().newPage();
  await shown.setContent(html);
  const text = await shown.locator('body').innerText();
  await shown.close();
  return { html, text };
}

/** A Find for "the shapes" in the 12 MP picture, answered with the three boxes. */
async function findShapes(context: BrowserContext) {
  const opened = await openAsk(context, bed.fake.url);
  await givePicture(opened.view, 'png');
  bed.fake.queue(boxReply(JSON.stringify(BOXES)));
  await find(opened.view, bed.fake, 'the shapes');
  await expectBoxesInPlace(opened.view);
  await savedConversations(opened.page, 1);
  return opened;
}

describe('Ask: History, Find, the device model and export together', () => {
  it('a Find turn saved in History draws its boxes again when the conversation comes back after a reload', async () => {
    bed.fake.reset();
    const context = await bed.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const { page, view, errors } = await findShapes(context);

    await page.reload();
    await view.getByRole('list', { name: 'Conversation' }).waitFor();
    expect(await view.getByText('Find: the shapes').count()).toBeGreaterThan(0);
    await expectBoxesInPlace(view);
    const list = view.getByRole('list', { name: 'Found in the image' });
    expect(await list.getByRole('button').allInnerTexts()).toEqual(SHAPES.map((s) => s.label));
    // The stage's image is the Find's, already in its turn: it is not added to the next
    // question, and a follow-up carries it once, in the first turn, as first sent.
    expect(await view.getByRole('list', { name: 'Images for this question' }).count()).toBe(0);
    const findImage = generateBodies(bed.fake)[0].contents[0].parts.find((p) => p.inlineData);
    bed.fake.queue(answerReply('Three shapes.'));
    await askAndWait(view, bed.fake, 'How many are there?');
    const followUp = generateBodies(bed.fake).at(-1)!.contents;
    expect(followUp.map((c) => c.role)).toEqual(['user', 'model', 'user']);
    expect(followUp[0].parts.filter((p) => p.inlineData)).toEqual([findImage]);
    expect(followUp[2].parts).toEqual([{ text: 'How many are there?' }]);
    await expectBoxesInPlace(view);

    // Opened from History after "New conversation", the same.
    await view.getByRole('button', { name: 'New conversation' }).click();
    await reopen(view, 'Find: the shapes');
    await expectBoxesInPlace(view);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('device answers are saved with their images, reopened, continued from a seeded session, and exported', async () => {
    const context = await bed.browser.newContext({ acceptDownloads: true });
    await installStandIn(context);
    const { page, view, errors } = await openAsk(context);
    await view.getByRole('radio', { name: DEVICE }).check();
    await pickSample(view, SAMPLE);
    const first = await askDevice(page, view);
    const sent = first.prompts[0].images;
    expect(sent).toHaveLength(1);
    const [saved] = (await savedConversations(page, 1)).conversations;
    expect(saved).toMatchObject({ title: FIRST, turns: 2, lastState: 'done' });

    // After a reload, the conversation is back with its image, and a follow-up on the device
    // model goes to a new session seeded with the first turn (the same image bytes).
    await page.reload();
    const turns = view.getByRole('list', { name: 'Conversation' });
    await turns.waitFor();
    await expect
      .poll(() =>
        turns
          .getByRole('img', { name: /Image 1 of this question/ })
          .evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0),
      )
      .toBe(true);
    await view.getByRole('radio', { name: DEVICE }).check();
    await configure(page, { chunks: ['It goes ', 'up.'] });
    const log = await askDevice(page, view, 'Which way does the line go?');
    expect(log.creates.at(-1)?.initialPrompts).toEqual([
      { role: 'user', texts: [FIRST], images: sent },
      { role: 'assistant', texts: [ANSWER], images: [] },
    ]);
    expect(log.prompts.at(-1)).toMatchObject({
      texts: ['Which way does the line go?'],
      images: [],
    });
    await expect
      .poll(async () => (await savedConversations(page, 1)).conversations[0].turns)
      .toBe(4);

    // Reopened from History after "New conversation", then exported: both device answers,
    // rendered, under "On this device", with the image inline.
    await view.getByRole('button', { name: 'New conversation' }).click();
    await reopen(view, FIRST);
    const { html, text } = await exported(page, view);
    expect(html).toContain('<strong>a stock index</strong>');
    expect(html).toMatch(/<img src="data:image\/[a-z]+;base64,/);
    expect(text).toContain('The chart shows a stock index rising over the year.');
    expect(text).toContain('It goes up.');
    expect(text).toContain('Which way does the line go?');
    expect(text.match(/On this device/g)).toHaveLength(2);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the export of a Find turn shows its question and the JSON answer with every box', async () => {
    bed.fake.reset();
    const context = await bed.browser.newContext({
      viewport: { width: 1280, height: 900 },
      acceptDownloads: true,
    });
    const { page, view, errors } = await findShapes(context);
    const { html, text } = await exported(page, view);
    expect(text).toContain('Find: the shapes');
    expect(html).toMatch(/<img src="data:image\/[a-z]+;base64,/);
    // The answer as Gemini gave it: the JSON list, every label and its box, readable.
    const json = text.slice(text.indexOf('['), text.lastIndexOf(']') + 1);
    expect(JSON.parse(json)).toEqual(BOXES);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('Find with the device model is refused in plain words, and the question and image stay', async () => {
    bed.fake.reset();
    const context = await bed.browser.newContext({ viewport: { width: 1280, height: 900 } });
    await installStandIn(context);
    const { page, view, errors } = await openAsk(context, bed.fake.url);
    await givePicture(view, 'png');
    await view.getByRole('radio', { name: DEVICE }).check();
    await view.getByLabel('Prompt').fill('What colour is the bar?');
    await view.getByLabel('What to find').fill('the bar');
    await view.getByRole('button', { name: 'Find', exact: true }).click();
    const alert = view.getByRole('alert').filter({ hasText: FIND_MESSAGES.onDevice });
    await alert.waitFor();
    // It says what cannot be done, why, and the option to choose, by its label.
    expect(await alert.innerText()).toMatch(/Find needs Gemini/);
    expect(await alert.innerText()).toContain('Gemini, with your API key');
    expect(await view.getByLabel('Prompt').inputValue()).toBe('What colour is the bar?');
    expect(await view.getByLabel('What to find').inputValue()).toBe('the bar');
    expect(await view.getByTestId('image-facts').innerText()).toContain('shapes.png');
    expect(await view.getByRole('list', { name: 'Conversation' }).count()).toBe(0);
    expect(bed.fake.requests.filter((r) => r.action === 'streamGenerateContent')).toEqual([]);
    expect((await standInLog(page)).prompts).toEqual([]);

    // Back on Gemini, the same Find goes and draws its boxes.
    await view.getByRole('radio', { name: 'Gemini, with your API key' }).check();
    bed.fake.queue(boxReply(JSON.stringify(BOXES)));
    await find(view, bed.fake, 'the bar');
    await expectBoxesInPlace(view);
    expect(await alert.count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('offline: History opens, a saved conversation draws its boxes, the device model answers a follow-up', async () => {
    bed.fake.reset();
    const context = await bed.browser.newContext({ viewport: { width: 1280, height: 900 } });
    await installStandIn(context);
    const { page, view, errors } = await findShapes(context);
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Ready to work offline' }).count(), {
        timeout: 30_000,
      })
      .toBe(1);
    await view.getByRole('button', { name: 'New conversation' }).click();
    await page.reload();
    await view.getByLabel('Prompt').waitFor();

    const tried: string[] = [];
    page.on('requestfailed', (r) => tried.push(r.url()));
    await context.setOffline(true);
    // The network really is gone (probed from another page, whose failure logs nothing here).
    const probe = await context.newPage();
    expect(
      await probe.goto(bed.fake.url).then(
        () => 'reached',
        () => 'failed',
      ),
    ).toBe('failed');
    await probe.close();
    await reopen(view, 'Find: the shapes');
    await expectBoxesInPlace(view);

    await view.getByRole('radio', { name: DEVICE }).check();
    await configure(page, { chunks: ['Three ', 'shapes.'] });
    const log = await askDevice(page, view, 'How many shapes are there?');
    // Seeded with the Find turn: its image, and the JSON answer as Gemini gave it.
    const seeded = log.creates.at(-1)!.initialPrompts;
    expect(seeded.map((m) => m.role)).toEqual(['user', 'assistant']);
    expect(seeded[0].images).toHaveLength(1);
    expect(JSON.parse(seeded[1].texts.join(''))).toEqual(BOXES);
    expect(await answer(view).innerText()).toBe('Three shapes.');
    // Nothing in the page tried the network (not even to count the stage image's tokens).
    expect(tried).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
