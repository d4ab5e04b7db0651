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
import { type Channel, type Pixels, type Rgba } from '../lib/reveal/types.ts';
import { rgbaHistograms } from '../lib/reveal/histogram.ts';
import { mostCommonColour } from '../lib/reveal/background.ts';
import { prepareToRead, secondLookToRead, type Prepared } from '../lib/ocr/reading-order.ts';
import { renderView, type RevealView } from '../lib/reveal/render-view.ts';
import { encodePng } from '../platform/png-encode.ts';
import { decodeThroughCanvas } from '../platform/exact-decode.ts';
import type { ImageKind } from '../lib/image/formats.ts';
import { WORKER_API_MISSING, errorReply, type WorkerReply } from './protocol.ts';
import { serve } from './serve.ts';

/**
 * The operations the worker offers, by name; the bridge types its calls from this: Auto
 * reveal, the pictures "Read text" reads after its mask, decoding, PNG encoding, and the
 * full-size view of a big image, rendered from the copy kept when it was decoded. The
 * previews, and the views of small images, are rendered on the page, where they take a few ms.
 */
export const revealOps = {
  autoReveal: (pixels: Pixels, options?: Partial<AutoRevealOptions>) => autoReveal(pixels, options),
  // "Read text"'s further candidates, one per call, each made only when it asks for it: here,
  // so the page stays fluid. Null when the picture has nothing to show for this image. On the
  // wire `found` is null when the worker keeps Auto's result for the image (see withFound).
  readingPicture: (pixels: Pixels, found: AutoRevealResult, kind: ReadingPictureKind) =>
    readingPicture(kind, pixels, found),
  // Read text's preparation of each candidate (shrinking a 35 MP picture to the reader's size
  // alone took the page 1–2 s), handed back as the PNG the reader reads: `second` for the
  // first candidate's second look instead (null when it has none). A picture made for the
  // read alone is moved here; the view shown and Auto's mask are made again from the image
  // the worker holds (the same functions give the same pixels), so 140 MB need not cross.
  prepareToRead: (pixels: Pixels, second = false) => toRead(pixels, second),
  prepareViewToRead: (pixels: Pixels, view: RevealView, second: boolean) =>
    toRead(renderView(pixels, view), second),
  // On the wire `found` is null when the worker keeps Auto's result for the image.
  prepareFoundToRead: (_pixels: Pixels, found: AutoRevealResult, second: boolean) =>
    toRead(found.mask, second),
  // Download PNG and Ask's picture: encoding 35 MP held the page for a second.
  encodePng: (pixels: Pixels) => encodePng(pixels),
  // The same, of the view shown or Auto's mask, made again from the image held here.
  encodeViewPng: (pixels: Pixels, view: RevealView) => encodePng(renderView(pixels, view)),
  encodeFoundPng: (_pixels: Pixels, found: AutoRevealResult) => encodePng(found.mask),
  // Opening an image: the canvas readback of a 35 MP picture held the page for most of a
  // second. `file.data` is the checked file's bytes, moved here; the pixels move back.
  // With the image's red, green, blue and alpha histograms, counted here too (a pass over
  // 35 MP took the page ~65 ms more), and its background colour. When the request says
  // `keepAs`, the worker keeps a copy of the pixels under that id (see keepDecoded).
  decodeExact: (file: { data: Uint8Array<ArrayBuffer> }, kind: ImageKind) =>
    decodeHere(file.data, kind),
  // The full-size view of a big image while its settings change: rendering and readying it
  // to paint (premultiplying, copying) held the page 200–330 ms per slider move at 35 MP.
  // From the image kept here; see viewPicture. `scale`: device pixels per image pixel where the
  // page shows it (below 1, the bitmap is made at that size: see viewPicture).
  renderViewPicture: (pixels: Pixels, view: RevealView, scale = 1) =>
    viewPicture(pixels, view, scale),
};

/**
 * A view rendered for the page to show: its pixels at full size (null for the `original` view,
 * which is the image the page already has) and an ImageBitmap of them the page draws without
 * converting them again (null where this scope cannot make one), at the size the page shows
 * them when that is smaller.
 */
export interface ViewPicture {
  pixels: Pixels | null;
  bitmap: ImageBitmap | null;
}

/**
 * {@link ViewPicture} of `view` on `source`; its bitmap shrunk to `scale` (device pixels per
 * image pixel on the page's screen) when that is below 1: at 35 MP, the page's share of
 * drawing a full-size bitmap (receiving it, drawing it, handing the canvas to the compositor)
 * held it 160–350 ms per slider move, for a picture the screen shows at a tenth of its size.
 */
