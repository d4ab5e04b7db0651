/**
 * spawnedBy (src/platform/spawned-workers.ts), in Chromium with real Web Workers: it notes the
 * workers a start-up constructs, so a failed start can end them, and puts `Worker` back as it
 * was before it returns, whether the start-up returned or threw, so no later worker (the reveal
 * worker, the next reader) is noted by a start-up long over.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { spawnedBy } from '../../src/platform/spawned-workers.ts';

/** A worker that answers one message, so a test can tell it runs. */
const source = URL.createObjectURL(
  new Blob(['onmessage = (e) => postMessage(e.data * 2);'], { type: 'text/javascript' }),
);

const started: Worker[] = [];
/** A worker from `source`, ended after the test. */
function start(): Worker {
  const w = new Worker(source);
  started.push(w);
  return w;
}

afterEach(() => {
  for (const w of started.splice(0)) w.terminate();
});

describe('spawnedBy', () => {
  it('notes each worker constructed while the start-up runs, and passes its result on', async () => {
    const { result, workers } = spawnedBy(() => [start(), start()]);
    expect(workers).toHaveLength(2);
    expect(workers).toEqual(result);
    // They are real, working workers.
    const answer = await new Promise((resolve) => {
      workers[0].onmessage = (e) => resolve(e.data);
      workers[0].postMessage(21);
    });
    expect(answer).toBe(42);
  });

  it('lists the blob: URLs its workers started from, for the caller to revoke, and no other', () => {
    const other = 'data:text/javascript,onmessage=()=>{}';
    const { workers, blobUrls } = spawnedBy(() => {
      start();
      const fromData = new Worker(other);
      started.push(fromData);
      start();
    });
    expect(workers).toHaveLength(3);
    expect(blobUrls).toEqual([source, source]);
  });

  it('puts Worker back before it returns, so a later worker is not noted', () => {
    const original = globalThis.Worker;
    const { workers } = spawnedBy(() => start());
    expect(globalThis.Worker).toBe(original);
    start();
    expect(workers).toHaveLength(1);
  });

  it('puts Worker back when the start-up throws', () => {
    const original = globalThis.Worker;
    expect(() =>
      spawnedBy(() => {
        start();
        throw new Error('no core');
      }),
    ).toThrow('no core');
    expect(globalThis.Worker).toBe(original);
  });

  it('notes only the synchronous part of an async start-up', async () => {
    const { result, workers } = spawnedBy(async () => {
      const first = start();
      await Promise.resolve();
      start();
      return first;
    });
    expect(workers).toEqual([await result]);
  });
});
