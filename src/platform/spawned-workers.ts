/**
 * Run a function while noting every Web Worker it constructs, so that a library which starts a
 * worker but hands it over only once its whole start-up succeeds (tesseract.js's createWorker)
 * can still have that worker ended when the start-up fails part-way.
 */

/** What `start` returned, and the workers it constructed while it ran (synchronously). */
export interface Spawned<T> {
  result: T;
  workers: Worker[];
  /** The blob: URLs those workers were started from, for the caller to revoke once started. */
  blobUrls: string[];
}

/**
 * Call `start`, noting each `new Worker(…)` made during the call. Only the synchronous part of
 * `start` is covered (an async function's body up to its first `await`), and `Worker` is
 * itself again before this returns, so no other code ever sees the stand-in.
 */
export function spawnedBy<T>(start: () => T): Spawned<T> {
  const workers: Worker[] = [];
  const blobUrls: string[] = [];
  const Original = globalThis.Worker;
  globalThis.Worker = class extends Original {
    constructor(...args: ConstructorParameters<typeof Worker>) {
      super(...args);
      workers.push(this);
      const url = String(args[0]);
      if (url.startsWith('blob:')) blobUrls.push(url);
    }
  };
  try {
    return { result: start(), workers, blobUrls };
  } finally {
    globalThis.Worker = Original;
  }
}
