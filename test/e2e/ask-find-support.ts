/**
 * Helpers for the "Show me where" end-to-end tests: a known picture made in the page (a 12 MP
 * PNG, or a JPEG stored sideways with EXIF orientation 6), the box list Gemini answers for it
 * in the shape of a recorded stream, and where the boxes land on screen.
 */
import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import type { FakeGemini, FakeReply, RecordedRequest } from '../support/fake-gemini.ts';
import { decodePng } from '../support/png.ts';
import { exifApp1 } from '../lib/image/bytes.ts';
import type { FoundBox } from '../../src/lib/boxes/types.ts';
import { answerSettled, pausedReply } from './ask-support.ts';

/** What the picture holds, and the boxes a model would find: `[ymin, xmin, ymax, xmax]`. */
export const SHAPES = [
  { label: 'red square', box_2d: [100, 100, 400, 300], colour: [220, 0, 0] },
  { label: 'blue bar', box_2d: [600, 500, 900, 950], colour: [0, 0, 220] },
  { label: 'green price tag', box_2d: [40, 700, 140, 900], colour: [0, 170, 0] },
] as const;

/** The boxes as Gemini sends them. */
export const BOXES: FoundBox[] = SHAPES.map(({ label, box_2d }) => ({ label, box_2d }));

/** The two pictures: a 4000 × 3000 PNG (Auto sends it at 3072 × 2304), a sideways JPEG. */
export const PICTURES = {
  png: { width: 4000, height: 3000, name: 'shapes.png' },
  /** Shown 2000 × 3000; stored 3000 × 2000 with EXIF orientation 6 (turn clockwise). */
  exif: { width: 2000, height: 3000, name: 'sideways.jpg' },
} as const;

/**
 * Give the Ask view the picture through its "Image" file input, made in the page (canvas)
 * and, for the JPEG, with an EXIF orientation segment put in after the start of image.
 */
export async function givePicture(view: Locator, kind: keyof typeof PICTURES): Promise<void> {
  const picture = PICTURES[kind];
  const exif = kind === 'exif' ? [...exifApp1(6, false)] : [];
  await view.getByLabel('Image', { exact: true }).evaluate(
    async (input, { picture, shapes, exif }) => {
      const { width, height } = picture;
      // Stored sideways: what is shown at (x, y) is stored at (y, width - x).
      const stored = exif.length ? { width: height, height: width } : { width, height };
      const canvas = new OffscreenCanvas(stored.width, stored.height);
      const g = canvas.getContext('2d')!;
      if (exif.length) g.setTransform(0, -1, 1, 0, 0, width);
      g.fillStyle = '#f0f0f0';
      g.fillRect(0, 0, width, height);
      for (const {
        box_2d: [ymin, xmin, ymax, xmax],
        colour,
      } of shapes) {
        g.fillStyle = `rgb(${colour.join(' ')})`;
        g.fillRect(
          (xmin / 1000) * width,
          (ymin / 1000) * height,
          ((xmax - xmin) / 1000) * width,
          ((ymax - ymin) / 1000) * height,
        );
      }
      let blob = await canvas.convertToBlob({ type: exif.length ? 'image/jpeg' : 'image/png' });
      if (exif.length) {
        const bytes = new Uint8Array(await blob.arrayBuffer());
        blob = new Blob([bytes.subarray(0, 2), new Uint8Array(exif), bytes.subarray(2)], {
          type: 'image/jpeg',
        });
      }
      const files = new DataTransfer();
      files.items.add(new File([blob], picture.name, { type: blob.type }));
      const field = input as HTMLInputElement;
      field.files = files.files;
      field.dispatchEvent(new Event('change', { bubbles: true }));
    },
    { picture, shapes: SHAPES.map((s) => ({ box_2d: s.box_2d, colour: s.colour })), exif },
  );
  await view
    .getByTestId('image-facts')
    .filter({ hasText: picture.name })
    .filter({ hasText: /\d+ × \d+ px/ })
    .waitFor();
}

/**
 * A box list answered the way Gemini streams JSON: the text cut across events, usage on each,
 * `STOP` and the token counts on the last (as in the recorded `streaming-*.txt` files).
 */
export function boxReply(text: string): FakeReply {
  const cuts = [0, Math.floor(text.length / 3), Math.floor((2 * text.length) / 3), text.length];
  const events = cuts.slice(1).map((end, i) => {
    const last = i === cuts.length - 2;
    return {
      candidates: [
        {
          content: { parts: [{ text: text.slice(cuts[i], end) }], role: 'model' },
          ...(last ? { finishReason: 'STOP' } : {}),
        },
      ],
      usageMetadata: {
        promptTokenCount: 1290,
        totalTokenCount: last ? 1290 + 180 : 1290,
        ...(last ? { candidatesTokenCount: 180 } : {}),
      },
      modelVersion: 'gemini-2.5-flash',
    };
  });
  return {
    contentType: 'text/event-stream',
    body: events.map((e) => `data: ${JSON.stringify(e)}\r\n\r\n`).join(''),
  };
}

