/**
 * Zoom and pan of an image shown in a box (the Ask stage): where the image sits at a zoom and
 * pan, zooming about a point, and keeping it in view. Zoom 1 fits the whole image, centred.
 */
import type { Rect, Size } from './types.ts';

/** How far in a person may zoom, relative to fitting the whole image. */
export const ZOOM_MAX = 16;
/** Each zoom step ("Zoom in", `+`, one wheel notch) multiplies the zoom by this. */
export const ZOOM_STEP = 1.25;

/** Zoom (1 = fit) and pan (CSS pixels the image is moved from where it would sit centred). */
export interface Viewport {
  zoom: number;
  panX: number;
  panY: number;
}

/** The whole image, fitted and centred. */
export const FIT: Viewport = { zoom: 1, panX: 0, panY: 0 };

/** Scale that fits an image inside a box (never enlarging past the image's own pixels × 1). */
export function fitScale(image: Size, box: Size): number {
  if (!image.width || !image.height || !box.width || !box.height) return 1;
  return Math.min(box.width / image.width, box.height / image.height, 1);
}

/** The image's rectangle in the box's CSS pixels, and its scale (CSS pixels per image pixel). */
export function placeImage(image: Size, box: Size, vp: Viewport): Rect & { scale: number } {
  const scale = fitScale(image, box) * vp.zoom;
  const width = image.width * scale;
  const height = image.height * scale;
  return {
    scale,
    width,
    height,
    x: (box.width - width) / 2 + vp.panX,
    y: (box.height - height) / 2 + vp.panY,
  };
}

/** The same view with its zoom in range and the image kept covering the box where it can. */
export function clampViewport(image: Size, box: Size, vp: Viewport): Viewport {
  const zoom = Math.min(Math.max(vp.zoom, 1), ZOOM_MAX);
  const scale = fitScale(image, box) * zoom;
  const limit = (side: number, boxSide: number) => Math.max(0, (side * scale - boxSide) / 2);
  const lx = limit(image.width, box.width);
  const ly = limit(image.height, box.height);
  return {
    zoom,
    // `+ 0` turns a -0 into 0, so an unmoved view compares equal to FIT.
    panX: Math.min(Math.max(vp.panX, -lx), lx) + 0,
    panY: Math.min(Math.max(vp.panY, -ly), ly) + 0,
  };
}

/** Zoom by `factor` keeping the image point under `point` (box CSS pixels) where it is. */
export function zoomAt(
  image: Size,
  box: Size,
  vp: Viewport,
  factor: number,
  point: { x: number; y: number } = { x: box.width / 2, y: box.height / 2 },
): Viewport {
  const before = placeImage(image, box, vp);
  const ix = (point.x - before.x) / before.scale;
  const iy = (point.y - before.y) / before.scale;
  const zoom = Math.min(Math.max(vp.zoom * factor, 1), ZOOM_MAX);
  const scale = fitScale(image, box) * zoom;
  const centredX = (box.width - image.width * scale) / 2;
  const centredY = (box.height - image.height * scale) / 2;
  return clampViewport(image, box, {
    zoom,
    panX: point.x - ix * scale - centredX,
    panY: point.y - iy * scale - centredY,
  });
}

/** A rectangle in image pixels, where it shows in the box (CSS pixels). */
export function imageRectToBox(rect: Rect, image: Size, box: Size, vp: Viewport): Rect {
  const p = placeImage(image, box, vp);
  return {
    x: p.x + rect.x * p.scale,
    y: p.y + rect.y * p.scale,
    width: rect.width * p.scale,
    height: rect.height * p.scale,
  };
}

/** A point in the box (CSS pixels), in image pixels (may fall outside the image). */
export function boxPointToImage(
  point: { x: number; y: number },
  image: Size,
  box: Size,
  vp: Viewport,
): { x: number; y: number } {
  const p = placeImage(image, box, vp);
  return { x: (point.x - p.x) / p.scale, y: (point.y - p.y) / p.scale };
}
