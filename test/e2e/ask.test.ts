import { describe, expect, it } from 'vitest';
import { fixtureReply, readFixture } from '../support/fake-gemini.ts';
import { expectedFrom } from '../lib/gemini/helpers.ts';
import {
  TEST_KEY,
  answer,
  answerRendered,
  askTestbed,
  holdSample,
  openAsk,
  pickSample,
  sampleBytes,
} from './ask-support.ts';

describe('Ask view: a question streamed from Gemini', () => {
  const bed = askTestbed();

  it('streams the Markdown answer in pieces, sends the sample and prompt with the key only in a header', async () => {
    bed.fake.reset();
    // The long answer, in odd chunks, held part way until the page has shown the first part.
    const body = 'googleai/streaming-success-basic-reply-long.txt';
    const pauseAt = 6000;
    bed.fake.respondWith(fixtureReply(body, { chunks: [997], pauseAt }));
    const head = readFixture(body).subarray(0, pauseAt).toString('utf8');
    const partial = expectedFrom(head.slice(0, head.lastIndexOf('\r\n\r\n'))).text;
    const context = await bed.browser.newContext();
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const { page, errors, view } = await openAsk(context, bed.fake.url);
    await pickSample(view, 'Sample: stock index chart');
    expect(await view.getByLabel('Prompt').inputValue()).toBe(
      'Explain what you see in this image.',
    );
    // "Original" sends the file byte for byte, so the request can be compared with it.
    await view.getByRole('radio', { name: 'Original' }).check();
    await expect.poll(() => view.getByTestId('image-facts').textContent()).toContain('(image/png)');

    await view.getByRole('button', { name: 'Ask', exact: true }).click();
    // While the server holds, the first part is on screen and the answer is not done: it
    // streams rather than appearing all at once.
    await bed.fake.paused();
    const region = answer(view);
    await expect.poll(() => region.getAttribute('data-chars')).toBe(String(partial.length));
    expect(await region.getAttribute('data-state')).toBe('streaming');
    await expect.poll(() => region.innerText()).toContain('General Overview: Cats vs. Dogs');
    expect(await view.locator('ask-answer').getByText('Done.').count()).toBe(0);
    const shownWhileHeld = (await region.innerText()).length;
    bed.fake.release();
    await expect
      .poll(() => view.locator('ask-answer').getByText('Done.').count(), { timeout: 30_000 })
      .toBe(1);
    expect(await region.getAttribute('data-state')).toBe('done');
    expect((await region.innerText()).length).toBeGreaterThan(shownWhileHeld);
    // And it ends rendered as HTML: bold run-in headings and nested lists, no raw Markdown.
    expect(await region.locator('li').count()).toBeGreaterThan(20);
    expect(await region.locator('strong').first().textContent()).toBe(
      'I.  General Overview: Cats vs. Dogs',
    );
    expect(await region.innerText()).not.toContain('**');
    // One quiet line under the answer, each fact once: the model and the token counts the
    // recorded reply ends with (10 prompt, 1996 answer), and the seconds it took.
    await expect
      .poll(() =>
        view
          .locator('ask-answer p.status')
          .filter({ hasText: /tokens|gemini/ })
          .allInnerTexts(),
      )
      .toEqual([
        expect.stringMatching(/^gemini-2\.0-flash · 10 prompt \+ 1996 answer tokens · \d+\.\d s$/),
      ]);

    // The request: right path and model, key in the header only, the sample and the prompt.
    const generate = bed.fake.requests.filter((r) => r.action === 'streamGenerateContent');
    expect(generate).toHaveLength(1);
    const req = generate[0];
    expect(req.path).toBe('/v1beta/models/gemini-flash-latest:streamGenerateContent');
    expect(req.headers['x-goog-api-key']).toBe(TEST_KEY);
    for (const r of bed.fake.requests) expect(r.url).not.toContain(TEST_KEY);
    const parts = (
      req.body as {
        contents: {
          role: string;
          parts: { text?: string; inlineData?: { mimeType: string; data: string } }[];
        }[];
      }
    ).contents[0].parts;
    const inline = parts.find((p) => p.inlineData)?.inlineData;
    expect(inline?.mimeType).toBe('image/png');
    expect(inline?.data).toBe(sampleBytes('stock-index-chart.png').toString('base64'));
    expect(parts.find((p) => p.text)?.text).toBe('Explain what you see in this image.');

    // Copy gives the Markdown itself.
    // Exact: "Copy as Markdown" (the whole conversation) is a button too.
    await view.getByRole('button', { name: 'Copy', exact: true }).click();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied.startsWith("Okay, let's dive into the world of cats and dogs!")).toBe(true);
    expect(copied).toContain('**I.  General Overview: Cats vs. Dogs**');
    // Announced once, when finished.
    expect(await view.locator('ask-answer [aria-live="polite"]').textContent()).toMatch(
      /^Answer ready\. Okay, let's dive/,
    );
    expect(errors).toEqual([]);
    await context.close();
  });

  it('stops mid-stream at once, keeping the partial answer marked as stopped', async () => {
    bed.fake.reset();
    const body = 'googleai/streaming-success-basic-reply-long.txt';
    const pauseAt = 4000;
    bed.fake.respondWith(fixtureReply(body, { pauseAt }));
    // What the page can have when the server holds: the events complete before the pause.
    const head = readFixture(body).subarray(0, pauseAt).toString('utf8');
    const partial = expectedFrom(head.slice(0, head.lastIndexOf('\r\n\r\n'))).text;
    expect(partial.endsWith('Dogs communicate through a complex system')).toBe(true);
    const context = await bed.browser.newContext();
    const { page, errors, view } = await openAsk(context, bed.fake.url);
    const region = answer(view);
    const focusedButton = () =>
      page.evaluate(() => {
        let el = document.activeElement;
        while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
        return el?.textContent?.trim();
      });
    await view.getByLabel('Prompt').fill('Tell me about cats and dogs.');
    // All by keyboard: Ask becomes Stop (the same button, so the focus stays on it), and back.
    await view.getByRole('button', { name: 'Ask', exact: true }).focus();
    await page.keyboard.press('Enter');
    await bed.fake.paused();
    // The page says when it holds everything sent before the pause; no clock involved.
    await expect.poll(() => region.getAttribute('data-chars')).toBe(String(partial.length));
    expect(await region.getAttribute('data-state')).toBe('streaming');
    await expect.poll(focusedButton).toBe('Stop');

    await page.keyboard.press('Enter');
    await expect.poll(() => region.getAttribute('data-state')).toBe('stopped');
    expect(await view.getByText('Stopped: the answer above is partial.').count()).toBe(1);
    // Everything that arrived is kept and shown, up to the last word before the pause, and
    // nothing after it.
    expect(await region.getAttribute('data-chars')).toBe(String(partial.length));
    const shown = await region.innerText();
    expect(shown).toMatch(/^Okay, let's dive into the world of cats and dogs/);
    expect(shown).toContain('Domestication');
    expect(shown).toContain('Dogs communicate through a complex system');
    expect(shown).not.toContain('of body language, vocalizations');
    expect(await view.getByLabel('Prompt').inputValue()).toBe('Tell me about cats and dogs.');
    // The connection was closed rather than left to finish in the background.
    await expect.poll(() => bed.fake.requests.at(-1)?.closedEarly).toBe(true);
    expect(await view.getByRole('button', { name: 'Ask', exact: true }).isEnabled()).toBe(true);
    await expect.poll(focusedButton).toBe('Ask');
    expect(await view.locator('ask-answer').getByRole('alert').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('keeps thought summaries out of the answer, in a collapsed "Thoughts"', async () => {
    bed.fake.reset();
    bed.fake.respondWith(
      fixtureReply('googleai/streaming-success-thinking-reply-thought-summary.txt'),
    );
    const context = await bed.browser.newContext();
    const { errors, view } = await openAsk(context, bed.fake.url);
    await view.getByLabel('Prompt').fill('Why is the sky blue?');
    await view.getByRole('button', { name: 'Ask', exact: true }).click();
    await answerRendered(view);
    const text = await answer(view).innerText();
    expect(text).toMatch(/^The sky is blue because tiny gas molecules/);
    expect(text).not.toContain('Exploring Sky Color');
    const thoughts = view.locator('ask-answer details');
    expect(await thoughts.getAttribute('open')).toBe(null);
    await view.getByText('Thoughts', { exact: true }).click();
    expect(await thoughts.innerText()).toContain('Exploring Sky Color');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('waits for a sample still loading when Ask is pressed at once, and sends it', async () => {
    bed.fake.reset();
    const context = await bed.browser.newContext();
    const { errors, view } = await openAsk(context, bed.fake.url);
    await view.getByLabel('Prompt').fill('What is this?');
    // No waiting in between: the sample is still being fetched and prepared.
    await view.getByRole('button', { name: 'Sample: contrastive pre-training diagram' }).click();
    await view.getByRole('button', { name: 'Ask', exact: true }).click();
    await answerRendered(view);
    const sent = bed.fake.requests.find((r) => r.action === 'streamGenerateContent')?.body as {
      contents: { parts: { inlineData?: { mimeType: string; data: string }; text?: string }[] }[];
    };
    const parts = sent.contents[0].parts;
    expect(parts.find((p) => p.inlineData)?.inlineData?.data.length).toBeGreaterThan(1000);
    // The sample brought its lesson prompt, replacing what was typed before it was picked.
    expect(parts.find((p) => p.text)?.text).toBe(
      'Explain what this figure is and where is this used.',
    );
    expect(errors).toEqual([]);
    await context.close();
  });

  it('keeps what is typed while a chosen sample is still loading', async () => {
    bed.fake.reset();
    const context = await bed.browser.newContext();
    // The sample is held on its way until the person has typed, as on a slow connection. (A
    // fixed delay raced the typing: on a busy machine the click alone took longer.)
    const sample = await holdSample(context);
    const { errors, view } = await openAsk(context, bed.fake.url);
    await view.getByRole('button', { name: 'Sample: stock index chart' }).click();
    // The sample's lesson prompt comes with the click; the person then writes their own.
    await expect.poll(() => view.getByLabel('Prompt').inputValue()).not.toBe('');
    await expect.poll(() => sample.requested()).toBe(true);
    await view.getByLabel('Prompt').fill('When were the biggest falls?');
    sample.release();
    await expect.poll(() => view.getByText(/^stock-index-chart\.png: /).count()).toBe(1);
    expect(await view.getByLabel('Prompt').inputValue()).toBe('When were the biggest falls?');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('asks with Ctrl+Enter from the Prompt field, without an image', async () => {
    bed.fake.reset();
    const context = await bed.browser.newContext();
    const { errors, view } = await openAsk(context, bed.fake.url);
    await view.getByRole('button', { name: 'Read what you see on this image.' }).click();
    expect(await view.getByLabel('Prompt').inputValue()).toBe('Read what you see on this image.');
    await view.getByLabel('Prompt').press('Control+Enter');
    await expect.poll(() => view.locator('ask-answer').getByText('Done.').count()).toBe(1);
    expect(await answer(view).innerText()).toContain('Cheyenne');
    // The question, not the token count the composer may have asked for first.
    const body = bed.fake.requests.find((r) => r.action === 'streamGenerateContent')?.body as {
      contents: { parts: { inlineData?: unknown }[] }[];
    };
    expect(body.contents[0].parts.some((p) => p.inlineData)).toBe(false);
    expect(errors).toEqual([]);
    await context.close();
  });
});
