import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useChromium } from '../support/browser.ts';
import { axeFindings } from './a11y-support.ts';
import { bitPlane, colourMap, threshold } from '../../src/lib/reveal/index.ts';
import {
  bigImage,
  blackOnCanvas,
  chooseImage,
  choosePixels,
  countDifferent,
  fixturePng,
  lessonImage,
  openReveal,
  picture,
  reveal,
  runAutoReveal,
  shownPixels,
  waitForImageLine,
  zoomToFullSize,
} from './reveal-support.ts';

const channelNames = ['Red', 'Green', 'Blue', 'Alpha', 'Luminance', 'Distance from background'];

/** The "All views" grid's section. */
const grid = (page: Page) => reveal(page).getByRole('region', { name: 'All views' });

/** Open "All views" and wait until every picture is drawn. */
async function openAllViews(page: Page): Promise<void> {
  await reveal(page).getByRole('button', { name: 'All views' }).click();
  await expect.poll(() => grid(page).locator('[aria-busy="false"]').count()).toBe(1);
}

/** Share of black pixels on a tile's canvas. */
function tileBlackShare(page: Page, name: string | RegExp): Promise<number> {
  return grid(page)
    .getByRole('button', { name })
    .locator('canvas')
    .evaluate((c: HTMLCanvasElement) => {
      const d = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data ?? [];
      let black = 0;
      for (let i = 0; i < d.length; i += 4) if (d[i] + d[i + 1] + d[i + 2] < 60) black++;
      return black / (d.length / 4);
    });
}

/**
 * Per tile, by its button's text ("Red, bit 0"), the share of its picture's pixels in colour
 * (not grey): drawn small, a picture averages its pixels.
 */
function tileColourShares(page: Page): Promise<Record<string, number>> {
  return grid(page)
    .getByRole('button')
    .evaluateAll((buttons) =>
      Object.fromEntries(
        buttons.map((b) => {
          const c = b.querySelector('canvas')!;
          const d = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data ?? [];
          let coloured = 0;
          for (let i = 0; i < d.length; i += 4)
            if (d[i] !== d[i + 1] || d[i] !== d[i + 2]) coloured++;
          return [b.textContent?.replace(/\s+/g, ' ').trim(), coloured / (d.length / 4)];
        }),
      ),
    );
}

