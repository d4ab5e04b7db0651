import { describe, expect, it } from 'vitest';
import { ImageError } from '../../src/lib/image/errors.ts';
import { decodeImage, encodePng, paintWith, putPixels } from '../../src/platform/canvas.ts';
import { renderView, type RevealView } from '../../src/lib/reveal/render-view.ts';
import { answerRevealRequest, type ViewPicture } from '../../src/workers/reveal-worker.ts';
import type { Pixels } from '../../src/lib/reveal/types.ts';
import { readPng, writePng } from '../support/reveal-png.ts';

/** Every pair of neighbouring levels in every channel, opaque and nearly opaque. */
function oneLevelSteps(): Pixels {
  const width = 256;
  const height = 8;
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      // Rows: red ramp, green ramp, blue ramp, grey ramp, then the same with alpha 255 / 254.
      const c = y % 4;
      const level = (x + y) % 256;
      data[i] = c === 0 || c === 3 ? level : 126;
      data[i + 1] = c === 1 || c === 3 ? level : 217;
      data[i + 2] = c === 2 || c === 3 ? level : 87;
      data[i + 3] = y < 4 ? 255 : 254 + (x % 2);
    }
  }
  return { width, height, data };
}

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}

function png(bytes: Uint8Array, type = 'image/png'): Blob {
  return new Blob([bytes as Uint8Array<ArrayBuffer>], { type });
}

describe('canvas.ts', () => {
  it('decodes a PNG to exactly the values written into it', async () => {
    const written = oneLevelSteps();
    const decoded = await decodeImage(png(await writePng(written)));
    expect([decoded.width, decoded.height]).toEqual([written.width, written.height]);
    expect(Array.from(decoded.data)).toEqual(Array.from(written.data));
  });

  it('decodes exactly a PNG whose only translucent pixel is its first', async () => {
    // A dark colour at low alpha: a premultiplied store rounds it to other levels.
    const width = 16;
    const height = 4;
    const data = new Uint8ClampedArray(width * height * 4);
    for (let i = 0; i < width * height; i++) data.set([90, 140, 170, 255], i * 4);
    data.set([7, 3, 11, 9], 0);
    const decoded = await decodeImage(png(await writePng({ width, height, data })));
    expect(Array.from(decoded.data.subarray(0, 4)), 'the top left pixel').toEqual([7, 3, 11, 9]);
    expect(Array.from(decoded.data)).toEqual(Array.from(data));
  });

  it('ignores colour management: a gAMA chunk does not change the decoded values', async () => {
    const written = oneLevelSteps();
    const file = await writePng(written);
    // gAMA says "linear light" (gamma 1.0); colour-managed decoding would move every level.
    const gama = new Uint8Array([0, 0, 0, 4, 0x67, 0x41, 0x4d, 0x41, 0, 1, 0x86, 0xa0, 0, 0, 0, 0]);
    const crc = crc32(gama.subarray(4, 12));
    new DataView(gama.buffer).setUint32(12, crc);
    const withGamma = new Uint8Array(file.length + gama.length);
    withGamma.set(file.subarray(0, 33));
    withGamma.set(gama, 33);
    withGamma.set(file.subarray(33), 33 + gama.length);
    const decoded = await decodeImage(png(withGamma));
    expect(Array.from(decoded.data)).toEqual(Array.from(written.data));
  });

  it('applies EXIF orientation (6: turned a quarter clockwise)', async () => {
    const canvas = new OffscreenCanvas(40, 30);
    const ctx = canvas.getContext('2d')!;
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, 40, 30);
    ctx.fillStyle = '#000';
    ctx.fillRect(0, 0, 10, 10);
    const jpeg = new Uint8Array(
      await (await canvas.convertToBlob({ type: 'image/jpeg', quality: 1 })).arrayBuffer(),
    );
    // APP1 "Exif": big-endian TIFF header, one IFD entry: Orientation (0x0112) = 6.
    const exif = new Uint8Array([
      0xff, 0xe1, 0, 34, 0x45, 0x78, 0x69, 0x66, 0, 0, 0x4d, 0x4d, 0, 0x2a, 0, 0, 0, 8, 0, 1, 0x01,
      0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0, 0, 0, 0, 0,
    ]);
    const oriented = new Uint8Array(jpeg.length + exif.length);
    oriented.set(jpeg.subarray(0, 2));
    oriented.set(exif, 2);
    oriented.set(jpeg.subarray(2), 2 + exif.length);
    const decoded = await decodeImage(new Blob([oriented], { type: 'image/jpeg' }));
    expect([decoded.width, decoded.height]).toEqual([30, 40]);
    // The black corner, top left in the file, is top right once turned clockwise.
    const grey = (x: number, y: number) => decoded.data[(y * decoded.width + x) * 4];
    expect(grey(25, 5)).toBeLessThan(60);
    expect(grey(5, 5)).toBeGreaterThan(200);
  });

  it('encodes a PNG whose pixels read back exactly', async () => {
    const written = oneLevelSteps();
    const blob = await encodePng(written);
    expect(blob.type).toBe('image/png');
    const back = await readPng(new Uint8Array(await blob.arrayBuffer()));
    expect(Array.from(back.data)).toEqual(Array.from(written.data));
  });

  it('says what is wrong with an empty file, a non-image, a truncated and a huge image', async () => {
    const good = await writePng(oneLevelSteps());
    const huge = good.slice();
    new DataView(huge.buffer).setUint32(16, 12000);
    new DataView(huge.buffer).setUint32(20, 9000);
    const cases: [Blob, string][] = [
      [png(new Uint8Array()), 'empty'],
      [new Blob(['just some text'], { type: 'text/plain' }), 'not-an-image'],
      [png(good.subarray(0, good.length - 20)), 'truncated'],
      [png(huge), 'too-many-pixels'],
    ];
    for (const [blob, kind] of cases) {
      const error = await decodeImage(blob).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ImageError);
      expect((error as ImageError).code).toBe(kind);
    }
  });

  it('stops when the signal is aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const decoding = decodeImage(png(await writePng(oneLevelSteps())), controller.signal);
    // An AbortError, which callers treat as "stopped, say nothing": not an ImageError message.
    await expect(decoding).rejects.toThrow(DOMException);
    await expect(decoding).rejects.toHaveProperty('name', 'AbortError');
    await expect(decoding).rejects.not.toBeInstanceOf(ImageError);
  });

  it('refuses a truncated JPEG, and says so', async () => {
    const canvas = new OffscreenCanvas(40, 30);
    canvas.getContext('2d')?.fillRect(0, 0, 10, 10);
    const jpeg = new Uint8Array(
      await (await canvas.convertToBlob({ type: 'image/jpeg' })).arrayBuffer(),
    );
    expect((await decodeImage(new Blob([jpeg]))).width).toBe(40);
    const error = await decodeImage(new Blob([jpeg.subarray(0, jpeg.length - 40)])).catch(
      (e: unknown) => e,
    );
    expect((error as ImageError).code).toBe('truncated');
    expect((error as Error).message).toMatch(/JPEG file is incomplete/);
  });
});

