/**
 * One small generic bridge to a worker, modelled on squoosh's worker-bridge: calls wait in a
 * queue, each takes an AbortSignal first, an abort terminates the worker (the only way to stop
 * work in progress) and so does a while idle (a big image leaves a lot of memory behind). The
 * next call starts a fresh worker. Where no worker can start at all (no `Worker`, or a page
 * that forbids blob workers), calls run `local` on this thread instead.
 *
 * The worker side is `serve()` in serve.ts. Errors cross as name, message and code.
 */
import {
  WORKER_API_MISSING,
  WORKER_CRASHED,
  type WorkerReply,
  type WorkerRequest,
} from './protocol.ts';

export { WORKER_API_MISSING, WORKER_CRASHED } from './protocol.ts';

/** Operations by name: what a worker offers. */
export type Ops = Record<string, (...args: never[]) => unknown>;

/** How a bridge starts its worker and what it does without one. */
export interface BridgeOptions {
  /** Start the worker (a Vite `?worker&inline` constructor). */
  create: () => Worker;
  /** Milliseconds a worker may sit idle before it is terminated. */
  idleMs: number;
  /** Run a request here when no worker can start. */
  local: (request: WorkerRequest) => unknown;
}

/** An error from the worker, rebuilt with its name, message and code. */
export class WorkerError extends Error {
  constructor(
    override readonly name: string,
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

/** A typed, queued, cancellable way into one kind of worker. */
export class WorkerBridge<O extends Ops> {
  protected worker: Worker | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private idleTimer: ReturnType<typeof setTimeout> | undefined;
  /** Calls running now: the idle time only starts once none is. */
  private running = 0;
  /** Jobs that will call again soon (see {@link holdUntil}): the worker stays while any lasts. */
  private holds = new Set<AbortSignal>();

  constructor(protected readonly options: BridgeOptions) {}

  /**
   * Run `op` in the worker after the calls before it. Aborting rejects with the signal's
   * reason and terminates the worker. A worker that dies (out of memory, a crash) rejects
   * with a `WorkerError` named {@link WORKER_CRASHED}; it is never silently retried here.
   */
  call<K extends keyof O & string>(
    signal: AbortSignal,
    op: K,
    ...args: Parameters<O[K]>
  ): Promise<Awaited<ReturnType<O[K]>>> {
    type Result = Awaited<ReturnType<O[K]>>;
    const run = async (): Promise<Result> => {
      signal.throwIfAborted();
      clearTimeout(this.idleTimer);
      this.running++;
      try {
        return (await this.send(signal, op, args)) as Result;
      } finally {
        this.running--;
        this.idleLater();
      }
    };
    const result: Promise<Result> = this.queue.then(run, run);
    // The queue only orders calls; one call's failure must not fail the next.
    this.queue = result.catch(() => undefined);
    return result;
  }

  /**
   * Keep the worker (and what it holds) past its idle time until `signal` aborts: for a job
   * that calls, then works elsewhere for a while, then calls again (Read text reads one picture
   * with the OCR, then asks for the next), so the next call does not start a fresh worker and
   * send it everything again. The idle time starts again once the last such job ends; a
   * terminate (an abort, a crash) lets go of every hold.
   */
  holdUntil(signal: AbortSignal): void {
    if (signal.aborted || this.holds.has(signal)) return;
    this.holds.add(signal);
    signal.addEventListener(
      'abort',
      () => {
        this.holds.delete(signal);
        this.idleLater();
      },
      { once: true },
    );
  }

  /** Start the idle time, unless a call is running or a job holds the worker. */
  private idleLater(): void {
    clearTimeout(this.idleTimer);
    if (this.running > 0 || this.holds.size > 0) return;
    this.idleTimer = setTimeout(() => this.terminate(), this.options.idleMs);
  }

  /** Stop the worker now; the next call starts a fresh one. */
  terminate(): void {
    clearTimeout(this.idleTimer);
    this.worker?.terminate();
    this.worker = undefined;
    // A job that still holds calls again and holds the fresh worker then.
    this.holds.clear();
    this.onTerminate();
  }

  /** Send one call; subclasses may shape the request (e.g. leave out data the worker holds). */
  protected send(signal: AbortSignal, op: string, args: unknown[]): Promise<unknown> {
    return this.post(signal, { op, args });
  }

  /** Called when the worker is gone, so subclasses can forget what it held. */
  protected onTerminate(): void {}

  /** Post one request and wait for its reply, the abort, or the worker's death. */
  protected post(
    signal: AbortSignal,
    request: WorkerRequest,
    transfer: Transferable[] = [],
  ): Promise<unknown> {
    const worker = this.start();
    if (!worker) return Promise.resolve().then(() => this.options.local(request));
    return new Promise((resolve, reject) => {
      const cleanUp = () => {
        worker.removeEventListener('message', onMessage);
        worker.removeEventListener('error', onError);
        signal.removeEventListener('abort', onAbort);
      };
      const onMessage = (event: MessageEvent<WorkerReply>) => {
        cleanUp();
        const reply = event.data;
        if (reply.ok) resolve(reply.result);
        else reject(new WorkerError(reply.error.name, reply.error.message, reply.error.code));
      };
      const onError = (event: ErrorEvent) => {
        cleanUp();
        this.terminate();
        reject(new WorkerError(WORKER_CRASHED, event.message || 'The worker stopped.'));
      };
      const onAbort = () => {
        cleanUp();
        this.terminate();
        reject(signal.reason);
      };
      worker.addEventListener('message', onMessage);
      worker.addEventListener('error', onError);
      signal.addEventListener('abort', onAbort);
      worker.postMessage(request, transfer);
    });
  }

  private start(): Worker | undefined {
    if (this.worker) return this.worker;
    if (typeof Worker === 'undefined') return undefined;
    try {
      this.worker = this.options.create();
    } catch {
      // A page that forbids blob workers still works, only on this thread.
      return undefined;
    }
    return this.worker;
  }
}

/** Whether an error says the worker lacks an API the work needs (and only that). */
export function isApiMissing(error: unknown): boolean {
  return error instanceof Error && error.name === WORKER_API_MISSING;
}
