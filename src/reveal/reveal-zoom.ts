/**
 * Reveal's zoom steps and words, kept apart from the element: a screen-sized "Fit", or a fixed
 * scale a person steps through, as Stegsolve and forensically let them look pixel by pixel.
 */

/** The scales "Zoom in" and "Zoom out" step through. */
export const ZOOM_STEPS = [0.125, 0.25, 0.5, 1, 2, 4, 8, 16, 32] as const;

/** Every word the zoom bar shows. */
export const zoomWords = {
  zoomIn: 'Zoom in',
  zoomOut: 'Zoom out',
  fit: 'Fit',
  /** What the bar says of the scale; `fit` when the picture is fitted to the view. */
  scale: (percent: number, fit: boolean) => (fit ? `Fit, ${percent} %` : `${percent} %`),
  /** Name of the scrolling box that holds a zoomed picture (focusable, for arrow keys). */
  scroller: 'Zoomed picture: scroll with the arrow keys',
} as const;

/** The step after `scale` (a zoom, or the fitted scale), or undefined at the largest. */
export function zoomIn(scale: number): number | undefined {
  return ZOOM_STEPS.find((s) => s > scale * 1.001);
}

/**
 * The step before `zoom`; undefined ("Fit") when that would be no larger than the fitted
 * scale `fit`, which shows the whole picture anyway.
 */
export function zoomOut(zoom: number, fit: number): number | undefined {
  const smaller = [...ZOOM_STEPS].reverse().find((s) => s < zoom * 0.999);
  return smaller !== undefined && smaller > fit * 1.001 ? smaller : undefined;
}

/** A scale as a whole percentage (12.5 % shows as 13 %). */
export function percent(scale: number): number {
  return Math.round(scale * 100);
}
