/**
 * Helpers for Reveal's end-to-end tests: open the view, give it a file, read back the
 * picture it shows, and make test images.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, inject } from 'vitest';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { openPage } from '../support/browser.ts';
import type { Pixels } from '../../src/lib/reveal/types.ts';
import { readPng, writePng } from '../support/reveal-png.ts';

/** Folder of the shared read-only fixtures. */
export const fixtures = join(import.meta.dirname, '..', '..', '..', 'shared', 'fixtures');

/** The lesson's image with its hidden message. */
export const lessonImage = join(fixtures, 'lesson', 'hidden-message.png');

/** Open the built page (served, or at `url`) on the Reveal view. */
export function openReveal(
  context: BrowserContext,
  url = inject('appURL'),
): Promise<{ page: Page; errors: string[] }> {
  return openPage(context, `${url}#/reveal`);
}

/** A fixture PNG decoded to RGBA. */
export function fixturePng(relative: string): Promise<Pixels> {
  return readPng(readFileSync(join(fixtures, relative)));
}

/** The Reveal view's panel: other views have controls with the same names. */
export function reveal(page: Page): Locator {
  return page.getByRole('tabpanel', { name: 'Reveal' });
}

/** Wait until Reveal has loaded an image and says its size ("… 500 × 500 pixels."). */
export async function waitForImageLine(page: Page, size = /500 × 500 pixels/): Promise<void> {
  await expect.poll(() => reveal(page).getByText(size).count()).toBe(1);
}

/** The picture Reveal shows: the canvas whose accessible name says what it reveals. */
export function picture(page: Page): Locator {
  return reveal(page).getByRole('img', { name: /revealed:/ });
}

/** Give the "Image" input a file (a path, or bytes with a name and type). */
export async function chooseImage(
  page: Page,
  file: string | { name: string; mimeType: string; buffer: Buffer },
): Promise<void> {
  // Scoped to the open view: Ask has an "Image" input too (hidden while Reveal is open).
  await page.getByRole('tabpanel').getByLabel('Image', { exact: true }).setInputFiles(file);
}

/**
 * Give the view the lesson's image and check that, as it opens (default settings), it shows the
 * lesson decoder's mask pixel for pixel. Returns the mask.
 */
export async function showLessonMask(page: Page): Promise<Pixels> {
  const mask = await fixturePng('lesson/hidden-message.lesson-mask.png');
  await chooseImage(page, lessonImage);
  expect(countDifferent(await shownPixels(page, mask), mask)).toBe(0);
  return mask;
}

/** Give the view an image made in the test, as a PNG file. */
export async function choosePixels(page: Page, pixels: Pixels, name = 'test.png'): Promise<void> {
  const buffer = Buffer.from(await writePng(pixels));
  await chooseImage(page, { name, mimeType: 'image/png', buffer });
}

/** The pixels the shown canvas holds, once it has the given size. */
export async function shownPixels(
  page: Page,
  size?: { width: number; height: number },
): Promise<Pixels> {
  const canvas = picture(page);
  if (size) {
    await expect
      .poll(() => canvas.evaluate((c: HTMLCanvasElement) => `${c.width}x${c.height}`))
      .toBe(`${size.width}x${size.height}`);
  }
  const { width, height, data } = await canvas.evaluate((c: HTMLCanvasElement) => {
    const ctx = c.getContext('2d');
    if (!ctx) throw new Error('no 2D context');
    const bytes = ctx.getImageData(0, 0, c.width, c.height).data;
    // Latin-1 text carries bytes through the page boundary compactly.
    let s = '';
    for (let i = 0; i < bytes.length; i += 0x8000) {
      s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    }
    return { width: c.width, height: c.height, data: s };
  });
  return { width, height, data: new Uint8ClampedArray(Buffer.from(data, 'latin1')) };
}

