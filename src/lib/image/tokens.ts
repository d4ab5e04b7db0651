/**
 * Token estimate for one image, used when no key is set to ask `countTokens`.
 * Gemini 2.x: 258 tokens when both sides are ≤ 384 px, else 258 per 768×768 tile.
 * Gemini 3.x instead caps an image by `mediaResolution` (LOW 280, MEDIUM 560, HIGH 1120),
 * whatever its size: sending more pixels costs upload time only.
 */

/** Tokens per image or per tile. */
export const TOKENS_PER_TILE = 258;
/** Side of one tile, in pixels. */
export const TILE_SIDE = 768;
/** Images with both sides at most this count as one tile. */
export const SMALL_IMAGE_SIDE = 384;

/** Gemini 3.x per-image token caps by `mediaResolution`. */
export const MEDIA_RESOLUTION_CAPS = { LOW: 280, MEDIUM: 560, HIGH: 1120 } as const;

/** Estimated prompt tokens for an image of `width`×`height` (Gemini 2.x rule). */
export function estimateImageTokens(width: number, height: number): number {
  if (width <= 0 || height <= 0) return 0;
  if (width <= SMALL_IMAGE_SIDE && height <= SMALL_IMAGE_SIDE) return TOKENS_PER_TILE;
  return TOKENS_PER_TILE * Math.ceil(width / TILE_SIDE) * Math.ceil(height / TILE_SIDE);
}
