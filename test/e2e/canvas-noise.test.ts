/**
 * Exact pixels in a browser that adds noise to canvas readback (issue 10, section 3). An init
 * script perturbs `getImageData` and `readPixels` as Brave and Firefox's fingerprinting
 * resistance do: a level up or down on a share of the pixels, differently on every call.
 * Reveal must say so, read PNG directly, and still match the lesson's mask pixel for pixel;
 * Hide's download must still hold exactly two colours.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { openPage, useChromium } from '../support/browser.ts';
import { decodePng } from '../support/png.ts';
import { readPng } from '../support/reveal-png.ts';
import { chooseImage, countDifferent, fixturePng, lessonImage, reveal } from './reveal-support.ts';

/** Runs in the page before its own scripts: every readback gets ±1 on about one value in 8. */
function perturbReadback(): void {
  let seed = 12345;
  const noise = (data: Uint8Array | Uint8ClampedArray) => {
    for (let i = 0; i < data.length; i++) {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      if (seed >>> 29 !== 0) continue;
      if (i % 4 === 3) continue; // alpha left alone, as those browsers do
      data[i] = data[i] === 255 ? 254 : data[i] === 0 ? 1 : data[i] + (seed & 1 ? 1 : -1);
    }
  };
  for (const proto of [
    CanvasRenderingContext2D.prototype,
    OffscreenCanvasRenderingContext2D.prototype,
  ]) {
    const real = proto.getImageData;
    proto.getImageData = function (
      this: CanvasRenderingContext2D,
      ...args: [number, number, number, number]
    ) {
      const image = real.apply(this, args);
      noise(image.data);
      return image;
    } as typeof real;
  }
  for (const proto of [WebGLRenderingContext.prototype, WebGL2RenderingContext.prototype]) {
    const real = proto.readPixels as (...args: unknown[]) => void;
    (proto as { readPixels: unknown }).readPixels = function (this: unknown, ...args: unknown[]) {
      real.apply(this, args);
      const out = args[6];
      if (out instanceof Uint8Array || out instanceof Uint8ClampedArray) noise(out);
    };
  }
}

async function downloadFrom(page: Page): Promise<Uint8Array> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('tabpanel').getByRole('button', { name: 'Download PNG' }).click(),
  ]);
  return readFileSync((await download.path())!);
}

describe('a browser that adds noise to canvas readback', () => {
  const bed = useChromium();
  let context: BrowserContext;

  async function open(view: string): Promise<{ page: Page; errors: string[] }> {
    context = await bed.browser.newContext({ acceptDownloads: true });
    await context.addInitScript(perturbReadback);
    return openPage(context, `${inject('appURL')}#/${view}`);
  }

  it("Reveal says so, reads the PNG itself, and matches the lesson's mask pixel for pixel", async () => {
    const { page, errors } = await open('reveal');
    // The script works: the page's own canvas readback is altered.
    const altered = await page.evaluate(() => {
      const ctx = new OffscreenCanvas(64, 64).getContext('2d')!;
      ctx.fillStyle = '#7ed957';
      ctx.fillRect(0, 0, 64, 64);
      const d = ctx.getImageData(0, 0, 64, 64).data;
      return d.some((v, i) => v !== [126, 217, 87, 255][i % 4]);
    });
    expect(altered).toBe(true);
    await chooseImage(page, lessonImage);
    await reveal(page)
      .getByRole('img', { name: /revealed: red above 120/ })
      .waitFor();
    const mask = await fixturePng('lesson/hidden-message.lesson-mask.png');
    const saved = await readPng(await downloadFrom(page));
    expect(countDifferent(saved, mask)).toBe(0);
    await reveal(page)
      .getByText(
        'hidden-message.png: 500 × 500 pixels. This browser alters canvas pixels; Glimpse reads PNG files directly instead.',
      )
      .waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('Reveal warns that a JPEG read through the canvas may be noisy', async () => {
    const { page, errors } = await open('reveal');
    const jpeg = readFileSync(
      new URL('../../../shared/fixtures/gemini/generative-ai-js/cat.jpeg', import.meta.url),
    );
    await chooseImage(page, { name: 'cat.jpeg', mimeType: 'image/jpeg', buffer: jpeg });
    await reveal(page)
      .getByText(/this JPEG goes through the canvas, so one-level differences in it may be noise/)
      .waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it("Hide's download still holds exactly two colours", async () => {
    const { page, errors } = await open('hide');
    const png = decodePng(await downloadFrom(page));
    const colours = new Set<string>();
    for (let i = 0; i < png.data.length; i += 4) {
      colours.add(Array.from(png.data.subarray(i, i + 4)).join(','));
    }
    expect([...colours].sort()).toEqual(['115,217,85,255', '126,217,87,255']);
    expect(errors).toEqual([]);
    await context.close();
  });
});