describe("the reveal worker's full-size views", () => {
  it('come back as a bitmap moved to the page, which paints exactly the view', async () => {
    const source = oneLevelSteps();
    for (let i = 3; i < source.data.length; i += 4) source.data[i] = 255;
    const view: RevealView = { mode: 'colour-map' };
    // As the worker answers the page: the image it holds, the view asked for.
    const { reply, transfer } = await answerRevealRequest({
      op: 'renderViewPicture',
      args: [source, view],
      sourceId: 1,
    });
    if (!reply.ok) throw new Error(reply.error.message);
    const { pixels, bitmap } = reply.result as ViewPicture;
    expect(bitmap, 'a bitmap ready to paint').toBeInstanceOf(ImageBitmap);
    // Moved, not copied: the worker keeps no second picture of 35 MP in its memory.
    expect(transfer, 'what moves to the page').toContain(bitmap);
    const expected = renderView(source, view);
    expect(Array.from(pixels?.data ?? [])).toEqual(Array.from(expected.data));
    // The page paints the bitmap in place of converting the pixels: the same values.
    const canvas = document.createElement('canvas');
    paintWith(pixels!, bitmap!);
    putPixels(canvas, pixels!);
    const painted = canvas.getContext('2d')!.getImageData(0, 0, source.width, source.height);
    expect(Array.from(painted.data)).toEqual(Array.from(expected.data));
  });

  it('are painted at the scale the screen shows them, the pixels kept at full size', async () => {
    // 64 × 32: red 200 on the left half (black above 120), 50 on the right (white).
    const source: Pixels = { width: 64, height: 32, data: new Uint8ClampedArray(64 * 32 * 4) };
    for (let i = 0; i < 64 * 32; i++) source.data.set([i % 64 < 32 ? 200 : 50, 9, 9, 255], i * 4);
    const view: RevealView = { mode: 'threshold', channel: 'red', threshold: 120 };
    const { reply } = await answerRevealRequest({
      op: 'renderViewPicture',
      args: [source, view, 0.25],
      sourceId: 1,
    });
    if (!reply.ok) throw new Error(reply.error.message);
    const { pixels, bitmap } = reply.result as ViewPicture;
    // Download PNG and Read text take the pixels: the whole view, exactly.
    expect(Array.from(pixels?.data ?? [])).toEqual(Array.from(renderView(source, view).data));
    expect([bitmap?.width, bitmap?.height]).toEqual([16, 8]);
    // The canvas takes the bitmap's size, and shows black left and white right.
    const canvas = document.createElement('canvas');
    paintWith(pixels!, bitmap!);
    putPixels(canvas, pixels!);
    expect([canvas.width, canvas.height]).toEqual([16, 8]);
    const painted = canvas.getContext('2d')!.getImageData(0, 0, 16, 8).data;
    expect(Array.from(painted.subarray((4 * 16 + 3) * 4, (4 * 16 + 4) * 4))).toEqual([
      0, 0, 0, 255,
    ]);
    expect(Array.from(painted.subarray((4 * 16 + 12) * 4, (4 * 16 + 13) * 4))).toEqual([
      255, 255, 255, 255,
    ]);
  });
});
