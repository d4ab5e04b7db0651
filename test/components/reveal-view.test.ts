/**
 * The Reveal view as a component in real Chromium: found by role and label as a person finds
 * it, driven by keyboard, paste and drop, checked with axe.
 */
import axe from 'axe-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import '../../src/reveal/reveal-view.ts';
import type { RevealView } from '../../src/reveal/reveal-view.ts';
import type { Pixels } from '../../src/lib/reveal/types.ts';
import { writePng } from '../support/reveal-png.ts';

let view: RevealView;

/** 64 × 32: left half background (126, 217, 87), right half "text" one level lower in blue. */
function halves(): Pixels {
  const width = 64;
  const height = 32;
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    data.set([126, 217, i % width < 32 ? 87 : 86, 255], i * 4);
  }
  return { width, height, data };
}

async function pngFile(pixels: Pixels, name = 'halves.png'): Promise<File> {
  return new File([(await writePng(pixels)) as Uint8Array<ArrayBuffer>], name, {
    type: 'image/png',
  });
}

/** The shown canvas, deep in the view's shadow roots. */
function shown(): HTMLCanvasElement | null {
  return (
    view.shadowRoot!.querySelector('reveal-canvas')?.shadowRoot?.querySelector('canvas') ?? null
  );
}

/** Distinct colours on the shown canvas, as "r,g,b" strings. */
function colours(): Set<string> {
  const c = shown()!;
  const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
  const out = new Set<string>();
  for (let i = 0; i < d.length; i += 4) out.add(`${d[i]},${d[i + 1]},${d[i + 2]}`);
  return out;
}

/** Colour of the pixel at (x, y) on the shown canvas. */
function at(x: number, y: number): string {
  const d = shown()!.getContext('2d')!.getImageData(x, y, 1, 1).data;
  return `${d[0]},${d[1]},${d[2]}`;
}

beforeEach(async () => {
  view = document.createElement('reveal-view');
  document.body.append(view);
  await view.updateComplete;
});

afterEach(() => view.remove());

