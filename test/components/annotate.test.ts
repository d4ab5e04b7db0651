/**
 * "Ask about this" crops and "Download annotated PNG" in real Chromium: the crop comes from the
 * full-resolution pixels after EXIF orientation, and the boxes land where they belong.
 */
import { describe, expect, it } from 'vitest';
import { annotateFound, annotateImage, cropImage } from '../../src/platform/annotate.ts';
import { halves, jpegOf, paintCanvas, withExif } from './upload-helpers.ts';

/** Decode a Blob as shown (EXIF applied) and read its pixels. */
async function pixelsOf(blob: Blob): Promise<ImageData> {
  const bitmap = await createImageBitmap(blob, { imageOrientation: 'from-image' });
  const canvas = paintCanvas(bitmap.width, bitmap.height, (g) => g.drawImage(bitmap, 0, 0));
  return canvas.getContext('2d')!.getImageData(0, 0, bitmap.width, bitmap.height);
}

/** RGB at (x, y). */
function rgb(image: ImageData, x: number, y: number): number[] {
  const i = (y * image.width + x) * 4;
  return [...image.data.subarray(i, i + 3)];
}

const near = (a: number[], b: number[], tolerance = 40) =>
  a.every((v, i) => Math.abs(v - b[i]) <= tolerance);

describe('cropImage', () => {
  it('cuts the region with its margin, at full resolution, from a PNG kept lossless', async () => {
    // 1000 × 600: grey, with a green square at (400, 200)–(600, 400).
    const canvas = paintCanvas(1000, 600, (g) => {
      g.fillStyle = '#808080';
      g.fillRect(0, 0, 1000, 600);
      g.fillStyle = '#00ff00';
      g.fillRect(400, 200, 200, 200);
    });
    const png = await canvas.convertToBlob({ type: 'image/png' });
    const crop = await cropImage(png, { x: 400, y: 200, width: 200, height: 200 }, 0.1);
    expect(crop.rect).toEqual({ x: 380, y: 180, width: 240, height: 240 });
    expect(crop.blob.type).toBe('image/png');
    const px = await pixelsOf(crop.blob);
    expect([px.width, px.height]).toEqual([240, 240]);
    expect(rgb(px, 5, 5)).toEqual([128, 128, 128]);
    expect(rgb(px, 20, 20)).toEqual([0, 255, 0]);
    expect(rgb(px, 219, 219)).toEqual([0, 255, 0]);
    expect(rgb(px, 235, 235)).toEqual([128, 128, 128]);
  });

  it('crops in the orientation the person sees (EXIF 6: stored sideways)', async () => {
    // Stored 400 × 200, left half red, right half blue; EXIF 6 shows it turned clockwise,
    // 200 × 400 with red on top and blue below.
    const jpeg = withExif(await jpegOf(halves(400, 200)), 6, false);
    const blob = new Blob([jpeg], { type: 'image/jpeg' });
    const top = await cropImage(blob, { x: 0, y: 0, width: 200, height: 180 }, 0);
    const bottom = await cropImage(blob, { x: 0, y: 220, width: 200, height: 180 }, 0);
    expect(top.blob.type).toBe('image/jpeg');
    const t = await pixelsOf(top.blob);
    const b = await pixelsOf(bottom.blob);
    expect([t.width, t.height]).toEqual([200, 180]);
    expect(near(rgb(t, 100, 90), [255, 0, 0])).toBe(true);
    expect(near(rgb(b, 100, 90), [0, 0, 255])).toBe(true);
  });
});

describe('annotateImage', () => {
  it('draws each box on the full-size image and leaves the rest as it was', async () => {
    const canvas = paintCanvas(800, 600, (g) => {
      g.fillStyle = '#ffffff';
      g.fillRect(0, 0, 800, 600);
    });
    const png = await canvas.convertToBlob({ type: 'image/png' });
    const out = await annotateImage(png, [
      { label: 'thing', rect: { x: 200, y: 200, width: 300, height: 200 } },
    ]);
    expect(out.type).toBe('image/png');
    const px = await pixelsOf(out);
    expect([px.width, px.height]).toEqual([800, 600]);
    // The box's left edge, half-way down, is amber; far away the image is untouched.
    expect(near(rgb(px, 200, 300), [255, 179, 0], 10)).toBe(true);
    expect(rgb(px, 700, 550)).toEqual([255, 255, 255]);
    expect(rgb(px, 350, 300)).toEqual([255, 255, 255]);
    // The label sits on an amber tab just above the box.
    expect(near(rgb(px, 201, 190), [255, 179, 0], 10)).toBe(true);
  });
});

describe('annotateFound', () => {
  it('draws Gemini’s 0–1000 boxes on the image as shown (EXIF 6), at full resolution', async () => {
    // Stored 400 × 200 (left red, right blue), shown 200 × 400: red on top, blue below.
    const jpeg = withExif(await jpegOf(halves(400, 200)), 6, false);
    const blob = new Blob([jpeg], { type: 'image/jpeg' });
    const out = await annotateFound(blob, [{ label: 'blue half', box_2d: [500, 0, 1000, 1000] }]);
    const px = await pixelsOf(out);
    expect([px.width, px.height]).toEqual([200, 400]);
    // The box's left edge, three quarters down, is amber; the middle of the blue half is blue.
    expect(near(rgb(px, 0, 300), [255, 179, 0], 24)).toBe(true);
    expect(near(rgb(px, 100, 300), [0, 0, 255])).toBe(true);
    expect(near(rgb(px, 100, 100), [255, 0, 0])).toBe(true);
  });
});
