/**
 * The reveal worker's message handling and the bridge, in Node. Without a Worker the bridge
 * runs the same handler on the calling thread (its fallback), which checks the typed calls,
 * the one-at-a-time queue, errors crossing as name + message and aborts; with a stand-in
 * Worker it checks that an image crosses once and that an abort ends the worker.
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { autoReveal, type AutoRevealResult, type Pixels } from '../../../src/lib/reveal/index.ts';
import { readingPicture } from '../../../src/lib/reveal/reading-pictures.ts';
import { renderView } from '../../../src/lib/reveal/render-view.ts';
import { defaultRevealSettings, viewOf } from '../../../src/lib/reveal/settings.ts';
import { RevealRenderController } from '../../../src/reveal/reveal-render-controller.ts';
import { IDLE_MS, RevealBridge, revealBridge } from '../../../src/workers/reveal-bridge.ts';
import {
  SOURCE_MISSING,
  answerRevealRequest,
  handleRevealRequest,
  type KeptResults,
  type RevealRequest,
} from '../../../src/workers/reveal-worker.ts';
import { addNoise, drawText, flat, paint } from './corpus.ts';
import { prepareForOcr } from '../../../src/lib/ocr/prepare.ts';
import { picturesToRead, picturesToReadWith } from '../../../src/lib/ocr/reading-order.ts';
import { decodePng } from '../../support/png.ts';

/** Everything an async iterable yields. */
async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** The pixels of a PNG the worker made. */
async function unpng(blob: Blob): Promise<Pixels> {
  return decodePng(new Uint8Array(await blob.arrayBuffer()));
}

/** The lesson's colours: a 20 × 8 block of text 11 levels lower in red, on 40 × 20. */
function lessonBlock(): Pixels {
  const width = 40;
  const height = 20;
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const text = x >= 10 && x < 30 && y >= 6 && y < 14;
      data.set(text ? [115, 217, 85, 255] : [126, 217, 87, 255], (y * width + x) * 4);
    }
  }
  return { width, height, data };
}

const image = lessonBlock();

/**
 * Text `up` levels higher in red under Gaussian noise σ 7, 240 × 80: Auto smooths it, so the
 * grey picture Read text reads under noise depends on what Auto found.
 */
function noisyWord(word: string, up: number): Pixels {
  const drawn = drawText([word], 4, 240, 80);
  return addNoise(
    paint(drawn, flat([120, 160, 90, 255]), flat([120 + up, 160, 90, 255])),
    7,
    'gaussian',
    3,
  );
}
/**
 * Auto reveal of `noisyWord(word, up)` run here, as the result a worker's must equal: once per
 * word for the whole file. Each run takes most of a second on a busy machine, and tests that
 * ran it afresh beside the worker's own ran out of their 5 s under load.
 */
const autoHere = new Map<string, AutoRevealResult>();
function autoOfWord(word: string, up: number): AutoRevealResult {
  const key = `${word} ${up}`;
  let found = autoHere.get(key);
  if (!found) autoHere.set(key, (found = autoReveal(noisyWord(word, up))));
  return found;
}

/** Black pixels of a mask: the text found. */
const black = (r: AutoRevealResult) => r.mask.data.filter((v, i) => i % 4 === 0 && v === 0).length;

/** A host for the render controller that draws nothing: these tests read its results. */
function quietHost() {
  return {
    addController: () => {},
    removeController: () => {},
    requestUpdate: () => {},
    updateComplete: Promise.resolve(true),
  };
}

