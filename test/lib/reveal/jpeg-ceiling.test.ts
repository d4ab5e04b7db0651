/**
 * The honest ceiling of "JPEG quality 70–95, a one-channel difference of 6–12": which draws
 * still hold their letters after the codec, so that the target for that family is those draws
 * and not all of them.
 *
 * JPEG keeps each 8 × 8 block's luma and each 16 × 16 macroblock's two chroma planes (at half
 * resolution) as DCT coefficients rounded to a step per frequency. A difference of a few levels
 * in one channel is small in luma (blue 6 is 0.7 of a level), so at quality 70–76 every AC
 * coefficient of a block can round to zero: the block keeps its mean colour and nothing of the
 * letter's shape. No reader can get back what the file does not hold.
 *
 * Per draw, the drawn text is put back at the resolution the file kept: in full in each 8 × 8
 * luma block with any AC coefficient left (above the decoder's rounding), as 2 × 2 averages
 * where only the macroblock's chroma kept one, and as the 8 × 8 block's mean where neither did.
 * That is generous (wherever any detail survived it hands back the drawn letters, not the
 * codec's blur of them), so a draw whose picture does not read as the phrase is beyond the
 * reader, and one whose text macroblocks all kept only their means is beyond any reader; the
 * draws that read are the family's target ("readable after the codec"). The print-out says
 * which, and why; Auto must never read a draw the generous picture does not (else the bound
 * would not be one).
 */
import { describe, expect, it } from 'vitest';
import { autoReveal, type Pixels } from '../../../src/lib/reveal/index.ts';
import {
  blockOfPlanes,
  forwardDct,
  macroblockPlanes,
} from '../../../src/lib/reveal/jpeg-tables.ts';
import { readsAs, useReader, wordsOf } from './ocr-node.ts';
import {
  HELD_OUT_SEED,
  drawsOf,
  envCount,
  families,
  heldOutPhrases,
  tuningPhrases,
  type Draw,
} from './sweep.ts';

const reader = useReader();

/**
 * Least AC coefficient (levels) counted as kept by the file: the decoder's rounding to whole
 * levels moves a zero coefficient by up to about 1.5 (as jpeg-tables.ts counts nonzero ones).
 */
const KEPT = 2.5;

/** What the file kept of one draw's text. */
interface Kept {
  /** The drawn text's coverage at the resolution the file kept (0–1 per pixel). */
  picture: Float32Array;
  /** Whole macroblocks with drawn text in them. */
  textBlocks: number;
  /** Of those, how many kept an AC coefficient in some luma block; in chroma only; in none. */
  luma: number;
  chromaOnly: number;
  none: number;
}

/** Mean of `values` over the s × s square at (x0, y0) of a `width`-wide image. */
function meanOf(values: Float32Array, width: number, x0: number, y0: number, s: number): number {
  let sum = 0;
  for (let y = 0; y < s; y++) for (let x = 0; x < s; x++) sum += values[(y0 + y) * width + x0 + x];
  return sum / (s * s);
}

/** Whether each of the six blocks (four luma, Cb, Cr) of the macroblock kept any AC. */
function keptBlocks(image: Pixels, mx: number, my: number): boolean[] {
  const y = new Float64Array(256);
  const cb = new Float64Array(64);
  const cr = new Float64Array(64);
  const block = new Float64Array(64);
  const coef = new Float64Array(64);
  // The background is flat, so it adds to DC alone: the AC coefficients are the text's.
  macroblockPlanes(image, mx, my, y, cb, cr);
  return [0, 1, 2, 3, 4, 5].map((b) => {
    blockOfPlanes(b, y, cb, cr, block);
    forwardDct(block, coef);
    for (let k = 1; k < 64; k++) if (Math.abs(coef[k]) > KEPT) return true;
    return false;
  });
}

