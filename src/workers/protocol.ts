/**
 * The messages between a bridge (bridge.ts) and a worker (serve.ts): a request names an
 * operation, a reply carries its result or its error as plain data (errors do not survive
 * structured cloning whole).
 */

/** One call: which operation, with which arguments. */
export interface WorkerRequest {
  op: string;
  args: unknown[];
  /** Extra fields a particular bridge adds (the reveal bridge's kept-image id). */
  [extra: string]: unknown;
}

/** A reply: the result, or the error's name, message and optional code. */
export type WorkerReply =
  | { ok: true; result: unknown }
  | { ok: false; error: { name: string; message: string; code?: string } };

/**
 * The name of the error a worker answers with when it lacks an API the work needs
 * (`OffscreenCanvas`, `createImageBitmap`): the one case where the caller may redo the work
 * on the page's own thread.
 */
export const WORKER_API_MISSING = 'WorkerApiMissing';

/** The name of the error for a worker that died (out of memory, a crash). */
export const WORKER_CRASHED = 'WorkerCrashed';

/** An error as plain data for a reply. */
export function errorReply(err: unknown): WorkerReply {
  const e = err instanceof Error ? err : new Error(String(err));
  const code = (e as Error & { code?: unknown }).code;
  return {
    ok: false,
    error: { name: e.name, message: e.message, ...(typeof code === 'string' ? { code } : {}) },
  };
}
