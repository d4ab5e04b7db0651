import { afterEach, describe, expect, it } from 'vitest';
import { ImageError } from '../../src/lib/image/errors.ts';
import { findMetadata } from '../../src/lib/image/metadata.ts';
import { planUpload, releaseUpload, type UploadPlan } from '../../src/platform/upload.ts';
import { isobmff } from '../lib/image/bytes.ts';
import {
  blobBytes,
  containsAscii,
  halves,
  jpegOf,
  near,
  paintCanvas,
  pixelAt,
  twoColourGif,
  withExif,
} from './upload-helpers.ts';

const RED = [255, 0, 0, 255];
const BLUE = [0, 0, 255, 255];
const plans: UploadPlan[] = [];

async function plan(
  bytesOrBlob: Uint8Array<ArrayBuffer> | Blob,
  mode: 'auto' | 'original',
  name = 'image',
) {
  const file =
    bytesOrBlob instanceof Blob ? bytesOrBlob : new File([bytesOrBlob], name, { type: '' });
  const p = await planUpload(file, mode, new AbortController().signal);
  plans.push(p);
  return p;
}

afterEach(() => {
  for (const p of plans.splice(0)) releaseUpload(p);
});

// Generous: 4000×3000 images on two shared cores can take seconds when others run tests too.
describe('planUpload in Chromium', { timeout: 30_000 }, () => {
  it('applies EXIF orientation: a wide photo tagged "rotate 90° CW" arrives tall, left side on top', async () => {
    const jpeg = withExif(await jpegOf(halves(80, 40)), 6, false);
    const p = await plan(jpeg, 'auto', 'sideways.jpg');
    expect([p.width, p.height]).toEqual([40, 80]);
    expect(p.mimeType).toBe('image/jpeg');
    expect(near(await pixelAt(p.blob, 20, 10), RED)).toBe(true);
    expect(near(await pixelAt(p.blob, 20, 70), BLUE)).toBe(true);
    expect(p.note).toMatch(/upright/);
  });

  it('turns a large sideways photo upright before fitting it into 3072 px', async () => {
    const jpeg = withExif(await jpegOf(halves(4000, 2000)), 6, false);
    const p = await plan(jpeg, 'auto', 'big-sideways.jpg');
    expect([p.originalWidth, p.originalHeight]).toEqual([2000, 4000]);
    expect([p.width, p.height]).toEqual([1536, 3072]);
    expect(near(await pixelAt(p.blob, 768, 100), RED)).toBe(true);
    expect(near(await pixelAt(p.blob, 768, 2900), BLUE)).toBe(true);
  });

  it('strips EXIF and GPS in Auto, and keeps them byte for byte in Original', async () => {
    const jpeg = withExif(await jpegOf(halves(64, 48)), 1, true);
    expect(findMetadata(jpeg, 'jpeg')).toContain('GPS');

    const auto = await plan(jpeg, 'auto', 'holiday.jpg');
    const sent = await blobBytes(auto.blob);
    expect(findMetadata(sent, 'jpeg')).toEqual([]);
    expect(containsAscii(sent, 'Exif')).toBe(false);
    expect(auto.note).toMatch(/metadata removed \(Exif, GPS\)/);

    const original = await plan(jpeg, 'original', 'holiday.jpg');
    expect(await blobBytes(original.blob)).toEqual(jpeg);
    expect(original.bytes).toBe(jpeg.length);
    expect(original.note).toMatch(/GPS/);
  });

  it('converts a GIF, which Gemini refuses, to PNG with the same pixels', async () => {
    const gif = twoColourGif(16, 8);
    for (const mode of ['auto', 'original'] as const) {
      const p = await plan(gif, mode, 'anim.gif');
      expect(p.mimeType).toBe('image/png');
      expect([p.width, p.height]).toEqual([16, 8]);
      expect(await pixelAt(p.blob, 2, 4)).toEqual(RED);
      expect(await pixelAt(p.blob, 13, 4)).toEqual(BLUE);
      expect(p.note).toMatch(/does not accept GIF/);
    }
  });

  it('downscales a 4000×3000 photo to 3072×2304 in Auto and sends far fewer bytes', async () => {
    const photo = paintCanvas(4000, 3000, (ctx) => {
      const g = ctx.createLinearGradient(0, 0, 4000, 3000);
      g.addColorStop(0, '#2a6');
      g.addColorStop(1, '#c84');
      ctx.fillStyle = g;
      ctx.fillRect(0, 0, 4000, 3000);
      ctx.fillStyle = '#fff';
      ctx.beginPath();
      ctx.arc(2000, 1500, 900, 0, Math.PI * 2);
      ctx.fill();
    });
    const jpeg = await jpegOf(photo);
    const p = await plan(jpeg, 'auto', 'big.jpg');
    expect([p.width, p.height]).toEqual([3072, 2304]);
    expect(p.originalWidth).toBe(4000);
    const bitmap = await createImageBitmap(p.blob);
    expect([bitmap.width, bitmap.height]).toEqual([3072, 2304]);
    bitmap.close();
    expect(p.estimatedTokens).toBe(258 * 4 * 3);
    expect(p.bytes).toBeLessThan(jpeg.length);
  });

  it('in Original keeps the bytes identical, and base64 encodes exactly those bytes', async () => {
    const png = await blobBytes(await halves(30, 20).convertToBlob({ type: 'image/png' }));
    const p = await plan(png, 'original', 'shot.png');
    expect(await blobBytes(p.blob)).toEqual(png);
    const inline = await p.inlineImage();
    expect(inline.mimeType).toBe('image/png');
    const decoded = Uint8Array.from(atob(inline.data), (c) => c.charCodeAt(0));
    expect(decoded).toEqual(png);
    expect(inline.data.length).toBe(p.base64Bytes);
  });

  it('recognises HEIC by its bytes even when named .png, and sends it as is without preview', async () => {
    const heic = isobmff('heic', ['mif1', 'heic'], 4032, 3024);
    const p = await plan(new File([heic], 'IMG_0001.png', { type: 'image/png' }), 'auto');
    expect(p.mimeType).toBe('image/heic');
    expect(await blobBytes(p.blob)).toEqual(heic);
    expect([p.width, p.height]).toEqual([4032, 3024]);
    expect(p.previewUrl).toBeNull();
    expect(p.note).toMatch(/HEIC is sent as it is/);
  });

  it('keeps a transparent PNG as PNG, transparency intact', async () => {
    const canvas = paintCanvas(40, 40, (ctx) => {
      ctx.fillStyle = '#ff0000';
      ctx.fillRect(0, 0, 20, 40);
    });
    const png = await canvas.convertToBlob({ type: 'image/png' });
    const p = await plan(new File([png], 'logo.png'), 'auto');
    expect(p.mimeType).toBe('image/png');
    expect((await pixelAt(p.blob, 30, 20))[3]).toBe(0);
    expect(p.previewUrl).toMatch(/^blob:/);
  });

  it('sends a grainy photo saved as PNG as JPEG, since the PNG would be large', async () => {
    const canvas = paintCanvas(800, 600, (ctx) => {
      const img = ctx.createImageData(800, 600);
      let s = 1;
      for (let i = 0; i < img.data.length; i++) {
        s = (Math.imul(s, 1103515245) + 12345) >>> 0;
        const x = (i >> 2) % 800;
        // A gradient with film grain: smooth enough for JPEG, too busy for PNG.
        img.data[i] = i % 4 === 3 ? 255 : (x >> 3) + (s >>> 26);
      }
      ctx.putImageData(img, 0, 0);
    });
    const png = await canvas.convertToBlob({ type: 'image/png' });
    const p = await plan(new File([png], 'photo.png'), 'auto');
    expect(p.mimeType, `${png.size} → ${p.bytes}: ${p.note}`).toBe('image/jpeg');
    expect(p.bytes).toBeLessThan(png.size);
  });

  it.each([
    ['an empty file', () => new Uint8Array(0), 'empty'],
    [
      'a text file',
      () => new TextEncoder().encode('just some words, not an image'),
      'not-an-image',
    ],
    ['a GIF without its end', () => twoColourGif(8, 8).subarray(0, 20).slice(), 'truncated'],
  ])('refuses %s with a typed error', async (_name, make, code) => {
    const error = await plan(make(), 'auto').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImageError);
    expect((error as ImageError).code).toBe(code);
  });

  it('refuses a 40000×40000 image before decoding it', async () => {
    const png = await blobBytes(await halves(4, 4).convertToBlob({ type: 'image/png' }));
    const huge = png.slice();
    new DataView(huge.buffer).setUint32(16, 40000);
    new DataView(huge.buffer).setUint32(20, 40000);
    const error = await plan(huge, 'auto').catch((e: unknown) => e);
    expect((error as ImageError).code).toBe('too-many-pixels');
    expect((error as Error).message).toMatch(/smaller image/);
  });

  it('refuses a damaged image the browser cannot decode', async () => {
    const png = await blobBytes(await halves(64, 64).convertToBlob({ type: 'image/png' }));
    const broken = png.slice();
    const idat = new TextDecoder('latin1').decode(broken).indexOf('IDAT');
    const length = new DataView(broken.buffer).getUint32(idat - 4);
    broken.fill(0x55, idat + 4, idat + 4 + length); // the compressed pixels garbled, chunks intact
    const error = await plan(broken, 'auto').catch((e: unknown) => e);
    expect((error as ImageError).code).toBe('undecodable');
  });

  it('stops at once when aborted while a large image is being processed', async () => {
    const file = new File([await jpegOf(halves(4000, 3000))], 'big.jpg');
    const controller = new AbortController();
    const planning = planUpload(file, 'auto', controller.signal);
    setTimeout(() => controller.abort(), 5);
    await expect(planning).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('stops when aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const file = new File([await jpegOf(halves(8, 8))], 'x.jpg');
    await expect(planUpload(file, 'auto', controller.signal)).rejects.toMatchObject({
      name: 'AbortError',
    });
  });
});