describe('reveal worker handler', () => {
  it('runs Auto reveal and hands back its mask buffer for transfer', () => {
    const { reply, transfer } = handleRevealRequest({ op: 'autoReveal', args: [image] });
    expect(reply.ok).toBe(true);
    const result = (reply as { result: AutoRevealResult }).result;
    expect([...result.mask.data]).toEqual([...autoReveal(image).mask.data]);
    expect(black(result)).toBe(20 * 8);
    expect(transfer).toEqual([result.mask.data.buffer]);
  });

  it("makes Read text's further pictures one by one, and hands each back for transfer", () => {
    const found = autoReveal(image);
    const { reply, transfer } = handleRevealRequest({
      op: 'readingPicture',
      args: [image, found, 'lesson'],
    });
    expect(reply.ok).toBe(true);
    const picture = (reply as { result: Pixels }).result;
    const lessonRule = renderView(image, viewOf(defaultRevealSettings, undefined));
    expect([...picture.data]).toEqual([...lessonRule.data]);
    expect(transfer).toEqual([picture.data.buffer]);
    // No noise was smoothed here: the grey picture under noise has nothing to show.
    const noise = handleRevealRequest({ op: 'readingPicture', args: [image, found, 'noise'] });
    expect(noise.reply).toEqual({ ok: true, result: null });
  });

  it('offers only what the app runs in it: Auto reveal and the pictures Read text reads', () => {
    for (const op of ['renderView', 'histogram', 'downsample']) {
      const { reply } = handleRevealRequest({ op: op as 'autoReveal', args: [image] });
      expect(reply).toMatchObject({ ok: false, error: { name: 'TypeError' } });
    }
  });

  it("prepares Read text's pictures as the page did, and hands them back as the PNG to read", async () => {
    const noisy = noisyWord('NOISY', 10);
    const mask = autoReveal(noisy).mask;
    const { reply } = await answerRevealRequest({ op: 'prepareToRead', args: [mask] });
    expect(reply.ok).toBe(true);
    const { kind, picture } = (reply as { result: { kind: string; picture: Blob } }).result;
    expect(kind).toBe('letters');
    expect(picture.type).toBe('image/png');
    const expected = prepareForOcr(mask);
    const read = await unpng(picture);
    expect([read.width, read.height]).toEqual([expected.width, expected.height]);
    expect(Buffer.from(read.data).equals(Buffer.from(expected.data))).toBe(true);
    const blank = await answerRevealRequest({
      op: 'prepareToRead',
      args: [{ width: 50, height: 40, data: new Uint8ClampedArray(50 * 40 * 4).fill(255) }],
    });
    expect((blank.reply as { result: { kind: string } }).result.kind).toBe('blank');
  });

  it("prepares the view shown and Auto's mask from the image it holds, as the page would", async () => {
    const noisy = noisyWord('NOISY', 10);
    const found = autoReveal(noisy);
    const keep = new Map<number, Pixels>();
    const results: KeptResults = new Map();
    const view = viewOf(defaultRevealSettings, undefined);
    const pictures = [];
    for (const [request, pixels] of [
      [
        { op: 'prepareViewToRead', args: [noisy, view, false], sourceId: 3 },
        renderView(noisy, view),
      ],
      [{ op: 'prepareFoundToRead', args: [null, found, false], sourceId: 3 }, found.mask],
      [{ op: 'prepareFoundToRead', args: [null, null, false], sourceId: 3 }, found.mask],
    ] as const) {
      const { reply } = await answerRevealRequest(
        request as unknown as RevealRequest,
        keep,
        results,
      );
      const { picture } = (reply as { result: { picture: Blob } }).result;
      const expected = prepareForOcr(pixels);
      const read = await unpng(picture);
      expect(Buffer.from(read.data).equals(Buffer.from(expected.data))).toBe(true);
      pictures.push(read);
    }
    expect(pictures).toHaveLength(3);
  });

  it('encodes a PNG that decodes to exactly the pixels given', async () => {
    const { reply } = await answerRevealRequest({ op: 'encodePng', args: [image] });
    const back = await unpng((reply as { result: Blob }).result);
    expect([back.width, back.height]).toEqual([image.width, image.height]);
    expect([...back.data]).toEqual([...image.data]);
  });

  it('turns errors into their name and message', () => {
    const huge = { width: 20_000, height: 20_000, data: new Uint8ClampedArray(0) };
    const { reply } = handleRevealRequest({ op: 'autoReveal', args: [huge] });
    expect(reply).toMatchObject({ ok: false, error: { name: 'ImageTooLargeError' } });
    const unknown = handleRevealRequest({ op: 'nope' as 'autoReveal', args: [] });
    expect(unknown.reply).toMatchObject({ ok: false, error: { name: 'TypeError' } });
  });
});

