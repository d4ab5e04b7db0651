/**
 * What a person sees at a glance, in Chromium at a desktop and a phone width: the model's name
 * is whole in the composer, code in an answer is as large as its text, an alert looks the same
 * in Ask and Reveal, a dialog stands off a dimmed page, the samples and Reveal's actions line up
 * evenly (how All views reads on a phone: looks-hide-reveal.test.ts).
 */
import { describe, expect, inject, it } from 'vitest';
import type { Browser, Locator } from 'playwright-core';
import { openPage } from '../support/browser.ts';
import { answer, askTestbed, openAsk, pickSample } from './ask-support.ts';
import { answerReply, askAndWait, openHistory } from './ask-history-support.ts';
import { chooseImage, lessonImage, look, openReveal, picture, reveal } from './reveal-support.ts';

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 360, height: 780 };
/** An answer of a few lines and a list: shorter than the conversation's pane. */
const SHORT_ANSWER =
  'The image is a **plain green square**. Its text is drawn in a green so close to the ' +
  'background that it is hard to read:\n\n- background `#7ED957`\n- text `#73D955`\n\n' +
  'It seems to say *"You can vectorize the whole world with Weaviate!"*.';

/** A fresh page at `viewport` in `scheme`. */
async function context(browser: Browser, viewport: typeof DESKTOP, scheme: 'light' | 'dark') {
  return browser.newContext({ viewport, colorScheme: scheme, reducedMotion: 'reduce' });
}

/** Left edge, top edge and width of each element `locator` finds, in CSS px. */
async function boxes(locator: Locator): Promise<{ x: number; y: number; width: number }[]> {
  return locator.evaluateAll((els) =>
    els.map((el) => {
      const r = el.getBoundingClientRect();
      return { x: Math.round(r.left), y: Math.round(r.top), width: Math.round(r.width) };
    }),
  );
}

/** Alpha of a CSS colour as getComputedStyle gives it (`rgb(…)` is opaque). */
function alpha(color: string): number {
  const m = /rgba\([^)]*,\s*([\d.]+)\)/.exec(color);
  return m ? Number(m[1]) : color.startsWith('rgb(') ? 1 : 0;
}

