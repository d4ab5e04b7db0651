/**
 * Does "Read text" after Auto reveal read the phrase drawn? Issue 10's goal, measured with the
 * app's own reader: tesseract.js 7 with the English `best_int` data, run in Node from
 * node_modules (no network), fed the pictures "Read text" reads after Auto reveal (Auto's mask,
 * then `readingPictures`), each prepared as it prepares them, with its rule: stop at a
 * confident reading, keep the most confident (`readBest`, src/lib/ocr/best-reading.ts). It
 * reads as the phrase when the words read, upper-cased and with punctuation dropped, are the
 * phrase's words in order. The sweep also prints what Auto's mask alone reads.
 *
 * The corpus's 5 × 7 bitmap font is not always legible to the reader even as drawn (its K, W
 * and M at some sizes read as other letters), so every report also says how many of the drawn
 * masks themselves read: that is the ceiling.
 *
 * - A fixed set of JPEG cases (below) must each read as the phrase.
 * - The sweep: `GLIMPSE_READ_SEEDS` draws per family (default 2) from `GLIMPSE_READ_SEED`
 *   (default 1) with the tuning phrases, printed per family as how many read (drawn mask,
 *   Auto, plain cut at the midpoint). The full figures in the report came from
 *   `GLIMPSE_READ_SEEDS=12 npx vitest run --project unit test/lib/reveal/auto-reads.test.ts`.
 * - The held-out check: `GLIMPSE_READ_HELD_OUT` draws per family (default 2) from
 *   HELD_OUT_SEED with the held-out phrases, in the typeface; never tuned on.
 */
import { describe, expect, it } from 'vitest';
import { autoReveal, threshold, type Pixels } from '../../../src/lib/reveal/index.ts';
import { drawText, flat, paint, type Face, type TextMask } from './corpus.ts';
import { jpegRoundTrip } from './jpeg.ts';
import { readsAs, useReader, wordsOf, type BestReading } from './ocr-node.ts';
import { readingPictures } from '../../../src/lib/reveal/reading-pictures.ts';
import {
  HELD_OUT_SEED,
  drawsOf,
  envCount,
  families,
  heldOutPhrases,
  lessonColours,
  tuningPhrases,
  type Draw,
  type Glyphs,
} from './sweep.ts';
import type { Rgba } from '../../../src/lib/reveal/index.ts';

const reader = useReader();

/** What "Read text" reads after Auto reveal of `image`: Auto's mask, then the further pictures. */
function readAfterAuto(image: Pixels): Promise<BestReading> {
  const found = autoReveal(image);
  return reader.readBest([found.mask, ...readingPictures(image, found)]);
}

/** The drawn text as a mask: black text on white, as Auto draws it. */
function drawnMask(drawn: TextMask): Pixels {
  const data = new Uint8ClampedArray(drawn.width * drawn.height * 4);
  for (let i = 0; i < drawn.text.length; i++) {
    const v = drawn.text[i] ? 0 : 255;
    data.set([v, v, v, 255], i * 4);
  }
  return { width: drawn.width, height: drawn.height, data };
}

interface Case {
  name: string;
  lines: string[];
  scale: number;
  face: Face;
  background: Rgba;
  text: Rgba;
  quality: number;
  /** Canvas size: a margin that puts JPEG's 8 × 8 grid off the strokes' edges. */
  width: number;
  height: number;
}

/**
 * JPEG cases of issue 10 written out: the lesson's colours at quality 70–90 (the issue's own
 * case is quality 80), 12 px text, and one-channel differences of 6–10 levels. Before Auto
 * settled JPEG masks against the file's blocks (main at e10abaf), three of these six read as
 * the phrase; the drawn masks all do. The seventh, 12 px text, reads since "Read text"
 * enlarges small text (src/lib/ocr/prepare.ts).
 */
