/**
 * The reveal worker's message handling and the bridge, in Node. Without a Worker the bridge
 * runs the same handler on the calling thread (its fallback), which checks the typed calls,
 * the one-at-a-time queue, errors crossing as name + message and aborts; with a stand-in
 * Worker it checks that an image crosses once and that an abort ends the worker.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { threshold, type Pixels } from '../../../src/lib/reveal/index.ts';
import { RevealBridge } from '../../../src/workers/reveal-bridge.ts';
import {
  SOURCE_MISSING,
  handleRevealRequest,
  type RevealRequest,
} from '../../../src/workers/reveal-worker.ts';

const image: Pixels = {
  width: 2,
  height: 1,
  data: Uint8ClampedArray.from([121, 0, 0, 255, 120, 0, 0, 255]),
};

describe('reveal worker handler', () => {
  it('runs a view and hands back its buffer for transfer', () => {
    const { reply, transfer } = handleRevealRequest({
      op: 'renderView',
      args: [image, { mode: 'threshold' }],
    });
    expect(reply.ok).toBe(true);
    const result = (reply as { result: Pixels }).result;
    expect([...result.data]).toEqual([...threshold(image).data]);
    expect(transfer).toEqual([result.data.buffer]);
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
    const first = bridge.call(signal, 'renderView', image, { mode: 'threshold' }).then((r) => {
      order.push('first');
      return r;
    });
    const second = bridge.call(signal, 'histogram', image, 'red').then((r) => {
      order.push('second');
      return r;
    });
    const [mask, counts] = await Promise.all([first, second]);
    expect([...mask.data]).toEqual([0, 0, 0, 255, 255, 255, 255, 255]);
    expect(counts[121]).toBe(1);
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
    const after = await bridge.call(signal, 'renderView', image, { mode: 'threshold' });
    expect(after.width).toBe(2);
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
    const first = handleRevealRequest(
      { op: 'renderView', args: [image, { mode: 'threshold' }], sourceId: 7 },
      keep,
    );
    expect(first.reply.ok).toBe(true);
    expect(keep.get(7)).toBe(image);
    const again = handleRevealRequest(
      { op: 'renderView', args: [null, { mode: 'threshold', invert: true }], sourceId: 7 },
      keep,
    );
    const inverted = (again.reply as { result: Pixels }).result;
    expect([...inverted.data]).toEqual([255, 255, 255, 255, 0, 0, 0, 255]);
    const missing = handleRevealRequest({ op: 'autoReveal', args: [null], sourceId: 8 }, keep);
    expect(missing.reply).toMatchObject({ ok: false, error: { name: SOURCE_MISSING } });
  });

  it('never hands back a kept image for transfer (the original view returns its input)', () => {
    const keep = new Map<number, Pixels>();
    const { reply, transfer } = handleRevealRequest(
      { op: 'renderView', args: [image, { mode: 'original' }], sourceId: 1 },
      keep,
    );
    expect((reply as { result: Pixels }).result).toBe(image);
    expect(transfer).toEqual([]);
  });
});

/**
 * A stand-in for Worker in Node: runs the worker's handler with its own kept images after a
 * tick, clones what crosses like postMessage does, and counts the pixels it was sent.
 */
class FakeWorker extends EventTarget {
  static instances: FakeWorker[] = [];
  keep = new Map<number, Pixels>();
  bytesReceived = 0;
  terminated = false;

  constructor() {
    super();
    FakeWorker.instances.push(this);
  }

  postMessage(request: RevealRequest): void {
    const copy = structuredClone(request);
    const first = copy.args[0] as Pixels | null;
    if (first) this.bytesReceived += first.data.byteLength;
    setTimeout(() => {
      if (this.terminated) return;
      const { reply } = handleRevealRequest(copy, this.keep);
      this.dispatchEvent(new MessageEvent('message', { data: reply }));
    }, 1);
  }

  terminate(): void {
    this.terminated = true;
  }
}

describe('reveal bridge with a worker', () => {
  const realWorker = globalThis.Worker;
  beforeEach(() => {
    FakeWorker.instances = [];
    globalThis.Worker = FakeWorker as unknown as typeof Worker;
  });
  afterEach(() => {
    globalThis.Worker = realWorker;
  });

  it('sends an image once, then only the settings', async () => {
    const bridge = new RevealBridge();
    const signal = new AbortController().signal;
    await bridge.call(signal, 'renderView', image, { mode: 'threshold' });
    const result = await bridge.call(signal, 'renderView', image, {
      mode: 'threshold',
      invert: true,
    });
    expect([...result.data]).toEqual([255, 255, 255, 255, 0, 0, 0, 255]);
    expect(FakeWorker.instances).toHaveLength(1);
    expect(FakeWorker.instances[0].bytesReceived).toBe(image.data.byteLength);
    bridge.terminate();
  });

  it('resends the image when the worker has dropped it', async () => {
    const bridge = new RevealBridge();
    const signal = new AbortController().signal;
    await bridge.call(signal, 'histogram', image, 'red');
    FakeWorker.instances[0].keep.clear();
    const counts = await bridge.call(signal, 'histogram', image, 'red');
    expect(counts[120]).toBe(1);
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
    const next = await bridge.call(new AbortController().signal, 'histogram', image, 'red');
    expect(next[121]).toBe(1);
    expect(FakeWorker.instances).toHaveLength(2);
    expect(FakeWorker.instances[1].bytesReceived).toBe(image.data.byteLength);
    bridge.terminate();
  });
});
