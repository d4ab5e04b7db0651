/**
 * What a demanding person sees of Hide and Reveal at a phone's width in Chromium: actions laid
 * out in full, even rows (no ragged row of buttons of their own widths), buttons drawn alike in
 * both views, and All views as a compact grid by channel, its captions in at most two lines.
 */
import { describe, expect, inject, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { openPage, useChromium } from '../support/browser.ts';
import {
  blockImage,
  chooseImage,
  choosePixels,
  lessonImage,
  look,
  openReveal,
  picture,
  reveal,
  runAutoReveal,
} from './reveal-support.ts';

const PHONE = { width: 360, height: 780 };
/** A small tablet, or a narrow window: still under the wide layout's 48rem. */
const TABLET = { width: 740, height: 900 };
const DESKTOP = { width: 1280, height: 800 };
/** The channels, in All views' order. */
const channelNames = ['Red', 'Green', 'Blue', 'Alpha', 'Luminance', 'Distance from background'];

/**
 * Top and bottom edges and height of the element `locator` finds, in CSS px from the page's
 * top: where it is in the window before any scroll (a result scrolled into sight still counts
 * as below the fold).
 */
async function span(locator: Locator): Promise<{ top: number; bottom: number; height: number }> {
  return locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return { top: r.top + scrollY, bottom: r.bottom + scrollY, height: r.height };
  });
}

/** Left edge, top edge and width of the element `locator` finds, in CSS px. */
async function box(locator: Locator): Promise<{ x: number; y: number; width: number }> {
  return locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return { x: Math.round(r.left), y: Math.round(r.top), width: Math.round(r.width) };
  });
}

/**
 * Check that buttons (boxes `b`) sit in full rows from `edge`'s left to its right, the buttons
 * of a row of one width: no row of buttons of their own widths with a ragged end.
 */
function expectFullRows(
  b: { x: number; y: number; width: number }[],
  edge: { x: number; width: number },
): void {
  for (const y of new Set(b.map((x) => x.y))) {
    const row = b.filter((x) => x.y === y);
    const left = Math.min(...row.map((x) => x.x));
    const right = Math.max(...row.map((x) => x.x + x.width));
    expect(Math.abs(left - edge.x), `row at ${y}: left edge`).toBeLessThanOrEqual(2);
    const end = edge.x + edge.width;
    expect(Math.abs(right - end), `row at ${y}: right edge`).toBeLessThanOrEqual(2);
    expect(new Set(row.map((x) => x.width)).size, `row at ${y}: even widths`).toBe(1);
  }
}