const cases: Case[] = [
  {
    name: "the lesson's colours, quality 80, 28 px (the issue's case)",
    lines: ['JPEG ARTEFACTS'],
    scale: 4,
    face: 'regular',
    background: lessonColours.background,
    text: lessonColours.text,
    quality: 80,
    width: 390,
    height: 90,
  },
  {
    name: "the lesson's colours, quality 70, 24 px bold",
    lines: ['HIDDEN TEXT', 'GLIMPSE'],
    scale: 24 / 7,
    face: 'bold',
    background: lessonColours.background,
    text: lessonColours.text,
    quality: 70,
    width: 261,
    height: 103,
  },
  {
    name: "the lesson's colours, quality 90, 12 px",
    lines: ['SECRET', 'MESSAGE HERE'],
    scale: 12 / 7,
    face: 'regular',
    background: lessonColours.background,
    text: lessonColours.text,
    quality: 90,
    width: 150,
    height: 60,
  },
  {
    name: 'green 8 levels darker, quality 75, 28 px',
    lines: ['SECRET', 'MESSAGE HERE'],
    scale: 4,
    face: 'regular',
    background: [90, 140, 200, 255],
    text: [90, 132, 200, 255],
    quality: 75,
    width: 310,
    height: 110,
  },
  {
    name: 'red 10 levels higher, quality 85, 24 px bold',
    lines: ['HIDDEN TEXT', 'GLIMPSE'],
    scale: 24 / 7,
    face: 'bold',
    background: [120, 160, 90, 255],
    text: [130, 160, 90, 255],
    quality: 85,
    width: 259,
    height: 101,
  },
  {
    name: 'blue 10 levels lower, quality 90, 28 px',
    lines: ['JPEG ARTEFACTS'],
    scale: 4,
    face: 'regular',
    background: [200, 180, 150, 255],
    text: [200, 180, 140, 255],
    quality: 90,
    width: 389,
    height: 91,
  },
  {
    // Failed before "Read text" enlarged small text (main at 9e2d606 read "BROWH").
    name: 'green 8 levels darker, quality 90, 12 px bold',
    lines: ['QUICK BROWN', 'FOX JUMPS'],
    scale: 12 / 7,
    face: 'bold',
    background: [90, 140, 200, 255],
    text: [90, 132, 200, 255],
    quality: 90,
    width: 150,
    height: 60,
  },
];

describe('Auto reveal after JPEG reads as the phrase drawn', () => {
  it.each(cases)(
    '$name',
    async (c) => {
      const drawn = drawText(c.lines, c.scale, c.width, c.height, c.face);
      const image = jpegRoundTrip(paint(drawn, flat(c.background), flat(c.text)), c.quality);
      // The check means something only if the drawn text itself reads.
      expect(wordsOf(await reader.read(drawnMask(drawn)))).toEqual(wordsOf(c.lines.join(' ')));
      const read = (await readAfterAuto(image)).text;
      expect(wordsOf(read)).toEqual(wordsOf(c.lines.join(' ')));
    },
    30_000,
  );
});

/**
 * Gaussian noise: draws of the tuning sweep (Arimo) whose Auto mask was handed to the reader as
 * it was, speckled and with broken strokes, and read "WIDDEN TEXT GLIMPSE", "QUICK BROWN LO
 * FOXJUMPS" and "HIDDEN TEXT GLIMESE". "Read text" now rounds a speckled mask at its strokes'
 * scale first (src/lib/ocr/prepare.ts), and they read.
 */
describe('Auto reveal under Gaussian noise reads as the phrase drawn', () => {
  const gaussian = families.find((f) => /^Gaussian/.test(f.name));
  it.each([1, 2, 7])(
    'tuning draw from seed %i, Arimo',
    async (seed) => {
      if (!gaussian) throw new Error('no Gaussian family in the sweep');
      const [d] = drawsOf(gaussian, seed, 1, tuningPhrases, 'font');
      expect(readsAs(await reader.read(drawnMask(d.drawn)), d.phrase)).toBe(true);
      const read = (await readAfterAuto(d.image)).text;
      expect(wordsOf(read), d.label).toEqual(wordsOf(d.phrase.join(' ')));
    },
    30_000,
  );
});

/**
 * The bitmap face in Auto's clean masks: tuning draws whose mask misread ("HIDDEN TERT
 * BLIMFSE", "QUICK BROWN FOU JUMPS", "QUICE BROLIM FOX JUMPS", "HIODEM TEXT GLIMPSE", "QUICK
 * EROLIM FOX JUMPS") and read since "Read text" reads last, when nothing read confidently, a
 * smoothed second look at the mask (src/lib/ocr/smooth-look.ts).
 */
describe("Auto reveal's clean mask of the bitmap face reads as the phrase drawn", () => {
  it.each([
    ["JPEG quality 70–95, the lesson's colours", 3],
    ["JPEG quality 70–95, the lesson's colours", 4],
    ['salt-and-pepper noise', 2],
    ['salt-and-pepper noise', 3],
    ['salt-and-pepper noise', 4],
  ])(
    '%s, tuning draw from seed %i',
    async (name, seed) => {
      const family = families.find((f) => f.name.startsWith(name));
      if (!family) throw new Error(`no family "${name}" in the sweep`);
      const [d] = drawsOf(family, seed, 1, tuningPhrases, 'bitmap');
      const read = (await readAfterAuto(d.image)).text;
      expect(wordsOf(read), d.label).toEqual(wordsOf(d.phrase.join(' ')));
    },
    30_000,
  );
});

/**
 * A confident reading with one misread word: Auto's mask of this draw reads "SECRET MESSAGE
 * MERE" at a mean of 91, its MERE at 84, and the read stopped there. A reading now ends the
 * read only when its least sure word is within `OCR_WORD_SLACK` of the bar too
 * (src/lib/ocr/best-reading.ts), so the further pictures are read, and the smoothed second look
 * reads the phrase at 95.
 */
