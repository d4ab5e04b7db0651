/// <reference types="vite/client" />
/**
 * The one way into the reveal worker: the generic bridge (queue, AbortSignal first, terminated
 * on abort or when idle), plus one thing of its own: the worker keeps the image between calls,
 * so a second Auto reveal of the same image does not copy its 48 MB again, and Auto's result
 * for it, so Read text's pictures do not copy its 48 MB mask each time. Where no worker can
 * start, the same handler runs on the calling thread.
 */
import { spawnedBy } from '../platform/spawned-workers.ts';
import { WorkerBridge } from './bridge.ts';
import type { WorkerRequest } from './protocol.ts';
import RevealWorker from './reveal-worker.ts?worker&inline';
import {
  SOURCE_MISSING,
  foundOps,
  handleRevealRequest,
  passingOps,
  type RevealOps,
  type Decoded,
  type RevealRequest,
} from './reveal-worker.ts';

/** Milliseconds a worker may sit idle before it is terminated. */
export const IDLE_MS = 10_000;

/** The reveal worker behind a typed, cancellable call. */
export class RevealBridge extends WorkerBridge<RevealOps> {
  /** An id per image object, so the worker can keep an image between calls. */
  private ids = new WeakMap<object, number>();
  private nextId = 1;
  /** Ids of the images the current worker holds. */
  private held = new Set<number>();
  /**
   * The Auto reveal result the current worker keeps for each held image, as the object the
   * page has: Read text's pictures leave it out only when they pass this very object.
   */
  private results = new Map<number, unknown>();
  /** Pictures the page gives away (see {@link give}): moved to the worker, not copied. */
  private given = new WeakSet<object>();

  constructor() {
    super({
      create: () => {
        // Vite's inline worker revokes its blob: URL from inside the worker, out of the page's
        // sight; each start makes one, a copy of the whole script. Revoke it here, where it was
        // made: the worker has resolved it once constructed.
        const { result, blobUrls } = spawnedBy(() => new RevealWorker({ name: 'reveal' }));
        for (const url of blobUrls) URL.revokeObjectURL(url);
        return result;
      },
      idleMs: IDLE_MS,
      local: (request) => unwrapLocal(handleRevealRequest(request as unknown as RevealRequest)),
    });
  }

  protected override onTerminate(): void {
    this.held.clear();
    this.results.clear();
  }

  /**
   * Let the next call that passes `pixels` to an operation of `passingOps` move its buffer to
   * the worker instead of copying it (a 140 MB copy holds the page up too): for pictures the
   * page has no further use for. Their data is empty here afterwards.
   */
  give<T extends { data: ArrayBufferView }>(pixels: T): T {
    this.given.add(pixels);
    return pixels;
  }

  /**
   * Post with the image left out when the worker holds it; resend it if the worker lost it.
   * The image is copied, not transferred: the caller keeps its pixels. Treat images handed to
   * the bridge as unchangeable (make a new object for new pixels).
   */
  protected override async send(
    signal: AbortSignal,
    op: string,
    args: unknown[],
  ): Promise<unknown> {
    const [first, ...rest] = args;
    if (op === 'decodeExact' && typeof Worker !== 'undefined') return this.decodeKept(signal, args);
    if (passingOps.has(op)) return this.post(signal, { op, args }, this.moving(args));
    if (!first || typeof first !== 'object' || typeof Worker === 'undefined') {
      return this.post(signal, { op, args });
    }
    let id = this.ids.get(first);
    if (id === undefined) {
      id = this.nextId++;
      this.ids.set(first, id);
    }
    if (this.held.has(id)) {
      // Read text's pictures: Auto's result too, when the worker keeps this very one.
      const lean =
        foundOps.has(op) && rest[0] && this.results.get(id) === rest[0]
          ? [null, ...rest.slice(1)]
          : rest;
      try {
        return this.kept(
          id,
          op,
          args,
          await this.post(signal, { op, args: [null, ...lean], sourceId: id }),
        );
      } catch (err) {
        if (!(err instanceof Error) || err.name !== SOURCE_MISSING) throw err;
        this.held.delete(id);
        this.results.delete(id);
      }
    }
    const request: WorkerRequest = { op, args, sourceId: id };
    // The worker stores the image first (even if the operation then fails), and drops what
    // it kept for it before: new pixels under the id.
    this.results.delete(id);
    try {
      return this.kept(id, op, args, await this.post(signal, request));
    } finally {
      if (this.worker) this.held.add(id);
    }
  }

  /**
   * Decode in the worker, which keeps a copy of the pixels under a new id: the page's own
   * pixels are then known as held, so the views of a big image render there without sending
   * it back (see reveal-worker's keepDecoded).
   */
  private async decodeKept(signal: AbortSignal, args: unknown[]): Promise<unknown> {
    const keepAs = this.nextId++;
    const request: WorkerRequest = { op: 'decodeExact', args, keepAs };
    const result = await this.post(signal, request, this.moving(args));
    const pixels = (result as Partial<Decoded> | null)?.pixels;
    if (this.worker && pixels) {
      this.ids.set(pixels, keepAs);
      this.held.add(keepAs);
    }
    return result;
  }

  /** Whether the worker holds `image` now, so a call on it sends none of its pixels. */
  keepsImage(image: object): boolean {
    const id = this.ids.get(image);
    return this.worker !== undefined && id !== undefined && this.held.has(id);
  }

  /** The buffers of the given pictures among `args`. */
  private moving(args: unknown[]): Transferable[] {
    const out: Transferable[] = [];
    for (const arg of args) {
      if (!arg || typeof arg !== 'object' || !this.given.has(arg)) continue;
      const { buffer } = (arg as { data: ArrayBufferView }).data;
      if (buffer instanceof ArrayBuffer && !out.includes(buffer)) out.push(buffer);
    }
    return out;
  }

  /** Note the Auto result the worker now keeps for image `id`, and pass `result` on. */
  private kept(id: number, op: string, args: unknown[], result: unknown): unknown {
    if (!this.worker) return result;
    if (op === 'autoReveal') this.results.set(id, result);
    else if (foundOps.has(op) && args[1]) this.results.set(id, args[1]);
    return result;
  }
}

/** A handler's reply, run on this thread, as a value or a thrown error. */
function unwrapLocal({ reply }: ReturnType<typeof handleRevealRequest>): unknown {
  if (reply.ok) return reply.result;
  const error = new Error(reply.error.message);
  error.name = reply.error.name;
  throw error;
}

/** The shared bridge the views use. */
export const revealBridge = new RevealBridge();