/** How many pixels differ between two images of the same size (any channel). */
export function countDifferent(a: Pixels, b: Pixels): number {
  expect(`${a.width}x${a.height}`).toBe(`${b.width}x${b.height}`);
  let n = 0;
  for (let i = 0; i < a.data.length; i += 4) {
    if (
      a.data[i] !== b.data[i] ||
      a.data[i + 1] !== b.data[i + 1] ||
      a.data[i + 2] !== b.data[i + 2] ||
      a.data[i + 3] !== b.data[i + 3]
    ) {
      n++;
    }
  }
  return n;
}

/** A solid image with a block of "text" pixels in another colour; returns it and its mask. */
export function blockImage(
  width: number,
  height: number,
  background: readonly number[],
  text: readonly number[],
): { image: Pixels; textMask: Uint8Array } {
  const data = new Uint8ClampedArray(width * height * 4);
  const textMask = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      // Three bars, like strokes of letters, away from the edges.
      const isText =
        y > height / 4 && y < (3 * height) / 4 && Math.floor((x * 6) / width) % 2 === 1;
      textMask[i] = isText ? 1 : 0;
      data.set(isText ? text : background, i * 4);
    }
  }
  return { image: { width, height, data }, textMask };
}

/** A 12-megapixel image (4000 × 3000): a gradient with bars of "text" 11 levels lower in red. */
export function bigImage(): { image: Pixels; textPixels: number } {
  const width = 4000;
  const height = 3000;
  const data = new Uint8ClampedArray(width * height * 4);
  let textPixels = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const text = y % 400 > 150 && y % 400 < 250 && x % 300 < 60;
      if (text) textPixels++;
      data[i] = text ? 115 : 126;
      data[i + 1] = 100 + Math.floor((x * 100) / width);
      data[i + 2] = 60 + Math.floor((y * 100) / height);
      data[i + 3] = 255;
    }
  }
  return { image: { width, height, data }, textPixels };
}

/** Count black pixels on the shown canvas, in the page (a 12 MP read stays there). */
export function blackOnCanvas(page: Page): Promise<number> {
  return picture(page).evaluate((c: HTMLCanvasElement) => {
    const d = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data ?? [];
    let n = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i] === 0 && d[i + 1] === 0 && d[i + 2] === 0) n++;
    return n;
  });
}

/**
 * The size a big picture's canvas takes once painted while fitted: its size on screen in
 * device pixels (a 12 MP picture is not painted larger than the screen shows it), as "WxH".
 */
export function fittedSize(page: Page, image: { width: number; height: number }): Promise<string> {
  return picture(page).evaluate(
    (c: HTMLCanvasElement, { width, height }) => {
      const scale = Math.min(1, (c.clientWidth / width) * devicePixelRatio);
      return `${Math.round(width * scale)}x${Math.round(height * scale)}`;
      // Only the size crosses to the page, never a picture's pixels.
    },
    { width: image.width, height: image.height },
  );
}

/**
 * Zoom the picture in to 100 % ("Zoom in" until the bar says so), where each of its pixels
 * takes a pixel of the screen and a big picture is painted whole, at full size.
 */
export async function zoomToFullSize(page: Page): Promise<void> {
  const scale = reveal(page).getByRole('status').filter({ hasText: / %$/ });
  for (let step = 0; step < 8 && !/^100 %$/.test((await scale.textContent()) ?? ''); step++) {
    await reveal(page).getByRole('button', { name: 'Zoom in' }).click();
  }
  expect(await scale.textContent()).toBe('100 %');
}

/** Press "Auto reveal" on the open Reveal view and wait for its mask and its words. */
export async function runAutoReveal(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Auto reveal' }).click();
  await expect
    .poll(() => page.getByRole('img', { name: /revealed: Auto reveal: / }).count(), {
      timeout: 30_000,
    })
    .toBe(1);
}

/**
 * Press Hide's "Reveal it" (opening the Hide tab first) and wait until Reveal shows the
 * picture by the lesson's rule.
 */
