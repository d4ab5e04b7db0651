/**
 * The Ask stage in real Chromium: boxes land on the picture where Gemini put them at any zoom
 * and width, everything works by keyboard, and "Ask about this" names the right pixels.
 */
import axe from 'axe-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import '../../src/ask/ask-stage.ts';
import type { AskAboutDetail, AskStage } from '../../src/ask/ask-stage.ts';
import type { FoundBox } from '../../src/lib/boxes/index.ts';

const boxes: FoundBox[] = [
  { label: 'red square', box_2d: [100, 100, 400, 300] },
  { label: 'blue bar', box_2d: [600, 500, 900, 950] },
  { label: 'corner', box_2d: [0, 0, 50, 50] },
];

let stage: AskStage;
let host: HTMLDivElement;
let url: string;

/** A 1200 × 800 PNG with a few shapes, as an object URL. */
async function picture(): Promise<string> {
  const canvas = new OffscreenCanvas(1200, 800);
  const g = canvas.getContext('2d')!;
  g.fillStyle = '#eee';
  g.fillRect(0, 0, 1200, 800);
  g.fillStyle = '#c00';
  g.fillRect(120, 80, 240, 240);
  g.fillStyle = '#00c';
  g.fillRect(600, 480, 540, 240);
  return URL.createObjectURL(await canvas.convertToBlob({ type: 'image/png' }));
}

async function mount(width: number, imageSize?: { width: number; height: number }): Promise<void> {
  host = document.createElement('div');
  host.style.width = `${width}px`;
  host.style.setProperty('--stage-height', '420px');
  stage = document.createElement('ask-stage');
  stage.name = 'shapes.png';
  stage.src = url;
  stage.sentSize = { width: 1200, height: 800 };
  if (imageSize) stage.imageSize = imageSize;
  host.append(stage);
  document.body.append(host);
  await expect.poll(() => stage.naturalSize.width).toBe(1200);
  stage.boxes = boxes;
  await stage.updateComplete;
}

const $ = <T extends Element = HTMLElement>(sel: string) =>
  stage.shadowRoot!.querySelector<T>(sel)!;
const $$ = (sel: string) => [...stage.shadowRoot!.querySelectorAll<HTMLElement>(sel)];
const button = (name: string) =>
  $$('button').find((b) => (b.getAttribute('aria-label') ?? b.textContent!.trim()) === name)!;

/** Each box button's on-screen rectangle against where its 0–1000 box falls on the drawn image. */
function boxErrors(): number[] {
  const img = $('img').getBoundingClientRect();
  return boxes.flatMap((b, i) => {
    const shown = button(`Box: ${b.label}`).getBoundingClientRect();
    expect(shown.width, `box ${i} is drawn`).toBeGreaterThan(0);
    const [ymin, xmin, ymax, xmax] = b.box_2d;
    return [
      shown.left - (img.left + (xmin / 1000) * img.width),
      shown.top - (img.top + (ymin / 1000) * img.height),
      shown.right - (img.left + (xmax / 1000) * img.width),
      shown.bottom - (img.top + (ymax / 1000) * img.height),
    ].map(Math.abs);
  });
}

/** The "ask-about" events the stage fires. */
function listen(): AskAboutDetail[] {
  const seen: AskAboutDetail[] = [];
  document.addEventListener('ask-about', (e) => seen.push(e.detail));
  return seen;
}

beforeEach(async () => {
  await page.viewport(1280, 900);
  url = await picture();
});

afterEach(() => {
  host?.remove();
  URL.revokeObjectURL(url);
});

