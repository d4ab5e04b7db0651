/**
 * Stop, as a person uses it: it takes Ask's place while an answer comes (one button, as in
 * chat apps). The part of the answer that arrived stays in the conversation with its question
 * and image, so the composer no longer offers that image ("Remove image") as if it were still
 * to be sent, and the follow-up does not send it again.
 */
import { describe, expect, it } from 'vitest';
import {
  askTestbed,
  holdSample,
  openAsk,
  pausedReply,
  pickSample,
  sse,
  textEvent,
} from './ask-support.ts';
import { answerReply, askAndWait, generateBodies } from './ask-history-support.ts';
import { decodePng } from '../support/png.ts';

describe('Ask: Stop', () => {
  const bed = askTestbed();

  it('takes the place of Ask while the answer comes, and gives it back', async () => {
    bed.fake.reset();
    const context = await bed.browser.newContext();
    const { errors, view } = await openAsk(context, bed.fake.url);
    await pickSample(view, 'Sample: stock index chart');
    const ask = view.getByRole('button', { name: 'Ask', exact: true });
    const stop = view.getByRole('button', { name: 'Stop', exact: true });
    // Nothing to stop: no Stop (a disabled one beside Ask read as a second, dead control).
    expect(await stop.count()).toBe(0);
    // Where a button sits under the Prompt (the page around it changes once there is a
    // conversation).
    const placeOf = async (button: typeof ask) => {
      const [b, p] = [await button.boundingBox(), await view.getByLabel('Prompt').boundingBox()];
      return b && p ? [Math.round(b.x - p.x), Math.round(b.y - p.y)] : [];
    };
    const place = await placeOf(ask);
    bed.fake.queue(pausedReply('The chart shows', ' an index.'));
    await view.getByLabel('Prompt').fill('What is this?');
    await ask.click();
    await bed.fake.paused();
    await view.getByText('The chart shows').waitFor();
    expect(await ask.count()).toBe(0);
    expect(await placeOf(stop)).toEqual(place);
    await stop.click();
    await view.getByTestId('stopped').waitFor();
    bed.fake.release();
    await ask.waitFor();
    expect(await stop.count()).toBe(0);
    expect(await placeOf(ask)).toEqual(place);

    expect(errors.filter((e) => e.startsWith('pageerror'))).toEqual([]);
    await context.close();
  });

  it('shows, while it waits for the first words, that the answer is coming', async () => {
    bed.fake.reset();
    const context = await bed.browser.newContext({ reducedMotion: 'reduce' });
    const { page, errors, view } = await openAsk(context, bed.fake.url);
    await pickSample(view, 'Sample: stock index chart');
    // Gemini has not sent a word yet.
    bed.fake.queue({
      contentType: 'text/event-stream',
      body: sse(textEvent('A line chart.', 'STOP')),
      pauseAt: 1,
      chunks: [Infinity],
    });
    await view.getByLabel('Prompt').fill('What is this?');
    await view.getByRole('button', { name: 'Ask', exact: true }).click();
    await bed.fake.paused();
    const box = view.locator('ask-answer[slot=live] .answer[data-state="sending"]');
    await box.waitFor();
    // The box is not blank (an empty box read as an answer with nothing in it): inside its
    // border, some of it is drawn in a colour well apart from its background.
    const inked = async () => {
      const shot = decodePng(await box.screenshot({ animations: 'disabled' }));
      const at = (x: number, y: number) =>
        shot.data.subarray(4 * (y * shot.width + x), 4 * (y * shot.width + x) + 3);
      const ground = at(shot.width - 4, Math.floor(shot.height / 2));
      let n = 0;
      for (let y = 3; y < shot.height - 3; y++) {
        for (let x = 3; x < shot.width - 3; x++) {
          if (at(x, y).some((v, i) => Math.abs(v - ground[i]) > 40)) n++;
        }
      }
      return n;
    };
    expect(await inked(), 'pixels drawn in the waiting answer box').toBeGreaterThan(30);
    // The dots pulse, but stand still for a person who asked for reduced motion.
    const animation = () => box.evaluate((el) => getComputedStyle(el, '::after').animationName);
    expect(await animation(), 'the dots with reduced motion').toBe('none');
    await page.emulateMedia({ reducedMotion: 'no-preference' });
    expect(await animation(), 'the dots without reduced motion').not.toBe('none');
    bed.fake.release();
    await expect
      .poll(() => view.getByRole('region', { name: 'Answer' }).innerText())
      .toContain('A line chart.');
    // Once the words come, the dots go.
    const done = view.locator('ask-answer[slot=live] .answer[data-state="done"]');
    expect(
      await done.evaluate((el) => getComputedStyle(el, '::after').content),
      'dots under the answer',
    ).toBe('none');
    expect(errors.filter((e) => e.startsWith('pageerror'))).toEqual([]);
    await context.close();
  });

  it('leaves no image chip for an image the stopped question already carried', async () => {
    bed.fake.reset();
    const context = await bed.browser.newContext();
    const { errors, view } = await openAsk(context, bed.fake.url);
    await pickSample(view, 'Sample: stock index chart');
    const chips = view.getByRole('button', { name: 'Remove image' });
    expect(await chips.count()).toBe(1);
    bed.fake.queue(pausedReply('The chart shows ', 'an index.'));
    await view.getByLabel('Prompt').fill('What is this?');
    await view.getByRole('button', { name: 'Ask', exact: true }).click();
    await bed.fake.paused();
    await view.getByText('The chart shows').waitFor();
    await view.getByRole('button', { name: 'Stop', exact: true }).click();
    await view.getByTestId('stopped').waitFor();
    bed.fake.release();
    await expect.poll(() => chips.count()).toBe(0);

    bed.fake.queue(answerReply('A stock index.'));
    await askAndWait(view, bed.fake, 'Go on.');
    const sent = generateBodies(bed.fake).at(-1)?.contents ?? [];
    expect(sent.map((c) => c.parts.filter((p) => p.inlineData).length)).toEqual([1, 0, 0]);
    expect(errors.filter((e) => e.startsWith('pageerror'))).toEqual([]);
    await context.close();
  });

  it('is there while the question waits for its image, and then nothing is sent', async () => {
    bed.fake.reset();
    const context = await bed.browser.newContext();
    // The sample is held on its way (a slow connection) until the person has pressed Stop.
    const sample = await holdSample(context);
    const { errors, view } = await openAsk(context, bed.fake.url);
    await view.getByRole('button', { name: 'Sample: stock index chart' }).click();
    await expect.poll(() => sample.requested()).toBe(true);
    await view.getByLabel('Prompt').fill('What is this?');
    await view.getByRole('button', { name: 'Ask', exact: true }).click();
    const stop = view.getByRole('button', { name: 'Stop', exact: true });
    await expect
      .poll(() => stop.count(), { message: 'Stop in place of Ask while the image still loads' })
      .toBe(1);
    await stop.click();
    sample.release();
    await view.getByRole('button', { name: 'Ask', exact: true }).waitFor();
    await expect.poll(() => view.getByText(/^stock-index-chart\.png: /).count()).toBe(1);
    // Asked again, the one request Gemini gets is that question alone.
    bed.fake.queue(answerReply('A stock index.'));
    await askAndWait(view, bed.fake, 'What is it?');
    const sent = generateBodies(bed.fake);
    expect(sent).toHaveLength(1);
    expect(sent[0].contents.map((c) => c.parts.find((p) => p.text)?.text)).toEqual(['What is it?']);
    expect(errors.filter((e) => e.startsWith('pageerror'))).toEqual([]);
    await context.close();
  });
});
