/**
 * Stop, as a person uses it: the part of the answer that arrived stays in the conversation
 * with its question and image, so the composer no longer offers that image ("Remove image")
 * as if it were still to be sent, and the follow-up does not send it again.
 */
import { describe, expect, it } from 'vitest';
import { askTestbed, openAsk, pickSample, sse, textEvent } from './ask-support.ts';
import { answerReply, askAndWait, generateBodies } from './ask-history-support.ts';

describe('Ask: Stop', () => {
  const bed = askTestbed();

  it('leaves no image chip for an image the stopped question already carried', async () => {
    bed.fake.reset();
    const context = await bed.browser.newContext();
    const { errors, view } = await openAsk(context, bed.fake.url);
    await pickSample(view, 'Sample: stock index chart');
    const chips = view.getByRole('button', { name: 'Remove image' });
    expect(await chips.count()).toBe(1);
    const first = sse(textEvent('The chart shows '));
    bed.fake.queue({
      contentType: 'text/event-stream',
      body: first + sse(textEvent('an index.', 'STOP')),
      pauseAt: first.length,
      chunks: [Infinity],
    });
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
});
