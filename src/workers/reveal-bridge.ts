/// <reference types="vite/client" />
/**
 * The one way into the reveal worker: started lazily, one call at a time, an AbortSignal
 * first, terminated on abort (the only way to stop a running pass) or after a while idle
 * (a 12-megapixel pass leaves a lot of memory behind). Where workers are unavailable it runs
 * the same code on the calling thread.
 */
import RevealWorker from './reveal-worker.ts?worker&inline';
import {
  SOURCE_MISSING,
  handleRevealRequest,
  type RevealOps,
  type RevealReply,
  type RevealRequest,
} from './reveal-worker.ts';

/** Milliseconds a worker may sit idle before it is terminated. */
export const IDLE_MS = 10_000;

/** The reveal worker behind a typed, cancellable call. */
export class RevealBridge {
  private worker: Worker | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private idleTimer: ReturnType<typeof setTimeout> | undefined;
  /** An id per image object, so the worker can keep an image between calls. */
  private ids = new WeakMap<object, number>();
  private nextId = 1;
  /** Ids of the images the current worker holds. */
  private held = new Set<number>();

  /**
   * Run `op` in the worker. Calls wait for the one before to finish. Aborting rejects with
   * the signal's reason and terminates the worker, which cancels the work itself.
   * The image is copied, not transferred: the caller keeps its pixels. The worker keeps the
   * copy, so later calls on the same image object skip the copy: treat images handed to the
   * bridge as unchangeable (make a new object for new pixels).
   */
  call<K extends keyof RevealOps>(
    signal: AbortSignal,
    op: K,
    ...args: Parameters<RevealOps[K]>
  ): Promise<ReturnType<RevealOps[K]>> {
    const run = async () => {
      signal.throwIfAborted();
      clearTimeout(this.idleTimer);
      try {
        return (await this.send(signal, op, args)) as ReturnType<RevealOps[K]>;
      } finally {
        this.idleTimer = setTimeout(() => this.terminate(), IDLE_MS);
      }
    };
    const result = this.queue.then(run, run);
    // The queue only orders calls; one call's failure must not fail the next.
    this.queue = result.catch(() => undefined);
    return result;
  }

  /** Stop the worker now; the next call starts a fresh one. */
  terminate(): void {
    clearTimeout(this.idleTimer);
    this.worker?.terminate();
    this.worker = undefined;
    this.held.clear();
  }

  /** Post with the image left out when the worker holds it; resend it if the worker lost it. */
  private async send(signal: AbortSignal, op: keyof RevealOps, args: unknown[]): Promise<unknown> {
    const [first, ...rest] = args;
    if (!first || typeof first !== 'object' || typeof Worker === 'undefined') {
      return this.post(signal, { op, args });
    }
    let id = this.ids.get(first);
    if (id === undefined) {
      id = this.nextId++;
      this.ids.set(first, id);
    }
    if (this.held.has(id)) {
      try {
        return await this.post(signal, { op, args: [null, ...rest], sourceId: id });
      } catch (err) {
        if (!(err instanceof Error) || err.name !== SOURCE_MISSING) throw err;
        this.held.delete(id);
      }
    }
    const sent = id;
    try {
      return await this.post(signal, { op, args, sourceId: sent });
    } finally {
      // The worker stored the image before running the operation, even if that failed.
      if (this.worker) this.held.add(sent);
    }
  }

  private post(signal: AbortSignal, request: RevealRequest): Promise<unknown> {
    const worker = this.start();
    if (!worker) {
      const { reply } = handleRevealRequest(request);
      return Promise.resolve(unwrap(reply));
    }
    return new Promise((resolve, reject) => {
      const cleanUp = () => {
        worker.removeEventListener('message', onMessage);
        worker.removeEventListener('error', onError);
        signal.removeEventListener('abort', onAbort);
      };
      const onMessage = (event: MessageEvent<RevealReply>) => {
        cleanUp();
        try {
          resolve(unwrap(event.data));
        } catch (err) {
          reject(err);
        }
      };
      const onError = (event: ErrorEvent) => {
        cleanUp();
        this.terminate();
        reject(new Error(`The reveal worker failed: ${event.message || 'unknown error'}`));
      };
      const onAbort = () => {
        cleanUp();
        this.terminate();
        reject(signal.reason);
      };
      worker.addEventListener('message', onMessage);
      worker.addEventListener('error', onError);
      signal.addEventListener('abort', onAbort);
      worker.postMessage(request);
    });
  }

  private start(): Worker | undefined {
    if (this.worker) return this.worker;
    if (typeof Worker === 'undefined') return undefined;
    try {
      this.worker = new RevealWorker({ name: 'reveal' });
    } catch {
      // A page that forbids blob workers still works, only on the main thread.
      return undefined;
    }
    return this.worker;
  }
}

/** Turn a reply back into a value or a thrown error with the worker's name and message. */
function unwrap(reply: RevealReply): unknown {
  if (reply.ok) return reply.result;
  const error = new Error(reply.error.message);
  error.name = reply.error.name;
  throw error;
}

/** The shared bridge the views use. */
export const revealBridge = new RevealBridge();