describe('the look of Ask, Reveal and Hide', () => {
  const bed = askTestbed();

  it('shows the whole model name beside Image detail and Thinking, and code as large as its text', async () => {
    const ctx = await context(bed.browser, DESKTOP, 'light');
    const { view } = await openAsk(ctx, bed.fake.url);
    await pickSample(view, 'Sample: hidden message');
    bed.fake.queue(answerReply('The text is `#73D955` on `#7ED957`.'));
    await askAndWait(view, bed.fake, 'Which colours are these?');
    // Thinking shows once the conversation knows the model thinks (gemini-flash-latest does).
    await view.getByLabel('Thinking').waitFor();
    const model = view.getByLabel('Model', { exact: true });
    expect(await model.inputValue()).toBe('gemini-flash-latest');
    const cut = await model.evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(cut, 'pixels of the model name out of sight').toBeLessThanOrEqual(0);
    // Beside them, in one row of the composer: on a row of its own the model took 60 px of a
    // conversation pane about 260 px tall at 1280 × 800.
    const tops = await Promise.all(
      ['Model', 'Image detail', 'Thinking'].map((name) =>
        view
          .getByLabel(name, { exact: true })
          .evaluate((el) => Math.round(el.getBoundingClientRect().top)),
      ),
    );
    expect(new Set(tops).size, `tops of Model, Image detail, Thinking: ${tops}`).toBe(1);
    const pane = await view
      .locator('.conversation')
      .evaluate((el) => Math.round(el.getBoundingClientRect().height));
    expect(pane, 'conversation pane height, px').toBeGreaterThanOrEqual(300);
    const [code, text] = await answer(view)
      .locator('code')
      .first()
      .evaluate((el) =>
        [el, el.parentElement!].map((e) => parseFloat(getComputedStyle(e).fontSize)),
      );
    expect(code / text).toBeGreaterThanOrEqual(0.85);
    await ctx.close();
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`frames an alert the same in Ask and in Reveal, and dims the page under History (${scheme})`, async () => {
      const ctx = await context(bed.browser, DESKTOP, scheme);
      const { page } = await openPage(ctx, `${inject('appURL')}#/ask`);
      const ask = page.locator('ask-view');
      await ask.getByLabel('Prompt').fill('What does it say?');
      await ask.getByRole('button', { name: 'Ask', exact: true }).click();
      const askAlert = ask
        .getByRole('alert')
        .filter({ hasText: 'Paste your Gemini API key first' });
      const askLook = await look(askAlert);

      const history = await openHistory(ask);
      const dim = await history.evaluate(
        (el) => getComputedStyle(el, '::backdrop').backgroundColor,
      );
      expect(alpha(dim), `backdrop ${dim}`).toBeGreaterThanOrEqual(0.3);
      expect(await history.evaluate((el) => getComputedStyle(el).boxShadow)).not.toBe('none');
      await page.keyboard.press('Escape');

      await page.goto(`${inject('appURL')}#/reveal`);
      await chooseImage(page, {
        name: 'broken.png',
        mimeType: 'image/png',
        buffer: Buffer.from('not a png'),
      });
      const revealAlert = reveal(page).getByRole('alert').filter({ hasText: /\S/ });
      await revealAlert.waitFor();
      expect(askLook).toEqual(await look(revealAlert));
      await ctx.close();
    });
  }

  it("draws Ask's image file button as Reveal's, in the drop area and under an image (light, dark)", async () => {
    /** How a file input's own button is drawn: frame, corners, fill, text, font, padding. */
    const fileButton = (input: Locator) =>
      input.evaluate((el) => {
        const s = getComputedStyle(el, '::file-selector-button');
        return [
          `border ${s.borderTopWidth} ${s.borderTopStyle} ${s.borderTopColor}`,
          `radius ${s.borderTopLeftRadius}`,
          `fill ${s.backgroundColor}`,
          `colour ${s.color}`,
          `font ${s.fontFamily}`,
          `padding ${s.paddingTop} ${s.paddingRight}`,
        ];
      });
    for (const scheme of ['light', 'dark'] as const) {
      const ctx = await context(bed.browser, DESKTOP, scheme);
      const { page } = await openReveal(ctx);
      const revealLook = await fileButton(reveal(page).getByLabel('Image', { exact: true }));
      // A plain button on the page colour, as Reveal's toolbar buttons (looks-hide-reveal).
      const pageFill = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      expect(revealLook).toContain(`fill ${pageFill}`);
      await page.getByRole('tab', { name: 'Ask' }).click();
      const ask = page.locator('ask-view');
      const input = ask.getByLabel('Image', { exact: true });
      expect(await fileButton(input), `drop area (${scheme})`).toEqual(revealLook);
      await pickSample(ask, 'Sample: hidden message');
      await ask.locator('.compact').waitFor();
      expect(await fileButton(input), `under the image (${scheme})`).toEqual(revealLook);
      await ctx.close();
    }
  });

  it('lays the samples out evenly: one row of three at 1280 px, short rows at 360 px', async () => {
    for (const viewport of [DESKTOP, PHONE]) {
      const ctx = await context(bed.browser, viewport, 'light');
      const { page } = await openPage(ctx, `${inject('appURL')}#/ask`);
      const samples = page.locator('ask-view').getByRole('button', { name: /^Sample: / });
      await expect.poll(() => samples.count()).toBe(3);
      const b = await boxes(samples);
      const widths = new Set(b.map((s) => s.width));
      expect(widths.size, `sample widths ${[...widths]}`).toBe(1);
      if (viewport === DESKTOP) {
        expect(new Set(b.map((s) => s.y)).size, 'rows of samples').toBe(1);
      } else {
        const heights = await samples.evaluateAll((els) =>
          els.map((el) => el.getBoundingClientRect().height),
        );
        // A thumbnail beside its name: no card taller than about three lines of text.
        for (const h of heights) expect(h).toBeLessThanOrEqual(80);
      }
      await ctx.close();
    }
  });

  it("lines up Reveal's actions in even columns on a phone and opens All views", async () => {
    const ctx = await context(bed.browser, PHONE, 'light');
    const { page } = await openReveal(ctx);
    await chooseImage(page, lessonImage);
    await picture(page).waitFor();
    const view = reveal(page);
    const names = ['Read text', 'All views', 'Download PNG', 'Ask Gemini'];
    const b = await Promise.all(names.map((n) => boxes(view.getByRole('button', { name: n }))));
    const widths = b.map(([one]) => one.width);
    expect(new Set(widths).size, `widths ${widths}`).toBe(1);
    expect(b[0][0].x).toBe(b[2][0].x);
    await view.getByRole('button', { name: 'All views' }).click();
    // How its pictures and names are laid out at this width: looks-hide-reveal.test.ts.
    const tiles = view.locator('reveal-views').getByRole('button');
    await expect.poll(() => tiles.count()).toBeGreaterThan(3);
    await ctx.close();
  });

  it('starts the empty conversation level with the image, with no grey line above the key setup', async () => {
    for (const viewport of [DESKTOP, PHONE]) {
      const ctx = await context(bed.browser, viewport, 'light');
      const { view } = await openAsk(ctx);
      const idle = view.getByRole('status').filter({ hasText: 'Ask a question to see the answer' });
      // Still said to screen readers (the live region stays), but takes no room on screen.
      const height = await idle.evaluate((el) => el.getBoundingClientRect().height);
      expect(height, 'height of "Ask a question…" on screen').toBeLessThanOrEqual(1);
      const [key] = await boxes(view.locator('ask-key-panel'));
      const [image] = await boxes(view.locator('ask-image-panel'));
      if (viewport === DESKTOP) {
        // Beside the image, the first thing to do is its first line.
        expect(Math.abs(key.y - image.y), 'key setup top vs image top').toBeLessThanOrEqual(2);
      } else {
        // Under the image, nothing stands between the image's notes and the key setup.
        const sendNote = view.getByText(/^Auto: long side/);
        const [note] = await boxes(sendNote);
        expect(key.y - note.y, 'from the Send note to the key setup').toBeLessThanOrEqual(64);
      }
      await ctx.close();
    }
  });

  it('says "Key works" once, small and right under Settings, and not again once Settings is open', async () => {
    for (const viewport of [DESKTOP, PHONE]) {
      const ctx = await context(bed.browser, viewport, 'light');
      const { view } = await openAsk(ctx, bed.fake.url);
      await view.getByRole('button', { name: 'Check key' }).click();
      const settings = view.getByRole('button', { name: 'Settings', exact: true });
      const note = view.getByRole('status').filter({ hasText: 'Key works' });
      await note.waitFor();
      expect(await note.innerText()).toMatch(/The key and where it goes are now under Settings/);
      const [button] = await boxes(settings);
      const buttonBottom = await settings.evaluate((el) => el.getBoundingClientRect().bottom);
      const [line] = await boxes(note);
      const [composer] = await boxes(view.getByRole('group', { name: 'Question' }));
      // Right under the button row, above the image and the Question box.
      expect(line.y - buttonBottom, 'gap from Settings to the note').toBeGreaterThanOrEqual(0);
      expect(line.y - buttonBottom, 'gap from Settings to the note').toBeLessThanOrEqual(16);
      expect(line.y).toBeLessThan(composer.y);
      expect(button.y).toBeLessThan(line.y);
      const [size, body] = await note.evaluate((el) => [
        parseFloat(getComputedStyle(el).fontSize),
        parseFloat(getComputedStyle(document.body).fontSize),
      ]);
      expect(size, 'note text size vs body text').toBeLessThan(body);
      // Read once: Settings says it itself, so the note goes.
      await settings.click();
      const region = view.getByRole('region', { name: 'Settings' });
      await region.getByText('Key works').waitFor();
      expect(await view.getByText('Key works').count(), '"Key works" on the page').toBe(1);
      await ctx.close();
    }
  });

  it("keeps the stage's zoom toolbar to full, even rows with every label: one row at 1280 px, two at 360 px", async () => {
    for (const viewport of [DESKTOP, PHONE]) {
      const ctx = await context(bed.browser, viewport, 'light');
      const { view } = await openAsk(ctx);
      await pickSample(view, 'Sample: hidden message');
      const names = ['Zoom out', 'Zoom in', 'Fit', 'Select a region'];
      const stage = view.locator('ask-stage');
      const b = await Promise.all(
        names.map(
          async (n) => (await boxes(stage.getByRole('button', { name: n, exact: true })))[0],
        ),
      );
      const rows = new Set(b.map((x) => x.y));
      const [picture] = await boxes(stage.getByRole('group', { name: /^Picture: / }));
      if (viewport === DESKTOP) {
        expect(rows.size, 'toolbar rows').toBe(1);
      } else {
        expect(rows.size, 'toolbar rows').toBe(2);
        // Each row runs from the picture's left edge to its right edge: no ragged end.
        for (const y of rows) {
          const row = b.filter((x) => x.y === y);
          const left = Math.min(...row.map((x) => x.x));
          const right = Math.max(...row.map((x) => x.x + x.width));
          expect(Math.abs(left - picture.x), `row at ${y}: left edge`).toBeLessThanOrEqual(2);
          expect(
            Math.abs(right - (picture.x + picture.width)),
            `row at ${y}: right edge`,
          ).toBeLessThanOrEqual(2);
        }
      }
      for (const n of names) {
        expect(await stage.getByRole('button', { name: n, exact: true }).innerText()).toBe(n);
      }
      // A wide picture fills its stage, with no bands of empty checkerboard above and below it
      // (150 px of them at 1280 × 800 pushed Find under the fold; a phone keeps a 14rem stage).
      await pickSample(view, 'Sample: stock index chart');
      const frame = stage.getByRole('group', { name: /^Picture: / });
      const chart = stage.getByRole('img', { name: /stock-index-chart/ });
      const bands = async () =>
        (await frame.boundingBox())!.height - (await chart.boundingBox())!.height;
      await expect
        .poll(bands, { message: 'stage left empty above and below the chart' })
        .toBeLessThanOrEqual(viewport === DESKTOP ? 4 : 40);
      if (viewport === DESKTOP) {
        const find = view.getByRole('button', { name: 'Find', exact: true });
        const bottom = (await find.boundingBox())!;
        expect(bottom.y + bottom.height, 'bottom of Find').toBeLessThanOrEqual(DESKTOP.height);
      }
      await ctx.close();
    }
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`fits the whole composer in a 1280×800 window after an answer, with the question's top in sight (${scheme})`, async () => {
      const ctx = await context(bed.browser, DESKTOP, scheme);
      const { page, view } = await openAsk(ctx, bed.fake.url);
      await pickSample(view, 'Sample: hidden message');
      bed.fake.queue(answerReply(SHORT_ANSWER));
      await askAndWait(view, bed.fake, 'What does the hidden text say?');
      await view.getByLabel('Thinking').waitFor();
      expect(await page.evaluate(() => window.scrollY), 'page scrolled').toBe(0);
      // The composer, down to its last line ("Answered by", where the browser has the API).
      const composer = view.getByRole('group', { name: 'Question' });
      const bottom = await composer.evaluate((el) => el.getBoundingClientRect().bottom);
      expect(bottom, 'bottom of the composer').toBeLessThanOrEqual(DESKTOP.height);
      // The new question starts in sight, below the pane's top edge, not scrolled above it.
      const question = view
        .getByRole('list', { name: 'Conversation' })
        .getByRole('listitem')
        .filter({ hasText: 'What does the hidden text say?' });
      const [top, paneTop, paneBottom] = await question.evaluate((el) => {
        let pane: Element | null = el;
        while (pane && getComputedStyle(pane).overflowY !== 'auto') {
          pane = pane.parentElement ?? (pane.getRootNode() as ShadowRoot).host;
        }
        const r = (pane ?? document.documentElement).getBoundingClientRect();
        return [el.getBoundingClientRect().top, Math.max(r.top, 0), r.bottom];
      });
      expect(top, 'top of the question').toBeGreaterThanOrEqual(paneTop - 1);
      expect(top, 'top of the question').toBeLessThan(Math.min(paneBottom, DESKTOP.height) - 40);
      await ctx.close();
    });
  }
});
