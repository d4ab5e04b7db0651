/**
 * Full-size views of a big image, rendered in the reveal worker from the copy it kept when it
 * decoded the image, and handed back ready to paint (an ImageBitmap): at 35 MP, rendering one
 * on the page and converting it for the canvas held the page 200–330 ms per slider move.
 * Only the latest setting counts: one render at a time, and one made stale (its signal
 * aborted) while it waited is never started, or is dropped when it comes back.
 */
import type { RevealView } from '../lib/reveal/render-view.ts';
import type { Pixels } from '../lib/reveal/types.ts';
import { paintWith } from '../platform/canvas.ts';
import { revealBridge } from '../workers/reveal-bridge.ts';
import type { ViewPicture } from '../workers/reveal-worker.ts';

/** The render under way: the next one waits for it, so the worker's queue never grows. */
let underWay: Promise<unknown> = Promise.resolve();

/**
 * `view` of `source` (which the worker holds) at full size, ready to paint at `scale` (device
 * pixels per image pixel on screen: below 1, the bitmap painted is that much smaller, while the
 * pixels stay full size for Download PNG and Read text); rejects with the signal's reason once
 * the signal aborts. Where the worker fails (out of memory), `here` renders it on the page
 * instead.
 */
export function renderInWorker(
  source: Pixels,
  view: RevealView,
  signal: AbortSignal,
  here: () => Pixels,
  scale = 1,
): Promise<Pixels> {
  const run = async (): Promise<Pixels> => {
    signal.throwIfAborted();
    let picture: ViewPicture;
    try {
      // Never aborted: an abort ends the worker, and the image it holds with it. A render the
      // slider made stale meanwhile is dropped below instead.
      const always = new AbortController().signal;
      picture = await revealBridge.call(always, 'renderViewPicture', source, view, scale);
    } catch {
      signal.throwIfAborted();
      return here();
    }
    const { pixels, bitmap } = picture;
    if (signal.aborted) bitmap?.close();
    signal.throwIfAborted();
    // The `original` view is the image itself, which the page has: a new object for it, so
    // the bitmap is drawn for this picture only.
    const shown = pixels ?? { ...source };
    if (bitmap) paintWith(shown, bitmap);
    return shown;
  };
  const result = underWay.then(run, run);
  underWay = result.catch(() => undefined);
  return result;
}
