/**
 * Where a box is, in pixels: from Gemini's 0–1000 coordinates to the image as shown, through
 * EXIF orientation and any scale, and the crop "Ask about this" sends.
 */
import { BOX_SCALE, type Box2d, type Rect, type Size } from './types.ts';

/** Margin added on every side of a crop, as a fraction of the region's own size. */
export const CROP_MARGIN = 0.1;

/**
 * A box in pixels of an image of `size`. Gemini normalises to the image it was sent; a
 * downscaled copy has the same proportions, so the same box lands on the full-size image.
 */
export function boxToRect(box: Box2d, size: Size): Rect {
  const [ymin, xmin, ymax, xmax] = box;
  const x = (xmin / BOX_SCALE) * size.width;
  const y = (ymin / BOX_SCALE) * size.height;
  return {
    x,
    y,
    width: ((xmax - xmin) / BOX_SCALE) * size.width,
    height: ((ymax - ymin) / BOX_SCALE) * size.height,
  };
}

/** The 0–1000 box of a rectangle in pixels of an image of `size` (the inverse of boxToRect). */
export function rectToBox(rect: Rect, size: Size): Box2d {
  const n = (v: number, side: number) => Math.round((v / side) * BOX_SCALE);
  return [
    n(rect.y, size.height),
    n(rect.x, size.width),
    n(rect.y + rect.height, size.height),
    n(rect.x + rect.width, size.width),
  ];
}

/** A rectangle scaled by `sx` across and `sy` down (pixels of one size to another, or to CSS). */
export function scaleRect(rect: Rect, sx: number, sy = sx): Rect {
  return { x: rect.x * sx, y: rect.y * sy, width: rect.width * sx, height: rect.height * sy };
}

/** The part of `rect` inside an image of `size` (zero-sized when it misses it). */
export function clampRect(rect: Rect, size: Size): Rect {
  const x0 = Math.min(Math.max(rect.x, 0), size.width);
  const y0 = Math.min(Math.max(rect.y, 0), size.height);
  const x1 = Math.min(Math.max(rect.x + rect.width, 0), size.width);
  const y1 = Math.min(Math.max(rect.y + rect.height, 0), size.height);
  return { x: x0, y: y0, width: Math.max(0, x1 - x0), height: Math.max(0, y1 - y0) };
}

/**
 * The whole-pixel crop for a region: `margin` of its own size added on every side, then kept
 * inside the image, and at least one pixel each way.
 */
export function cropRect(region: Rect, size: Size, margin = CROP_MARGIN): Rect {
  const grown = {
    x: region.x - region.width * margin,
    y: region.y - region.height * margin,
    width: region.width * (1 + 2 * margin),
    height: region.height * (1 + 2 * margin),
  };
  const c = clampRect(grown, size);
  const x0 = Math.min(Math.floor(c.x), size.width - 1);
  const y0 = Math.min(Math.floor(c.y), size.height - 1);
  const x1 = Math.max(Math.ceil(c.x + c.width), x0 + 1);
  const y1 = Math.max(Math.ceil(c.y + c.height), y0 + 1);
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/** Size of a stored image once its EXIF orientation (1–8) is applied: 5–8 swap the sides. */
export function orientedSize(stored: Size, orientation: number): Size {
  return orientation >= 5 && orientation <= 8
    ? { width: stored.height, height: stored.width }
    : stored;
}

/** Where the point (x, y) of the stored image lands once orientation is applied. */
function orientPoint(x: number, y: number, stored: Size, orientation: number): [number, number] {
  const { width: w, height: h } = stored;
  switch (orientation) {
    case 2:
      return [w - x, y];
    case 3:
      return [w - x, h - y];
    case 4:
      return [x, h - y];
    case 5:
      return [y, x];
    case 6:
      return [h - y, x];
    case 7:
      return [h - y, w - x];
    case 8:
      return [y, w - x];
    default:
      return [x, y];
  }
}

/** A rectangle of the stored (unrotated) image, in the oriented image shown to the person. */
export function orientRect(rect: Rect, stored: Size, orientation: number): Rect {
  const [ax, ay] = orientPoint(rect.x, rect.y, stored, orientation);
  const [bx, by] = orientPoint(rect.x + rect.width, rect.y + rect.height, stored, orientation);
  return {
    x: Math.min(ax, bx),
    y: Math.min(ay, by),
    width: Math.abs(bx - ax),
    height: Math.abs(by - ay),
  };
}

/** The inverse orientation: 6 and 8 undo each other; every other one is its own inverse. */
export function inverseOrientation(orientation: number): number {
  return orientation === 6 ? 8 : orientation === 8 ? 6 : orientation;
}

/** A rectangle of the oriented image (as shown), in pixels of the stored file. */
export function unorientRect(rect: Rect, stored: Size, orientation: number): Rect {
  return orientRect(rect, orientedSize(stored, orientation), inverseOrientation(orientation));
}
