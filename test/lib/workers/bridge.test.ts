/**
 * The generic worker bridge, in Node with a stand-in Worker: calls queue one after another,
 * an aborted signal stops a call before it starts, an abort terminates the worker, an idle
 * worker is terminated, a dying worker is reported (never retried on this thread), and
 * without any Worker the calls run here.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WORKER_CRASHED, WorkerBridge, isApiMissing } from '../../../src/workers/bridge.ts';
import {
  WORKER_API_MISSING,
  type WorkerReply,
  type WorkerRequest,
} from '../../../src/workers/protocol.ts';

type TestOps = {
  double: (n: number) => number;
  fail: (name: string) => never;
};

/** Runs requests after a delay of `n` ms (for `double`), like a worker on another thread. */
class FakeWorker extends EventTarget {
  static instances: FakeWorker[] = [];
  static crash = false;
  terminated = false;
  received: WorkerRequest[] = [];

  constructor() {
    super();
    FakeWorker.instances.push(this);
  }

  postMessage(request: WorkerRequest): void {
    this.received.push(request);
    const [arg] = request.args as [number | string];
    setTimeout(
      () => {
        if (this.terminated) return;
        if (FakeWorker.crash) {
          this.dispatchEvent(new Event('error'));
          return;
        }
        const data: WorkerReply =
          request.op === 'double'
            ? { ok: true, result: (arg as number) * 2 }
            : { ok: false, error: { name: String(arg), message: 'failed', code: 'x' } };
        this.dispatchEvent(new MessageEvent('message', { data }));
      },
      typeof arg === 'number' ? arg : 1,
    );
  }

  terminate(): void {
    this.terminated = true;
  }
}

const local = vi.fn((request: WorkerRequest) => (request.args[0] as number) * 2);

function bridge(idleMs = 1000) {
  return new WorkerBridge<TestOps>({
    create: () => new FakeWorker() as unknown as Worker,
    idleMs,
    local,
  });
}

const never = () => new AbortController().signal;

describe('WorkerBridge', () => {
  const realWorker = globalThis.Worker;
  beforeEach(() => {
    FakeWorker.instances = [];
    FakeWorker.crash = false;
    local.mockClear();
    globalThis.Worker = FakeWorker as unknown as typeof Worker;
  });
  afterEach(() => {
    globalThis.Worker = realWorker;
    vi.useRealTimers();
  });

  it('runs calls one after another in one worker, a slow first call still first', async () => {
    const b = bridge();
    const order: number[] = [];
    const calls = [30, 1, 5].map((n) => b.call(never(), 'double', n).then((r) => order.push(r)));
    await Promise.all(calls);
    expect(order).toEqual([60, 2, 10]);
    expect(FakeWorker.instances).toHaveLength(1);
    expect(local).not.toHaveBeenCalled();
    b.terminate();
  });

  it('rebuilds the worker error with its name and code, and the next call still runs', async () => {
    const b = bridge();
    await expect(b.call(never(), 'fail', 'ImageError')).rejects.toMatchObject({
      name: 'ImageError',
      message: 'failed',
      code: 'x',
    });
    expect(await b.call(never(), 'double', 2)).toBe(4);
    b.terminate();
  });

  it('never starts a call whose signal is already aborted', async () => {
    const b = bridge();
    const controller = new AbortController();
    controller.abort(new Error('moved on'));
    await expect(b.call(controller.signal, 'double', 1)).rejects.toThrow('moved on');
    expect(FakeWorker.instances).toHaveLength(0);
  });

  it('terminates the worker on abort; the queued call runs in a fresh one', async () => {
    const b = bridge();
    const controller = new AbortController();
    const slow = b.call(controller.signal, 'double', 50);
    const next = b.call(never(), 'double', 3);
    await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort(new Error('new image'));
    await expect(slow).rejects.toThrow('new image');
    expect(FakeWorker.instances[0].terminated).toBe(true);
    expect(await next).toBe(6);
    expect(FakeWorker.instances).toHaveLength(2);
    b.terminate();
  });

  it('terminates an idle worker', async () => {
    vi.useFakeTimers();
    const b = bridge(100);
    const result = b.call(never(), 'double', 1);
    await vi.advanceTimersByTimeAsync(2);
    expect(await result).toBe(2);
    await vi.advanceTimersByTimeAsync(90);
    expect(FakeWorker.instances[0].terminated).toBe(false);
    await vi.advanceTimersByTimeAsync(20);
    expect(FakeWorker.instances[0].terminated).toBe(true);
  });

  it('reports a worker that died, and does not run the call here instead', async () => {
    const b = bridge();
    FakeWorker.crash = true;
    const error = await b.call(never(), 'double', 1).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: WORKER_CRASHED });
    expect(isApiMissing(error)).toBe(false);
    expect(local).not.toHaveBeenCalled();
    expect(FakeWorker.instances[0].terminated).toBe(true);
  });

  it('tells a missing API from every other failure', async () => {
    const b = bridge();
    const missing = await b.call(never(), 'fail', WORKER_API_MISSING).catch((e: unknown) => e);
    expect(isApiMissing(missing)).toBe(true);
    const decode = await b.call(never(), 'fail', 'ImageError').catch((e: unknown) => e);
    expect(isApiMissing(decode)).toBe(false);
    b.terminate();
  });

  it('runs calls here when no worker can start', async () => {
    globalThis.Worker = realWorker; // undefined in Node
    const b = bridge();
    expect(await b.call(never(), 'double', 21)).toBe(42);
    expect(local).toHaveBeenCalledTimes(1);
    const throwing = new WorkerBridge<TestOps>({
      create: () => {
        throw new Error('blob workers forbidden');
      },
      idleMs: 1000,
      local,
    });
    globalThis.Worker = FakeWorker as unknown as typeof Worker;
    expect(await throwing.call(never(), 'double', 4)).toBe(8);
    expect(local).toHaveBeenCalledTimes(2);
  });
});
