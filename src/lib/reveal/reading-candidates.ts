/**
 * The pictures "Read text" reads, in order and one at a time as the reader asks for them: the
 * picture on screen, Auto reveal's mask when that is not what is shown, then the further
 * pictures of src/lib/reveal/reading-pictures.ts, each made (in the reveal worker) only once
 * the reader wants it. The reader stops at a confident reading, so on the lesson's image none
 * of the further pictures is ever made. DOM-free: the Reveal view supplies where the pictures
 * come from.
 */
import { samePixels } from './same-pixels.ts';
import type { Pixels } from './types.ts';

/**
 * The further pictures, by name, in the order they are read (most promising first): the
 * lesson's rule, the grey picture under noise, the JPEG coverage picture, and last the noise
 * smoothed along the strokes. Here rather than in reading-pictures.ts, which makes them, so
 * the page does not load that code for the names.
 */
export const readingPictureKinds = ['lesson', 'noise', 'jpeg', 'stroke'] as const;

/** One of the further pictures, by name. */
export type ReadingPictureKind = (typeof readingPictureKinds)[number];

/** Where the candidates come from (the Reveal view's render controller). */
export interface CandidateSource {
  /** The picture on screen, at full resolution. */
  shown(): Promise<Pixels | undefined>;
  /** Whether the picture on screen is Auto reveal's mask. */
  readonly showingAuto: boolean;
  /** Auto reveal's mask of the image (found now if need be). */
  autoMask(signal: AbortSignal): Promise<Pixels | undefined>;
  /** One further picture, or undefined when it has nothing to show for this image. */
  picture(kind: ReadingPictureKind, signal: AbortSignal): Promise<Pixels | undefined>;
  /** Whether the image is still the one the read began on. */
  current(): boolean;
}

/** The candidates, and at most how many more they can give (for "picture 2 of 4"). */
export interface Candidates extends AsyncIterable<Pixels> {
  /** Candidates not yet begun: an upper bound on the pictures still to come. */
  left(): number;
}

/**
 * Read text's candidates from `from`, each begun only when the one before has been taken, and
 * none after `signal` aborts or the image changes. A further picture that is the picture on
 * screen is left out; a candidate that fails to be made is skipped.
 */
export function readingCandidates(from: CandidateSource, signal: AbortSignal): Candidates {
  const withMask = !from.showingAuto;
  const slots = 1 + (withMask ? 1 : 0) + readingPictureKinds.length;
  let begun = 0;
  const over = () => signal.aborted || !from.current();
  async function* pictures(): AsyncGenerator<Pixels> {
    try {
      begun++;
      const shown = await from.shown();
      if (!shown || over()) return;
      yield shown;
      if (withMask) {
        if (over()) return;
        begun++;
        const mask = await from.autoMask(signal).catch(() => undefined);
        if (over()) return;
        if (mask) yield mask;
      }
      for (const kind of readingPictureKinds) {
        if (over()) return;
        begun++;
        const picture = await from.picture(kind, signal).catch(() => undefined);
        if (over()) return;
        if (picture && !samePixels(picture, shown)) yield picture;
      }
    } finally {
      begun = slots;
    }
  }
  return { [Symbol.asyncIterator]: pictures, left: () => slots - begun };
}
