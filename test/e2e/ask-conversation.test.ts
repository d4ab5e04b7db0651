/**
 * The Ask conversation against the fake Gemini server: a follow-up sends the whole
 * conversation (roles, images in their turns, the model's parts as received with their
 * thoughtSignature, never its thought summaries), Retry and Edit send in place, and
 * "New conversation" starts afresh.
 */
import { describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import {
  fixtureReply,
  readFixture,
  type FakeGemini,
  type FakeReply,
} from '../support/fake-gemini.ts';
import { join } from 'node:path';
import { axeFindings } from './a11y-support.ts';
import {
  answerSettled,
  askIsBack,
  askTestbed,
  openAsk,
  pickSample,
  sampleBytes,
  sse,
  textEvent,
} from './ask-support.ts';

const SIGNED = 'googleai/streaming-success-thinking-function-call-thought-summary-signature.txt';

interface Part {
  text?: string;
  thought?: boolean;
  thoughtSignature?: string;
  inlineData?: { mimeType: string; data: string };
  [field: string]: unknown;
}
interface Body {
  contents: { role: string; parts: Part[] }[];
}

/** A streamed reply made of these SSE events. */
const stream = (body: string): FakeReply => ({ contentType: 'text/event-stream', body });

/** Every part of every event of a fixture, as the file has them. */
function fixtureParts(name: string): Part[] {
  return readFixture(name)
    .toString('utf8')
    .split(/\r?\n/)
    .filter((l) => l.startsWith('data: '))
    .flatMap(
      (l) =>
        (JSON.parse(l.slice(6)) as { candidates?: { content?: { parts?: Part[] } }[] })
          .candidates?.[0]?.content?.parts ?? [],
    );
}

/** Press Ask (or `button`) and wait until the answer it asked for has ended, whatever way. */
async function askAndWait(
  view: Locator,
  fake: FakeGemini,
  prompt: string | undefined,
  button = 'Ask',
): Promise<void> {
  if (prompt !== undefined) await view.getByLabel('Prompt').fill(prompt);
  const sent = fake.requests.filter((r) => r.action === 'streamGenerateContent').length;
  await view.getByRole('button', { name: button, exact: true }).click();
  await fake.waitForRequests(1);
  await expect
    .poll(() => fake.requests.filter((r) => r.action === 'streamGenerateContent').length)
    .toBe(sent + 1);
  await answerSettled(view);
}

describe('Ask: a conversation about images', () => {
  const bed = askTestbed();

  it('a follow-up carries the earlier turns: roles, the image in its turn, signatures as received', async () => {
    bed.fake.reset();
    // A phone's width, so the stacked layout is what axe checks below.
    const context = await bed.browser.newContext({ viewport: { width: 360, height: 800 } });
    const { errors, page, view } = await openAsk(context, bed.fake.url);
    await pickSample(view, 'Sample: stock index chart');
    bed.fake.queue(fixtureReply(SIGNED));
    await askAndWait(view, bed.fake, 'How many days until New Year?');
    bed.fake.queue(stream(sse(textEvent('It is a line chart.', 'STOP'))));
    await askAndWait(view, bed.fake, 'And what is in the picture?');

    const sent = bed.fake.requests
      .filter((r) => r.action === 'streamGenerateContent')
      .map((r) => r.body as Body);
    expect(sent).toHaveLength(2);
    const [first, second] = sent;
    // The first question: the image, then its text.
    expect(first.contents).toHaveLength(1);
    expect(first.contents[0].role).toBe('user');
    expect(first.contents[0].parts.map((p) => Object.keys(p)[0])).toEqual(['inlineData', 'text']);

    // The follow-up: user, model, user; the image stays in the first turn only.
    expect(second.contents.map((c) => c.role)).toEqual(['user', 'model', 'user']);
    expect(second.contents[0]).toEqual(first.contents[0]);
    expect(second.contents[0].parts[0].inlineData?.data).toBe(
      first.contents[0].parts[0].inlineData?.data,
    );
    expect(second.contents[2].parts).toEqual([{ text: 'And what is in the picture?' }]);

    // The model's turn: its parts as received, thought summaries left out (a signature on a
    // summary stays behind in an empty text part), every signature byte for byte.
    const received = fixtureParts(SIGNED);
    const expected = received.flatMap((p) =>
      p.thought !== true
        ? [p]
        : typeof p.thoughtSignature === 'string'
          ? [{ text: '', thoughtSignature: p.thoughtSignature }]
          : [],
    );
    const model = second.contents[1].parts;
    expect(model).toEqual(expected);
    const signatures = received.filter((p) => p.thoughtSignature).map((p) => p.thoughtSignature);
    expect(signatures.length).toBeGreaterThan(0);
    expect(model.filter((p) => p.thoughtSignature).map((p) => p.thoughtSignature)).toEqual(
      signatures,
    );
    expect(model.some((p) => p.thought === true)).toBe(false);
    const summary = received.find((p) => p.thought === true)?.text ?? '';
    expect(summary.length).toBeGreaterThan(0);
    expect(JSON.stringify(second)).not.toContain(summary.slice(0, 40));

    // On screen: both questions in order, the first with its thumbnail, the newest answer.
    const turns = view.getByRole('list', { name: 'Conversation' });
    const text = await turns.innerText();
    expect(text.indexOf('How many days until New Year?')).toBeLessThan(
      text.indexOf('And what is in the picture?'),
    );
    expect(await turns.getByRole('img', { name: /Image 1 of this question/ }).count()).toBe(1);
    expect(await view.getByRole('region', { name: 'Answer' }).innerText()).toContain(
      'It is a line chart.',
    );
    // Each answer has one line of facts, each said once. The earlier one: the model and the
    // tokens the recorded reply ends with (38 prompt, 168 thinking, 6 answer) and its time;
    // the newest (its made-up reply brings no usage, nor the version with it): the model
    // asked and the time, and nothing left over from the answer before.
    const factLines = (scope: Locator) =>
      scope
        .locator('p.status')
        .filter({ hasText: /tokens|gemini/ })
        .allInnerTexts();
    expect(await factLines(turns.locator('ask-answer[past]'))).toEqual([
      expect.stringMatching(
        /^gemini-2\.5-flash · 38 prompt \+ 168 thinking \+ 6 answer tokens · \d+\.\d s$/,
      ),
    ]);
    expect(await factLines(view.locator('ask-answer[slot=live]'))).toEqual([
      expect.stringMatching(/^gemini-flash-latest · \d+\.\d s$/),
    ]);
    // The conversation at 360 px: nothing axe can find, and no sideways scrolling.
    expect(await axeFindings(page)).toEqual([]);
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
    ).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('Retry and Edit send in place of the old turn; New conversation starts afresh', async () => {
    bed.fake.reset();
    const context = await bed.browser.newContext();
    const { errors, view } = await openAsk(context, bed.fake.url);
    await pickSample(view, 'Sample: hidden message');
    bed.fake.respondWith(stream(sse(textEvent('First answer.', 'STOP'))));
    await askAndWait(view, bed.fake, 'What does it say?');
    // Retry: the same question again, in place of its answer.
    bed.fake.respondWith(stream(sse(textEvent('Second try.', 'STOP'))));
    await view.getByRole('button', { name: 'Retry' }).click();
    await expect
      .poll(() => view.getByRole('region', { name: 'Answer' }).innerText())
      .toContain('Second try.');
    await expect.poll(() => askIsBack(view)).toBe(true);
    const bodies = () =>
      bed.fake.requests
        .filter((r) => r.action === 'streamGenerateContent')
        .map((r) => r.body as Body);
    expect(bodies()[1]).toEqual(bodies()[0]);
    expect(await view.getByText('First answer.').count()).toBe(0);

    // Edit: the last question changes, and is sent in place of the old one.
    await view.getByLabel('Prompt').fill('A draft');
    await view.getByRole('button', { name: 'Edit' }).click();
    expect(await view.getByLabel('Prompt').inputValue()).toBe('What does it say?');
    bed.fake.respondWith(stream(sse(textEvent('Edited answer.', 'STOP'))));
    await askAndWait(view, bed.fake, 'Read the hidden words.');
    const edited = bodies()[2];
    expect(edited.contents.map((c) => c.role)).toEqual(['user']);
    expect(edited.contents[0].parts.at(-1)).toEqual({ text: 'Read the hidden words.' });
    expect(edited.contents[0].parts[0].inlineData?.data.length).toBeGreaterThan(1000);
    expect(await view.getByText('What does it say?').count()).toBe(0);

    // New conversation: nothing earlier is sent; the image on the stage goes again.
    await view.getByRole('button', { name: 'New conversation' }).click();
    bed.fake.respondWith(stream(sse(textEvent('Fresh.', 'STOP'))));
    await askAndWait(view, bed.fake, 'Start again: what is it?');
    const fresh = bodies()[3];
    expect(fresh.contents).toHaveLength(1);
    expect(fresh.contents[0].parts.map((p) => Object.keys(p)[0])).toEqual(['inlineData', 'text']);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('"Image detail" and "Thinking" reach the request, Thinking in the field the model takes', async () => {
    bed.fake.reset();
    bed.fake.respondWith(stream(sse(textEvent('Detailed.', 'STOP'))));
    const context = await bed.browser.newContext();
    const { errors, view } = await openAsk(context, bed.fake.url);
    await pickSample(view, 'Sample: stock index chart');
    await view.getByLabel('Image detail').selectOption({ label: 'High' });
    // Before sending: what the image costs at each choice, counted by Gemini.
    await expect
      .poll(() => view.getByText(/The images cost Low \d+ · Medium \d+ · High \d+ tokens/).count())
      .toBe(1);
    const counted = bed.fake.requests
      .filter((r) => r.action === 'countTokens')
      .map(
        (r) =>
          (r.body as { generateContentRequest?: { generationConfig?: Record<string, unknown> } })
            .generateContentRequest?.generationConfig?.mediaResolution,
      );
    expect(counted).toEqual(
      expect.arrayContaining([
        'MEDIA_RESOLUTION_LOW',
        'MEDIA_RESOLUTION_MEDIUM',
        'MEDIA_RESOLUTION_HIGH',
      ]),
    );
    // Shown for a model that thinks (the default alias takes a token budget).
    await view.getByLabel('Thinking').selectOption({ label: 'Low' });
    expect(await view.getByText(/sent as a token budget \(thinkingBudget\)/).count()).toBe(1);
    await askAndWait(view, bed.fake, 'Read the axis labels.');

    // Gemini 3 takes a level instead.
    await view.getByLabel('Model').fill('gemini-3-pro-preview');
    await view.getByLabel('Model').press('Tab');
    await view.getByLabel('Image detail').selectOption({ label: 'Low' });
    await view.getByLabel('Thinking').selectOption({ label: 'High' });
    await askAndWait(view, bed.fake, 'And the title?');

    const sent = bed.fake.requests.filter((r) => r.action === 'streamGenerateContent');
    const config = (i: number) =>
      (sent[i].body as { generationConfig?: Record<string, unknown> }).generationConfig;
    expect(config(0)).toEqual({
      mediaResolution: 'MEDIA_RESOLUTION_HIGH',
      thinkingConfig: { thinkingBudget: 1024 },
    });
    expect(sent[1].path).toContain('gemini-3-pro-preview');
    expect(config(1)).toEqual({
      mediaResolution: 'MEDIA_RESOLUTION_LOW',
      thinkingConfig: { thinkingLevel: 'HIGH' },
    });

    // A model that does not think offers no Thinking control.
    await view.getByLabel('Model').fill('gemma-3-27b-it');
    await view.getByLabel('Model').press('Tab');
    await expect.poll(() => view.getByLabel('Thinking').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('two images in one question arrive as two inlineData parts, in the order shown', async () => {
    bed.fake.reset();
    bed.fake.respondWith(stream(sse(textEvent('Two pictures.', 'STOP'))));
    const context = await bed.browser.newContext();
    const { errors, view } = await openAsk(context, bed.fake.url);
    const samples = join(import.meta.dirname, '..', '..', 'public', 'samples');
    const names = ['stock-index-chart.png', 'hidden-message.png', 'contrastive-pretraining.png'];
    await view
      .getByLabel('Image', { exact: true })
      .setInputFiles(names.map((n) => join(samples, n)));
    const chips = view.getByRole('list', { name: 'Images for this question' });
    await expect.poll(() => chips.getByRole('listitem').count()).toBe(3);
    expect(await chips.innerText()).toMatch(/stock-index-chart\.png[^]*hidden-message\.png/);
    // The second of three goes: the other two keep their order.
    await chips.getByRole('button', { name: 'Remove image' }).nth(1).click();
    await expect.poll(() => chips.getByRole('listitem').count()).toBe(2);
    await askAndWait(view, bed.fake, 'Compare these two.');

    const body = bed.fake.requests.find((r) => r.action === 'streamGenerateContent')?.body as Body;
    const parts = body.contents[0].parts;
    expect(parts.map((p) => Object.keys(p)[0])).toEqual(['inlineData', 'inlineData', 'text']);
    expect(parts[0].inlineData?.data).toBe(sampleBytes(names[0]).toString('base64'));
    expect(parts[1].inlineData?.data).toBe(sampleBytes(names[2]).toString('base64'));
    // The question shows both, in that order; the composer is ready for new images.
    const turn = view.getByRole('list', { name: 'Conversation' });
    const thumbs = turn.getByRole('img', { name: /of this question/ });
    expect(await thumbs.count()).toBe(2);
    expect(await thumbs.nth(0).getAttribute('alt')).toContain(names[0]);
    expect(await thumbs.nth(1).getAttribute('alt')).toContain(names[2]);
    expect(await chips.count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
