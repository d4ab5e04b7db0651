/**
 * The reveal worker's message handling and the bridge, in Node: there is no Worker here, so
 * the bridge runs the same handler on the calling thread (its fallback), which still checks
 * the typed calls, the one-at-a-time queue, errors crossing as name + message, and aborts.
 */
import { describe, expect, it } from 'vitest';
import { threshold, type Pixels } from '../../../src/lib/reveal/index.ts';
import { RevealBridge } from '../../../src/workers/reveal-bridge.ts';
import { handleRevealRequest } from '../../../src/workers/reveal-worker.ts';

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