async function viewPicture(source: Pixels, view: RevealView, scale = 1): Promise<ViewPicture> {
  const rendered = renderView(source, view);
  const { width, height } = rendered;
  const shrink =
    scale < 1
      ? {
          resizeWidth: Math.max(1, Math.round(width * scale)),
          resizeHeight: Math.max(1, Math.round(height * scale)),
          // Averaged: a one-pixel stroke shows as a fainter line, not dropped as every other
          // pixel would be.
          resizeQuality: 'medium' as const,
        }
      : {};
  const bitmap =
    typeof createImageBitmap === 'function' && typeof ImageData === 'function'
      ? await createImageBitmap(
          new ImageData(rendered.data as Uint8ClampedArray<ArrayBuffer>, width, height),
          // The exact values: no colour management.
          { colorSpaceConversion: 'none', ...shrink },
        )
      : null;
  return { pixels: rendered === source ? null : rendered, bitmap };
}

/** What the page gets of a decoded image: its pixels and the histograms of its plain channels. */
export interface Decoded {
  pixels: Pixels;
  histograms: Partial<Record<Channel, Uint32Array>>;
  /** Its most common colour (the background the views measure against). */
  background: Rgba;
}

/** {@link decodeThroughCanvas}, or an error the page answers by decoding itself. */
async function decodeHere(bytes: Uint8Array<ArrayBuffer>, kind: ImageKind): Promise<Decoded> {
  if (typeof OffscreenCanvas !== 'function' || typeof createImageBitmap !== 'function') {
    const error = new Error('This browser gives workers no OffscreenCanvas or createImageBitmap.');
    error.name = WORKER_API_MISSING;
    throw error;
  }
  const pixels = await decodeThroughCanvas(bytes, kind);
  return { pixels, histograms: rgbaHistograms(pixels), background: mostCommonColour(pixels) };
}

/**
 * Operations whose image is not kept between calls (the bridge sends it plainly, and may move
 * it): they work on a picture made from the image, not on the image itself.
 */
export const passingOps: ReadonlySet<string> = new Set<keyof RevealOps>([
  'prepareToRead',
  'encodePng',
  'decodeExact',
]);

/**
 * `pixels` prepared for the reader, with its kind, as a PNG; or, `second`, its second look
 * (null when it has none).
 */
async function toRead(pixels: Pixels, second: boolean): Promise<Prepared<Blob> | null> {
  if (second) {
    const look = secondLookToRead(pixels);
    return look ? { kind: 'letters', picture: await encodePng(look) } : null;
  }
  const { picture, kind } = prepareToRead(pixels);
  return { kind, picture: await encodePng(picture) };
}

/** Operations that take Auto's result after the image, which the worker keeps (see withFound). */
export const foundOps: ReadonlySet<string> = new Set<keyof RevealOps>([
  'readingPicture',
  'prepareFoundToRead',
  'encodeFoundPng',
]);

/** The operations' types, for the bridge. */
export type RevealOps = typeof revealOps;

/** A request: which operation, with which arguments. */
export interface RevealRequest {
  op: keyof RevealOps;
  args: unknown[];
  /**
   * The image (first argument) is kept in the worker under this id, so that the next call on
   * the same image sends `null` in its place instead of copying 48 MB again. Auto's result for
   * that image is kept under the same id (its mask is another 48 MB at 12 MP), so Read text's
   * pictures send `null` for it too.
   */
  sourceId?: number;
  /**
   * For `decodeExact`: keep a copy of the decoded pixels under this id (the page's pixels move
   * back to it), so the views of a big image can be rendered here without sending it back.
   */
  keepAs?: number;
}

/** The name of the error a request gets when its kept image is gone (the bridge resends it). */
export const SOURCE_MISSING = 'RevealSourceMissing';

/** Auto reveal's latest result per kept image id: dropped with the image. */
export type KeptResults = Map<number, AutoRevealResult>;

/** Images kept at most: the one shown, and one being swapped in. */
const KEEP = 2;

/** A reply: the result, or the error's name and message (errors do not survive cloning whole). */
export type RevealReply = WorkerReply;

/**
 * Buffers of the result that can move back without a copy, except the kept images' own
 * (the `original` view returns its input, which must stay here).
 */
function transferables(result: unknown, keep: Map<number, Pixels>): Transferable[] {
  const out: Transferable[] = [];
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
    const r = result as Partial<Record<'mask' | 'pixels', { data?: unknown }>> & {
      data?: unknown;
      histograms?: Record<string, unknown>;
    };
    add(r.data);
    add(r.mask?.data);
    add(r.pixels?.data);
    for (const counts of Object.values(r.histograms ?? {})) add(counts);
    const { bitmap } = result as { bitmap?: unknown };
    if (typeof ImageBitmap === 'function' && bitmap instanceof ImageBitmap) out.push(bitmap);
  }
  return out;
}

