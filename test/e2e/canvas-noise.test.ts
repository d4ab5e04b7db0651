/**
 * Exact pixels in a browser that adds noise to canvas readback (issue 10, section 3). An init
 * script perturbs `getImageData` and `readPixels` as Brave and Firefox's fingerprinting
 * resistance do: a level up or down on a share of the pixels, differently on every call.
 * Reveal must say so, read PNG and BMP directly, and still match the lesson's mask pixel for
 * pixel and show its lowest bit plane exactly (where the noise would show first); Hide's
 * download must still hold exactly two colours.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { bitPlane } from '../../src/lib/reveal/bit-plane.ts';
import type { Pixels } from '../../src/lib/reveal/types.ts';
import { bmpFile } from '../lib/image/bmp-files.ts';
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

/** The lesson's image as a 24-bit BMP (it is opaque, so nothing is lost). */
function lessonBmp(image: Pixels): Buffer {
  const { width, height, data } = image;
  expect(data.every((v, i) => i % 4 !== 3 || v === 255)).toBe(true);
  const pixels = Array.from(
    { length: width * height },
    (_, i) => (data[i * 4] << 16) | (data[i * 4 + 1] << 8) | data[i * 4 + 2],
  );
  return Buffer.from(bmpFile({ width, height, bpp: 24, pixels }));
}

/**
 * The lesson rule's mask, then bit 0 of red: both downloaded (the project's own PNG, not a
 * canvas readback) and compared with what the file holds. One level of noise flips bit 0.
 */
async function expectExactPixels(page: Page, image: Pixels): Promise<void> {
  await reveal(page)
    .getByRole('img', { name: /revealed: red above 120/ })
    .waitFor();
  const mask = await fixturePng('lesson/hidden-message.lesson-mask.png');
  expect(countDifferent(await readPng(await downloadFrom(page)), mask)).toBe(0);
  await reveal(page).getByLabel('View').selectOption({ label: 'Bit plane' });
  await reveal(page).getByLabel('Channel').selectOption('red');
  await reveal(page).getByLabel('Bit', { exact: true }).fill('0');
  await reveal(page)
    .getByRole('img', { name: /bit 0 of red/ })
    .waitFor();
  const bit0 = bitPlane(image, { channel: 'red', bit: 0 });
  expect(countDifferent(await readPng(await downloadFrom(page)), bit0)).toBe(0);
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
    await expectExactPixels(page, await fixturePng('lesson/hidden-message.png'));
    await reveal(page)
      .getByText(
        'hidden-message.png: 500 × 500 pixels. This browser alters canvas pixels; Glimpse reads PNG files directly instead.',
      )
      .waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it("Reveal reads a BMP itself too, with the same notice, and matches the lesson's mask", async () => {
    const { page, errors } = await open('reveal');
    const image = await fixturePng('lesson/hidden-message.png');
    const buffer = lessonBmp(image);
    await chooseImage(page, { name: 'hidden-message.bmp', mimeType: 'image/bmp', buffer });
    await expectExactPixels(page, image);
    await reveal(page)
      .getByText(
        'hidden-message.bmp: 500 × 500 pixels. This browser alters canvas pixels; Glimpse reads PNG files directly instead.',
      )
      .waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it.each(['JPEG', 'WebP'])(
    'Reveal warns that a %s read through the canvas may be noisy',
    async (kind) => {
      const { page, errors } = await open('reveal');
      const jpeg = readFileSync(
        new URL('../../../shared/fixtures/gemini/generative-ai-js/cat.jpeg', import.meta.url),
      );
      // The WebP is made by the page itself: encoding is not what these browsers alter.
      const webp = async () =>
        Buffer.from(
          await page.evaluate(async () => {
            const canvas = new OffscreenCanvas(40, 30);
            const ctx = canvas.getContext('2d')!;
            ctx.fillStyle = '#7ed957';
            ctx.fillRect(0, 0, 40, 30);
            const blob = await canvas.convertToBlob({ type: 'image/webp', quality: 0.9 });
            return Array.from(new Uint8Array(await blob.arrayBuffer()));
          }),
        );
      const file =
        kind === 'JPEG'
          ? { name: 'cat.jpeg', mimeType: 'image/jpeg', buffer: jpeg }
          : { name: 'green.webp', mimeType: 'image/webp', buffer: await webp() };
      await chooseImage(page, file);
      await reveal(page)
        .getByText(
          `This browser alters canvas pixels; Glimpse reads PNG files directly instead, but this ${kind} goes through the canvas, so one-level differences in it may be noise.`,
          { exact: false },
        )
        .waitFor();
      expect(errors).toEqual([]);
      await context.close();
    },
  );

  it('Reveal reads an RLE-compressed BMP through the canvas, with the same warning', async () => {
    const { page, errors } = await open('reveal');
    // 4×2, 8-bit RLE: the bottom row four of colour 1, the top row two of 0 and two of 1.
    const rle = new Uint8Array([4, 1, 0, 0, 2, 0, 2, 1, 0, 0, 0, 1]);
    const palette: [number, number, number][] = [
      [126, 217, 87],
      [115, 217, 85],
    ];
    const file = bmpFile({
      width: 4,
      height: 2,
      bpp: 8,
      compression: 1,
      palette,
      used: 2,
      pixels: [],
      data: rle,
    });
    await chooseImage(page, { name: 'rle.bmp', mimeType: 'image/bmp', buffer: Buffer.from(file) });
    await reveal(page)
      .getByText(
        'rle.bmp: 4 × 2 pixels. This browser alters canvas pixels; Glimpse reads PNG files directly instead, but this BMP goes through the canvas, so one-level differences in it may be noise.',
      )
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
