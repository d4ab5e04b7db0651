/**
 * The reveal worker: runs the heavy reveal passes (full-resolution views, Auto reveal) off the
 * main thread. Thin on purpose: the algorithms live in src/lib/reveal. Talk to it only through
 * reveal-bridge.ts.
 */
import {
  autoReveal,
  type AutoRevealOptions,
  type AutoRevealResult,
} from '../lib/reveal/auto-reveal.ts';
import { readingPicture } from '../lib/reveal/reading-pictures.ts';
import type { ReadingPictureKind } from '../lib/reveal/reading-candidates.ts';
import { type Pixels } from '../lib/reveal/types.ts';
import { errorReply, type WorkerReply } from './protocol.ts';
import { serve } from './serve.ts';

/**
 * The operations the worker offers, by name; the bridge types its calls from this. Only what
 * the app runs here: Auto reveal, and the pictures "Read text" reads after its mask. The
 * views' passes (threshold, histogram, preview) run on the page, where they are faster than
 * copying a 48 MB image across.
 */
export const revealOps = {
  autoReveal: (pixels: Pixels, options?: Partial<AutoRevealOptions>) => autoReveal(pixels, options),
  // "Read text"'s further candidates, one per call, each made only when it asks for it: here,
  // so the page stays fluid. Null when the picture has nothing to show for this image.
  readingPicture: (pixels: Pixels, found: AutoRevealResult, kind: ReadingPictureKind) =>
    readingPicture(kind, pixels, found),
};

/** The operations' types, for the bridge. */
export type RevealOps = typeof revealOps;

/** A request: which operation, with which arguments. */
export interface RevealRequest {
  op: keyof RevealOps;
  args: unknown[];
  /**
   * The image (first argument) is kept in the worker under this id, so that the next call on
   * the same image sends `null` in its place instead of copying 48 MB again.
   */
  sourceId?: number;
}

/** The name of the error a request gets when its kept image is gone (the bridge resends it). */
export const SOURCE_MISSING = 'RevealSourceMissing';

/** Images kept at most: the one shown, and one being swapped in. */
const KEEP = 2;

/** A reply: the result, or the error's name and message (errors do not survive cloning whole). */
export type RevealReply = WorkerReply;

/**
 * Buffers of the result that can move back without a copy, except the kept images' own
 * (the `original` view returns its input, which must stay here).
 */
function transferables(result: unknown, keep: Map<number, Pixels>): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  const kept = new Set([...keep.values()].map((p) => p.data.buffer));
  const add = (v: unknown) => {
    if (
      ArrayBuffer.isView(v) &&
      v.buffer instanceof ArrayBuffer &&
      !out.includes(v.buffer) &&
      !kept.has(v.buffer)
    ) {
      out.push(v.buffer);
    }
  };
  add(result);
  if (result && typeof result === 'object') {
    const r = result as { data?: unknown; mask?: { data?: unknown } };
    add(r.data);
    add(r.mask?.data);
  }
  return out;
}

/** The first argument, from the request or from the kept images. */
function withSource(request: RevealRequest, keep: Map<number, Pixels>): unknown[] {
  const id = request.sourceId;
  if (id === undefined) return request.args;
  const [first, ...rest] = request.args;
  if (first) {
    keep.delete(id);
    keep.set(id, first as Pixels);
    while (keep.size > KEEP) keep.delete(keep.keys().next().value as number);
    return request.args;
  }
  const kept = keep.get(id);
  if (!kept) {
    const error = new Error('The worker no longer holds this image.');
    error.name = SOURCE_MISSING;
    throw error;
  }
  return [kept, ...rest];
}

const keptImages = new Map<number, Pixels>();

/**
 * Run one request; exported so Node tests can drive the worker's logic without a worker.
 * `keep` holds images between requests (the worker's own map by default).
 */
export function handleRevealRequest(
  request: RevealRequest,
  keep: Map<number, Pixels> = keptImages,
): {
  reply: RevealReply;
  transfer: ArrayBuffer[];
} {
  try {
    const op = revealOps[request.op] as (...args: unknown[]) => unknown;
    if (typeof op !== 'function') throw new TypeError(`Unknown reveal operation "${request.op}"`);
    const result = op(...withSource(request, keep));
    return { reply: { ok: true, result }, transfer: transferables(result, keep) };
  } catch (err) {
    return { reply: errorReply(err), transfer: [] };
  }
}

serve((request) => Promise.resolve(handleRevealRequest(request as RevealRequest)));
