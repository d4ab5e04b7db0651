/**
 * The app's text reader (tesseract.js 7, LSTM engine, English `best_int` data) run in Node
 * from node_modules, with no network: the same engine and data the build ships in `ocr/`
 * (src/build/ocr-assets-plugin.ts), fed the picture as "Read text" prepares it.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import Tesseract from 'tesseract.js';
import { afterAll, beforeAll } from 'vitest';
import type { Pixels } from '../../../src/lib/reveal/index.ts';
import { prepareForOcr } from '../../../src/lib/ocr/prepare.ts';
import { picturesToRead } from '../../../src/lib/ocr/reading-order.ts';
import {
  bestReading,
  readingOf,
  readsEnough,
  type Reading,
} from '../../../src/lib/ocr/best-reading.ts';
import { encodePng } from '../../support/png.ts';

const require = createRequire(import.meta.url);

/** The folder holding `eng.traineddata.gz`, the data the build ships. */
const langPath = join(
  dirname(require.resolve('@tesseract.js-data/eng/package.json')),
  '4.0.0_best_int',
);

/** What "Read text" keeps of a list of pictures, and which picture (index) gave it. */
export interface BestReading extends Reading {
  /** Index, among the pictures read, of the one whose reading was kept; -1 when none found text. */
  picture: number;
  /** The readings made, in order, before the read stopped. */
  readings: Reading[];
}

/**
 * A started reader: `read` gives the words it sees, `recognize` also its confidence,
 * `readBest` reads pictures as "Read text" does, and `stop` ends its worker.
 */
export interface NodeReader {
  read(pixels: Pixels): Promise<string>;
  recognize(pixels: Pixels): Promise<Reading>;
  /**
   * Read the pictures in order as "Read text" does (src/platform/ocr.ts, reveal-text.ts): each
   * prepared for the reader, blank and speckled ones left out (`picturesToRead`), stopping
   * once one reads confidently enough (`readsEnough`), and keep {@link bestReading}. `picture`
   * is the index among the pictures read.
   */
  readBest(pictures: readonly Pixels[]): Promise<BestReading>;
  stop(): Promise<void>;
}

/** Start tesseract.js in Node with the local core and language data (no download, no cache). */
export async function startReader(): Promise<NodeReader> {
  const worker = await Tesseract.createWorker('eng', Tesseract.OEM.LSTM_ONLY, {
    langPath,
    gzip: true,
    cacheMethod: 'none',
  });
  const recognizePrepared = async (prepared: Pixels): Promise<Reading> => {
    const png = encodePng(prepared);
    // With the words, as the app asks for them (src/platform/ocr.ts).
    const { data } = await worker.recognize(Buffer.from(png), {}, { text: true, blocks: true });
    return readingOf(data);
  };
  const recognize = (pixels: Pixels) => recognizePrepared(prepareForOcr(pixels));
  return {
    async read(pixels) {
      const png = encodePng(prepareForOcr(pixels));
      const { data } = await worker.recognize(Buffer.from(png));
      return data.text;
    },
    recognize,
    async readBest(pictures) {
      const readings: Reading[] = [];
      for await (const prepared of picturesToRead(pictures)) {
        const reading = await recognizePrepared(prepared);
        readings.push(reading);
        if (readsEnough(reading)) break;
      }
      const best = bestReading(readings);
      return { ...best, picture: readings.indexOf(best), readings };
    },
    async stop() {
      await worker.terminate();
    },
  };
}

/**
 * One reader for the test file that calls this: started before its tests, stopped after them.
 * The object it returns reads through that reader.
 */
export function useReader(): NodeReader {
  let started: NodeReader | undefined;
  beforeAll(async () => {
    started = await startReader();
  }, 60_000);
  afterAll(async () => {
    await started?.stop();
  });
  const reader = (): NodeReader => {
    if (!started) throw new Error('the reader is started before the tests');
    return started;
  };
  return {
    read: (pixels) => reader().read(pixels),
    recognize: (pixels) => reader().recognize(pixels),
    readBest: (pictures) => reader().readBest(pictures),
    stop: () => reader().stop(),
  };
}

/** Upper-case words of letters only: what a person compares when checking a phrase. */
export function wordsOf(text: string): string[] {
  return text
    .toUpperCase()
    .split(/[^A-Z]+/)
    .filter((w) => w.length > 0);
}

/** Whether the text read is the phrase drawn, word for word (case and punctuation aside). */
export function readsAs(text: string, lines: readonly string[]): boolean {
  return wordsOf(text).join(' ') === wordsOf(lines.join(' ')).join(' ');
}
