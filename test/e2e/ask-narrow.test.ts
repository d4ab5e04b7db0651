/**
 * Ask on a phone (360 × 740), as a person uses it: under a long answer the composer stays at
 * the bottom of the window (the conversation scrolls above it, as in a chat app) rather than
 * a long page below, and the image is still there, a scroll up away. Once a conversation has
 * started, the composer's options fold behind one toggle, so the answer keeps the window
 * (a new conversation shows them again).
 */
import { describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { askAtLength, askOnDevice, askTestbed, openAsk, pickSample } from './ask-support.ts';
import { installStandIn } from './built-in-model-stand-in.ts';

/** `target` is whole inside the window. */
function inWindow(target: Locator): Promise<boolean> {
  return target.evaluate((el) => {
    const box = el.getBoundingClientRect();
    return box.height > 0 && box.top >= 0 && box.bottom <= innerHeight;
  });
}

/**
 * How `button` shows its words: on how many lines, and whether `words` (part of them) are
 * shown whole, inside its edges (not cut off or under an ellipsis).
 */
function wordsShown(button: Locator, words: string): Promise<{ lines: number; whole: boolean }> {
  return button.evaluate((el, words) => {
    const box = el.getBoundingClientRect();
    // The text a person sees (not words kept for screen readers in a 1 px box).
    const shown: Text[] = [];
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if ((n.parentElement?.getBoundingClientRect().width ?? 0) > 1) shown.push(n as Text);
    }
    const rects = shown.flatMap((n) => {
      const range = document.createRange();
      range.selectNodeContents(n);
      return [...range.getClientRects()].filter((r) => r.width > 0);
    });
    const lineHeight = Math.min(...rects.map((r) => r.height));
    const lines = new Set(rects.map((r) => Math.round((r.top - box.top) / lineHeight))).size;
    // The text node holding `words`, and where they fall on screen.
    let whole = false;
    for (const n of shown) {
      const at = n.textContent?.indexOf(words) ?? -1;
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(n, at);
      range.setEnd(n, at + words.length);
      const r = range.getBoundingClientRect();
      // Whole: inside the button, and its clipping box (if any) shows all of its text.
      const parent = n.parentElement!;
      const clip = parent.getBoundingClientRect();
      whole =
        r.left >= box.left &&
        r.right <= box.right &&
        r.right <= clip.right + 0.5 &&
        parent.scrollWidth <= parent.clientWidth + 0.5;
    }
    return { lines, whole };
  }, words);
}

/** The words `button` shows a person (not those kept for screen readers in a 1 px box). */
function textShown(button: Locator): Promise<string> {
  return button.evaluate((el) => {
    let text = '';
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if ((n.parentElement?.getBoundingClientRect().width ?? 0) > 1) text += n.textContent ?? '';
    }
    return text.replace(/\s+/g, ' ').trim();
  });
}

