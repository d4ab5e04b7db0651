/**
 * The Hide view as a component in real Chromium: found by role and label as a person finds
 * it, driven by keyboard and pointer, checked with axe for accessibility problems.
 */
import axe from 'axe-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import type { HandoffDetail } from '../../src/ui/events.ts';
import '../../src/hide/hide-view.ts';
import type { HideView } from '../../src/hide/hide-view.ts';

let view: HideView;

/** The preview canvas, deep in the view's shadow roots. */
function previewCanvas(): HTMLCanvasElement {
  const preview = view.shadowRoot!.querySelector('hide-preview')!;
  return preview.shadowRoot!.querySelector('canvas')!;
}

/** How many preview pixels are not the background colour (the text). */
function textPixelsInPreview(): number {
  const c = previewCanvas();
  const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
  let n = 0;
  for (let i = 0; i < data.length; i += 4) {
    if (data[i] !== data[0] || data[i + 1] !== data[1] || data[i + 2] !== data[2]) n++;
  }
  return n;
}

/** The line that says how visible the difference is. */
function verdict() {
  return page.getByRole('status').filter({ hasText: 'ΔE2000' });
}

/** Wait for the next hand-off event the view fires. */
function nextHandoff(): Promise<HandoffDetail> {
  return new Promise((resolve) =>
    document.addEventListener('glimpse-handoff', (e) => resolve(e.detail), { once: true }),
  );
}

beforeEach(async () => {
  view = document.createElement('hide-view');
  document.body.append(view);
  await view.updateComplete;
});

afterEach(() => view.remove());

describe('<hide-view>', () => {
  it('has no accessibility violations axe can find', async () => {
    const results = await axe.run(view, { resultTypes: ['violations'] });
    expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  });

  it('redraws the preview as the message is typed and the size changes', async () => {
    await expect.poll(() => previewCanvas().width).toBe(500);
    const before = textPixelsInPreview();
    expect(before).toBeGreaterThan(1000);
    await page.getByLabelText('Message', { exact: true }).fill('Hi');
    await expect.poll(textPixelsInPreview).toBeLessThan(before / 4);
    expect(textPixelsInPreview()).toBeGreaterThan(20);
    await page.getByLabelText('Width', { exact: true }).fill('200');
    await expect.poll(() => previewCanvas().width).toBe(200);
    expect(previewCanvas().height).toBe(500);
    expect(page.getByRole('img', { name: /200 × 500 pixels/ }).element()).toBeTruthy();
  });

  it('says what Font size takes when it cannot be used, under the field that needs it', async () => {
    const size = page.getByLabelText('Font size', { exact: true });
    const said = () => page.getByText('Use a number from 1 to 400.', { exact: true }).all().length;
    for (const [typed, wrong] of [
      ['401', true],
      ['400', false],
      ['0.5', true],
      ['12.5', false],
    ] as const) {
      await size.fill(typed);
      await expect.poll(said).toBe(wrong ? 1 : 0);
      expect(size.element().getAttribute('aria-invalid'), typed).toBe(String(wrong));
    }
  });

  it('redraws a large picture once typing pauses, and offers it only when drawn', async () => {
    const width = page.getByLabelText('Width', { exact: true });
    const download = page.getByRole('button', { name: 'Download PNG' });
    await width.fill('2000');
    await page.getByLabelText('Height', { exact: true }).fill('1500');
    await page.getByLabelText('Message', { exact: true }).fill('A bigger secret');
    await expect
      .poll(() => `${previewCanvas().width}×${previewCanvas().height}`, { timeout: 10_000 })
      .toBe('2000×1500');
    await expect.poll(() => (download.element() as HTMLButtonElement).disabled).toBe(false);
    expect(textPixelsInPreview()).toBeGreaterThan(500);
    const handed = nextHandoff();
    await page.getByRole('button', { name: 'Reveal it' }).click();
    const bitmap = await createImageBitmap((await handed).image);
    expect([bitmap.width, bitmap.height]).toEqual([2000, 1500]);
  });

  it('reaches every control with the keyboard, in reading order', async () => {
    // The picture and its actions come first (left on a wide screen, on top on a phone), then
    // the settings panel: message, colours, size and font, contrast.
    (page.getByRole('button', { name: 'Download PNG' }).element() as HTMLElement).focus();
    const names: string[] = [];
    for (let i = 0; i < 16; i++) {
      let el: Element | null = document.activeElement;
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
      const label = el?.id
        ? (el.getRootNode() as ShadowRoot).querySelector(`label[for="${el.id}"]`)?.textContent
        : el?.closest('label')?.textContent;
      names.push((label ?? el?.textContent ?? '').replace(/\s+/g, ' ').trim());
      await userEvent.tab();
    }
    expect(names).toEqual([
      'Download PNG',
      'Copy image',
      'Reveal it',
      'Ask Gemini to read it',
      'Message',
      'Text colour',
      'Pick text colour',
      'Background colour',
      'Pick background colour',
      'Font size',
      'Font',
      'Text alpha',
      'Width',
      'Height',
      'Contrast',
      'Channel',
    ]);
  });

  it('takes a colour from the picker as well as typed', async () => {
    await page.getByLabelText('Pick background colour', { exact: true }).fill('#102030');
    const field = page.getByLabelText('Background colour', { exact: true });
    await expect.poll(() => (field.element() as HTMLInputElement).value).toBe('#102030');
    expect(page.getByRole('row', { name: /^Blue/ }).element().textContent).toMatch(/85\s*48/);
    await field.fill('#7ed957');
    await expect
      .poll(
        () =>
          (
            page
              .getByLabelText('Pick background colour', { exact: true })
              .element() as HTMLInputElement
          ).value,
      )
      .toBe('#7ed957');
  });

  it('sets the text colour from Contrast and Channel and shows the difference', async () => {
    await userEvent.selectOptions(page.getByLabelText('Channel', { exact: true }), 'green');
    const contrast = page.getByLabelText('Contrast', { exact: true });
    await contrast.fill('0');
    await userEvent.keyboard('{Enter}');
    const text = page.getByLabelText('Text colour', { exact: true });
    await expect.poll(() => (text.element() as HTMLInputElement).value).toBe('#7EDA57');
    expect(page.getByRole('row', { name: /^Green/ }).element().textContent).toMatch(
      /218\s*217\s*\+1/,
    );
    expect(verdict().element().textContent).toMatch(/invisible/);

    await contrast.fill('5');
    await userEvent.keyboard('{Enter}');
    await expect.poll(() => (text.element() as HTMLInputElement).value).not.toBe('#7EDA57');
    const said = verdict().element().textContent!;
    const dE = Number(/ΔE2000 ([\d.]+)/.exec(said)![1]);
    expect(Math.abs(dE - 5)).toBeLessThan(0.5);
    expect(said).toMatch(/: visible/);
  });

  it('hands a PNG to Reveal and to Ask with the lesson prompt', async () => {
    let handed = nextHandoff();
    await page.getByRole('button', { name: 'Reveal it' }).click();
    let detail = await handed;
    expect(detail.target).toBe('reveal');
    expect(detail.image.type).toBe('image/png');
    expect(detail.name).toBe('hidden-message.png');
    expect(detail.prompt).toBeUndefined();

    handed = nextHandoff();
    await page.getByRole('button', { name: 'Ask Gemini to read it' }).click();
    detail = await handed;
    expect(detail.target).toBe('ask');
    expect(detail.prompt).toBe('Read what you see on this image.');
    const bitmap = await createImageBitmap(detail.image);
    expect([bitmap.width, bitmap.height]).toEqual([500, 500]);
  });
});
