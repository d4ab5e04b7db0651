/**
 * "Show me where": boxes Gemini finds in an image, and regions a person selects. DOM-free:
 * the request fields, a defensive parser, the words, and the geometry from 0–1000 to pixels.
 */
export * from './types.ts';
export * from './request.ts';
export * from './parse.ts';
export * from './messages.ts';
export * from './geometry.ts';
export * from './viewport.ts';
export * from './find-turn.ts';
