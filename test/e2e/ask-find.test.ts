/**
 * "Show me where" against the fake Gemini server: Find asks for JSON boxes as a turn of the
 * conversation, the boxes land on the picture where Gemini put them (a 12 MP PNG sent
 * downscaled, a JPEG stored sideways, two zoom levels, a 360 px phone), "Ask about this" sends
 * the crop from the original, the boxes download and copy, a bad answer says why, and a Find
 * too large with the earlier turns is asked again in a conversation of its own.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { BrowserContext, Locator } from 'playwright-core';
import { inject } from 'vitest';
import { boxToRect, cropRect } from '../../src/lib/boxes/geometry.ts';
import { boxesGenerationConfig, findPrompt } from '../../src/lib/boxes/request.ts';
import { describeBoxProblem } from '../../src/lib/boxes/messages.ts';
import { boxesInPixels } from '../../src/lib/boxes/find-turn.ts';
import { randomBytes } from 'node:crypto';
import { decodePng, encodePng } from '../support/png.ts';
import { askTestbed, openAsk, sse, textEvent } from './ask-support.ts';
import {
  BOXES,
  PICTURES,
  SHAPES,
  answerEnded,
  boxPlacement,
  boxReply,
  centreColour,
  find,
  generateRequests,
  givePicture,
  imageSize,
  near,
  type Body,
} from './ask-find-support.ts';

const bed = askTestbed();

/** The last generate request's body. */
const lastBody = () => generateRequests(bed.fake).at(-1)!.body as Body;

/** A page on Ask with the picture given and Gemini's boxes found for it. */
async function withBoxes(context: BrowserContext, kind: keyof typeof PICTURES) {
  const opened = await openAsk(context, bed.fake.url);
  await givePicture(opened.view, kind);
  bed.fake.queue(boxReply(JSON.stringify(BOXES)));
  await find(opened.view, bed.fake, 'the shapes');
  return opened;
}

/** Every box drawn within 1 CSS px of its place, over its own colour where it is on screen. */
async function expectBoxesInPlace(view: Locator): Promise<void> {
  await view.locator('ask-stage .viewport').scrollIntoViewIfNeeded();
  const { errors, colours } = await boxPlacement(view.page(), view);
  expect(Math.max(...errors)).toBeLessThanOrEqual(1);
  const seen = colours.filter((c, i) => c && near(c, SHAPES[i].colour));
  expect(seen.length, `box centres over their shapes: ${JSON.stringify(colours)}`).toBe(
    colours.filter(Boolean).length,
  );
  expect(seen.length).toBeGreaterThan(0);
}

