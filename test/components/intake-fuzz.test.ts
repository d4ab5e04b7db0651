/**
 * Bad input, in bulk: a seeded corpus of mutated images (test/lib/image/fuzz-corpus.ts) run
 * through the one intake in Chromium, by both of its decoders (Reveal's exact pixels, Ask's
 * upload worker) and through the Reveal view itself. Every file must end within 2 s with a
 * picture or a plain message (an ImageError, never a raw TypeError or DOMException), nothing
 * may throw unhandled, and the view must keep showing the previous image.
 *
 * GLIMPSE_FUZZ_SEED and GLIMPSE_FUZZ_COUNT choose the corpus (default seed 1, 1,000 files).
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import '../../src/reveal/reveal-view.ts';
import type { RevealView } from '../../src/reveal/reveal-view.ts';
import { ImageError } from '../../src/lib/image/errors.ts';
import type { Pixels } from '../../src/lib/reveal/types.ts';
import { decodeImage } from '../../src/platform/canvas.ts';
import { planUpload, releaseUpload, stopUploadWorker } from '../../src/platform/upload.ts';
import { bmp24, fuzzCorpus, type FuzzBase, type FuzzFile } from '../lib/image/fuzz-corpus.ts';
import { blobBytes, halves, jpegOf, twoColourGif, withExif } from './upload-helpers.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    fuzzSeed: string;
    fuzzCount: string;
  }
}

const SEED = Number(inject('fuzzSeed') || 1);
const COUNT = Number(inject('fuzzCount') || 1000);
/** The most one file may take, whatever it holds. */
const BUDGET_MS = 2000;

/** The small valid images the corpus mutates. */
async function bases(): Promise<FuzzBase[]> {
  const canvas = halves(24, 16);
  const translucent = halves(16, 16);
  const ctx = translucent.getContext('2d')!;
  ctx.clearRect(0, 0, 8, 8);
  const encode = async (c: OffscreenCanvas, type: string) =>
    blobBytes(await c.convertToBlob({ type, quality: 0.8 }));
  return [
    { kind: 'png', bytes: await encode(canvas, 'image/png') },
    { kind: 'png', bytes: await encode(translucent, 'image/png') },
    { kind: 'jpeg', bytes: await jpegOf(canvas) },
    { kind: 'jpeg', bytes: withExif(await jpegOf(canvas), 6, true) },
    { kind: 'webp', bytes: await encode(canvas, 'image/webp') },
    { kind: 'gif', bytes: twoColourGif(16, 8) },
    { kind: 'bmp', bytes: bmp24(12, 6) },
  ];
}

