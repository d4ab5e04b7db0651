/**
 * How Reveal opens an image: checked on the page (cheap: sizes and headers), decoded and read
 * back in the reveal worker, which hands the pixels over without a copy. Reading back a
 * 35 MP picture through a canvas held the page for most of a second. Where the browser alters
 * canvas readback (then PNG and BMP are decoded in JavaScript), or the worker cannot decode,
 * the page decodes as before.
 */
import { decodeImageNoted } from '../platform/canvas.ts';
import { canvasReadbackAltered } from '../platform/canvas-noise.ts';
import { readImageFile } from '../platform/image-decoder.ts';
import type { Pixels } from '../lib/reveal/types.ts';
import { revealBridge } from '../workers/reveal-bridge.ts';
import type { Decoded } from '../workers/reveal-worker.ts';
import { WORKER_API_MISSING, WORKER_CRASHED } from '../workers/protocol.ts';

/**
 * Decode `blob` to straight RGBA exactly as stored, with the note {@link decodeImageNoted}
 * gives. Throws `ImageError` with a message for the person, or the signal's reason.
 */
export async function decodeForReveal(
  blob: Blob,
  signal: AbortSignal,
): Promise<{
  pixels: Pixels;
  note: string;
  histograms?: Decoded['histograms'];
  background?: Decoded['background'];
}> {
  if (canvasReadbackAltered()) return decodeImageNoted(blob, signal);
  const file = await readImageFile(blob, signal);
  try {
    const bytes = revealBridge.give({ data: file.bytes });
    const decoded = await revealBridge.call(signal, 'decodeExact', bytes, file.format.kind);
    return { ...decoded, note: '' };
  } catch (err) {
    // The bytes went to the worker: read the file again, here.
    const here = err instanceof Error && [WORKER_API_MISSING, WORKER_CRASHED].includes(err.name);
    if (here) return decodeImageNoted(blob, signal);
    throw err;
  }
}