describe('Ask: on a phone', () => {
  const bed = askTestbed();

  it('keeps the composer in the window under a long answer, the image a scroll up away', async () => {
    // An answer several phone screens long.
    const { context, page, errors, view } = await askAtLength(bed, { width: 360, height: 740 });
    await view.locator('.answer[data-state="done"]').waitFor();
    const answer = view.getByRole('region', { name: 'Answer' });
    expect((await answer.innerText()).length).toBeGreaterThan(3000);

    // The next question is typed where the eye is: no scrolling to find the Prompt.
    await expect.poll(() => inWindow(view.getByLabel('Prompt'))).toBe(true);
    expect(await inWindow(view.getByRole('button', { name: 'Ask', exact: true }))).toBe(true);
    // The page ends at the composer, not under the answer's many screens.
    const [pageHeight, windowHeight] = await page.evaluate(() => [
      document.documentElement.scrollHeight,
      innerHeight,
    ]);
    expect(pageHeight).toBeLessThan(3 * windowHeight);

    // The image is a scroll up away (the wheel over the composer, as a person would).
    const picture = view.getByRole('group', {
      name: /^Picture: The image as it will be sent: stock-index-chart\.png/,
    });
    expect(await inWindow(picture)).toBe(false);
    await view.getByLabel('Prompt').hover();
    await page.mouse.wheel(0, -3 * windowHeight);
    await expect
      .poll(() => picture.evaluate((el) => el.getBoundingClientRect().top))
      .toBeGreaterThanOrEqual(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('keeps several lines of an answer in sight at 360×780, the options one toggle away', async () => {
    const { context, page, errors, view } = await askAtLength(bed, { width: 360, height: 780 });
    await view.locator('.answer[data-state="done"]').waitFor();

    // The whole composer and its Ask button are in the window…
    const ask = view.getByRole('button', { name: 'Ask', exact: true });
    await expect.poll(() => inWindow(ask)).toBe(true);
    const composer = view.getByRole('group', { name: 'Question' });
    expect(await inWindow(composer)).toBe(true);
    // (Its right edge too: a long toggle must not push the composer past the window.)
    expect(await composer.evaluate((el) => el.getBoundingClientRect().right)).toBeLessThanOrEqual(
      360,
    );
    // …and the conversation's pane shows at least 480 px: with the answer's buttons under it
    // (about 150 px), a dozen and more lines of its text (24 px each). Reading is what the
    // window is for; with every option in sight it was about 350 px, seven lines.
    const seen = await view.getByRole('list', { name: 'Conversation' }).evaluate((el) => {
      let pane: Element | null = el;
      while (pane && getComputedStyle(pane).overflowY !== 'auto') {
        pane = pane.parentElement ?? (pane.getRootNode() as ShadowRoot).host;
      }
      const r = (pane ?? document.documentElement).getBoundingClientRect();
      return Math.min(r.bottom, innerHeight) - Math.max(r.top, 0);
    });
    expect(seen, 'conversation pane in sight, px').toBeGreaterThanOrEqual(480);

    // Model and Image detail are behind one toggle that says the current choices; opened
    // by keyboard, each shows with its label and is the next stop of Tab.
    // With the model's own defaults it names the model alone, on one line (as a chat app's
    // model chip does; "detail auto" wrapped it onto two).
    const toggle = view.getByRole('button', { name: /^Options: gemini-flash-latest$/ });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await wordsShown(toggle, 'gemini-flash-latest')).toEqual({ lines: 1, whole: true });
    // What it opens is named by id, each in the same view (a screen reader goes there).
    const controlled = await toggle.evaluate((el) =>
      (el.getAttribute('aria-controls') ?? '')
        .split(' ')
        .map((id) => Boolean((el.getRootNode() as ShadowRoot).getElementById(id))),
    );
    expect(controlled).toEqual([true, true]);
    expect(await view.getByLabel('Model', { exact: true }).isVisible()).toBe(false);
    await toggle.focus();
    await page.keyboard.press('Enter');
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.press('Tab');
    const model = view.getByLabel('Model', { exact: true });
    expect(
      await model.evaluate((el) => (el.getRootNode() as ShadowRoot).activeElement === el),
    ).toBe(true);
    expect(await inWindow(model)).toBe(true);
    await view.getByLabel('Image detail').selectOption({ label: 'High' });
    const changed = view.getByRole('button', {
      name: /^Options: gemini-flash-latest, detail high$/,
    });
    await changed.waitFor();
    // Still one line, the choice made shown whole (a long model name gives way, not it).
    expect(await wordsShown(changed, ', detail high')).toEqual({ lines: 1, whole: true });
    // Folded again, the choice stays.
    await changed.click();
    expect(await view.getByLabel('Image detail').isVisible()).toBe(false);
    expect(await view.getByLabel('Image detail').inputValue()).toBe('high');
    // Thinking chosen is said too; a model that does not think takes none, and the toggle
    // stops saying it (it would promise thinking the request does not ask for).
    await changed.click();
    await view.getByLabel('Thinking').selectOption({ label: 'Low' });
    await view
      .getByRole('button', { name: 'Options: gemini-flash-latest, detail high, thinking low' })
      .waitFor();
    await model.fill('gemma-3-27b-it');
    await model.press('Tab');
    await expect.poll(() => view.getByLabel('Thinking').count()).toBe(0);
    const toggled = view.getByRole('button', { name: /^Options:/ });
    await expect
      .poll(() => textShown(toggled), { message: 'the toggle for a model that does not think' })
      .toBe('Options: gemma-3-27b-it, detail high');
    expect(
      await view
        .getByRole('button', { name: 'Options: gemma-3-27b-it, detail high', exact: true })
        .count(),
    ).toBe(1);
    // A long model name gives way to the choices (an ellipsis), which stay whole, on one line.
    await model.fill('gemini-2.5-flash-lite-preview-09-2025');
    await model.press('Tab');
    const chosen = ', detail high, thinking low';
    const long = view.getByRole('button', {
      name: `Options: gemini-2.5-flash-lite-preview-09-2025${chosen}`,
    });
    await long.waitFor();
    expect(await wordsShown(long, chosen)).toEqual({ lines: 1, whole: true });
    // A new conversation has nothing to read yet: the options are in sight again, unfolded.
    await view.getByRole('button', { name: 'New conversation', exact: true }).click();
    await expect
      .poll(() => view.getByRole('button', { name: /^Options:/ }).count(), {
        message: 'an Options toggle in a new conversation, with nothing to read yet',
      })
      .toBe(0);
    await expect.poll(() => view.getByLabel('Model', { exact: true }).isVisible()).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('folds the choice of what answers behind the toggle when this device answers', async () => {
    const context = await bed.browser.newContext({ viewport: { width: 360, height: 780 } });
    await installStandIn(context);
    const { page, errors, view } = await openAsk(context);
    await view.getByRole('radio', { name: 'On this device (Gemini Nano)' }).check();
    await pickSample(view, 'Sample: stock index chart');
    await askOnDevice(page, view, undefined);
    // Gemini's options are not there for this device's model: the toggle opens "Answered by"
    // alone, and names only what is there (a screen reader goes to each).
    const toggle = view.getByRole('button', { name: 'Options: on this device', exact: true });
    const controlled = await toggle.evaluate((el) =>
      (el.getAttribute('aria-controls') ?? '')
        .split(' ')
        .map((id) => [id, Boolean((el.getRootNode() as ShadowRoot).getElementById(id))]),
    );
    expect(controlled.length, 'ids the toggle controls').toBeGreaterThan(0);
    expect(
      controlled.filter(([, there]) => !there),
      'ids that name nothing',
    ).toEqual([]);
    const gemini = view.getByRole('radio', { name: 'Gemini, with your API key' });
    expect(await gemini.isVisible()).toBe(false);
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    expect(await gemini.isVisible()).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });
});
