/**
 * "Show me where" by keyboard alone, against the fake Gemini server: Find, move through the
 * boxes, "Ask about this", select a region and ask about it; and axe with the boxes shown.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { boxToRect, cropRect } from '../../src/lib/boxes/geometry.ts';
import { axeFindings, focusState, tabTo } from './a11y-support.ts';
import { askTestbed, openAsk } from './ask-support.ts';
import {
  BOXES,
  PICTURES,
  SHAPES,
  answerEnded,
  boxReply,
  generateRequests,
  givePicture,
  imageSize,
  type Body,
} from './ask-find-support.ts';

const bed = askTestbed();

/** Press Shift+Tab until the focused element's description matches `target`; what it passed. */
async function shiftTabTo(page: Page, target: RegExp, max = 60): Promise<string[]> {
  const seen: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Shift+Tab');
    const name = (await focusState(page))?.name ?? '';
    seen.push(name);
    if (target.test(name)) return seen;
  }
  throw new Error(`Shift+Tab never reached ${target}: ${seen.join(', ')}`);
}

/** The image the last question sent (its first inlineData). */
function lastImage() {
  const body = generateRequests(bed.fake).at(-1)!.body as Body;
  return body.contents.at(-1)!.parts.find((p) => p.inlineData)!.inlineData!;
}

describe('Ask: show me where, by keyboard', () => {
  it('Find, move through the boxes, ask about one, select a region and ask about it, keys only', async () => {
    bed.fake.reset();
    const context = await bed.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const { page, view, errors } = await openAsk(context, bed.fake.url);
    await givePicture(view, 'png');
    const size = { width: PICTURES.png.width, height: PICTURES.png.height };

    // Find: Tab to the field, type, Enter.
    await page.locator('body').focus();
    expect(await tabTo(page, /^input "What to find"/, 80)).toBe(true);
    bed.fake.queue(boxReply(JSON.stringify(BOXES)));
    await page.keyboard.type('the shapes');
    await page.keyboard.press('Enter');
    await answerEnded(view, bed.fake, 1);
    await view.getByRole('button', { name: 'Box: red square' }).waitFor();

    // axe, with the boxes, their labels and their list shown.
    expect(await axeFindings(page)).toEqual([]);

    // Back through the list to the boxes on the picture, each in turn, the last one first.
    const passed = await shiftTabTo(page, /^button "Box: red square"/);
    const boxes = passed.filter((n) => n.startsWith('button "Box: '));
    expect(boxes).toEqual([
      'button "Box: green price tag"',
      'button "Box: blue bar"',
      'button "Box: red square"',
    ]);
    // Focus shows on the box, and the box and its name in the list light up together.
    expect((await focusState(page))!.visible).toBe(true);
    const list = view.getByRole('list', { name: 'Found in the image' });
    await expect
      .poll(() => list.getByRole('button', { name: 'red square' }).getAttribute('class'))
      .toContain('active');

    // Select it, Ask about this: the crop joins the question and the Prompt has the focus.
    await page.keyboard.press('Enter');
    expect(await tabTo(page, /^button "Ask about this"/)).toBe(true);
    await page.keyboard.press('Enter');
    await view.getByText('Part: red square').waitFor();
    await expect.poll(async () => (await focusState(page))?.name).toBe('textarea "Prompt"');
    bed.fake.queue(boxReply('A red square.'));
    await page.keyboard.type('What is in this part?');
    await page.keyboard.press('Control+Enter');
    await answerEnded(view, bed.fake, 2);
    const box = cropRect(boxToRect(SHAPES[0].box_2d, size), size, 0.1);
    expect(await imageSize(page, lastImage())).toEqual({ width: box.width, height: box.height });

    // Select a region: it starts in the middle; arrows move it, Shift+arrows resize it.
    await shiftTabTo(page, /^button "Select a region"/, 120);
    await page.keyboard.press('Enter');
    await view.getByLabel('Left edge').waitFor();
    const edges = async () =>
      Promise.all(
        ['Left edge', 'Top edge', 'Right edge', 'Bottom edge'].map(async (n) =>
          Number(await view.getByLabel(n).inputValue()),
        ),
      );
    expect(await edges()).toEqual([1000, 750, 3000, 2250]);
    expect(await tabTo(page, /^div "Selected region/)).toBe(true);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Shift+ArrowDown');
    const [left, top, right, bottom] = await edges();
    expect(left).toBeGreaterThan(1000);
    expect(right - left).toBe(2000);
    expect(top).toBe(750);
    expect(bottom - top).toBeGreaterThan(1500);
    await expect
      .poll(() => view.getByRole('status').filter({ hasText: 'The part is' }).innerText())
      .toMatch(
        new RegExp(
          `The part is ${right - left} × ${bottom - top} pixels at full\\s+resolution; the whole image goes as 3072 × 2304`,
        ),
      );

    // Ask about this part: the region as it is, at full resolution.
    expect(await tabTo(page, /^button "Ask about this part"/)).toBe(true);
    await page.keyboard.press('Enter');
    await view.getByText('Part of the image').waitFor();
    await expect.poll(async () => (await focusState(page))?.name).toBe('textarea "Prompt"');
    bed.fake.queue(boxReply('The middle.'));
    // The question before was answered, so the Prompt is empty for this one.
    expect(await view.getByLabel('Prompt').inputValue()).toBe('');
    await page.keyboard.type('And this part?');
    await page.keyboard.press('Control+Enter');
    await answerEnded(view, bed.fake, 3);
    expect(await imageSize(page, lastImage())).toEqual({
      width: right - left,
      height: bottom - top,
    });

    expect(await axeFindings(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
