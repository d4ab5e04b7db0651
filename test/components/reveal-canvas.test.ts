import { describe, expect, it } from 'vitest';
import {
  ImageDecodeError,
  decodeImage,
  encodePng,
  readImageHeader,
} from '../../src/platform/canvas.ts';
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
      [new Blob(['just some text'], { type: 'text/plain' }), 'not-image'],
      [png(good.subarray(0, good.length - 20)), 'truncated'],
      [png(huge), 'too-large'],
    ];
    for (const [blob, kind] of cases) {
      const error = await decodeImage(blob).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ImageDecodeError);
      expect((error as ImageDecodeError).kind).toBe(kind);
    }
  });

  it('stops when the signal is aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      decodeImage(png(await writePng(oneLevelSteps())), controller.signal),
    ).rejects.toThrow();
  });

  it('reads sizes from PNG, JPEG, GIF and WebP headers without decoding', async () => {
    const pngHeader = readImageHeader(await writePng(oneLevelSteps()));
    expect(pngHeader).toEqual({ format: 'png', width: 256, height: 8, complete: true });

    // A JPEG made by the browser, cut before its end marker.
    const canvas = new OffscreenCanvas(40, 30);
    canvas.getContext('2d')?.fillRect(0, 0, 10, 10);
    const jpeg = new Uint8Array(
      await (await canvas.convertToBlob({ type: 'image/jpeg' })).arrayBuffer(),
    );
    expect(readImageHeader(jpeg)).toEqual({
      format: 'jpeg',
      width: 40,
      height: 30,
      complete: true,
    });
    expect(readImageHeader(jpeg.subarray(0, jpeg.length - 10))?.complete).toBe(false);

    const gif = new Uint8Array([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 3, 0, 2, 0, 0, 0, 0, 0x3b]);
    expect(readImageHeader(gif)).toEqual({ format: 'gif', width: 3, height: 2, complete: true });
    const webp = new Uint8Array(
      await (await canvas.convertToBlob({ type: 'image/webp' })).arrayBuffer(),
    );
    expect(readImageHeader(webp)).toMatchObject({
      format: 'webp',
      width: 40,
      height: 30,
      complete: true,
    });
    expect(readImageHeader(new TextEncoder().encode('not an image at all'))).toBeUndefined();
  });
});