export async function handHideToReveal(page: Page): Promise<void> {
  await page.getByRole('tab', { name: 'Hide' }).click();
  await page.getByRole('tabpanel').getByRole('button', { name: 'Reveal it' }).click();
  await expect.poll(() => page.evaluate(() => location.hash)).toBe('#/reveal');
  await expect
    .poll(() => page.getByRole('img', { name: /revealed: red above 120/ }).count())
    .toBe(1);
}

/** Both offline views at work: Hide's picture handed to Reveal, and Auto reveal run on it. */
export async function hideThenAutoReveal(page: Page): Promise<void> {
  await handHideToReveal(page);
  await runAutoReveal(page);
}

/** The region "Read text" fills. */
export const textFound = (page: Page) => reveal(page).getByRole('region', { name: 'Text found' });

/**
 * Press "Read text", see the progress bar (labelled by its stage: loading the reader the first
 * time, or reading), and wait for the reading; returns its text.
 */
export async function readText(
  page: Page,
  progress: RegExp = /^(Loading the text reader…|Reading text…( \(picture \d+ of (up to )?\d+\))?)$/,
): Promise<string> {
  await reveal(page).getByRole('button', { name: 'Read text' }).click();
  await expect
    .poll(() => reveal(page).getByRole('progressbar', { name: progress }).count())
    .toBe(1);
  await expect.poll(() => textFound(page).count(), { timeout: 60_000 }).toBe(1);
  const text = await textFound(page).locator('.text').innerText();
  // Lines as drawn become spaces: the phrase is one sentence on three lines.
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Note the operation of every request the page posts to a worker (the reveal worker's
 * `autoReveal`, `readingPicture`…), in `window.workerOps`, from before the page's own code runs.
 */
export async function noteWorkerOps(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const ops: string[] = [];
    Object.assign(window, { workerOps: ops });
    const post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (this: Worker, message: unknown, ...rest: never[]) {
      const op = (message as { op?: unknown } | null)?.op;
      if (typeof op === 'string') ops.push(op);
      return post.call(this, message, ...rest);
    };
  });
}

/** The operations posted to workers since the page opened (see {@link noteWorkerOps}). */
export function workerOps(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { workerOps: string[] }).workerOps.slice());
}

/**
 * Watch Read text's progress bar from now on: every label and value it shows (sampled every few
 * milliseconds in the page), until {@link barSeen} collects them.
 */
export async function watchBar(page: Page): Promise<void> {
  // No named helper functions inside: tsx would wrap them in a `__name` call the page lacks.
  await page.evaluate(() => {
    const seen: [string, number][] = [];
    Object.assign(window, { barSeen: seen });
    const root = document
      .querySelector('glimpse-app')
      ?.shadowRoot?.querySelector('reveal-view')
      ?.shadowRoot?.querySelector('reveal-text')?.shadowRoot;
    const sample = () => {
      const bar = root?.querySelector('progress');
      const label = root?.querySelector('label')?.textContent?.trim() ?? '';
      const last = seen.at(-1);
      if (bar && (!last || last[0] !== label || last[1] !== bar.value)) {
        seen.push([label, bar.value]);
      }
      setTimeout(sample, 2);
    };
    sample();
  });
}

/** What the bar showed since {@link watchBar}: [label, value 0–100], each change once. */
export function barSeen(page: Page): Promise<[string, number][]> {
  return page.evaluate(() => (window as unknown as { barSeen: [string, number][] }).barSeen);
}

/** How a box or button is drawn: what a person sees of its frame, fill and type. */
export function look(box: Locator): Promise<Record<string, string>> {
  return box.evaluate((e) => {
    const s = getComputedStyle(e);
    return {
      border: `${s.borderTopWidth} ${s.borderTopStyle} ${s.borderTopColor}`,
      borderStart: s.borderLeftWidth,
      radius: s.borderTopLeftRadius,
      fill: s.backgroundColor,
      colour: s.color,
      weight: s.fontWeight,
      padding: `${s.paddingTop} ${s.paddingRight}`,
    };
  });
}