describe('reveal bridge', () => {
  it('returns typed results, one call after another', async () => {
    const bridge = new RevealBridge();
    const signal = new AbortController().signal;
    const order: string[] = [];
    const first = bridge.call(signal, 'autoReveal', image).then((r) => {
      order.push('first');
      return r;
    });
    const second = bridge.call(signal, 'autoReveal', image, { samples: 100 }).then((r) => {
      order.push('second');
      return r;
    });
    const [a, b] = await Promise.all([first, second]);
    expect(black(a)).toBe(20 * 8);
    expect(a.channel).toBe('red');
    expect(black(b)).toBe(20 * 8);
    expect(order).toEqual(['first', 'second']);
    bridge.terminate();
  });

  it('rejects with the error of the failed call and keeps working', async () => {
    const bridge = new RevealBridge();
    const signal = new AbortController().signal;
    const huge = { width: 20_000, height: 20_000, data: new Uint8ClampedArray(0) };
    await expect(bridge.call(signal, 'autoReveal', huge)).rejects.toMatchObject({
      name: 'ImageTooLargeError',
    });
    const after = await bridge.call(signal, 'autoReveal', image);
    expect(after.mask.width).toBe(40);
    bridge.terminate();
  });

  it('rejects an aborted call with the reason, without running it', async () => {
    const bridge = new RevealBridge();
    const controller = new AbortController();
    controller.abort(new Error('moved on'));
    await expect(bridge.call(controller.signal, 'autoReveal', image)).rejects.toThrow('moved on');
    bridge.terminate();
  });
});

describe('reveal worker: kept images', () => {
  it('keeps the image under its id, reuses it, and asks again when it is gone', () => {
    const keep = new Map<number, Pixels>();
    const first = handleRevealRequest({ op: 'autoReveal', args: [image], sourceId: 7 }, keep);
    expect(first.reply.ok).toBe(true);
    expect(keep.get(7)).toBe(image);
    const again = handleRevealRequest({ op: 'autoReveal', args: [null], sourceId: 7 }, keep);
    expect(black((again.reply as { result: AutoRevealResult }).result)).toBe(20 * 8);
    const missing = handleRevealRequest({ op: 'autoReveal', args: [null], sourceId: 8 }, keep);
    expect(missing.reply).toMatchObject({ ok: false, error: { name: SOURCE_MISSING } });
  });

  it("keeps Auto's result with its image, so Read text's pictures need neither", () => {
    const keep = new Map<number, Pixels>();
    const results: KeptResults = new Map();
    const noisy = noisyWord('NOISY', 10);
    const auto = handleRevealRequest(
      { op: 'autoReveal', args: [noisy], sourceId: 1 },
      keep,
      results,
    );
    const found = (auto.reply as { result: AutoRevealResult }).result;
    // The page gets its own copy of the mask to take; the worker keeps the one it found.
    expect(auto.transfer).toEqual([found.mask.data.buffer]);
    expect(results.get(1)?.mask.data.buffer).not.toBe(found.mask.data.buffer);
    expect([...(results.get(1)?.mask.data ?? [])]).toEqual([...found.mask.data]);
    const lean = { op: 'readingPicture', args: [null, null, 'noise'], sourceId: 1 } as const;
    const { reply } = handleRevealRequest({ ...lean, args: [...lean.args] }, keep, results);
    // Made from the result the page was given (equal to the kept one, checked above): Auto
    // on the noisy word takes most of a second on a busy machine, so it runs once here.
    const expected = readingPicture('noise', noisy, found);
    expect(expected).not.toBeNull();
    expect([...(reply as { result: Pixels }).result.data]).toEqual([...(expected?.data ?? [])]);
    // New pixels under the id, or the image pushed out by two newer ones: the result goes too.
    handleRevealRequest({ op: 'autoReveal', args: [image], sourceId: 1 }, keep, results);
    expect(results.get(1)?.mask.width).toBe(image.width);
    handleRevealRequest({ op: 'autoReveal', args: [image], sourceId: 2 }, keep, results);
    handleRevealRequest({ op: 'autoReveal', args: [image], sourceId: 3 }, keep, results);
    expect(results.has(1)).toBe(false);
    const gone = handleRevealRequest({ ...lean, args: [...lean.args] }, keep, results);
    expect(gone.reply).toMatchObject({ ok: false, error: { name: SOURCE_MISSING } });
    // An image whose result was never kept: the page must send it.
    keep.set(4, image);
    const never = handleRevealRequest(
      { ...lean, args: [...lean.args], sourceId: 4 },
      keep,
      results,
    );
    expect(never.reply).toMatchObject({ ok: false, error: { name: SOURCE_MISSING } });
  });
});

