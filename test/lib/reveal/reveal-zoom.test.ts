/**
 * Reveal's zoom steps (src/reveal/reveal-zoom.ts) on scales the e2e zoom test never meets: a
 * big picture fitted at a scale between two steps, the largest step, and the fitted scale
 * landing on a step. The e2e test (test/e2e/reveal-zoom.test.ts) walks a small image fitted
 * at 100 % through the steps in the page.
 */
import { describe, expect, it } from 'vitest';
import {
  ZOOM_STEPS,
  percent,
  zoomIn,
  zoomOut,
  zoomWords,
} from '../../../src/reveal/reveal-zoom.ts';

describe('Zoom in and Zoom out', () => {
  it('from a big picture fitted at 37 %, zoom in to 50 %, and back out to Fit, not 25 %', () => {
    expect(zoomIn(0.37)).toBe(0.5);
    // 25 % would show the picture smaller than Fit does: Zoom out goes back to Fit.
    expect(zoomOut(0.5, 0.37)).toBeUndefined();
    expect(zoomOut(1, 0.37)).toBe(0.5);
  });

  it('steps past a fitted scale that is itself a step, and back to Fit from the next', () => {
    expect(zoomIn(1)).toBe(2);
    expect(zoomOut(2, 1)).toBeUndefined();
    expect(zoomOut(4, 1)).toBe(2);
    // A fitted scale a hair off a step (the view's size divided out) counts as that step.
    expect(zoomIn(0.4999999)).toBe(1);
    expect(zoomOut(1.0000001, 0.25)).toBe(0.5);
  });

  it('stops at the largest step: Zoom in has nowhere to go', () => {
    expect(ZOOM_STEPS.at(-1)).toBe(32);
    expect(zoomIn(16)).toBe(32);
    expect(zoomIn(32)).toBeUndefined();
    expect(zoomOut(32, 0.1)).toBe(16);
    // The smallest step, over a picture fitted smaller still.
    expect(zoomOut(0.25, 0.05)).toBe(0.125);
    expect(zoomOut(0.125, 0.05)).toBeUndefined();
  });

  it('says the scale as a whole percentage, with "Fit" while fitted', () => {
    expect(percent(0.125)).toBe(13);
    expect(percent(0.37)).toBe(37);
    expect(zoomWords.scale(percent(0.37), true)).toBe('Fit, 37 %');
    expect(zoomWords.scale(percent(2), false)).toBe('200 %');
  });
});