describe('<reveal-view>', () => {
  it('starts as an invitation to choose an image, saying what Reveal does, with no greyed controls', async () => {
    await expect.element(page.getByText('Drop, paste or choose an image')).toBeVisible();
    await expect.element(page.getByText(/^Reveal finds text hidden in an image/)).toBeVisible();
    await expect.element(page.getByLabelText('Image', { exact: true })).toBeEnabled();
    // What can be used now, and nothing else: no action or setting stands greyed out.
    const shownControls = [...view.shadowRoot!.querySelectorAll('button, input, select')]
      .filter((c) => c.checkVisibility())
      .map((c) => [c.textContent?.trim() || c.id, (c as HTMLButtonElement).disabled]);
    expect(shownControls).toEqual([
      ['file', false],
      ["Try it: the lesson's hidden message", false],
    ]);
    // The settings (inside their own element) are put away too.
    for (const label of ['Channel', 'Threshold', 'Invert']) {
      await expect
        .element(page.getByLabelText(label), { message: `${label} shown` })
        .not.toBeVisible();
    }
    // On a wide screen the invitation is the width of the view, no empty column beside it.
    const [wide, high] = [window.innerWidth, window.innerHeight];
    await page.viewport(1280, 800);
    const span = (selector: string) =>
      view.shadowRoot!.querySelector(selector)!.getBoundingClientRect().width;
    expect(span('.drop'), 'width of the invitation at 1280 px').toBeGreaterThan(
      span('.workspace') - 2,
    );
    await page.viewport(wide, high);
    // With an image, the actions and the lesson's rule: red cut at 120, not inverted.
    view.receive({ target: 'reveal', image: await pngFile(halves()), name: 'halves.png' });
    await expect.poll(() => shown()?.width).toBe(64);
    await expect.element(page.getByLabelText('Channel')).toHaveValue('red');
    await expect.element(page.getByLabelText('Threshold')).toHaveValue('120');
    await expect.element(page.getByLabelText('Invert')).not.toBeChecked();
    await expect.element(page.getByLabelText('Threshold')).toBeEnabled();
    await expect.element(page.getByRole('button', { name: 'Auto reveal' })).toBeEnabled();
    await expect.element(page.getByRole('button', { name: 'Download PNG' })).toBeEnabled();
    await expect.element(page.getByText('Drop, paste or choose an image')).not.toBeInTheDocument();
  });

  it('has no accessibility violations axe can find, empty and with an image', async () => {
    let results = await axe.run(view, { resultTypes: ['violations'] });
    expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    view.receive({ target: 'reveal', image: await pngFile(halves()), name: 'halves.png' });
    await expect.poll(() => shown()?.width).toBe(64);
    results = await axe.run(view, { resultTypes: ['violations'] });
    expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  });

  it('takes a pasted image and a dropped one', async () => {
    const paste = new DataTransfer();
    paste.items.add(await pngFile(halves(), 'pasted.png'));
    document.dispatchEvent(new ClipboardEvent('paste', { clipboardData: paste, bubbles: true }));
    await expect.poll(() => shown()?.width).toBe(64);
    await expect.element(page.getByText('pasted.png: 64 × 32 pixels.')).toBeVisible();

    const drop = new DataTransfer();
    drop.items.add(await pngFile({ ...halves(), width: 32, height: 64 }, 'dropped.png'));
    view.dispatchEvent(new DragEvent('dragover', { dataTransfer: drop, bubbles: true }));
    view.dispatchEvent(new DragEvent('drop', { dataTransfer: drop, bubbles: true }));
    await expect.poll(() => shown()?.width).toBe(32);
    await expect.element(page.getByText('dropped.png: 32 × 64 pixels.')).toBeVisible();
  });

  it('shows a one-level blue difference through bit planes and the level window, by keyboard', async () => {
    view.receive({ target: 'reveal', image: await pngFile(halves()), name: 'halves.png' });
    await expect.poll(() => shown()?.width).toBe(64);
    // Red 126 > 120 everywhere: the lesson rule shows one flat black.
    expect(colours()).toEqual(new Set(['0,0,0']));

    await page.getByLabelText('View').selectOptions('Bit plane');
    await page.getByLabelText('Channel').selectOptions('Blue');
    await expect.element(page.getByLabelText('Bit', { exact: true })).toHaveValue('0');
    // 87 is odd (bit 0 set → white), 86 even (black).
    await expect.poll(() => [at(0, 0), at(63, 0)]).toEqual(['255,255,255', '0,0,0']);

    await page.getByLabelText('View').selectOptions('Level window');
    const centre = page.getByLabelText('Window centre');
    const width = page.getByLabelText('Window width');
    (width.element() as HTMLElement).focus();
    await userEvent.keyboard('{Home}');
    await expect.element(width).toHaveValue('1');
    (centre.element() as HTMLElement).focus();
    await userEvent.keyboard('{Home}');
    for (let i = 0; i < 87; i++) await userEvent.keyboard('{ArrowRight}');
    await expect.element(centre).toHaveValue('87');
    // A window one level wide at 87 turns 86 black and 87 white (or mid-grey at most).
    await expect.poll(() => at(63, 0)).toBe('0,0,0');
    expect(at(0, 0)).not.toBe('0,0,0');

    await page.getByLabelText('View').selectOptions('Random colour map');
    await expect.poll(() => at(0, 0) !== at(63, 0)).toBe(true);
    const before = at(0, 0);
    await page.getByRole('button', { name: 'Re-roll colours' }).click();
    await expect.poll(() => at(0, 0)).not.toBe(before);
  });

  it('draws the histogram of the chosen channel with the cut marked', async () => {
    view.receive({ target: 'reveal', image: await pngFile(halves()), name: 'halves.png' });
    await expect.poll(() => shown()?.width).toBe(64);
    await expect
      .element(page.getByRole('img', { name: 'Histogram of red values, cut after 120 marked' }))
      .toBeVisible();
    await page.getByLabelText('Channel').selectOptions('Blue');
    (page.getByLabelText('Threshold').element() as HTMLElement).focus();
    await userEvent.keyboard('{ArrowLeft}');
    await expect
      .element(page.getByRole('img', { name: 'Histogram of blue values, cut after 119 marked' }))
      .toBeVisible();
  });
});