/**
 * A stand-in for Worker in Node: runs the worker's handler with its own kept images after a
 * tick, clones what crosses like postMessage does, and counts the pixels it was sent.
 */
class FakeWorker extends EventTarget {
  static instances: FakeWorker[] = [];
  static crash = false;
  /** Milliseconds before it starts on a request (a slow worker, to see what waits). */
  static delayMs = 1;
  keep = new Map<number, Pixels>();
  /** The operation of every request, in order. */
  ops: string[] = [];
  results: KeptResults = new Map();
  /** Pixel bytes received: images and Auto results' masks. */
  bytesReceived = 0;
  /** Bytes moved to it rather than copied (postMessage's transfer list). */
  bytesMoved = 0;
  terminated = false;

  constructor() {
    super();
    FakeWorker.instances.push(this);
  }

  postMessage(request: RevealRequest, transfer: Transferable[] = []): void {
    for (const t of transfer) this.bytesMoved += (t as ArrayBuffer).byteLength;
    const copy = structuredClone(request, { transfer });
    this.ops.push(copy.op);
    const first = copy.args[0] as Pixels | null;
    if (first) this.bytesReceived += first.data.byteLength;
    const found = copy.args[1] as Partial<AutoRevealResult> | null | undefined;
    if (found?.mask) this.bytesReceived += found.mask.data.byteLength;
    setTimeout(() => {
      if (this.terminated) return;
      if (FakeWorker.crash) {
        this.dispatchEvent(new Event('error'));
        return;
      }
      void answerRevealRequest(copy, this.keep, this.results).then(({ reply }) => {
        if (!this.terminated) this.dispatchEvent(new MessageEvent('message', { data: reply }));
      });
    }, FakeWorker.delayMs);
  }

  terminate(): void {
    this.terminated = true;
  }
}

