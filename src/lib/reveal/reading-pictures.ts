/**
 * The pictures "Read text" reads after Auto reveal's mask, in order, when the mask alone did
 * not read confidently (see src/lib/ocr/best-reading.ts). Computed from the image and what
 * Auto found, only when Read text asks for them (in the reveal worker), so Auto itself costs
 * no more. DOM-free.
 */
import type { AutoRevealResult } from './auto-reveal.ts';
import { renderView } from './render-view.ts';
import { defaultRevealSettings, viewOf } from './settings.ts';
import type { Pixels } from './types.ts';

/**
 * The candidate pictures after Auto's mask, most promising first: the lesson's rule (red above
 * 120 → black), as the Reveal view draws it with its default settings.
 */
export function readingPictures(
  source: Pixels,
  found: AutoRevealResult,
  signal?: AbortSignal,
): Pixels[] {
  // The lesson's rule needs only the image; pictures made from Auto's result join it here.
  void found;
  return [renderView(source, viewOf(defaultRevealSettings, undefined), signal)];
}