/** The first argument, from the request or from the kept images. */
function withSource(
  request: RevealRequest,
  keep: Map<number, Pixels>,
  results: KeptResults,
): unknown[] {
  const id = request.sourceId;
  if (id === undefined) return request.args;
  const [first, ...rest] = request.args;
  if (first) {
    keepImage(id, first as Pixels, keep, results);
    return request.args;
  }
  const kept = keep.get(id);
  if (!kept) throw missing('The worker no longer holds this image.');
  return [kept, ...rest];
}

/** Keep `pixels` under `id`, in place of what was kept under it, within {@link KEEP}. */
function keepImage(id: number, pixels: Pixels, keep: Map<number, Pixels>, results: KeptResults) {
  keep.delete(id);
  // New pixels under this id: whatever Auto found before was for other pixels.
  results.delete(id);
  keep.set(id, pixels);
  while (keep.size > KEEP) {
    const oldest = keep.keys().next().value as number;
    keep.delete(oldest);
    results.delete(oldest);
  }
}

/**
 * Keep a copy of a decoded image under the request's `keepAs` id: the page's pixels move back
 * to it, and the copy (made here, off the page) lets the page's later calls on that image
 * send none of it (a copy of 140 MB across held the page too).
 */
function keepDecoded(
  request: RevealRequest,
  result: unknown,
  keep: Map<number, Pixels>,
  results: KeptResults,
): void {
  if (request.op !== 'decodeExact' || request.keepAs === undefined) return;
  const { pixels } = result as Decoded;
  keepImage(request.keepAs, { ...pixels, data: pixels.data.slice() }, keep, results);
}

/**
 * Read text's picture arguments with Auto's result filled in from what the worker keeps for
 * this image (when the page sent null), or kept for the next picture (when it sent one).
 */
function withFound(request: RevealRequest, args: unknown[], results: KeptResults): unknown[] {
  const id = request.sourceId;
  if (!foundOps.has(request.op) || id === undefined) return args;
  const [source, found, ...rest] = args;
  if (found) {
    results.set(id, found as AutoRevealResult);
    return args;
  }
  const kept = results.get(id);
  if (!kept) throw missing("The worker no longer holds Auto reveal's result for this image.");
  return [source, kept, ...rest];
}

/** The error that makes the bridge send what the worker no longer has. */
function missing(message: string): Error {
  const error = new Error(message);
  error.name = SOURCE_MISSING;
  return error;
}

/**
 * Keep Auto's result for the image it was run on, and hand back a copy of its mask to move to
 * the page: one copy here, off the page, instead of one per picture Read text asks for.
 */
function keepResult(request: RevealRequest, result: unknown, results: KeptResults): unknown {
  const id = request.sourceId;
  if (request.op !== 'autoReveal' || id === undefined) return result;
  const found = result as AutoRevealResult;
  results.set(id, found);
  return { ...found, mask: { ...found.mask, data: found.mask.data.slice() } };
}

const keptImages = new Map<number, Pixels>();
const keptResults: KeptResults = new Map();

/**
 * Run one request; exported so Node tests can drive the worker's logic without a worker.
 * `keep` holds images between requests, `results` Auto's result for each (the worker's own
 * maps by default).
 */
export function handleRevealRequest(
  request: RevealRequest,
  keep: Map<number, Pixels> = keptImages,
  results: KeptResults = keptResults,
): {
  reply: RevealReply;
  transfer: Transferable[];
} {
  try {
    const op = revealOps[request.op] as (...args: unknown[]) => unknown;
    if (typeof op !== 'function') throw new TypeError(`Unknown reveal operation "${request.op}"`);
    const args = withFound(request, withSource(request, keep, results), results);
    const result = keepResult(request, op(...args), results);
    return { reply: { ok: true, result }, transfer: transferables(result, keep) };
  } catch (err) {
    return { reply: errorReply(err), transfer: [] };
  }
}

/**
 * {@link handleRevealRequest}, waiting for an operation that answers later (PNG encoding) so
 * that its result, not a promise of it, is posted.
 */
export async function answerRevealRequest(
  request: RevealRequest,
  keep: Map<number, Pixels> = keptImages,
  results: KeptResults = keptResults,
): Promise<{ reply: RevealReply; transfer: Transferable[] }> {
  const answer = handleRevealRequest(request, keep, results);
  const { reply } = answer;
  if (!reply.ok || !(reply.result instanceof Promise)) return answer;
  try {
    const result: unknown = await reply.result;
    // Here, not in handleRevealRequest: the page runs that itself when no worker starts, and
    // must not keep a second copy of the image.
    keepDecoded(request, result, keep, results);
    return { reply: { ok: true, result }, transfer: transferables(result, keep) };
  } catch (err) {
    return { reply: errorReply(err), transfer: [] };
  }
}

serve((request) => answerRevealRequest(request as RevealRequest));