describe('Ask: show me where', () => {
  it('Find asks for JSON boxes about the image, and draws them where Gemini put them at two zoom levels', async () => {
    bed.fake.reset();
    const context = await bed.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const { page, view, errors } = await withBoxes(context, 'png');

    // The request: JSON, the box schema, the whole image as Auto sends it, the find prompt.
    const body = lastBody();
    expect(body.generationConfig).toMatchObject({
      responseMimeType: 'application/json',
      responseSchema: JSON.parse(JSON.stringify(boxesGenerationConfig.responseSchema)),
    });
    const question = body.contents.at(-1)!;
    expect(question.role).toBe('user');
    expect(question.parts.at(-1)).toEqual({ text: findPrompt('the shapes') });
    const sent = question.parts.find((p) => p.inlineData)!.inlineData!;
    expect(await imageSize(page, sent)).toEqual({ width: 3072, height: 2304 });

    // A turn of the conversation: the question, the JSON answer; the boxes and their list.
    await expect.poll(() => view.getByText('Find: the shapes').count()).toBeGreaterThan(0);
    await expect
      .poll(() => view.getByRole('status', { name: 'What Find found' }).innerText())
      .toContain('3 boxes found for “the shapes”');
    const list = view.getByRole('list', { name: 'Found in the image' });
    expect(await list.getByRole('button').allInnerTexts()).toEqual(SHAPES.map((s) => s.label));

    await expectBoxesInPlace(view);
    await view.getByRole('button', { name: 'Zoom in' }).click();
    await view.getByRole('button', { name: 'Zoom in' }).click();
    await expectBoxesInPlace(view);
    const img = (await view.locator('ask-stage img').boundingBox())!;
    const frame = (await view.locator('ask-stage .viewport').boundingBox())!;
    expect(img.width).toBeGreaterThan(frame.width);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('"Ask about this" sends the box cut from the original 12 MP image with a 10 % margin', async () => {
    bed.fake.reset();
    const context = await bed.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const { page, view, errors } = await withBoxes(context, 'png');
    const tag = SHAPES[2];
    await view.getByRole('button', { name: `Box: ${tag.label}` }).click();
    await view.getByRole('button', { name: 'Ask about this' }).click();
    const chips = view.getByRole('list', { name: 'Images for this question' });
    await chips.getByText(`Part: ${tag.label}`).waitFor();
    // The whole image already went with Find: only the part goes with the question.
    expect(await chips.getByRole('listitem').count()).toBe(1);
    await expect
      .poll(() => view.getByLabel('Prompt').evaluate((e) => e.matches(':focus')))
      .toBe(true);

    await view.getByLabel('Prompt').fill('What does the tag say?');
    bed.fake.queue(boxReply('It is green.'));
    await view.getByRole('button', { name: 'Ask', exact: true }).click();
    await answerEnded(view, bed.fake, 2);
    const question = lastBody().contents.at(-1)!;
    const crop = question.parts.find((p) => p.inlineData)!.inlineData!;
    const { width, height } = PICTURES.png;
    const expected = cropRect(boxToRect(tag.box_2d, { width, height }), { width, height }, 0.1);
    expect(await imageSize(page, crop)).toEqual({
      width: expected.width,
      height: expected.height,
    });
    expect(near(await centreColour(page, crop), tag.colour, 8)).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('downloads the picture with its boxes drawn, and copies the boxes in pixels of the original', async () => {
    bed.fake.reset();
    const context = await bed.browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: new URL(inject('appURL')).origin,
    });
    const { page, view, errors } = await withBoxes(context, 'png');
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      view.getByRole('button', { name: 'Download annotated PNG' }).click(),
    ]);
    expect(file.suggestedFilename()).toBe('shapes-annotated.png');
    const png = decodePng(await readFile((await file.path())!));
    const size = { width: PICTURES.png.width, height: PICTURES.png.height };
    expect([png.width, png.height]).toEqual([size.width, size.height]);
    const rgb = (x: number, y: number) => {
      const i = (Math.round(y) * png.width + Math.round(x)) * 4;
      return [...png.data.subarray(i, i + 3)];
    };
    for (const shape of SHAPES) {
      const r = boxToRect(shape.box_2d, size);
      // The box's left and right edges, half-way down, are drawn in the box colour (amber)…
      expect(near(rgb(r.x, r.y + r.height / 2), [255, 179, 0], 12), shape.label).toBe(true);
      expect(near(rgb(r.x + r.width, r.y + r.height / 2), [255, 179, 0], 12)).toBe(true);
      // …and the shape inside is untouched.
      expect(near(rgb(r.x + r.width / 2, r.y + r.height / 2), shape.colour, 2)).toBe(true);
    }
    expect(rgb(20, 2990)).toEqual([240, 240, 240]);

    await view.getByRole('button', { name: 'Copy boxes as JSON' }).click();
    await view.getByText('Copied 3 boxes as JSON').waitFor();
    const copied = JSON.parse(await page.evaluate(() => navigator.clipboard.readText())) as unknown;
    expect(copied).toEqual(boxesInPixels(BOXES, size));
    expect(copied).toContainEqual({ label: 'red square', x: 400, y: 300, width: 800, height: 900 });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('draws every box in place on a 360 px phone, zoomed or not', async () => {
    bed.fake.reset();
    const context = await bed.browser.newContext({ viewport: { width: 360, height: 740 } });
    const { view, errors } = await withBoxes(context, 'png');
    await view.locator('ask-stage .viewport').scrollIntoViewIfNeeded();
    await expectBoxesInPlace(view);
    await view.locator('ask-stage .viewport').focus();
    await view.page().keyboard.press('+');
    await view.page().keyboard.press('+');
    await view.page().keyboard.press('ArrowLeft');
    await expectBoxesInPlace(view);
    expect(
      await view.page().evaluate(() => document.documentElement.scrollWidth),
    ).toBeLessThanOrEqual(360);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a JPEG stored sideways (EXIF 6): boxes over the picture as shown, and the crop as shown', async () => {
    bed.fake.reset();
    const context = await bed.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const { page, view, errors } = await withBoxes(context, 'exif');
    await expectBoxesInPlace(view);
    const red = SHAPES[0];
    await view
      .getByRole('list', { name: 'Found in the image' })
      .getByRole('button', { name: red.label })
      .click();
    await view.getByRole('button', { name: 'Ask about this' }).click();
    await view.getByText(`Part: ${red.label}`).waitFor();
    await view.getByLabel('Prompt').fill('What colour is it?');
    bed.fake.queue(boxReply('Red.'));
    await view.getByRole('button', { name: 'Ask', exact: true }).click();
    await answerEnded(view, bed.fake, 2);
    const crop = lastBody()
      .contents.at(-1)!
      .parts.find((p) => p.inlineData)!.inlineData!;
    const size = { width: PICTURES.exif.width, height: PICTURES.exif.height };
    const expected = cropRect(boxToRect(red.box_2d, size), size, 0.1);
    expect(await imageSize(page, crop)).toEqual({ width: expected.width, height: expected.height });
    expect(near(await centreColour(page, crop), red.colour, 24)).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('says what was wrong with an answer (not JSON, out of range, inverted), keeps it visible, draws the valid boxes', async () => {
    bed.fake.reset();
    const context = await bed.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const { view, errors } = await openAsk(context, bed.fake.url);
    await givePicture(view, 'png');
    const status = view.getByRole('status', { name: 'What Find found' });
    const boxButtons = view.getByRole('button', { name: /^Box: / });

    const prose = 'The red square is in the top-left corner.';
    bed.fake.queue(boxReply(prose));
    await find(view, bed.fake, 'squares');
    await expect.poll(() => status.innerText()).toContain(describeBoxProblem({ kind: 'not-json' }));
    await view.getByText(prose, { exact: true }).waitFor();
    expect(await boxButtons.count()).toBe(0);

    // Retry asks the same Find again, still for JSON boxes, in place of that answer.
    bed.fake.queue(boxReply(JSON.stringify(BOXES)));
    await view.getByRole('button', { name: 'Retry', exact: true }).click();
    await answerEnded(view, bed.fake, 2);
    expect(lastBody().generationConfig).toMatchObject({ responseMimeType: 'application/json' });
    expect(lastBody().contents.at(-1)!.parts.at(-1)).toEqual({ text: findPrompt('squares') });
    await expect.poll(() => status.innerText()).toContain('3 boxes found for “squares”');
    expect(await boxButtons.count()).toBe(3);

    const outside = [...BOXES.slice(0, 2), { label: 'beyond', box_2d: [100, 200, 1200, 400] }];
    bed.fake.queue(boxReply(JSON.stringify(outside)));
    await find(view, bed.fake, 'everything');
    await expect
      .poll(() => status.innerText())
      .toContain(describeBoxProblem({ kind: 'out-of-range', count: 1 }));
    expect(await boxButtons.count()).toBe(2);

    const inverted = [...BOXES.slice(1), { label: 'upside down', box_2d: [500, 500, 100, 900] }];
    bed.fake.queue(boxReply(JSON.stringify(inverted)));
    await find(view, bed.fake, 'more');
    await expect
      .poll(() => status.innerText())
      .toContain(describeBoxProblem({ kind: 'inverted', count: 1 }));
    expect(await boxButtons.allTextContents()).toHaveLength(2);
    await view.getByRole('button', { name: 'Box: green price tag' }).waitFor();
    // The raw answer stays in the conversation.
    await view
      .getByText(/"upside down"/)
      .first()
      .waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a Find too large with the earlier turns offers "New conversation with this image", which asks it alone, keeping what to find', async () => {
    bed.fake.reset();
    const context = await bed.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const { view, errors } = await openAsk(context, bed.fake.url);
    const image = view.getByLabel('Image', { exact: true });
    const facts = view.getByTestId('image-facts');
    // "Original": each file goes byte for byte, so what the request holds is known here.
    await view.getByRole('radio', { name: 'Original' }).check();

    // A first question with a 12 MB HEIC (sent as it is, 16 MB as base64), answered.
    await image.setInputFiles({ name: 'big.heic', mimeType: 'image/heic', buffer: heic(12e6) });
    await facts.filter({ hasText: 'big.heic' }).waitFor();
    await view.getByLabel('Prompt').fill('What is in this photo?');
    bed.fake.queue({ contentType: 'text/event-stream', body: sse(textEvent('A photo.', 'STOP')) });
    await view.getByRole('button', { name: 'Ask', exact: true }).click();
    await answerEnded(view, bed.fake, 1);

    // Then a Find about a PNG of noise: with the first turn over 20 MB, alone well under it.
    const png = noisePng(1300, 1150);
    const b64 = (bytes: number) => Math.ceil(bytes / 3) * 4;
    expect(b64(12e6) + b64(png.length)).toBeGreaterThan(20e6);
    expect(b64(png.length)).toBeLessThan(10e6);
    await image.setInputFiles({ name: 'noise.png', mimeType: 'image/png', buffer: png });
    await facts
      .filter({ hasText: 'noise.png' })
      .filter({ hasText: /\d+ × \d+ px/ })
      .waitFor();
    await view.getByLabel('What to find').fill('the shapes');
    await view.getByRole('button', { name: 'Find', exact: true }).click();

    // Nothing sent; said why, with the fresh start a question gets in the same case.
    const fresh = view.getByRole('button', { name: 'New conversation with this image' });
    await fresh.waitFor();
    await view
      .getByRole('alert')
      .filter({
        hasText:
          /^With the earlier turns, this request would be \d+\.\d MB, but Gemini accepts at most 20\.0 MB\. Start a new conversation with this image/,
      })
      .waitFor();
    expect(generateRequests(bed.fake)).toHaveLength(1);
    // The image not sent stays with the next question (it was dropped as if answered).
    const chips = view.getByRole('list', { name: 'Images for this question' });
    expect(await chips.getByRole('listitem').allInnerTexts()).toEqual([
      expect.stringContaining('noise.png'),
    ]);

    bed.fake.queue(boxReply(JSON.stringify(BOXES)));
    await fresh.click();
    await answerEnded(view, bed.fake, 2);
    // The Find alone, in a conversation of its own: the PNG, the find prompt, JSON boxes.
    const body = lastBody();
    expect(body.contents.map((c) => c.role)).toEqual(['user']);
    const parts = body.contents[0].parts;
    expect(parts.filter((p) => p.inlineData).map((p) => p.inlineData!.data)).toEqual([
      png.toString('base64'),
    ]);
    expect(parts.at(-1)).toEqual({ text: findPrompt('the shapes') });
    expect(body.generationConfig).toMatchObject({ responseMimeType: 'application/json' });
    // On screen: "What to find" as typed, the boxes found, the one question, no offer left.
    expect(await view.getByLabel('What to find').inputValue()).toBe('the shapes');
    // The boxes are drawn after the answer ends (a 16 MB conversation was just dropped): wait
    // for the words, as a person would, rather than for a second.
    await view
      .getByRole('status', { name: 'What Find found' })
      .filter({ hasText: '3 boxes found for “the shapes”' })
      .waitFor();
    const conversation = view.getByRole('list', { name: 'Conversation' });
    expect(await conversation.getByText(/^Find: /).allInnerTexts()).toEqual(['Find: the shapes']);
    expect(await conversation.getByText('What is in this photo?').count()).toBe(0);
    expect(await fresh.count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});

/** A HEIC file of `bytes` bytes: only its header is real (it is recognised by its bytes). */
function heic(bytes: number): Buffer {
  const file = Buffer.alloc(bytes);
  file.writeUInt32BE(24, 0);
  file.write('ftypheic', 4, 'latin1');
  file.write('mif1heic', 16, 'latin1');
  return file;
}

/** An opaque PNG of random colours: it cannot be compressed, so its size is about w × h × 3. */
function noisePng(width: number, height: number): Buffer {
  const data = new Uint8ClampedArray(randomBytes(width * height * 4));
  for (let i = 3; i < data.length; i += 4) data[i] = 255;
  return Buffer.from(encodePng({ width, height, data }));
}