describe('reveal bridge with a worker', () => {
  const realWorker = globalThis.Worker;
  // The results to compare with, made before the tests: each test's time is the worker's.
  beforeAll(() => {
    autoOfWord('NOISY', 10);
    autoOfWord('OTHER', 16);
  });
  beforeEach(() => {
    FakeWorker.instances = [];
    FakeWorker.crash = false;
    FakeWorker.delayMs = 1;
    globalThis.Worker = FakeWorker as unknown as typeof Worker;
  });
  afterEach(() => {
    globalThis.Worker = realWorker;
  });

  it('sends an image once, then only the options', async () => {
    const bridge = new RevealBridge();
    const signal = new AbortController().signal;
    await bridge.call(signal, 'autoReveal', image);
    const result = await bridge.call(signal, 'autoReveal', image, { samples: 100 });
    expect(black(result)).toBe(20 * 8);
    expect(FakeWorker.instances).toHaveLength(1);
    expect(FakeWorker.instances[0].bytesReceived).toBe(image.data.byteLength);
    bridge.terminate();
  });

  it('resends the image when the worker has dropped it', async () => {
    const bridge = new RevealBridge();
    const signal = new AbortController().signal;
    await bridge.call(signal, 'autoReveal', image);
    FakeWorker.instances[0].keep.clear();
    const again = await bridge.call(signal, 'autoReveal', image);
    expect(black(again)).toBe(20 * 8);
    expect(FakeWorker.instances[0].bytesReceived).toBe(2 * image.data.byteLength);
    bridge.terminate();
  });

  it('terminates the worker on abort and starts a fresh one for the next call', async () => {
    const bridge = new RevealBridge();
    const controller = new AbortController();
    const pending = bridge.call(controller.signal, 'autoReveal', image);
    await new Promise((resolve) => setTimeout(resolve, 0));
    controller.abort(new Error('slider moved'));
    await expect(pending).rejects.toThrow('slider moved');
    expect(FakeWorker.instances[0].terminated).toBe(true);
    const next = await bridge.call(new AbortController().signal, 'autoReveal', image);
    expect(black(next)).toBe(20 * 8);
    expect(FakeWorker.instances).toHaveLength(2);
    expect(FakeWorker.instances[1].bytesReceived).toBe(image.data.byteLength);
    bridge.terminate();
  });

  /** Over PREVIEW_ABOVE (2 MP): red 126 with a block of text at 115, the lesson's colours. */
  function bigLesson(): Pixels {
    const width = 1600;
    const height = 1300;
    const data = new Uint8ClampedArray(width * height * 4);
    for (let i = 0; i < width * height; i++) {
      const text = i % width > 400 && i % width < 800 && i / width > 500 && i / width < 700;
      data.set(text ? [115, 217, 85, 255] : [126, 217, 87, 255], i * 4);
    }
    return { width, height, data };
  }
  const settings = (threshold: number) => ({ ...defaultRevealSettings, threshold });
  /** Whether `pixels` are the full-size view of `big` at `threshold` (compared as bytes). */
  const isView = (big: Pixels, pixels: Pixels | undefined, threshold: number) =>
    pixels !== undefined &&
    Buffer.from(pixels.data).equals(
      Buffer.from(renderView(big, viewOf(settings(threshold), [126, 217, 87, 255])).data),
    );

  it("renders a big image's full-size view in the worker that holds it, the latest setting only", async () => {
    const big = bigLesson();
    const { width } = big;
    // The worker holds the image (as once it decoded it), sent once.
    await revealBridge.call(new AbortController().signal, 'renderViewPicture', big, {
      mode: 'original',
    });
    const worker = FakeWorker.instances[0];
    FakeWorker.delayMs = 50;
    const render = new RevealRenderController(quietHost());
    render.setSource(big, settings(120));
    expect(render.shown?.width).toBeLessThan(width); // the preview, at once
    const first = await render.full();
    expect(first?.width).toBe(width);
    expect(isView(big, first, 120)).toBe(true);
    // Three moves while the worker is busy with the first: the second is never rendered.
    render.update(settings(110), false);
    await new Promise((resolve) => setTimeout(resolve, 5));
    render.update(settings(117), false);
    await new Promise((resolve) => setTimeout(resolve, 5));
    render.update(settings(130), false);
    const last = await render.full();
    expect(isView(big, last, 130)).toBe(true);
    expect(render.shown).toBe(last);
    expect(worker.ops.filter((op) => op === 'renderViewPicture')).toHaveLength(4);
    expect(worker.bytesReceived).toBe(big.data.byteLength);
    expect(FakeWorker.instances).toHaveLength(1);
    revealBridge.terminate();
  });

  it("renders a small image's views, and a big one's the worker does not hold, on the page", async () => {
    // A small image the worker holds: here it takes a few ms, less than the round trip.
    const small = lessonBlock();
    const original = await revealBridge.call(
      new AbortController().signal,
      'renderViewPicture',
      small,
      {
        mode: 'original',
      },
    );
    // The original view is the image the page has: none of its pixels come back.
    expect(original.pixels, 'pixels sent back for the original view').toBeNull();
    const worker = FakeWorker.instances[0];
    const render = new RevealRenderController(quietHost());
    render.setSource(small, settings(120));
    expect(isView(small, await render.full(), 120)).toBe(true);
    // A big image the page decoded itself: rendered here rather than sent across (48 MB).
    const big = bigLesson();
    render.setSource(big, settings(121));
    expect(isView(big, await render.full(), 121)).toBe(true);
    expect(FakeWorker.instances).toHaveLength(1);
    expect(worker.ops, 'requests to the worker').toEqual(['renderViewPicture']);
    expect(worker.bytesReceived).toBe(small.data.byteLength);
    revealBridge.terminate();
  });

  it("renders a big image's full-size view on the page when the worker that holds it dies", async () => {
    const big = bigLesson();
    await revealBridge.call(new AbortController().signal, 'renderViewPicture', big, {
      mode: 'original',
    });
    FakeWorker.crash = true;
    const render = new RevealRenderController(quietHost());
    render.setSource(big, settings(121));
    const full = await render.full();
    expect(isView(big, full, 121)).toBe(true);
    expect(render.shown).toBe(full);
    expect(FakeWorker.instances[0].ops.at(-1)).toBe('renderViewPicture');
    revealBridge.terminate();
  });

  it("Read text's further pictures come from the worker, which already holds the image", async () => {
    const render = new RevealRenderController(quietHost());
    render.setSource(image, defaultRevealSettings);
    const signal = new AbortController().signal;
    // Auto has not run yet: it runs first (in the worker), then the pictures are made there.
    const lessonRule = await render.readingPicture('lesson', signal);
    expect(lessonRule?.data).toEqual(render.shown?.data); // shown by default
    expect(FakeWorker.instances).toHaveLength(1);
    expect(FakeWorker.instances[0].bytesReceived).toBe(image.data.byteLength);
    const mask = await render.autoMask(signal);
    expect(mask?.data.filter((v, i) => i % 4 === 0 && v === 0).length).toBe(20 * 8);
    revealBridge.terminate();
  });

  it("Read text's pictures after Auto send neither the image nor Auto's mask again", async () => {
    const noisy = noisyWord('NOISY', 10);
    const render = new RevealRenderController(quietHost());
    render.setSource(noisy, defaultRevealSettings);
    const signal = new AbortController().signal;
    const found = await render.auto();
    const pictures = [];
    for (const kind of ['lesson', 'noise', 'jpeg'] as const) {
      pictures.push(await render.readingPicture(kind, signal));
    }
    expect(FakeWorker.instances).toHaveLength(1);
    expect(FakeWorker.instances[0].bytesReceived).toBe(noisy.data.byteLength);
    const direct = autoOfWord('NOISY', 10);
    expect(found && [...found.mask.data]).toEqual([...direct.mask.data]);
    expect(pictures.map((p) => p && [...p.data])).toEqual(
      (['lesson', 'noise', 'jpeg'] as const).map((kind) => {
        const p = readingPicture(kind, noisy, direct);
        return p ? [...p.data] : undefined;
      }),
    );
    revealBridge.terminate();
  });

  it("sends Auto's result again when the worker has dropped it, or is a new worker", async () => {
    const noisy = noisyWord('NOISY', 10);
    const render = new RevealRenderController(quietHost());
    render.setSource(noisy, defaultRevealSettings);
    const signal = new AbortController().signal;
    await render.auto();
    const expected = readingPicture('noise', noisy, autoOfWord('NOISY', 10));
    FakeWorker.instances[0].keep.clear();
    FakeWorker.instances[0].results.clear();
    const again = await render.readingPicture('noise', signal);
    expect(again && [...again.data]).toEqual(expected && [...expected.data]);
    // Image and mask crossed once more, and from then on are kept again.
    const mask = noisy.data.byteLength;
    expect(FakeWorker.instances[0].bytesReceived).toBe(3 * mask);
    await render.readingPicture('lesson', signal);
    expect(FakeWorker.instances[0].bytesReceived).toBe(3 * mask);
    // A new worker (the old one ended: idle, aborted or crashed) gets image and mask.
    revealBridge.terminate();
    const fresh = await render.readingPicture('noise', signal);
    expect(fresh && [...fresh.data]).toEqual(expected && [...expected.data]);
    expect(FakeWorker.instances).toHaveLength(2);
    expect(FakeWorker.instances[1].bytesReceived).toBe(2 * mask);
    revealBridge.terminate();
  });

  it("never reads another image's pictures from Auto's result for the image before", async () => {
    const first = noisyWord('NOISY', 10);
    const second = noisyWord('OTHER', 16);
    const render = new RevealRenderController(quietHost());
    render.setSource(first, defaultRevealSettings);
    const signal = new AbortController().signal;
    await render.auto();
    await render.readingPicture('noise', signal);
    render.setSource(second, defaultRevealSettings);
    const picture = await render.readingPicture('noise', signal);
    const right = readingPicture('noise', second, autoOfWord('OTHER', 16));
    const stale = readingPicture('noise', second, autoOfWord('NOISY', 10));
    // The two differ, so a stale result would show.
    expect(right && [...right.data]).not.toEqual(stale && [...stale.data]);
    expect(picture && [...picture.data]).toEqual(right && [...right.data]);
    // Auto ran on the second image in the worker (its pixels sent once), not on the page.
    expect(FakeWorker.instances).toHaveLength(1);
    expect(FakeWorker.instances[0].bytesReceived).toBe(first.data.byteLength * 2);
    revealBridge.terminate();
  });

  it('makes a picture from the Auto result it is given, not the one the worker keeps', async () => {
    // The worker keeps Auto's result for the image; a caller that passes another result (Auto
    // run again elsewhere, with other options) gets a picture made from that one.
    const bridge = new RevealBridge();
    const noisy = noisyWord('NOISY', 10);
    const signal = new AbortController().signal;
    await bridge.call(signal, 'autoReveal', noisy);
    const other = autoOfWord('OTHER', 16);
    const picture = await bridge.call(signal, 'readingPicture', noisy, other, 'noise');
    const right = readingPicture('noise', noisy, other);
    const kept = readingPicture('noise', noisy, autoOfWord('NOISY', 10));
    expect(right && [...right.data]).not.toEqual(kept && [...kept.data]);
    expect(picture && [...picture.data]).toEqual(right && [...right.data]);
    bridge.terminate();
  });

  it('Reveal does not redo Auto reveal on the page when its worker dies (out of memory)', async () => {
    const render = new RevealRenderController(quietHost());
    render.setSource(image, defaultRevealSettings);
    const shown = render.shown;
    FakeWorker.crash = true;
    await expect(render.auto()).rejects.toMatchObject({ name: 'WorkerCrashed' });
    expect(render.shown).toBe(shown);
    FakeWorker.crash = false;
    const found = await render.auto();
    expect(found && black(found)).toBe(20 * 8);
    revealBridge.terminate();
  });

  it('keeps the worker while Read text reads, so its next picture sends neither image nor mask', async () => {
    vi.useFakeTimers();
    try {
      const noisy = noisyWord('NOISY', 10);
      const render = new RevealRenderController(quietHost());
      render.setSource(noisy, defaultRevealSettings);
      const read = new AbortController();
      /** `work`, with the stand-in worker's reply let through. */
      const replied = async <T>(work: Promise<T>): Promise<T> => {
        await vi.advanceTimersByTimeAsync(5);
        return work;
      };
      await replied(render.autoMask(read.signal));
      // The OCR reads Auto's mask for longer than the worker's idle time.
      await vi.advanceTimersByTimeAsync(IDLE_MS + 5_000);
      expect(FakeWorker.instances[0].terminated, 'worker ended during the read').toBe(false);
      const next = await replied(render.readingPicture('noise', read.signal));
      const expected = readingPicture('noise', noisy, autoOfWord('NOISY', 10));
      expect(next && [...next.data]).toEqual(expected && [...expected.data]);
      expect(FakeWorker.instances).toHaveLength(1);
      expect(FakeWorker.instances[0].bytesReceived).toBe(noisy.data.byteLength);
      // The read ends: the worker goes after its idle time, as before.
      read.abort();
      await vi.advanceTimersByTimeAsync(IDLE_MS - 100);
      expect(FakeWorker.instances[0].terminated).toBe(false);
      await vi.advanceTimersByTimeAsync(200);
      expect(FakeWorker.instances[0].terminated, 'worker kept after the read').toBe(true);
    } finally {
      revealBridge.terminate();
      vi.useRealTimers();
    }
  });
  it("Read text's pictures are prepared in the worker, read the same, and are moved, not copied", async () => {
    const noisy = noisyWord('NOISY', 10);
    const render = new RevealRenderController(quietHost());
    render.hereUpTo = 0; // as for a picture of many megapixels
    render.setSource(noisy, defaultRevealSettings);
    const read = new AbortController();
    const shown = await render.full();
    const mask = await render.autoMask(read.signal);
    const lessonRule = await render.readingPicture('lesson', read.signal);
    const noise = await render.readingPicture('noise', read.signal);
    if (!shown || !mask || !lessonRule || !noise) throw new Error('a picture is missing');
    const candidates = [shown, mask, lessonRule, noise];
    // What the page read before, from copies (the worker's pictures move there).
    const expected = await collect(
      picturesToRead(candidates.map((p) => ({ ...p, data: p.data.slice() }))),
    );
    const worker = FakeWorker.instances[0];
    const before = { received: worker.bytesReceived, moved: worker.bytesMoved };
    const pngs = await collect(picturesToReadWith(candidates, render.readingPreparer(read.signal)));
    const pictures = await Promise.all(pngs.map((png) => unpng(png as Blob)));
    expect(
      pictures.map((p) => [p.width, p.height, Buffer.from(p.data).toString('base64')]),
    ).toEqual(expected.map((p) => [p.width, p.height, Buffer.from(p.data).toString('base64')]));
    // The view shown and Auto's mask (and the first's second look) are made again from the
    // image the worker holds: none of their pixels cross. The further pictures were made for
    // the read alone: moved, not copied, and so gone here; the page keeps what it shows.
    expect(worker.bytesReceived - before.received).toBe(2 * noisy.data.byteLength);
    expect(worker.bytesMoved - before.moved).toBe(2 * noisy.data.byteLength);
    expect(lessonRule.data.byteLength).toBe(0);
    expect(mask.data.byteLength).toBe(noisy.data.byteLength);
    expect(shown.data.byteLength).toBe(noisy.data.byteLength);
    read.abort();
    revealBridge.terminate();
  });

  it('prepares and encodes a picture of under a megapixel on the page: no worker for it', async () => {
    const render = new RevealRenderController(quietHost());
    render.setSource(image, defaultRevealSettings);
    const shown = render.shown!;
    expect([...(await unpng(await render.png(shown))).data]).toEqual([...shown.data]);
    const prepared = await render.readingPreparer(new AbortController().signal).prepare(shown);
    expect(prepared.picture).toEqual(prepareForOcr(shown));
    expect(FakeWorker.instances).toHaveLength(0);
  });

  it('Download PNG encodes in the worker, exactly the pixels shown', async () => {
    const render = new RevealRenderController(quietHost());
    render.hereUpTo = 0; // as for a picture of many megapixels
    render.setSource(image, defaultRevealSettings);
    const shown = render.shown!;
    const png = await render.png(shown);
    expect(FakeWorker.instances).toHaveLength(1);
    const back = await unpng(png);
    expect([...back.data]).toEqual([...shown.data]);
    expect(shown.data.byteLength).toBe(image.data.byteLength); // still on screen: copied
    // Once the worker holds the image, Auto's mask and the view shown are made there again:
    // none of their pixels cross.
    const found = await render.auto();
    const worker = FakeWorker.instances[0];
    const received = worker.bytesReceived;
    const mask = await unpng(await render.png(found!.mask));
    expect([...mask.data]).toEqual([...found!.mask.data]);
    render.update({ ...defaultRevealSettings, threshold: 60 }, false);
    const view = (await render.full())!;
    expect(view).toBe(render.shown);
    const drawn = await unpng(await render.png(view));
    expect([...drawn.data]).toEqual([...view.data]);
    expect(worker.bytesReceived).toBe(received);
    revealBridge.terminate();
  });
});