describe('Read text reads on past a confident reading with one word misread', () => {
  it("12 px in the lesson's colours after JPEG, tuning draw from seed 17, Arimo", async () => {
    const family = families.find((f) => f.name.startsWith("text 12 px tall, the lesson's"));
    if (!family) throw new Error('no 12 px lesson-colours family in the sweep');
    const [d] = drawsOf(family, 17, 1, tuningPhrases, 'font');
    const best = await readAfterAuto(d.image);
    expect(wordsOf(best.readings[0]?.text ?? ''), 'what the first picture reads').toEqual([
      'SECRET',
      'MESSAGE',
      'MERE',
    ]);
    expect(wordsOf(best.text), d.label).toEqual(wordsOf(d.phrase.join(' ')));
  }, 30_000);
});

/**
 * Families where "Read text" after Auto reveal, drawn in a real typeface, reads as the phrase
 * whenever the drawn text does (12 tuning draws from seed 1, every one): the goal of issue 10,
 * held here.
 */
const readsEveryDraw = new Set([
  "JPEG quality 70–95, the lesson's colours",
  'text 12 px tall, a one-channel difference of 1–3',
  'salt-and-pepper noise on 1–5 % of pixels, a one-channel difference of 4–12',
]);

/**
 * How many draws read as the phrase: the drawn mask, "Read text" after Auto reveal (`auto`),
 * Auto's mask alone (the first picture read) and the plain cut's.
 */
async function readCounts(draws: readonly Draw[]) {
  let drawn = 0;
  let auto = 0;
  let maskAlone = 0;
  let plain = 0;
  const misread: string[] = [];
  for (const d of draws) {
    if (readsAs(await reader.read(drawnMask(d.drawn)), d.phrase)) drawn++;
    const best = await readAfterAuto(d.image);
    if (readsAs(best.readings[0]?.text ?? '', d.phrase)) maskAlone++;
    const kept = `picture ${best.picture} of ${best.readings.length} read, confidence ${Math.round(best.confidence)}`;
    if (readsAs(best.text, d.phrase)) auto++;
    else misread.push(`${d.label}: "${wordsOf(best.text).join(' ')}" (${kept})`);
    if (readsAs(await reader.read(threshold(d.image, d.plainCut)), d.phrase)) plain++;
  }
  const lines = misread.map((m) => `\n  Read text after Auto misread ${m}`).join('');
  return { drawn, auto, maskAlone, plain, lines };
}

describe.each<Glyphs>(['font', 'bitmap'])(
  'the corpus read back, %s glyphs (a sweep; small by default)',
  (glyphs) => {
    const count = envCount('GLIMPSE_READ_SEEDS', 2);
    const seed = envCount('GLIMPSE_READ_SEED', 1);
    it.each(families.map((f) => [f.name, f] as const))(
      '%s',
      async (name, family) => {
        const r = await readCounts(drawsOf(family, seed, count, tuningPhrases, glyphs));
        console.log(
          `Reads as the phrase, ${glyphs} glyphs, ${name}: ${count} draws from seed ${seed}: ` +
            `drawn mask ${r.drawn}, Auto ${r.auto} (Auto's mask alone ${r.maskAlone}), ` +
            `plain cut at the midpoint ${r.plain}${r.lines}`,
        );
        // The plain cut is told the channel and both colours; Auto finds them, and must read
        // at least as often, up to the drawn text's own count: "Read text" rounds a speckled
        // mask, which can make a dotty plain cut of the blocky bitmap face read better than
        // the face as drawn (salt and pepper, 12 draws: plain 9, drawn 7, Auto 7).
        expect(r.auto).toBeGreaterThanOrEqual(Math.min(r.plain, r.drawn));
        // Where issue 10's goal is reached, Auto reads every draw whose drawn text reads.
        if (glyphs === 'font' && readsEveryDraw.has(name)) expect(r.auto).toBe(r.drawn);
      },
      30_000 + count * 6_000,
    );
  },
);

/*
 * The held-out check of reading: seeds from HELD_OUT_SEED with phrases the tuning draws never
 * use, in the typeface. Nothing is tuned on it; it prints its counts, and Auto must read at
 * least as often as the plain cut here too.
 */
describe('the corpus read back, font glyphs, held out (never tuned on)', () => {
  const count = envCount('GLIMPSE_READ_HELD_OUT', 2);
  it.each(families.map((f) => [f.name, f] as const))(
    '%s',
    async (name, family) => {
      const r = await readCounts(drawsOf(family, HELD_OUT_SEED, count, heldOutPhrases, 'font'));
      console.log(
        `Reads as the phrase, held out, font glyphs, ${name}: ${count} draws: ` +
          `drawn mask ${r.drawn}, Auto ${r.auto} (Auto's mask alone ${r.maskAlone}), ` +
          `plain cut at the midpoint ${r.plain}${r.lines}`,
      );
      expect(r.auto).toBeGreaterThanOrEqual(r.plain);
    },
    30_000 + count * 6_000,
  );
});