/** Settle `work` within the budget, or say which file ran over. */
async function withinBudget<T>(file: FuzzFile, what: string, work: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what} of ${file.name} took over ${BUDGET_MS} ms`)),
      BUDGET_MS,
    );
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** A message a person can read: a sentence or two, no code words. */
function expectPlain(message: string, file: FuzzFile): void {
  expect(message, file.name).toMatch(/^[A-Z][^]{10,300}[.)]$/);
  expect(message, file.name).not.toMatch(/undefined|NaN|null|\bat \w+ \(|Error:|DOMException/);
}

/** The outcome of a file through one path: a picture's size, or an ImageError's code. */
async function outcome(
  file: FuzzFile,
  what: string,
  run: () => Promise<{ width: number; height: number }>,
) {
  try {
    const got = await withinBudget(file, what, run());
    expect(got.width * got.height, file.name).toBeGreaterThan(0);
    return 'picture';
  } catch (error) {
    if (error instanceof Error && /took over/.test(error.message)) throw error;
    expect(error, `${what} of ${file.name}: ${String(error)}`).toBeInstanceOf(ImageError);
    expectPlain((error as Error).message, file);
    return (error as ImageError).code;
  }
}

const unhandled: unknown[] = [];
const onError = (e: ErrorEvent) => unhandled.push(e.error ?? e.message);
const onRejection = (e: PromiseRejectionEvent) => unhandled.push(e.reason);

beforeAll(() => {
  addEventListener('error', onError);
  addEventListener('unhandledrejection', onRejection);
});

afterAll(() => {
  removeEventListener('error', onError);
  removeEventListener('unhandledrejection', onRejection);
  stopUploadWorker();
});

describe(`intake fuzz: ${COUNT} files from seed ${SEED}`, () => {
  it('ends every file within 2 s with a picture or a plain message, on both decoders', async () => {
    const files = fuzzCorpus(await bases(), SEED, COUNT);
    expect(files.length).toBeGreaterThanOrEqual(Math.min(COUNT, 1000));
    const tally = new Map<string, number>();
    const started = performance.now();
    for (const file of files) {
      const blob = new File([file.bytes], file.name, { type: file.type });
      const reveal = await outcome(file, 'Reveal', () => decodeImage(blob));
      const ask = await outcome(file, 'Ask', async () => {
        const plan = await planUpload(blob, 'auto');
        releaseUpload(plan);
        return plan.width ? plan : { width: 1, height: 1 }; // HEIC-like: sent without a size
      });
      // One intake: both paths refuse the same files before decoding, for the same reason.
      if (reveal !== 'picture' && reveal !== 'undecodable') expect(ask, file.name).toBe(reveal);
      const key = `${file.mutation}: ${reveal}`;
      tally.set(key, (tally.get(key) ?? 0) + 1);
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.info(`${files.length} files in ${seconds} s:`, Object.fromEntries(tally));
    // The corpus is not all refusals: some mutants still decode, and every mutation ran.
    expect([...tally.keys()].some((k) => k.endsWith('picture'))).toBe(true);
    expect(unhandled).toEqual([]);
  }, 600_000);

  it('the Reveal view keeps the previous image for every file it refuses', async () => {
    const files = fuzzCorpus(await bases(), SEED, COUNT);
    const view = document.createElement('reveal-view') as RevealView;
    document.body.append(view);
    const root = view.shadowRoot!;
    const status = () => root.querySelector('[role=status]')?.textContent?.trim() ?? '';
    const alert = () => root.querySelector('[role=alert]')?.textContent?.trim() ?? '';
    // The image the view holds: the canvas is sized from it (what it paints may be a preview
    // or a later full-resolution pass of the same image).
    const held = () =>
      (root.querySelector('reveal-canvas') as (Element & { displaySize?: Pixels }) | null)
        ?.displaySize;
    /** Hand a file over and wait until the view has finished reading it. */
    const load = async (file: FuzzFile) => {
      const blob = new File([file.bytes], file.name, { type: file.type });
      view.receive({ target: 'reveal', image: blob, name: file.name });
      await view.updateComplete;
      await withinBudget(
        file,
        'The Reveal view',
        (async () => {
          while (status().startsWith(`Reading ${file.name}`)) {
            await new Promise((resolve) => setTimeout(resolve, 2));
            await view.updateComplete;
          }
        })(),
      );
    };
    // Every file, on top of a good image (or the last mutant that still decoded).
    const first = await bases();
    await load({
      name: 'good.png',
      type: 'image/png',
      bytes: first[0].bytes as Uint8Array<ArrayBuffer>,
      mutation: 'junk',
    });
    expect(status()).toMatch(/^good\.png: 24 × 16 pixels\.$/);
    for (const file of files) {
      const before = held();
      await load(file);
      // Compared as booleans: a failed toBe on a 17 MB image would spend minutes on its diff.
      if (status().startsWith(`${file.name}:`)) {
        expect(alert(), file.name).toBe('');
        expect(held() !== before, `${file.name} shown`).toBe(true);
      } else {
        expectPlain(alert(), file);
        expect(status(), file.name).toMatch(/^Still showing /);
        expect(held() === before, `${file.name}: previous image kept`).toBe(true);
      }
    }
    view.remove();
    expect(unhandled).toEqual([]);
  }, 600_000);
});
