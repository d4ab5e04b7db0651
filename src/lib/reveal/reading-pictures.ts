/**
 * The pictures "Read text" reads after Auto reveal's mask, in order, when the mask alone did
 * not read confidently (see src/lib/ocr/best-reading.ts). Computed from the image and what
 * Auto found, only when Read text asks for them (in the reveal worker), so Auto itself costs
 * no more. DOM-free.
 */
import type { AutoRevealResult } from './auto-reveal.ts';
import { jpegReadingPictures } from './jpeg-pictures.ts';
import { noiseReadingPictures } from './noise-pictures.ts';
import { renderView } from './render-view.ts';
import { strokeReadingPicture } from './stroke-pictures.ts';
import { defaultRevealSettings, viewOf } from './settings.ts';
import type { Pixels } from './types.ts';
import { readingPictureKinds, type ReadingPictureKind } from './reading-candidates.ts';

/**
 * The candidate pictures after Auto's mask, most promising first: the lesson's rule (red above
 * 120 → black), as the Reveal view draws it with its default settings; then, under noise, a
 * grey picture of Auto's smoothed deviation near the mask's letters (a thin stroke whose
 * smoothed peak fell just under the cut stays a grey stroke); then, for small text in a JPEG,
 * a grey picture of each pixel's text coverage fitted to the file's blocks; last, under noise,
 * the noise smoothed along the strokes, where thin diagonals broken by Auto's square join.
 */
export function readingPictures(
  source: Pixels,
  found: AutoRevealResult,
  signal?: AbortSignal,
): Pixels[] {
  return readingPictureKinds.flatMap((kind) => readingPicture(kind, source, found, signal) ?? []);
}

/**
 * One of {@link readingPictures}, by name, or null when it has nothing to show for this image
 * (no noise smoothed, not small text in a JPEG): "Read text" asks for each only when the
 * pictures before it did not read confidently.
 */
export function readingPicture(
  kind: ReadingPictureKind,
  source: Pixels,
  found: AutoRevealResult,
  signal?: AbortSignal,
): Pixels | null {
  switch (kind) {
    case 'lesson':
      return renderView(source, viewOf(defaultRevealSettings, undefined), signal);
    case 'noise':
      return noiseReadingPictures(source, found, signal)[0] ?? null;
    case 'jpeg':
      return jpegReadingPictures(source, found, signal)[0] ?? null;
    case 'stroke':
      return strokeReadingPicture(source, found, signal);
  }
}
