/**
 * The worker side of bridge.ts: answer each request with the operation's result (awaited) or
 * its error as plain data, moving the result's buffers back without a copy.
 */
import { errorReply, type WorkerReply, type WorkerRequest } from './protocol.ts';

/** The parts of a worker's global scope used here, typed for both the DOM and worker libs. */
interface WorkerScope {
  onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(message: WorkerReply, options: { transfer: Transferable[] }): void;
}

/** A handler: the reply for a request, and the buffers it may hand over. */
export type Handler = (
  request: WorkerRequest,
) => Promise<{ reply: WorkerReply; transfer: Transferable[] }>;

/** Run `handle` for every message, when (and only when) this code runs as a worker. */
export function serve(handle: Handler): void {
  // Importing a worker file in a test or on the page must not touch globals.
  if (!('WorkerGlobalScope' in globalThis)) return;
  const scope = globalThis as unknown as WorkerScope;
  scope.onmessage = (event) => {
    handle(event.data).then(
      ({ reply, transfer }) => scope.postMessage(reply, { transfer }),
      (err: unknown) => scope.postMessage(errorReply(err), { transfer: [] }),
    );
  };
}