describe('<ask-stage>', () => {
  it('fits the whole picture, centred, in its frame', async () => {
    await mount(900);
    const frame = $('.viewport').getBoundingClientRect();
    const img = $('img').getBoundingClientRect();
    expect(img.width / img.height).toBeCloseTo(1.5, 2);
    expect(img.left).toBeGreaterThanOrEqual(frame.left);
    expect(img.right).toBeLessThanOrEqual(frame.right);
    expect(Math.abs(img.top - frame.top - (frame.bottom - img.bottom))).toBeLessThanOrEqual(1);
  });

  it('draws every box within 1 CSS pixel of where Gemini put it, at two zoom levels', async () => {
    await mount(900);
    expect(Math.max(...boxErrors())).toBeLessThanOrEqual(1);
    button('Zoom in').click();
    button('Zoom in').click();
    await stage.updateComplete;
    expect(stage.zoom).toBeCloseTo(1.5625, 4);
    const img = $('img').getBoundingClientRect();
    expect(img.width).toBeGreaterThan($('.viewport').getBoundingClientRect().width);
    expect(Math.max(...boxErrors())).toBeLessThanOrEqual(1);
  });

  it('draws every box within 1 CSS pixel on a 360 px phone, and after panning', async () => {
    await page.viewport(360, 740);
    await mount(340);
    expect(Math.max(...boxErrors())).toBeLessThanOrEqual(1);
    $('.viewport').focus();
    await userEvent.keyboard('+++');
    await userEvent.keyboard('{ArrowLeft}{ArrowUp}');
    await stage.updateComplete;
    expect(stage.zoom).toBeGreaterThan(1.9);
    expect(Math.max(...boxErrors())).toBeLessThanOrEqual(1);
  });

  it('zooms with + and - and goes back with 0, keeping within fit and 16×', async () => {
    await mount(900);
    $('.viewport').focus();
    await userEvent.keyboard('++');
    expect(stage.zoom).toBeCloseTo(1.5625, 4);
    await userEvent.keyboard('-');
    expect(stage.zoom).toBeCloseTo(1.25, 4);
    await userEvent.keyboard('0');
    expect(stage.zoom).toBe(1);
    await userEvent.keyboard('-');
    expect(stage.zoom).toBe(1);
  });

  it('zooms about the pointer with the wheel', async () => {
    await mount(900);
    // Zoom in first, so the picture overflows the frame both ways and can move under the pointer.
    $('.viewport').focus();
    await userEvent.keyboard('++++');
    const img = $('img').getBoundingClientRect();
    const frame = $('.viewport').getBoundingClientRect();
    // The pointer over image point (45 %, 55 %), which is inside the frame.
    const at = { x: img.left + 0.45 * img.width, y: img.top + 0.55 * img.height };
    expect(at.x > frame.left && at.x < frame.right && at.y > frame.top && at.y < frame.bottom).toBe(
      true,
    );
    $('.viewport').dispatchEvent(
      new WheelEvent('wheel', { deltaY: -100, clientX: at.x, clientY: at.y, bubbles: true }),
    );
    await stage.updateComplete;
    const after = $('img').getBoundingClientRect();
    expect(after.width).toBeCloseTo(img.width * 1.25, 0);
    expect(Math.abs(after.left + 0.45 * after.width - at.x)).toBeLessThanOrEqual(1);
    expect(Math.abs(after.top + 0.55 * after.height - at.y)).toBeLessThanOrEqual(1);
  });

  it('highlights a box and its label together, and asks about a box with a 10 % margin', async () => {
    await mount(900);
    const seen = listen();
    button('Box: blue bar').focus();
    await stage.updateComplete;
    expect(button('Box: blue bar').classList.contains('active')).toBe(true);
    expect(button('blue bar').classList.contains('active')).toBe(true);
    await userEvent.keyboard('{Enter}');
    await stage.updateComplete;
    button('Ask about this').click();
    expect(seen).toEqual([
      {
        region: { x: 600, y: 480, width: 540, height: 240 },
        margin: 0.1,
        label: 'blue bar',
      },
    ]);
  });

  it('"Show labels" puts the labels on the picture away and back', async () => {
    await mount(900);
    expect($$('.box .label').map((l) => l.textContent)).toEqual(boxes.map((b) => b.label));
    await userEvent.click($('input[type=checkbox]'));
    expect($$('.box .label')).toHaveLength(0);
  });

  it('selects a region by dragging, then by keyboard and the edge fields, and asks about it', async () => {
    await mount(900);
    const seen = listen();
    button('Select a region').click();
    await stage.updateComplete;
    const img = $('img').getBoundingClientRect();
    const at = (fx: number, fy: number) => ({
      clientX: img.left + fx * img.width,
      clientY: img.top + fy * img.height,
      pointerId: 1,
      bubbles: true,
    });
    const frame = $('.viewport');
    frame.dispatchEvent(new PointerEvent('pointerdown', at(0.1, 0.1)));
    frame.dispatchEvent(new PointerEvent('pointermove', at(0.3, 0.4)));
    frame.dispatchEvent(new PointerEvent('pointerup', at(0.3, 0.4)));
    await stage.updateComplete;
    const field = (name: string) =>
      $$('label')
        .find((l) => l.textContent!.trim().startsWith(name))!
        .querySelector('input')!;
    expect(Number(field('Left edge').value)).toBeCloseTo(120, -1);
    expect(Number(field('Bottom edge').value)).toBeCloseTo(320, -1);
    expect($('.note[role=status]').textContent).toMatch(
      /The part is \d+ × \d+ pixels at full\s+resolution; the whole image goes as 1200 × 800/,
    );

    // Type exact edges, then nudge with the keyboard: arrows move, Shift+arrows resize.
    for (const [name, v] of [
      ['Left edge', '100'],
      ['Top edge', '50'],
      ['Right edge', '500'],
      ['Bottom edge', '250'],
    ]) {
      await userEvent.fill(field(name), v);
      field(name).dispatchEvent(new Event('change'));
    }
    await stage.updateComplete;
    $('.region').focus();
    const step = Math.round(12 / ($('img').getBoundingClientRect().width / 1200));
    await userEvent.keyboard('{ArrowRight}{Shift>}{ArrowDown}{/Shift}');
    button('Ask about this part').click();
    expect(seen).toEqual([
      { region: { x: 100 + step, y: 50, width: 400, height: 200 + step }, margin: 0 },
    ]);
  });

  it('keeps a region inside the picture', async () => {
    await mount(900);
    button('Select a region').click();
    await stage.updateComplete;
    const img = $('img').getBoundingClientRect();
    const frame = $('.viewport');
    const ev = (x: number, y: number) => ({ clientX: x, clientY: y, pointerId: 1, bubbles: true });
    frame.dispatchEvent(new PointerEvent('pointerdown', ev(img.left + 10, img.top + 10)));
    frame.dispatchEvent(new PointerEvent('pointermove', ev(img.right + 300, img.bottom + 300)));
    await stage.updateComplete;
    const right = $$('input[type=number]')[2] as HTMLInputElement;
    const bottom = $$('input[type=number]')[3] as HTMLInputElement;
    expect([Number(right.value), Number(bottom.value)]).toEqual([1200, 800]);
  });

  it('measures boxes and regions in the original’s pixels when it shows a smaller copy', async () => {
    // The picture shown is Auto's 1200 × 800 copy of a 2400 × 1600 original.
    await mount(900, { width: 2400, height: 1600 });
    const seen = listen();
    expect(Math.max(...boxErrors())).toBeLessThanOrEqual(1);
    expect(stage.boxRects[1]).toEqual({ x: 1200, y: 960, width: 1080, height: 480 });
    button('Box: blue bar').click();
    await stage.updateComplete;
    button('Ask about this').click();
    expect(seen[0]).toEqual({
      region: { x: 1200, y: 960, width: 1080, height: 480 },
      margin: 0.1,
      label: 'blue bar',
    });
    // "Select a region" starts with the middle quarter, for the keyboard to move.
    button('Select a region').click();
    await stage.updateComplete;
    const values = $$('input[type=number]').map((i) => Number((i as HTMLInputElement).value));
    expect(values).toEqual([600, 400, 1800, 1200]);
    expect($('.note[role=status]').textContent).toMatch(
      /The part is 1200 × 800 pixels at full\s+resolution; the whole image goes as 1200 × 800/,
    );
    const region = $('.region').getBoundingClientRect();
    const img = $('img').getBoundingClientRect();
    expect(Math.abs(region.left - (img.left + img.width / 4))).toBeLessThanOrEqual(1);
    expect(Math.abs(region.width - img.width / 2)).toBeLessThanOrEqual(1);
  });

  it('has no axe violations with boxes shown and a region selected', async () => {
    await mount(900);
    button('Select a region').click();
    await stage.updateComplete;
    const results = await axe.run(host, { runOnly: ['wcag2a', 'wcag2aa', 'best-practice'] });
    expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  });
});
