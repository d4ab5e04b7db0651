import { describe, expect, it } from 'vitest';
import {
  FIT,
  ZOOM_MAX,
  boxPointToImage,
  clampViewport,
  fitScale,
  imageRectToBox,
  placeImage,
  zoomAt,
} from '../../../src/lib/boxes/index.ts';

const image = { width: 4000, height: 3000 };
const box = { width: 800, height: 800 };

describe('placeImage', () => {
  it('fits the whole image, centred, at zoom 1', () => {
    expect(placeImage(image, box, FIT)).toEqual({
      scale: 0.2,
      x: 0,
      y: 100,
      width: 800,
      height: 600,
    });
  });

  it('never enlarges a small image past its own pixels when fitting', () => {
    expect(fitScale({ width: 100, height: 50 }, box)).toBe(1);
  });
});

describe('zoomAt', () => {
  it('keeps the image point under the pointer where it is', () => {
    const point = { x: 600, y: 300 };
    const before = boxPointToImage(point, image, box, FIT);
    const vp = zoomAt(image, box, FIT, 2, point);
    expect(vp.zoom).toBe(2);
    const after = boxPointToImage(point, image, box, vp);
    expect(after.x).toBeCloseTo(before.x, 9);
    expect(after.y).toBeCloseTo(before.y, 9);
  });

  it(`stays between fitting the image and ${ZOOM_MAX}×`, () => {
    expect(zoomAt(image, box, FIT, 0.5).zoom).toBe(1);
    expect(zoomAt(image, box, { zoom: 10, panX: 0, panY: 0 }, 4).zoom).toBe(ZOOM_MAX);
  });
});

describe('clampViewport', () => {
  it('keeps a fitted image centred (nothing to pan)', () => {
    expect(clampViewport(image, box, { zoom: 1, panX: 300, panY: -50 })).toEqual(FIT);
  });

  it('lets a zoomed image pan only until its edge meets the box edge', () => {
    const vp = clampViewport(image, box, { zoom: 2, panX: 5000, panY: -5000 });
    const placed = placeImage(image, box, vp);
    expect(placed.x).toBe(0);
    expect(placed.y + placed.height).toBe(box.height);
  });
});

describe('imageRectToBox', () => {
  it('moves and scales a box with the zoom and pan', () => {
    const rect = { x: 1000, y: 1000, width: 500, height: 250 };
    expect(imageRectToBox(rect, image, box, FIT)).toEqual({
      x: 200,
      y: 300,
      width: 100,
      height: 50,
    });
    const vp = { zoom: 2, panX: -100, panY: 0 };
    expect(imageRectToBox(rect, image, box, vp)).toEqual({
      // zoom 2: 1600 × 1200 CSS px, centred at (-400, -200), then panned 100 px left.
      x: -400 - 100 + 400,
      y: -200 + 400,
      width: 200,
      height: 100,
    });
  });
});
