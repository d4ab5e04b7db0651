/**
 * Ask's image panel in Chromium while a second image is being prepared: until its plan is
 * ready the stage still shows the first image, so the line under it, "Ask about this" crops
 * and the panel's shownSource stay those of the first (src/ask/ask-image-panel.ts,
 * src/ask/ask-find-flow.ts). A line naming the new file with the old size, or a crop cut from
 * a picture not on screen, is what a person would see otherwise.
 */
import { afterEach, describe, expect, it } from 'vitest';
import '../../src/ask/ask-image-panel.ts';
import type { AskImagePanel, ImageSource } from '../../src/ask/ask-image-panel.ts';
import { cropChip } from '../../src/ask/ask-find-flow.ts';

/** A `width` × `height` PNG of one colour. */
async function png(name: string, width: number, height: number, colour: string) {
  const canvas = new OffscreenCanvas(width, height);
  const g = canvas.getContext('2d')!;
  g.fillStyle = colour;
  g.fillRect(0, 0, width, height);
  return { name, blob: await canvas.convertToBlob({ type: 'image/png' }) } as ImageSource;
}

/** The red, green and blue of a picture's top-left pixel. */
async function firstPixel(blob: Blob): Promise<number[]> {
  const bitmap = await createImageBitmap(blob);
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const g = canvas.getContext('2d')!;
  g.drawImage(bitmap, 0, 0);
  return [...g.getImageData(0, 0, 1, 1).data.slice(0, 3)];
}

/** The line under the stage, as shown. */
function factsLine(panel: AskImagePanel): string {
  const find = panel.shadowRoot?.querySelector('ask-find');
  return find?.shadowRoot?.querySelector('[data-testid="image-facts"]')?.textContent ?? '';
}

let panel: AskImagePanel;
afterEach(() => panel.remove());

describe('Ask image panel while a new image is prepared', () => {
  it('keeps the line, crops and shownSource of the image shown until the new one is ready', async () => {
    panel = document.createElement('ask-image-panel');
    document.body.append(panel);
    const red = await png('red.png', 200, 100, '#f00');
    const blue = await png('blue.png', 1600, 1200, '#00f');
    panel.source = red;
    await panel.ready();
    await panel.updateComplete;
    await expect.poll(() => factsLine(panel)).toMatch(/^red\.png: 200 × 100 px/);

    panel.source = blue;
    await panel.updateComplete;
    // Blue is still being decoded and planned: the stage shows red, and says so.
    expect(panel.shownSource).toBe(red);
    expect(factsLine(panel)).toMatch(/^red\.png: 200 × 100 px/);
    const crop = await cropChip(panel, {
      region: { x: 0, y: 0, width: 20, height: 20 },
      margin: 0,
    });
    if (typeof crop === 'string') throw new Error(crop);
    expect(await firstPixel(crop.source.blob)).toEqual([255, 0, 0]);

    await panel.ready();
    await panel.updateComplete;
    expect(panel.shownSource).toBe(blue);
    await expect.poll(() => factsLine(panel)).toMatch(/^blue\.png: 1600 × 1200 px/);
  });
});