/** The drawn text at the resolution the file kept (see the module comment). */
function keptOf(d: Draw): Kept {
  const { image, drawn } = d;
  const { width, height } = image;
  const cover = drawn.coverage ?? Float32Array.from(drawn.text);
  // Pixels of partial macroblocks at the right and bottom edges stay blank (no text is there).
  const picture = new Float32Array(width * height);
  let textBlocks = 0;
  let luma = 0;
  let chromaOnly = 0;
  for (let my = 0; my + 16 <= height; my += 16) {
    for (let mx = 0; mx + 16 <= width; mx += 16) {
      const kept = keptBlocks(image, mx, my);
      const chroma = kept[4] || kept[5];
      if (hasText(d, mx, my)) {
        textBlocks++;
        if (kept.slice(0, 4).some(Boolean)) luma++;
        else if (chroma) chromaOnly++;
      }
      for (let b = 0; b < 4; b++) {
        const bx = mx + (b & 1) * 8;
        const by = my + (b >> 1) * 8;
        const mean = meanOf(cover, width, bx, by, 8);
        for (let y = 0; y < 8; y += 2) {
          for (let x = 0; x < 8; x += 2) {
            const quarter = meanOf(cover, width, bx + x, by + y, 2);
            for (let j = 0; j < 4; j++) {
              const i = (by + y + (j >> 1)) * width + bx + x + (j & 1);
              picture[i] = kept[b] ? cover[i] : chroma ? quarter : mean;
            }
          }
        }
      }
    }
  }
  return { picture, textBlocks, luma, chromaOnly, none: textBlocks - luma - chromaOnly };
}

/** Whether the drawn text covers any pixel of the macroblock at (mx, my). */
function hasText(d: Draw, mx: number, my: number): boolean {
  const { width } = d.image;
  for (let i = 0; i < 256; i++)
    if (d.drawn.text[(my + (i >> 4)) * width + mx + (i & 15)]) return true;
  return false;
}

/** Coverage as a picture, black text on white: grey, or cut at a half. */
function pictureOf(width: number, height: number, share: Float32Array, cut: boolean): Pixels {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0, p = 0; i < share.length; i++, p += 4) {
    const s = cut ? (share[i] >= 0.5 ? 1 : 0) : share[i];
    data[p] = data[p + 1] = data[p + 2] = 255 * (1 - s);
    data[p + 3] = 255;
  }
  return { width, height, data };
}

const family = families.find(
  (f) => f.name === 'JPEG quality 70–95, a one-channel difference of 6–12',
);

describe.each([
  ['tuning', 1, 'GLIMPSE_READ_SEEDS', tuningPhrases],
  ['held out (never tuned on)', HELD_OUT_SEED, 'GLIMPSE_READ_HELD_OUT', heldOutPhrases],
] as const)(
  'JPEG, one channel: what the codec leaves of the letters, %s',
  (part, seed, env, phrases) => {
    const count = envCount(env, 2);
    it(
      `${count} draws, font glyphs`,
      async () => {
        if (!family) throw new Error('no one-channel JPEG family in the sweep');
        let readable = 0;
        let auto = 0;
        const lines: string[] = [];
        for (const [n, d] of drawsOf(family, seed, count, phrases, 'font').entries()) {
          const { width, height } = d.image;
          const k = keptOf(d);
          // Read both ways: grey as the file left it, and cut at a half as a mask is.
          const grey = await reader.recognize(pictureOf(width, height, k.picture, false));
          const cut = await reader.recognize(pictureOf(width, height, k.picture, true));
          const survives = readsAs(grey.text, d.phrase) || readsAs(cut.text, d.phrase);
          const reads = readsAs((await reader.recognize(autoReveal(d.image).mask)).text, d.phrase);
          const status = survives
            ? 'letters survive'
            : k.none === k.textBlocks
              ? 'only block means: beyond any reader'
              : `unreadable even as drawn where detail was kept ("${wordsOf(cut.text).join(' ')}")`;
          if (survives) readable++;
          if (reads) auto++;
          lines.push(
            `\n  ${n + 1}. ${d.label}: of ${k.textBlocks} text macroblocks, ${k.luma} kept luma detail, ` +
              `${k.chromaOnly} chroma only, ${k.none} only their means; ` +
              status +
              `; Auto ${reads ? 'reads' : 'misreads'}`,
          );
          // The bound is one only if Auto never reads past it.
          expect(reads && !survives, `Auto read past the bound: ${d.label}`).toBe(false);
        }
        console.log(
          `JPEG, one channel, ${part}, ${count} draws: readable after the codec ${readable}, ` +
            `Auto reads ${auto}${lines.join('')}`,
        );
      },
      30_000 + count * 6_000,
    );
  },
);