describe('the look of Hide and Reveal on a phone (and a narrow window)', () => {
  const bed = useChromium();

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`draws Hide's buttons as Reveal's, plain and primary (${colorScheme})`, async () => {
      const ctx = await bed.browser.newContext({ viewport: PHONE, colorScheme });
      const { page } = await openPage(ctx, `${inject('appURL')}#/hide`);
      const hide = page.getByRole('tabpanel', { name: 'Hide' });
      const hideButton = (name: string) => hide.getByRole('button', { name, exact: true });
      await hideButton('Copy image').waitFor();
      const hideLooks = [
        await look(hideButton('Download PNG')),
        await look(hideButton('Copy image')),
      ];
      await page.getByRole('tab', { name: 'Reveal' }).click();
      await chooseImage(page, lessonImage);
      await picture(page).waitFor();
      const revealButton = (name: string) =>
        reveal(page).getByRole('button', { name, exact: true });
      const revealLooks = [
        await look(revealButton('Auto reveal')),
        await look(revealButton('Read text')),
      ];
      expect(hideLooks).toEqual(revealLooks);
      // The image chooser's own button too, not the browser's grey one.
      const chooser = await reveal(page)
        .getByLabel('Image', { exact: true })
        .evaluate((input) => {
          const s = getComputedStyle(input, '::file-selector-button');
          return `${s.borderTopWidth} ${s.borderTopStyle} ${s.borderTopColor} ${s.backgroundColor} ${s.color} ${s.borderTopLeftRadius} ${s.fontFamily} ${s.fontSize}`;
        });
      const plain = revealLooks[1];
      // Its corners and type too: the page's font, not the browser's for controls.
      const type = await revealButton('Read text').evaluate((e) => {
        const s = getComputedStyle(e);
        return `${s.fontFamily} ${s.fontSize}`;
      });
      expect(chooser, "the image chooser's own button").toBe(
        `${plain.border} ${plain.fill} ${plain.colour} ${plain.radius} ${type}`,
      );
      // A plain button stands on the page's own colour, as the page around it.
      const pageFill = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      expect(hideLooks[1].fill).toBe(pageFill);
      await ctx.close();
    });
  }

  it('opens a picture fitted to the window: the whole of it, its zoom bar and what Auto reveal and Read text found in sight at 1280 × 800', async () => {
    const ctx = await bed.browser.newContext({ viewport: DESKTOP, reducedMotion: 'reduce' });
    const { page } = await openReveal(ctx);
    const fit = reveal(page).getByRole('button', { name: 'Fit', exact: true });
    // A photo's shape (7 : 5, as a 7000 × 5000 camera file), wider than the picture's column.
    const { image } = blockImage(1400, 1000, [126, 150, 90, 255], [115, 150, 90, 255]);
    await choosePixels(page, image, 'photo.png');
    await picture(page).waitFor();
    const photo = await span(picture(page));
    // Large: more than half the window's height, and all of it above the window's bottom edge,
    // with the bar that zooms it.
    expect(photo.height, 'height of the fitted photo').toBeGreaterThanOrEqual(DESKTOP.height / 2);
    expect(photo.bottom, 'bottom of the fitted photo').toBeLessThanOrEqual(DESKTOP.height);
    expect((await span(fit)).bottom, 'bottom of Fit').toBeLessThanOrEqual(DESKTOP.height);
    // With nothing found yet, the settings beside it start level with the picture's column
    // (empty places for what Auto reveal and Read text will find take no room).
    const settings = await span(reveal(page).locator('.panel'));
    const column = await span(reveal(page).locator('.stage'));
    expect(Math.abs(settings.top - column.top), 'settings below the column top').toBeLessThan(1);

    // The lesson's square image at its own size, then Auto reveal: its answer is read with
    // the picture it explains, not below the fold.
    await chooseImage(page, lessonImage);
    await page.getByRole('img', { name: /^hidden-message\.png revealed:/ }).waitFor();
    await runAutoReveal(page);
    const found = reveal(page).getByText(/^Text differs from the background/);
    const lesson = await span(picture(page));
    expect(lesson.height, 'height of the fitted lesson image').toBeGreaterThanOrEqual(
      DESKTOP.height / 2,
    );
    // Then Read text: the text it found (with its actions) is in the same window too.
    await reveal(page).getByRole('button', { name: 'Read text' }).click();
    const text = reveal(page).getByRole('region', { name: 'Text found' });
    await text.waitFor({ timeout: 60_000 });
    for (const [what, edge] of [
      ['picture', lesson.bottom],
      ['Fit', (await span(fit)).bottom],
      ['what Auto reveal found', (await span(found)).bottom],
      ['Text found', (await span(text)).bottom],
    ] as const) {
      expect(edge, `bottom of ${what}`).toBeLessThanOrEqual(DESKTOP.height);
    }
    // Beside the picture its actions are in full, even rows, as on a phone.
    const actions = ['Copy text', 'Hide this text', 'Ask about this text'].map((name) =>
      text.getByRole('button', { name, exact: true }),
    );
    expectFullRows(await Promise.all(actions.map(box)), await box(actions[0].locator('xpath=..')));
    await ctx.close();
  });

  it("shows the whole fitted picture of the lesson's image in a phone's window, under the image's line and the actions", async () => {
    const ctx = await bed.browser.newContext({ viewport: PHONE, reducedMotion: 'reduce' });
    const { page } = await openReveal(ctx);
    await chooseImage(page, lessonImage);
    await picture(page).waitFor();
    const photo = await span(picture(page));
    // All of it above the window's bottom edge, and not shrunk to make room: most of the width.
    expect(photo.bottom, 'bottom of the fitted picture').toBeLessThanOrEqual(PHONE.height);
    expect(photo.height, 'height of the (square) picture').toBeGreaterThanOrEqual(
      0.8 * PHONE.width,
    );
    // What stands above it is still all there: the chooser, the image's size, the actions.
    const line = reveal(page).getByText('hidden-message.png: 500 × 500 pixels.');
    expect((await span(line)).bottom).toBeLessThan(photo.top);
    expect((await span(reveal(page).getByLabel('Image', { exact: true }))).bottom).toBeLessThan(
      photo.top,
    );
    for (const name of ['Auto reveal', 'Read text', 'All views', 'Download PNG', 'Ask Gemini']) {
      const button = reveal(page).getByRole('button', { name, exact: true });
      expect((await span(button)).bottom, `bottom of ${name}`).toBeLessThan(photo.top);
      expect(await button.innerText()).toBe(name);
    }
    // The image's box is short (four lines pushed the picture 50 px past the window): the
    // label and the chooser on one line, the image's size under them in small type, no hint;
    // and the picture takes the width, in a thin frame.
    const box = (locator: Locator) =>
      locator.evaluate((el) => {
        const r = el.getBoundingClientRect();
        return {
          mid: r.top + r.height / 2,
          width: r.width,
          size: parseFloat(getComputedStyle(el).fontSize),
        };
      });
    const label = await box(reveal(page).getByText('Image', { exact: true }));
    const chooser = await box(reveal(page).getByLabel('Image', { exact: true }));
    expect(Math.abs(label.mid - chooser.mid), 'the label beside the chooser').toBeLessThan(4);
    expect((await box(line)).size, "the image's size in small type").toBeLessThan(label.size);
    expect(await reveal(page).getByText('Or drop or paste another.').isVisible(), 'hint').toBe(
      false,
    );
    const frame = (await box(reveal(page).locator('.picture'))).width;
    expect(
      frame - (await box(picture(page))).width,
      'frame beside the picture',
    ).toBeLessThanOrEqual(12);
    await ctx.close();
  });

  it("says why a file cannot be opened in a phone's window, not below the invitation's fold", async () => {
    // Before an image the invitation fills most of a phone's window, and the message came under
    // it, cut by the window's bottom edge: to a person who chose a file, nothing had happened.
    const ctx = await bed.browser.newContext({ viewport: PHONE, reducedMotion: 'reduce' });
    const { page } = await openReveal(ctx);
    const bytes = Buffer.from('not a picture at all, only words');
    await chooseImage(page, { name: 'notes.png', mimeType: 'image/png', buffer: bytes });
    const alert = reveal(page)
      .getByRole('alert')
      .filter({ hasText: /not an image/ });
    await alert.waitFor();
    const shown = await alert.evaluate((el) => el.getBoundingClientRect().toJSON() as DOMRect);
    expect(shown.top, 'top of the message in the window').toBeGreaterThanOrEqual(0);
    expect(shown.bottom, 'bottom of the message in the window').toBeLessThanOrEqual(PHONE.height);
    await ctx.close();
  });

  it("lays Hide's four actions out in full rows, each from the picture's left edge to its right", async () => {
    const ctx = await bed.browser.newContext({ viewport: PHONE, reducedMotion: 'reduce' });
    const { page } = await openPage(ctx, `${inject('appURL')}#/hide`);
    const view = page.getByRole('tabpanel', { name: 'Hide' });
    const names = ['Download PNG', 'Copy image', 'Reveal it', 'Ask Gemini to read it'];
    const buttons = names.map((name) => view.getByRole('button', { name, exact: true }));
    await buttons[0].waitFor();
    const b = await Promise.all(buttons.map(box));
    expectFullRows(b, await box(view.locator('.picture')));
    // Every label is whole on its button.
    for (const [i, n] of names.entries()) expect(await buttons[i].innerText()).toBe(n);
    await ctx.close();
  });

  // How long the whole of All views may be: about two windows on a phone, one on a wide screen
  // (as pictures beside their full names it made 5,700 px at 360 px and 3,000 px at 1280 px).
  const allViewsLength = new Map([
    [PHONE, 2.2 * PHONE.height],
    [TABLET, 2 * TABLET.height],
    [DESKTOP, DESKTOP.height],
  ]);
  for (const viewport of [PHONE, TABLET, DESKTOP]) {
    it(`lays All views out as a compact grid by channel, each picture captioned in at most two lines and named in full (${viewport.width} px)`, async () => {
      const ctx = await bed.browser.newContext({ viewport, reducedMotion: 'reduce' });
      const { page } = await openReveal(ctx);
      await chooseImage(page, lessonImage);
      await picture(page).waitFor();
      await reveal(page).getByRole('button', { name: 'All views' }).click();
      const grid = reveal(page).getByRole('region', { name: 'All views' });
      await expect.poll(() => grid.locator('[aria-busy="false"]').count()).toBe(1);
      expect(await grid.getByRole('button').count()).toBe(66);
      // Each channel is named once, as a heading over (or beside) its eleven pictures; each
      // picture's visible caption is its view, and its button's name the channel and the view.
      const headings = grid.getByRole('heading', { level: 4 });
      expect(await headings.allInnerTexts()).toEqual(channelNames);
      for (const channel of channelNames) {
        const group = grid.getByRole('listitem').filter({
          has: page.getByRole('heading', { name: channel, exact: true }),
        });
        const tiles = group.getByRole('button');
        expect(await tiles.count(), `pictures of ${channel}`).toBe(11);
        const seen = await tiles.evaluateAll((all) =>
          all.map((b) => {
            const caption = b.querySelector('.caption')!;
            const lines = Math.round(
              caption.getBoundingClientRect().height /
                parseFloat(getComputedStyle(caption).lineHeight),
            );
            // What the eye reads: the caption's text less what only screen readers are told.
            const shown = [...caption.childNodes]
              .filter((n) => n.nodeType === Node.TEXT_NODE)
              .map((n) => n.textContent)
              .join('')
              .trim();
            return { shown, lines, right: b.getBoundingClientRect().right };
          }),
        );
        for (const t of seen) {
          expect(t.shown, 'a caption without its channel').not.toMatch(new RegExp(channel));
          const named = group.getByRole('button', { name: `${channel}, ${t.shown}`, exact: true });
          expect(await named.count(), `"${channel}, ${t.shown}"`).toBe(1);
          expect(t.lines, `lines of "${t.shown}"`).toBeLessThanOrEqual(2);
          expect(t.right, `right edge of "${t.shown}"`).toBeLessThanOrEqual(viewport.width);
        }
        // The heading is whole: not cut off, nor broken inside a word.
        const heading = group.getByRole('heading');
        const fits = await heading.evaluate((h) => h.scrollWidth <= h.clientWidth);
        expect(fits, `${channel} heading fits`).toBe(true);
      }
      // Several pictures side by side: at least four across on a phone, eleven at 1280 px.
      const tops = await grid
        .getByRole('button')
        .evaluateAll((all) => all.map((b) => Math.round(b.getBoundingClientRect().top)));
      const widest = Math.max(...[...new Set(tops)].map((t) => tops.filter((x) => x === t).length));
      expect(widest, 'pictures in the widest row').toBeGreaterThanOrEqual(
        viewport === DESKTOP ? 11 : viewport === TABLET ? 6 : 4,
      );
      const length = await grid.evaluate((g) => g.getBoundingClientRect().height);
      expect(length, 'length of All views').toBeLessThanOrEqual(allViewsLength.get(viewport)!);
      await ctx.close();
    });
  }

  it('lays the actions under "Text found" out in full, even rows', async () => {
    const ctx = await bed.browser.newContext({ viewport: PHONE, reducedMotion: 'reduce' });
    const { page } = await openReveal(ctx);
    await chooseImage(page, lessonImage);
    await picture(page).waitFor();
    await reveal(page).getByRole('button', { name: 'Read text' }).click();
    const found = reveal(page).getByRole('region', { name: 'Text found' });
    await found.waitFor({ timeout: 60_000 });
    const names = ['Copy text', 'Hide this text', 'Ask about this text'];
    const buttons = names.map((name) => found.getByRole('button', { name, exact: true }));
    const b = await Promise.all(buttons.map(box));
    // The row the buttons stand in: the paragraph that holds them, as wide as the region allows.
    expectFullRows(b, await box(buttons[0].locator('xpath=..')));
    for (const [i, n] of names.entries()) expect(await buttons[i].innerText()).toBe(n);
    await ctx.close();
  });
});
