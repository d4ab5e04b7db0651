/**
 * The Prompt's keys as in the chat apps people already use: Enter asks, Shift+Enter starts a
 * new line (nothing is sent), and the hint under the field says so.
 */
import { describe, expect, it } from 'vitest';
import { askTestbed, openAsk } from './ask-support.ts';
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
    // The question stays in the field, as after every answer, with no line added by Enter.
    expect(await prompt.inputValue()).toBe('Two things:\nwhat and where?');
    expect(errors).toEqual([]);
    await context.close();
  });
});