/** The generate requests the fake received so far. */
export function generateRequests(fake: FakeGemini): RecordedRequest[] {
  return fake.requests.filter((r) => r.action === 'streamGenerateContent');
}

/** Wait until the answer to the newest question has ended (Ask enabled again). */
export async function answerEnded(view: Locator, fake: FakeGemini, count: number): Promise<void> {
  await expect.poll(() => generateRequests(fake).length).toBe(count);
  await answerSettled(view);
}

/** Type what to find, press Find, and wait for the answer (the fake's reply queued before). */
export async function find(view: Locator, fake: FakeGemini, what: string): Promise<void> {
  const before = generateRequests(fake).length;
  await view.getByLabel('What to find').fill(what);
  await view.getByRole('button', { name: 'Find', exact: true }).click();
  await answerEnded(view, fake, before + 1);
}

/**
 * Find "the shapes" and press Stop once Gemini has sent the first box whole and part of the
 * second (the rest is released after Stop, and must not count).
 */
export async function stopFindPartWay(view: Locator, fake: FakeGemini): Promise<void> {
  const whole = JSON.stringify(BOXES);
  const cut = whole.indexOf('"blue bar"') + 5;
  fake.queue(pausedReply(whole.slice(0, cut), whole.slice(cut)));
  await view.getByLabel('What to find').fill('the shapes');
  await view.getByRole('button', { name: 'Find', exact: true }).click();
  await fake.paused();
  await view.getByRole('button', { name: 'Stop', exact: true }).click();
  await view.getByTestId('stopped').waitFor();
  fake.release();
}

/** A request body's turns. */
export interface Body {
  contents: {
    role: string;
    parts: { text?: string; inlineData?: { mimeType: string; data: string } }[];
  }[];
  generationConfig?: Record<string, unknown>;
}

/** The width and height of a base64 image, decoded by the browser. */
export function imageSize(
  page: Page,
  image: { mimeType: string; data: string },
): Promise<{ width: number; height: number }> {
  return page.evaluate(async ({ mimeType, data }) => {
    const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: mimeType }), {
      imageOrientation: 'from-image',
    });
    const size = { width: bitmap.width, height: bitmap.height };
    bitmap.close();
    return size;
  }, image);
}

/** The RGB of a base64 image at its centre, decoded by the browser (EXIF applied). */
export function centreColour(page: Page, image: { mimeType: string; data: string }) {
  return page.evaluate(async ({ mimeType, data }) => {
    const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: mimeType }), {
      imageOrientation: 'from-image',
    });
    const g = new OffscreenCanvas(1, 1).getContext('2d')!;
    g.drawImage(bitmap, bitmap.width / 2, bitmap.height / 2, 1, 1, 0, 0, 1, 1);
    bitmap.close();
    return [...g.getImageData(0, 0, 1, 1).data.subarray(0, 3)];
  }, image);
}

/**
 * For every box: how far (CSS px, each edge) its on-screen button is from where its 0–1000
 * box falls on the picture as drawn, and the colour the screen shows at its centre.
 */
export async function boxPlacement(
  page: Page,
  view: Locator,
): Promise<{ errors: number[]; colours: (number[] | null)[] }> {
  const img = (await view.locator('ask-stage img').boundingBox())!;
  const frame = (await view.locator('ask-stage .viewport').boundingBox())!;
  const screen = page.viewportSize()!;
  const errors: number[] = [];
  const colours: (number[] | null)[] = [];
  for (const { label, box_2d } of SHAPES) {
    const shown = (await view.getByRole('button', { name: `Box: ${label}` }).boundingBox())!;
    const [ymin, xmin, ymax, xmax] = box_2d;
    errors.push(
      Math.abs(shown.x - (img.x + (xmin / 1000) * img.width)),
      Math.abs(shown.y - (img.y + (ymin / 1000) * img.height)),
      Math.abs(shown.x + shown.width - (img.x + (xmax / 1000) * img.width)),
      Math.abs(shown.y + shown.height - (img.y + (ymax / 1000) * img.height)),
    );
    // What the screen shows in the middle of the box, when that is inside the stage.
    const cx = Math.round(shown.x + shown.width / 2);
    const cy = Math.round(shown.y + shown.height / 2);
    const inside =
      cx > frame.x + 2 &&
      cx < frame.x + frame.width - 2 &&
      cy > frame.y + 2 &&
      cy < frame.y + frame.height - 2 &&
      cx > 0 &&
      cy > 0 &&
      cx < screen.width &&
      cy < screen.height;
    if (!inside) {
      colours.push(null);
      continue;
    }
    const shot = decodePng(await page.screenshot({ clip: { x: cx, y: cy, width: 1, height: 1 } }));
    colours.push([...shot.data.subarray(0, 3)]);
  }
  return { errors, colours };
}

/** True when two colours are within `tolerance` on every channel. */
export const near = (a: readonly number[], b: readonly number[], tolerance = 48) =>
  a.every((v, i) => Math.abs(v - b[i]) <= tolerance);
