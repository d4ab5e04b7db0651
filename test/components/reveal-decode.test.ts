/**
 * Reveal opens an image in its worker (src/reveal/reveal-decode.ts): in real Chromium, the
 * pixels and histograms that come back are exactly those the page's own decode gives, and a
 * file the intake refuses, or one that does not decode, fails with the same message as before.
 */
import { encode } from 'fast-png';
import { describe, expect, it } from 'vitest';
import { decodeImage } from '../../src/platform/canvas.ts';
import { histogram } from '../../src/lib/reveal/histogram.ts';
import { decodeForReveal } from '../../src/reveal/reveal-decode.ts';
import { revealBridge } from '../../src/workers/reveal-bridge.ts';
import { jpegBomb } from '../lib/image/bytes.ts';
import { halves, jpegOf } from './upload-helpers.ts';

/** The bytes of {@link png}. */
function bytesOf(alpha: boolean): Uint8Array<ArrayBuffer> {
  const width = 64;
  const height = 48;
  const data = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    data.set([120 + (i % 3), 200 - (i % 7), i % 256, alpha && i % 5 === 0 ? 128 : 255], i * 4);
  }
  return encode({ width, height, data, channels: 4, depth: 8 }) as Uint8Array<ArrayBuffer>;
}

/** A PNG whose levels differ by one (and, with `alpha`, some translucent pixels). */
function png(alpha: boolean): Blob {
  return new Blob([bytesOf(alpha)], { type: 'image/png' });
}

const signal = () => new AbortController().signal;

describe('Reveal decodes in its worker', { timeout: 30_000 }, () => {
  it('gives the exact pixels and channel histograms the page would', async () => {
    for (const alpha of [false, true]) {
      const file = png(alpha);
      const here = await decodeImage(file);
      const { pixels, histograms, note } = await decodeForReveal(file, signal());
      expect(note).toBe('');
      expect([pixels.width, pixels.height]).toEqual([64, 48]);
      expect(Array.from(pixels.data)).toEqual(Array.from(here.data));
      for (const channel of ['red', 'green', 'blue', 'alpha'] as const) {
        expect(Array.from(histograms?.[channel] ?? [])).toEqual(
          Array.from(histogram(here, channel)),
        );
      }
    }
  });

  it('decodes on the page, to the same pixels, where workers have no OffscreenCanvas', async () => {
    // Such a browser: the reveal worker's own script, run with OffscreenCanvas taken away.
    revealBridge.terminate();
    const Original = globalThis.Worker;
    let started = 0;
    globalThis.Worker = class extends Original {
      constructor(url: string | URL, options?: WorkerOptions) {
        // A module's imports run in order: the first takes OffscreenCanvas away.
        const script = [
          `import 'data:text/javascript,delete globalThis.OffscreenCanvas';`,
          `import ${JSON.stringify(new URL(url, location.href).href)};`,
        ];
        const wrapper = new Blob(script, { type: 'text/javascript' });
        super(URL.createObjectURL(wrapper), { ...options, type: 'module' });
        started++;
      }
    };
    try {
      const file = png(true);
      const here = await decodeImage(file);
      const { pixels, note } = await decodeForReveal(file, signal());
      expect(started, 'reveal workers started').toBe(1);
      expect(note).toBe('');
      expect([pixels.width, pixels.height]).toEqual([64, 48]);
      expect(Array.from(pixels.data)).toEqual(Array.from(here.data));
    } finally {
      globalThis.Worker = Original;
      revealBridge.terminate();
    }
  });

  it("moves the file's bytes to the worker: the page keeps no copy of them", async () => {
    // A 35 MP photograph's file is tens of MB: copied, the page would hold it twice.
    revealBridge.terminate();
    const Original = globalThis.Worker;
    const moved: number[] = [];
    globalThis.Worker = class extends Original {
      override postMessage(
        message: unknown,
        transfer?: Transferable[] | StructuredSerializeOptions,
      ) {
        const list = Array.isArray(transfer) ? transfer : (transfer?.transfer ?? []);
        for (const t of list) if (t instanceof ArrayBuffer) moved.push(t.byteLength);
        super.postMessage(message, list);
      }
    };
    try {
      const bytes = bytesOf(false);
      const { pixels } = await decodeForReveal(new Blob([bytes], { type: 'image/png' }), signal());
      expect([pixels.width, pixels.height]).toEqual([64, 48]);
      expect(moved, "buffers moved to the worker (the file's bytes among them)").toContain(
        bytes.byteLength,
      );
    } finally {
      globalThis.Worker = Original;
      revealBridge.terminate();
    }
  });

  it('refuses what the intake refuses, and says so as the page did', async () => {
    const bomb = new Blob([jpegBomb(await jpegOf(halves(8, 8)), 20000, 20000)]);
    // Whole, but its compressed pixels scrambled: only decoding finds out (in the worker).
    const scrambled = bytesOf(false);
    for (let i = 60; i < scrambled.length - 40; i++) scrambled[i] ^= 0x5a;
    const failure = (p: Promise<unknown>) =>
      p.then(
        () => undefined,
        (e: unknown) => e as Error,
      );
    for (const [file, says] of [
      [bomb, /20000 × 20000 pixels/],
      [new Blob([scrambled]), /could not decode this PNG/],
    ] as const) {
      const before = await failure(decodeImage(file));
      const now = await failure(decodeForReveal(file, signal()));
      expect(before?.message).toMatch(says);
      expect(now?.message).toBe(before?.message);
    }
  });
});
