/**
 * Slider latency in the Reveal view on a 12-megapixel image, in real Chromium against the
 * built page: the time from a Threshold `input` event to the new picture being on the canvas
 * (the view's preview path), and to the next animation frame after it (what a person sees).
 *
 * Baseline, measured in the same page: the naive way, thresholding the full-resolution
 * pixels with a per-pixel loop and putting them on a full-size canvas on every move.
 */
import type { Page } from 'playwright-core';
import { buildApp } from '../support/build.ts';
import { launchChromium } from '../support/browser.ts';
import { writePng } from '../support/reveal-png.ts';
import { startStaticServer } from '../support/static-server.ts';
import { figure } from './measure.ts';
import { PHOTO_HEIGHT as HEIGHT, PHOTO_WIDTH as WIDTH, benchPhoto as photo } from './photo.ts';

const MOVES = 25;

/** Median milliseconds of `moves` threshold moves through the real slider, measured in-page. */
function sliderMoves(page: Page, moves: number): Promise<{ canvas: number; frame: number }> {
  // No named helper functions inside: tsx would wrap them in a `__name` call the page lacks.
  return page.evaluate(async (moves) => {
    const view = document.querySelector('glimpse-app')?.shadowRoot?.querySelector('reveal-view');
    const controls = view?.shadowRoot?.querySelector('reveal-controls');
    const slider = controls?.shadowRoot?.querySelector('#threshold') as HTMLInputElement;
    const picture = view?.shadowRoot?.querySelector('reveal-canvas');
    const elements = [view, controls, picture] as unknown as { updateComplete: Promise<unknown> }[];
    const canvas: number[] = [];
    const frame: number[] = [];
    for (let i = 0; i < moves; i++) {
      slider.value = String(100 + (i % 40));
      const t0 = performance.now();
      slider.dispatchEvent(new Event('input', { bubbles: true }));
      for (const el of elements) await el.updateComplete;
      canvas.push(performance.now() - t0);
      await new Promise(requestAnimationFrame);
      frame.push(performance.now() - t0);
      // Let the settle timer pass, as between two real drags, without starting full passes.
      await new Promise((r) => setTimeout(r, 5));
    }
    canvas.sort((a, b) => a - b);
    frame.sort((a, b) => a - b);
    return { canvas: canvas[moves >> 1], frame: frame[moves >> 1] };
  }, moves);
}

/**
 * Median milliseconds from a slider's `change` (released) to the picture made from the
 * full-resolution view (painted no larger than the screen shows it), which replaces the
 * preview (1000 wide: a whole factor of 4000 under 1280).
 */
function settles(page: Page, times: number): Promise<number> {
  return page.evaluate(async (times) => {
    const view = document.querySelector('glimpse-app')?.shadowRoot?.querySelector('reveal-view');
    const slider = view?.shadowRoot
      ?.querySelector('reveal-controls')
      ?.shadowRoot?.querySelector('#threshold') as HTMLInputElement;
    const canvas = view?.shadowRoot
      ?.querySelector('reveal-canvas')
      ?.shadowRoot?.querySelector('canvas') as HTMLCanvasElement;
    const out: number[] = [];
    for (let i = 0; i < times; i++) {
      slider.value = String(110 + i);
      slider.dispatchEvent(new Event('input', { bubbles: true }));
      while (canvas.width !== 1000) await new Promise(requestAnimationFrame); // preview first
      const t0 = performance.now();
      slider.dispatchEvent(new Event('change', { bubbles: true }));
      while (canvas.width === 1000) await new Promise(requestAnimationFrame);
      out.push(performance.now() - t0);
    }
    out.sort((a, b) => a - b);
    return out[times >> 1];
  }, times);
}

/** The same moves done naively: full resolution, per pixel, full-size canvas, each time. */
function naiveMoves(page: Page, moves: number): Promise<{ canvas: number; frame: number }> {
  return page.evaluate(
    async ({ moves, width, height }) => {
      const view = document.querySelector('glimpse-app')?.shadowRoot?.querySelector('reveal-view');
      const shown = view?.shadowRoot
        ?.querySelector('reveal-canvas')
        ?.shadowRoot?.querySelector('canvas') as HTMLCanvasElement;
      // The original pixels: the view in "Original" would show them; rebuild them here.
      const src = new Uint8ClampedArray(width * height * 4);
      for (let y = 0; y < height; y++) {
        for (let x = 0; x < width; x++) {
          const i = (y * width + x) * 4;
          const text = y % 400 > 150 && y % 400 < 250 && x % 300 < 60;
          src[i] = text ? 115 : 126;
          src[i + 1] = (100 + (x * 100) / width) | 0;
          src[i + 2] = (60 + (y * 100) / height) | 0;
          src[i + 3] = 255;
        }
      }
      const canvas = document.createElement('canvas');
      canvas.width = width;
      canvas.height = height;
      canvas.style.cssText = 'position:fixed;left:0;top:0;width:400px;opacity:0.01';
      shown.after(canvas);
      const ctx = canvas.getContext('2d')!;
      const times: number[] = [];
      const frames: number[] = [];
      for (let m = 0; m < moves; m++) {
        const t = 100 + (m % 40);
        const t0 = performance.now();
        const out = new ImageData(width, height);
        const d = out.data;
        for (let i = 0; i < src.length; i += 4) {
          const v = src[i] > t ? 0 : 255;
          d[i] = v;
          d[i + 1] = v;
          d[i + 2] = v;
          d[i + 3] = 255;
        }
        ctx.putImageData(out, 0, 0);
        times.push(performance.now() - t0);
        await new Promise(requestAnimationFrame);
        frames.push(performance.now() - t0);
      }
      canvas.remove();
      times.sort((a, b) => a - b);
      frames.sort((a, b) => a - b);
      return { canvas: times[moves >> 1], frame: frames[moves >> 1] };
    },
    { moves, width: WIDTH, height: HEIGHT },
  );
}

export default async function bench(): Promise<void> {
  const dist = await buildApp();
  const server = await startStaticServer(dist, '/');
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${server.url}#/reveal`);
    const png = Buffer.from(await writePng(photo()));
    await page
      .getByRole('tabpanel', { name: 'Reveal' })
      .getByLabel('Image', { exact: true })
      .setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: png });
    const picture = page.getByRole('img', { name: /revealed:/ });
    await picture.waitFor();
    // The picture made from the full-size view: neither a blank canvas nor the preview.
    await page.waitForFunction(
      () => {
        const width = document
          .querySelector('glimpse-app')
          ?.shadowRoot?.querySelector('reveal-view')
          ?.shadowRoot?.querySelector('reveal-canvas')
          ?.shadowRoot?.querySelector('canvas')?.width;
        return width !== undefined && width !== 300 && width !== 1000;
      },
      undefined,
      { timeout: 60_000 },
    );
    await sliderMoves(page, 5); // warm-up
    const ours = await sliderMoves(page, MOVES);
    const naive = await naiveMoves(page, Math.min(MOVES, 9));
    const settle = await settles(page, 7);
    console.log(`12 MP (${WIDTH} × ${HEIGHT}) image, median of ${MOVES} Threshold moves:`);
    console.log(figure('slider move → picture on canvas', ours.canvas, naive.canvas, 16));
    console.log(figure('slider move → next animation frame', ours.frame, naive.frame));
    console.log(
      figure('slider released → full resolution shown', settle, naive.frame) +
        ' (the baseline pays this on every move)',
    );
  } finally {
    await browser.close();
    await server.close();
  }
}
