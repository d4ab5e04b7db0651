/**
 * EXIF orientation in Chromium, for all eight orientations written in both TIFF byte orders
 * (MM big-endian, II little-endian): the decoded picture (Reveal's decode) and the picture
 * Ask would send (planUpload) have each corner of the photo where the orientation puts it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { decodeImage } from '../../src/platform/canvas.ts';
import { planUpload, releaseUpload, type UploadPlan } from '../../src/platform/upload.ts';
import { blobBytes, jpegOf, near, paintCanvas, withExif } from './upload-helpers.ts';

/** The stored photo: wide, one colour per quadrant, so every turn and mirror shows. */
const W = 48;
const H = 32;
const CORNERS = {
  topLeft: [255, 0, 0, 255],
  topRight: [0, 255, 0, 255],
  bottomLeft: [0, 0, 255, 255],
  bottomRight: [255, 255, 255, 255],
} as const;
type Corner = keyof typeof CORNERS;

async function storedJpeg(): Promise<Uint8Array<ArrayBuffer>> {
  const canvas = paintCanvas(W, H, (ctx) => {
    const quadrant = (x: number, y: number, [r, g, b]: readonly number[]) => {
      ctx.fillStyle = `rgb(${r} ${g} ${b})`;
      ctx.fillRect(x, y, W / 2, H / 2);
    };
    quadrant(0, 0, CORNERS.topLeft);
    quadrant(W / 2, 0, CORNERS.topRight);
    quadrant(0, H / 2, CORNERS.bottomLeft);
    quadrant(W / 2, H / 2, CORNERS.bottomRight);
  });
  return jpegOf(canvas, 1);
}

/**
 * Where a stored pixel (x, y) is shown for each EXIF orientation (TIFF 6.0 / EXIF 2.3): 1 as
 * stored, 2 mirrored left-right, 3 turned 180°, 4 mirrored top-bottom, 5 transposed, 6 turned
 * 90° clockwise, 7 transversed, 8 turned 90° anticlockwise.
 */
function shownAt(orientation: number, x: number, y: number): [number, number] {
  const [r, b] = [W - 1 - x, H - 1 - y];
  const map: Record<number, [number, number]> = {
    1: [x, y],
    2: [r, y],
    3: [r, b],
    4: [x, b],
    5: [y, x],
    6: [b, x],
    7: [b, r],
    8: [y, r],
  };
  return map[orientation];
}

/** The centre of each stored quadrant. */
const CENTRES: Record<Corner, [number, number]> = {
  topLeft: [W / 4, H / 4],
  topRight: [(3 * W) / 4, H / 4],
  bottomLeft: [W / 4, (3 * H) / 4],
  bottomRight: [(3 * W) / 4, (3 * H) / 4],
};

/** Check every quadrant of a decoded picture against where `orientation` puts it. */
function expectLayout(
  pixel: (x: number, y: number) => number[],
  size: [number, number],
  orientation: number,
  what: string,
): void {
  expect(size, `${what}: size for orientation ${orientation}`).toEqual(
    orientation >= 5 ? [H, W] : [W, H],
  );
  for (const [corner, [x, y]] of Object.entries(CENTRES) as [Corner, [number, number]][]) {
    const [sx, sy] = shownAt(orientation, x, y);
    const got = pixel(Math.floor(sx), Math.floor(sy));
    expect(
      near(got, [...CORNERS[corner]]),
      `${what}, orientation ${orientation}: the stored ${corner} quadrant should show at (${sx}, ${sy}), found rgba(${got.join(', ')})`,
    ).toBe(true);
  }
}

const cases = (['MM', 'II'] as const).flatMap((order) =>
  [1, 2, 3, 4, 5, 6, 7, 8].map((orientation) => ({ order, orientation })),
);

const plans: UploadPlan[] = [];
afterEach(() => {
  for (const p of plans.splice(0)) releaseUpload(p);
});

describe('EXIF orientation in Chromium, both byte orders', { timeout: 30_000 }, () => {
  it.each(cases)(
    'Reveal decodes orientation $orientation ($order) with each corner in place',
    async ({ order, orientation }) => {
      const jpeg = withExif(await storedJpeg(), orientation, false, order);
      const decoded = await decodeImage(new Blob([jpeg], { type: 'image/jpeg' }));
      const at = (x: number, y: number) => {
        const i = (y * decoded.width + x) * 4;
        return [...decoded.data.subarray(i, i + 4)];
      };
      expectLayout(at, [decoded.width, decoded.height], orientation, 'Reveal decode');
    },
  );

  it.each(cases)(
    'Ask sends orientation $orientation ($order) upright, and says so',
    async ({ order, orientation }) => {
      const jpeg = withExif(await storedJpeg(), orientation, false, order);
      const plan = await planUpload(
        new File([jpeg], 'turned.jpg', { type: 'image/jpeg' }),
        'auto',
        new AbortController().signal,
      );
      plans.push(plan);
      const bitmap = await createImageBitmap(plan.blob);
      const canvas = paintCanvas(bitmap.width, bitmap.height, (ctx) => ctx.drawImage(bitmap, 0, 0));
      const data = canvas.getContext('2d')!.getImageData(0, 0, bitmap.width, bitmap.height).data;
      bitmap.close();
      const at = (x: number, y: number) => {
        const i = (y * canvas.width + x) * 4;
        return [...data.subarray(i, i + 4)];
      };
      expectLayout(at, [plan.width, plan.height], orientation, 'Ask upload');
      expect([plan.originalWidth, plan.originalHeight]).toEqual([plan.width, plan.height]);
      if (orientation === 1) expect(plan.note).not.toMatch(/upright/);
      else {
        expect(
          plan.note,
          `orientation ${orientation} (${order}) was not read from the EXIF: byte order ignored?`,
        ).toMatch(/upright/);
      }
      expect(await blobBytes(plan.blob)).not.toEqual(jpeg);
    },
  );
});
