/**
 * Canvas work for "Show me where": cropping a region out of the full-resolution image (after
 * EXIF orientation) for "Ask about this", and drawing the found boxes onto the image for
 * "Download annotated PNG". The geometry comes from lib/boxes; this file only draws.
 */
import { boxToRect, cropRect } from '../lib/boxes/geometry.ts';
import { type FoundBox, type Rect, type Size } from '../lib/boxes/types.ts';

/** A region cut out of an image, ready to attach to a question. */
export interface Crop {
  blob: Blob;
  /** The crop in pixels of the image as shown (EXIF orientation applied). */
  rect: Rect;
}

/** A box to draw: its label and where it is, in pixels of the image as shown. */
export interface DrawnBox {
  label: string;
  rect: Rect;
}

/** Types kept lossless when cropped (a PNG screenshot stays a PNG); photos crop to JPEG. */
const LOSSLESS = new Set(['image/png', 'image/gif', 'image/bmp']);
/** JPEG quality for cropped photos: close to the source, small enough to send. */
const CROP_JPEG_QUALITY = 0.92;

/** Decode with EXIF orientation applied, as every view shows the image. */
function orientedBitmap(blob: Blob): Promise<ImageBitmap> {
  return createImageBitmap(blob, { imageOrientation: 'from-image' });
}

/** The image decoded for crops: one at a time, the one on the stage. */
let forCrops: { image: Blob; bitmap: Promise<ImageBitmap> } | undefined;

/**
 * Decode `image` (EXIF orientation applied) for crops ahead of "Ask about this", which then
 * only cuts; the image decoded before is let go. A 12 MP photo takes longer to decode than
 * the whole crop, so the stage starts this as soon as a box or a region may be asked about.
 */
export function prepareCrops(image: Blob): Promise<ImageBitmap> {
  if (forCrops?.image !== image) {
    releaseCrops();
    const bitmap = orientedBitmap(image);
    forCrops = { image, bitmap };
    // A failed decode is not kept: the next crop tries again (and says why it failed).
    bitmap.catch(() => forCrops?.bitmap === bitmap && (forCrops = undefined));
  }
  return forCrops.bitmap;
}

/** Let go of the image decoded for crops. */
export function releaseCrops(): void {
  const old = forCrops;
  forCrops = undefined;
  old?.bitmap.then((b) => b.close()).catch(() => undefined);
}

/** A 2D context on a new canvas of `size`; throws when the browser cannot give one. */
function context2d(size: Size): {
  canvas: OffscreenCanvas;
  g: OffscreenCanvasRenderingContext2D;
} {
  const canvas = new OffscreenCanvas(size.width, size.height);
  const g = canvas.getContext('2d');
  if (!g) throw new Error('This browser could not give a 2D canvas.');
  return { canvas, g };
}

/**
 * Cut `region` (pixels of the image as shown), grown by `margin` of its size on each side and
 * kept inside the image, out of the full-resolution image.
 */
export async function cropImage(
  image: Blob,
  region: Rect,
  margin: number,
  signal?: AbortSignal,
): Promise<Crop> {
  const bitmap = await prepareCrops(image);
  signal?.throwIfAborted();
  const rect = cropRect(region, { width: bitmap.width, height: bitmap.height }, margin);
  const { canvas, g } = context2d(rect);
  g.drawImage(bitmap, rect.x, rect.y, rect.width, rect.height, 0, 0, rect.width, rect.height);
  const lossless = LOSSLESS.has(image.type);
  const blob = await canvas.convertToBlob(
    lossless ? { type: 'image/png' } : { type: 'image/jpeg', quality: CROP_JPEG_QUALITY },
  );
  signal?.throwIfAborted();
  return { blob, rect };
}

/** Colours of the drawn boxes: amber with a dark edge, readable on light and dark photos. */
const BOX_COLOUR = '#ffb300';
const EDGE_COLOUR = 'rgba(0, 0, 0, 0.6)';

/** The image with its boxes and labels drawn on it, as a PNG, at full resolution. */
export async function annotateImage(image: Blob, boxes: readonly DrawnBox[]): Promise<Blob> {
  return annotate(image, () => boxes);
}

/**
 * The image with Gemini's boxes (0–1000 coordinates) and labels drawn on it, as a PNG, at
 * full resolution: what "Download annotated PNG" saves.
 */
export async function annotateFound(image: Blob, found: readonly FoundBox[]): Promise<Blob> {
  return annotate(image, (size) =>
    found.map((b) => ({ label: b.label, rect: boxToRect(b.box_2d, size) })),
  );
}

/** Decode, then draw the boxes `boxesFor` gives for the decoded size. */
async function annotate(image: Blob, boxesFor: (size: Size) => readonly DrawnBox[]): Promise<Blob> {
  const bitmap = await orientedBitmap(image);
  try {
    const boxes = boxesFor({ width: bitmap.width, height: bitmap.height });
    const { canvas, g } = context2d(bitmap);
    g.drawImage(bitmap, 0, 0);
    // Lines and text scale with the image, so they read the same on a thumbnail and a poster.
    const unit = Math.max(2, Math.round(Math.min(bitmap.width, bitmap.height) / 320));
    const fontSize = unit * 7;
    g.font = `600 ${fontSize}px system-ui, sans-serif`;
    g.textBaseline = 'top';
    for (const { label, rect } of boxes) {
      g.lineWidth = unit + 2;
      g.strokeStyle = EDGE_COLOUR;
      g.strokeRect(rect.x, rect.y, rect.width, rect.height);
      g.lineWidth = unit;
      g.strokeStyle = BOX_COLOUR;
      g.strokeRect(rect.x, rect.y, rect.width, rect.height);
      const pad = unit;
      const textWidth = g.measureText(label).width;
      const top = rect.y - fontSize - 2 * pad >= 0 ? rect.y - fontSize - 2 * pad : rect.y;
      g.fillStyle = BOX_COLOUR;
      g.fillRect(rect.x, top, textWidth + 2 * pad, fontSize + 2 * pad);
      g.fillStyle = '#111';
      g.fillText(label, rect.x + pad, top + pad);
    }
    return await canvas.convertToBlob({ type: 'image/png' });
  } finally {
    bitmap.close();
  }
}