describe('Reveal: All views', () => {
  const bed = useChromium();

  it('shows every channel through every view as a named button, drawn from the image', async () => {
    const context = await bed.browser.newContext();
    const { page, errors } = await openReveal(context);
    await chooseImage(page, lessonImage);
    await waitForImageLine(page);
    const toggle = reveal(page).getByRole('button', { name: 'All views' });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await openAllViews(page);
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');

    // The grid opens under the picture, below the fold: it comes into view, its heading and
    // first row on screen.
    const onScreen = (name: string | RegExp) =>
      grid(page)
        .getByRole('heading', { name })
        .or(grid(page).getByRole('button', { name }))
        .first()
        .evaluate((e) => {
          const r = e.getBoundingClientRect();
          return r.top >= 0 && r.bottom <= innerHeight;
        });
    expect(await onScreen('All views')).toBe(true);
    expect(await onScreen(/^Red, threshold/)).toBe(true);

    // 6 channels × (auto-cut threshold, bits 0–7, colour map, equalised).
    const tiles = grid(page).getByRole('button');
    expect(await tiles.count()).toBe(66);
    // Neat rows: a name on two lines does not make its picture stand out of its row.
    const boxes = await tiles.evaluateAll((all) => all.map((b) => b.getBoundingClientRect()));
    for (const box of boxes) {
      const row = boxes.filter((b) => Math.abs(b.top - box.top) < 1);
      expect(row.map((b) => Math.round(b.height))).toEqual(row.map(() => Math.round(box.height)));
    }
    for (const channel of channelNames) {
      const named = (suffix: string) =>
        grid(page).getByRole('button', { name: `${channel}, ${suffix}`, exact: true });
      for (let bit = 0; bit < 8; bit++) expect(await named(`bit ${bit}`).count()).toBe(1);
      expect(await named('random colour map').count()).toBe(1);
      expect(await named('equalised').count()).toBe(1);
      expect(
        await grid(page)
          .getByRole('button', { name: new RegExp(`^${channel}, threshold \\d+(, inverted)?$`) })
          .count(),
      ).toBe(1);
    }

    // The message differs by 11 in red: Red's auto-cut shows some text; Green is one flat colour.
    const red = await tileBlackShare(page, /^Red, threshold/);
    expect(red).toBeGreaterThan(0.01);
    expect(red).toBeLessThan(0.3);
    expect(await tileBlackShare(page, /^Green, threshold/)).toBe(0);
    // Each picture is the one its caption names: a bit plane in greys (black and white drawn
    // small), the random colour map in colours, not another tile's picture under that caption.
    const inColour = await tileColourShares(page);
    for (const channel of channelNames) {
      for (let bit = 0; bit < 8; bit++) {
        const name = `${channel}, bit ${bit}`;
        expect(inColour[name], `share in colour of ${name}`).toBe(0);
      }
      const name = `${channel}, random colour map`;
      expect(inColour[name], `share in colour of ${name}`).toBeGreaterThan(0.5);
    }
    expect(await axeFindings(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('opens a chosen picture as the current view, with its settings', async () => {
    const context = await bed.browser.newContext();
    const { page, errors } = await openReveal(context);
    const image = await fixturePng('lesson/hidden-message.png');
    await chooseImage(page, lessonImage);
    await waitForImageLine(page);
    const view = reveal(page).getByLabel('View');
    const shownView = () => view.evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.text);

    await openAllViews(page);
    await grid(page).getByRole('button', { name: 'Red, bit 0', exact: true }).click();
    // The grid closes; the picture, the menu and the sliders are that view's.
    expect(await grid(page).count()).toBe(0);
    await expect.poll(() => picture(page).getAttribute('aria-label')).toMatch(/bit 0 of red/);
    expect(await shownView()).toBe('Bit plane');
    expect(await reveal(page).getByLabel('Channel').inputValue()).toBe('red');
    expect(await reveal(page).getByLabel('Bit', { exact: true }).inputValue()).toBe('0');
    const bit0 = bitPlane(image, { channel: 'red', bit: 0 });
    expect(countDifferent(await shownPixels(page, image), bit0)).toBe(0);

    await openAllViews(page);
    const cutTile = grid(page).getByRole('button', { name: /^Red, threshold/ });
    const [, cut] = /threshold (\d+)/.exec(await cutTile.innerText()) ?? [];
    await cutTile.click();
    await expect.poll(() => shownView()).toBe('Threshold');
    expect(await reveal(page).getByLabel('Threshold').inputValue()).toBe(cut);
    // The automatic cut shows the background white (inverted where it must be, which the
    // caption leaves to the settings): the picture is that view, the message dark on white.
    const inverted = await reveal(page).getByLabel('Invert').isChecked();
    const cutMask = threshold(image, { channel: 'red', threshold: Number(cut), invert: inverted });
    const shown = await shownPixels(page, image);
    expect(countDifferent(shown, cutMask)).toBe(0);
    let black = 0;
    for (let i = 0; i < shown.data.length; i += 4) if (shown.data[i] === 0) black++;
    expect(black / (shown.width * shown.height), 'share of black: the text only').toBeLessThan(0.3);
    expect(black, 'the text shown').toBeGreaterThan(0);

    await openAllViews(page);
    await grid(page).getByRole('button', { name: 'Luminance, random colour map' }).click();
    await expect
      .poll(() => picture(page).getAttribute('aria-label'))
      .toMatch(/luminance through random colours/);
    expect(await shownView()).toBe('Random colour map');
    const mapped = colourMap(image, { channel: 'luminance', seed: 1 });
    expect(countDifferent(await shownPixels(page, image), mapped)).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('after Auto reveal on a 12 MP image, a chosen picture is shown at full resolution', async () => {
    const context = await bed.browser.newContext();
    const { page, errors } = await openReveal(context);
    const { image } = bigImage();
    await choosePixels(page, image, 'big.png');
    await expect
      .poll(() =>
        reveal(page)
          .getByText(/4000 × 3000 pixels/)
          .count(),
      )
      .toBe(1);
    await runAutoReveal(page);

    await openAllViews(page);
    await grid(page).getByRole('button', { name: 'Red, bit 0', exact: true }).click();
    await expect.poll(() => picture(page).getAttribute('aria-label')).toMatch(/bit 0 of red/);
    // Not Auto's mask, nor the screen-sized preview: the view itself, at full size (at 100 %,
    // where it is painted whole). Red is 115 (bit 0 set: white) in the text and 126 (clear:
    // black) around it.
    await zoomToFullSize(page);
    await expect
      .poll(() => picture(page).evaluate((c: HTMLCanvasElement) => `${c.width}x${c.height}`), {
        timeout: 30_000,
      })
      .toBe('4000x3000');
    const black = await blackOnCanvas(page);
    expect(black).toBe(image.width * image.height - bigImage().textPixels);
    expect(errors).toEqual([]);
    await context.close();
  });
});
