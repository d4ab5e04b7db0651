/**
 * The Prompt's keys as in the chat apps people already use: Enter asks, Shift+Enter starts a
 * new line (nothing is sent), and the hint under the field says so.
 */
import { describe, expect, it } from 'vitest';
import { askTestbed, openAsk, pausedReply } from './ask-support.ts';
import { fixtureReply } from '../support/fake-gemini.ts';
import { answerReply, generateBodies } from './ask-history-support.ts';

describe('Ask: Enter and Shift+Enter in the Prompt', () => {
  const bed = askTestbed();

  it('Shift+Enter is a new line; Enter asks the whole question', async () => {
    bed.fake.reset();
    const context = await bed.browser.newContext();
    const { errors, view } = await openAsk(context, bed.fake.url);
    const prompt = view.getByLabel('Prompt');
    expect(await view.getByText('Enter asks; Shift+Enter starts a new line.').count()).toBe(1);
    await prompt.click();
    await prompt.pressSequentially('Two things:');
    await prompt.press('Shift+Enter');
    await prompt.pressSequentially('what and where?');
    expect(await prompt.inputValue()).toBe('Two things:\nwhat and where?');
    expect(generateBodies(bed.fake)).toEqual([]);

    bed.fake.queue(answerReply('Both, below.'));
    await prompt.press('Enter');
    await expect.poll(() => generateBodies(bed.fake).length).toBe(1);
    const [question] = generateBodies(bed.fake)[0].contents;
    expect(question.parts.map((p) => p.text)).toEqual(['Two things:\nwhat and where?']);
    await view.locator('.answer[data-state="done"]').waitFor();
    // The question is in the conversation now; the field is empty for the next one, so a
    // second Enter cannot send it twice.
    await expect.poll(() => prompt.inputValue()).toBe('');
    await prompt.press('Enter');
    expect(generateBodies(bed.fake)).toHaveLength(1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('keeps a next question typed while the answer streams, and a question that failed', async () => {
    bed.fake.reset();
    const context = await bed.browser.newContext();
    const { errors, view } = await openAsk(context, bed.fake.url);
    const prompt = view.getByLabel('Prompt');
    bed.fake.queue(pausedReply('A green ', 'square.'));
    await prompt.fill('What is this?');
    await prompt.press('Enter');
    await bed.fake.paused();
    await view.getByText('A green').waitFor();
    await prompt.fill('And its size?');
    bed.fake.release();
    await view.locator('.answer[data-state="done"]').waitFor();
    expect(await prompt.inputValue()).toBe('And its size?');

    // A refused question stays, to be asked again as it is.
    bed.fake.queue(fixtureReply('googleai/unary-failure-unknown-model.json'));
    await prompt.press('Enter');
    await view.getByRole('alert').waitFor();
    expect(await prompt.inputValue()).toBe('And its size?');
    expect(errors.filter((e) => e.startsWith('pageerror'))).toEqual([]);
    await context.close();
  });
});
