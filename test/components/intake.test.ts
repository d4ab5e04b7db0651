/**
 * The one intake in Chromium: a pixel bomb is refused from its header on every path (Reveal's
 * decodeImage, Ask's planUpload) without the browser decoding it; the decoded size is checked
 * again before drawing; and Ask's worker hands work back to the page only when it lacks an
 * API, never after a decode failure or a crash (issue 7, findings 1 and 5).
 */
import { encode } from 'fast-png';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ImageError } from '../../src/lib/image/errors.ts';
import { INTAKE_LIMITS } from '../../src/lib/image/intake.ts';
import { decodeImage } from '../../src/platform/canvas.ts';
import { decodeBitmap } from '../../src/platform/image-decoder.ts';
import { decodePngDirect } from '../../src/platform/png-direct.ts';
import { planUpload, releaseUpload, stopUploadWorker } from '../../src/platform/upload.ts';
import { WORKER_API_MISSING, type WorkerReply } from '../../src/workers/protocol.ts';
import { jpegBomb } from '../lib/image/bytes.ts';
import { blobBytes, halves, jpegOf } from './upload-helpers.ts';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('pixel bombs', { timeout: 30_000 }, () => {
  it('refuses a 760-byte-class JPEG declaring 20000×20000 behind a stray byte, on every path', async () => {
    const small = await jpegOf(halves(8, 8));
    const bomb = jpegBomb(small, 20000, 20000);
    expect(bomb.length).toBeLessThan(1000);
    const decode = vi.spyOn(globalThis, 'createImageBitmap');
    const reveal = await decodeImage(new Blob([bomb])).catch((e: unknown) => e);
    const ask = await planUpload(new File([bomb], 'bomb.jpg'), 'auto').catch((e: unknown) => e);
    for (const error of [reveal, ask]) {
      expect(error).toBeInstanceOf(ImageError);
      expect((error as ImageError).code).toBe('too-many-pixels');
      expect((error as Error).message).toMatch(/20000 × 20000 pixels \(400 megapixels\)/);
    }
    expect(decode).not.toHaveBeenCalled();
  });

  it('checks the decoded size before anything is drawn', async () => {
    const png = await halves(8, 8).convertToBlob({ type: 'image/png' });
    const limits = { ...INTAKE_LIMITS, maxPixels: 63 };
    for (const mode of ['exact', 'display'] as const) {
      await expect(decodeBitmap(png, 'png', mode, limits)).rejects.toMatchObject({
        code: 'too-many-pixels',
      });
    }
    const bitmap = await decodeBitmap(png, 'png', 'exact', { ...limits, maxPixels: 64 });
    expect([bitmap.width, bitmap.height]).toEqual([8, 8]);
    bitmap.close();
  });
});

/** How the stand-in upload worker answers. */
type Behaviour = 'decode-failure' | 'crash' | 'api-missing';

/** A stand-in for the upload worker that fails the way the test asks. */
function fakeWorker(behaviour: Behaviour) {
  return class extends EventTarget {
    postMessage(): void {
      setTimeout(() => {
        if (behaviour === 'crash') {
          this.dispatchEvent(new ErrorEvent('error', { message: 'Out of memory' }));
          return;
        }
        const error =
          behaviour === 'api-missing'
            ? { name: WORKER_API_MISSING, message: 'no OffscreenCanvas' }
            : { name: 'ImageError', code: 'undecodable', message: 'could not decode' };
        const data: WorkerReply = { ok: false, error };
        this.dispatchEvent(new MessageEvent('message', { data }));
      }, 1);
    }
    terminate(): void {}
  };
}

describe('Ask worker fallback', { timeout: 30_000 }, () => {
  const realWorker = globalThis.Worker;
  afterEach(() => {
    stopUploadWorker();
    globalThis.Worker = realWorker;
  });

  async function planWith(behaviour: Behaviour) {
    globalThis.Worker = fakeWorker(behaviour) as unknown as typeof Worker;
    const decode = vi.spyOn(globalThis, 'createImageBitmap');
    const png = await blobBytes(await halves(30, 20).convertToBlob({ type: 'image/png' }));
    const result = await planUpload(new File([png], `${behaviour}.png`), 'auto').catch(
      (e: unknown) => e,
    );
    return { result, pageDecodes: decode.mock.calls.length };
  }

  it('does not redo a failed decode on the page', async () => {
    const { result, pageDecodes } = await planWith('decode-failure');
    expect(result).toMatchObject({ name: 'ImageError', code: 'undecodable' });
    expect(pageDecodes).toBe(0);
  });

  it('does not redo the work on the page after the worker died, and says why', async () => {
    const { result, pageDecodes } = await planWith('crash');
    expect(result).toBeInstanceOf(ImageError);
    expect((result as Error).message).toMatch(/more memory than this page could get/);
    expect(pageDecodes).toBe(0);
  });

  it('does the work on the page when the worker lacks an API', async () => {
    const { result, pageDecodes } = await planWith('api-missing');
    expect(result).toMatchObject({ width: 30, height: 20, mimeType: 'image/png' });
    expect(pageDecodes).toBe(1);
    releaseUpload(result as Parameters<typeof releaseUpload>[0]);
  });
});

describe('PNG read directly (for browsers that alter canvas readback)', () => {
  /** A PNG written by fast-png, decoded both ways. */
  async function bothWays(image: Parameters<typeof encode>[0]) {
    const bytes = encode(image);
    const direct = decodePngDirect(bytes);
    const canvas = await decodeImage(new Blob([bytes as Uint8Array<ArrayBuffer>]));
    return { direct, canvas };
  }

  it.each([
    ['8-bit RGBA, translucent', { channels: 4, depth: 8 as const }],
    ['8-bit RGB', { channels: 3, depth: 8 as const }],
    ['16-bit grey + alpha', { channels: 2, depth: 16 as const }],
    ['1-bit grey', { channels: 1, depth: 1 as const }],
  ])('gives the same values as the browser for %s', async (_name, { channels, depth }) => {
    const width = 13;
    const height = 5;
    const n = width * height * channels;
    const data =
      depth === 16
        ? Uint16Array.from({ length: n }, (_, i) => (i * 4099) & 0xffff)
        : depth === 1
          ? Uint8Array.from({ length: Math.ceil(width / 8) * height }, (_, i) => (i * 73) & 255)
          : Uint8Array.from({ length: n }, (_, i) => (i * 37) & 255);
    const { direct, canvas } = await bothWays({ width, height, data, channels, depth });
    expect([direct.width, direct.height]).toEqual([width, height]);
    expect(Array.from(direct.data)).toEqual(Array.from(canvas.data));
  });

  it('gives the same values as the browser for a palette with transparency', async () => {
    const palette = [
      [126, 217, 87, 255],
      [115, 217, 85, 255],
      [0, 0, 0, 0],
    ];
    const data = Uint8Array.from({ length: 8 * 4 }, (_, i) => i % 3);
    const { direct, canvas } = await bothWays({
      width: 8,
      height: 4,
      data,
      depth: 8,
      channels: 1,
      palette,
    });
    expect(Array.from(direct.data)).toEqual(Array.from(canvas.data));
  });
});
