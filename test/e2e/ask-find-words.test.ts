/**
 * A Find's answer in the conversation is read in words, not as the JSON box list Gemini sends:
 * "Found 3 for “…”:" and the labels, on screen, in the "Answer ready." announcement and in the
 * answer's Copy; earlier in the conversation too, while the JSON still goes back to Gemini
 * with a follow-up. Copy as Markdown and Export give the list, with the boxes as a JSON code
 * block under it (a file has no stage to show where things were).
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { askTestbed, answerRendered, openAsk } from './ask-support.ts';
import { savedConversations } from './ask-history-support.ts';
import {
  BOXES,
  SHAPES,
  answerEnded,
  boxReply,
  find,
  generateRequests,
  givePicture,
  stopFindPartWay,
  type Body,
} from './ask-find-support.ts';

const bed = askTestbed();

const LABELS = SHAPES.map((s) => s.label);
/** What the list says, as a line of text (the labels follow it). */
const FOUND = 'Found 3 for “the shapes”:';
/** Anything of the JSON a person should never see or hear. */
const JSON_BITS = /box_2d|\[\{|"label"/;

describe('Ask: a Find answer in words', () => {
  it('shows, announces, copies and exports the labels found, never the JSON', async () => {
    bed.fake.reset();
    const context = await bed.browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: new URL(inject('appURL')).origin,
    });
    const { page, view, errors } = await openAsk(context, bed.fake.url);
    await givePicture(view, 'png');
    bed.fake.queue(boxReply(JSON.stringify(BOXES)));
    await find(view, bed.fake, 'the shapes');
    await answerRendered(view);

    // On screen: the sentence, then the labels as a list in the stage's order.
    const answer = view.getByRole('region', { name: 'Answer' });
    await expect.poll(() => answer.innerText()).toContain(FOUND);
    expect(await answer.getByRole('listitem').allInnerTexts()).toEqual(LABELS);
    expect(await answer.innerText()).not.toMatch(JSON_BITS);

    // Read aloud once ended: the same words.
    const said = (await view.locator('ask-answer [aria-live="polite"]').textContent()) ?? '';
    expect(said).toMatch(/^Answer ready\. Found 3 for “the shapes”:/);
    for (const label of LABELS) expect(said).toContain(label);
    expect(said).not.toMatch(JSON_BITS);

    // The answer's Copy gives the list.
    const clipboard = () => page.evaluate(() => navigator.clipboard.readText());
    await view.locator('ask-answer').getByRole('button', { name: 'Copy', exact: true }).click();
    await expect.poll(clipboard).toContain(FOUND);
    const copied = await clipboard();
    for (const label of LABELS) expect(copied).toContain(`- ${label}`);
    expect(copied).not.toMatch(JSON_BITS);

    // A follow-up: the Find answer, now earlier, still reads as words, and Gemini is sent
    // its own JSON answer back (what it said, for it to refer to).
    bed.fake.queue(boxReply('The red square is the largest.'));
    await view.getByLabel('Prompt').fill('Which is largest?');
    await view.getByRole('button', { name: 'Ask', exact: true }).click();
    await answerEnded(view, bed.fake, 2);
    const earlier = view.getByRole('article', { name: 'Earlier answer' });
    await expect.poll(() => earlier.innerText()).toContain(FOUND);
    expect(await earlier.getByRole('listitem').allInnerTexts()).toEqual(LABELS);
    expect(await earlier.innerText()).not.toMatch(JSON_BITS);
    const body = generateRequests(bed.fake).at(-1)!.body as Body;
    const model = body.contents.find((c) => c.role === 'model')!;
    expect(JSON.parse(model.parts.map((p) => p.text ?? '').join(''))).toEqual(BOXES);

    // Copy as Markdown: the list under the model's heading, then (an export has no stage to
    // draw on) the boxes in a JSON code block under it, not in place of it.
    await view.getByRole('button', { name: 'Copy as Markdown' }).click();
    await expect.poll(clipboard).toContain(FOUND);
    const markdown = await clipboard();
    const list = `${FOUND}\n\n${LABELS.map((l) => `- ${l}`).join('\n')}`;
    expect(markdown).toContain(`${list}\n\nThe answer as Gemini gave it:\n\n\`\`\`json\n[`);
    const fenced = /```json\n([\s\S]*?)\n```/.exec(markdown)![1];
    expect(JSON.parse(fenced)).toEqual(BOXES);

    // Export: the file shows the list, and the boxes as code under it.
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      view.getByRole('button', { name: 'Export' }).click(),
    ]);
    const html = await readFile((await file.path())!, 'utf8');
    expect(html).toContain('Found 3 for “the shapes”:');
    for (const label of LABELS) expect(html).toContain(`<li>${label}</li>`);
    expect(html.indexOf('<li>green price tag</li>')).toBeLessThan(html.indexOf('<pre><code'));
    expect(errors).toEqual([]);
    await context.close();
  });

  it('says it is finding while the box list streams in, never showing the JSON', async () => {
    bed.fake.reset();
    const context = await bed.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const { view, errors } = await openAsk(context, bed.fake.url);
    await givePicture(view, 'png');
    // The answer held after its first part of the list has arrived.
    const reply = boxReply(JSON.stringify(BOXES));
    const text = String(reply.body);
    const first = Buffer.byteLength(text.slice(0, text.indexOf('\r\n\r\n') + 4));
    bed.fake.queue({ ...reply, pauseAt: first, chunks: [Infinity] });
    await view.getByLabel('What to find').fill('the shapes');
    await view.getByRole('button', { name: 'Find', exact: true }).click();
    await bed.fake.paused();
    const answer = view.getByRole('region', { name: 'Answer' });
    await expect.poll(() => answer.innerText()).toContain('Finding “the shapes”…');
    expect(await answer.innerText()).not.toMatch(JSON_BITS);
    bed.fake.release();
    await answerRendered(view);
    await expect.poll(() => answer.innerText()).toContain(FOUND);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('says a stopped Find was stopped and what it had found, in words, with its box drawn', async () => {
    bed.fake.reset();
    const context = await bed.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const { view, errors } = await openAsk(context, bed.fake.url);
    await givePicture(view, 'png');
    await stopFindPartWay(view, bed.fake);

    const answer = view.getByRole('region', { name: 'Answer' });
    await expect
      .poll(() => answer.innerText())
      .toContain('Stopped before the end: 1 found for “the shapes” so far:');
    expect(await answer.getByRole('listitem').allInnerTexts()).toEqual([LABELS[0]]);
    expect(await answer.innerText()).not.toMatch(JSON_BITS);
    // The stage draws the box that came whole.
    const drawn = view.getByRole('list', { name: 'Found in the image' });
    await expect.poll(() => drawn.getByRole('listitem').count()).toBe(1);
    // The image went with the stopped Find: the composer no longer offers it as still to send.
    await expect.poll(() => view.getByRole('button', { name: 'Remove image' }).count()).toBe(0);
    expect(errors.filter((e) => e.startsWith('pageerror'))).toEqual([]);
    await context.close();
  });

  it('announces boxes left out in words, without reading out the answer as given', async () => {
    bed.fake.reset();
    const context = await bed.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const { view, errors } = await openAsk(context, bed.fake.url);
    await givePicture(view, 'png');
    bed.fake.queue(boxReply(JSON.stringify([...BOXES, { label: 'x', box_2d: [1] }])));
    await find(view, bed.fake, 'the shapes');
    await answerRendered(view);
    const answer = view.getByRole('region', { name: 'Answer' });
    // On screen, the answer as given is there to see what was wrong…
    await expect.poll(() => answer.innerText()).toContain('The answer as Gemini gave it:');
    expect(await answer.innerText()).toMatch(JSON_BITS);
    // …but the announcement says the words, not the JSON symbol by symbol.
    const said = (await view.locator('ask-answer [aria-live="polite"]').textContent()) ?? '';
    expect(said).toMatch(/^Answer ready\. Found 3 for “the shapes”:/);
    expect(said).toContain('1 box was left out');
    expect(said).not.toMatch(JSON_BITS);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('reads the same words when the conversation comes back from History after a reload', async () => {
    bed.fake.reset();
    const context = await bed.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const { page, view, errors } = await openAsk(context, bed.fake.url);
    await givePicture(view, 'png');
    bed.fake.queue(boxReply(JSON.stringify(BOXES)));
    await find(view, bed.fake, 'the shapes');
    await expect
      .poll(() => view.getByRole('region', { name: 'Answer' }).innerText())
      .toContain(FOUND);
    await savedConversations(page, 1);

    await page.reload();
    await view.getByRole('list', { name: 'Conversation' }).waitFor();
    const answer = view.getByRole('region', { name: 'Answer' });
    await expect.poll(() => answer.innerText()).toContain(FOUND);
    expect(await answer.getByRole('listitem').allInnerTexts()).toEqual(LABELS);
    expect(await answer.innerText()).not.toMatch(JSON_BITS);
    expect(errors).toEqual([]);
    await context.close();
  });
});
