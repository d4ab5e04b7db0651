/**
 * "Read text": optical character recognition with tesseract.js, loaded when first used and
 * fed only from the build's own files (the `ocr/` folder, see src/build/ocr-assets-plugin.ts).
 * The service worker precaches those files, so after one visit this works with no network.
 */
import type Tesseract from 'tesseract.js';
import type { LoggerMessage, Worker } from 'tesseract.js';

/** What tesseract.js's ES build exports as its default: the package's API. */
type TesseractApi = typeof Tesseract;
import { ocrMessages } from '../lib/ocr/messages.ts';
import { OCR_ENOUGH, readingOf, readsEnough } from '../lib/ocr/best-reading.ts';
import { spawnedBy } from './spawned-workers.ts';

/** Where the work stands, for a progress bar. */
export interface OcrProgress {
  stage: 'loading' | 'reading';
  /** 0–1 within the stage. */
  fraction: number;
}

/** What the reader made of one picture. */
export interface OcrReading {
  text: string;
  /** Mean word confidence, 0–100. */
  confidence: number;
  /** Confidence of its least sure word, 0–100: the read stops only when it is high enough. */
  lowest: number;
}

/** A failure to say to the person as it is (its message is from the messages table). */
export class OcrError extends Error {
  override name = 'OcrError';
}

// A module that uses a SIMD instruction: it validates only where WebAssembly SIMD works
// (the same probe wasm-feature-detect uses). Validating compiles nothing.
const simdProbe = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15,
  253, 98, 11,
]);

/** The build's OCR files, as absolute URLs resolved against the page (works under a sub-path). */
function ocrPaths(): { workerPath: string; corePath: string; langPath: string } {
  const at = (file: string) => new URL(`ocr/${file}`, document.baseURI).href;
  const core = WebAssembly.validate(simdProbe)
    ? 'tesseract-core-simd-lstm.wasm.js'
    : 'tesseract-core-lstm.wasm.js';
  return { workerPath: at('worker.min.js'), corePath: at(core), langPath: at('') };
}

/** Progress of the job under way: tesseract reports through one logger per worker. */
let report: ((p: OcrProgress) => void) | undefined;

/** One start of the reader: the threads it started, and whether it has been ended. */
interface Start {
  /** The Web Workers tesseract.js constructed for it (one), known as soon as it made them. */
  threads: globalThis.Worker[];
  /** Ended (stopped, timed out or failed): its threads are terminated. */
  ended: boolean;
  /** Rejects when it is ended, so that a start ended midway settles instead of waiting on. */
  cut: { promise: Promise<never>; fail: (reason: unknown) => void };
}

/** The reader being started or running; undefined before the first read and after a stop. */
let current: { start: Start; worker: Promise<Worker> } | undefined;
/** The worker of {@link current} has started. */
let ready = false;

/** Loading steps in the order tesseract reports them, each a share of the loading bar. */
const loadSteps: Record<string, [number, number]> = {
  'loading tesseract core': [0, 0.6],
  'initializing tesseract': [0.6, 0.7],
  'loading language traineddata': [0.7, 0.95],
  'initializing api': [0.95, 1],
};

function onLog(m: LoggerMessage): void {
  if (m.status === 'recognizing text') {
    report?.({ stage: 'reading', fraction: m.progress });
    return;
  }
  const step = loadSteps[m.status];
  if (step) report?.({ stage: 'loading', fraction: step[0] + (step[1] - step[0]) * m.progress });
}

/** End a start: terminate its threads (tesseract's own terminate needs the worker it never gave). */
function end(start: Start): void {
  start.ended = true;
  start.cut.fail(new DOMException('The text reader was stopped.', 'AbortError'));
  for (const thread of start.threads) thread.terminate();
  if (current?.start === start) {
    current = undefined;
    ready = false;
  }
}

/**
 * The one worker, started on first use with English loaded. A start that fails ends whatever
 * it had started, so nothing keeps running and the next read starts clean.
 */
function worker(): Promise<Worker> {
  if (current) return current.worker;
  const start: Start = { threads: [], ended: false, cut: startFailure() };
  const started = (async () => {
    // tesseract.js (about 11 KB gzipped) comes with the first read, not with Reveal.
    // The package's own ES build (about 11 KB gzipped), copied into ocr/ with the rest and
    // loaded on the first read. Not bundled: a bundled dynamic import goes through Vite's
    // preload helper in the entry chunk, which then lists the entry's stylesheet (inlined by
    // the split build, so a 404) as a dependency of the Reveal view.
    const url = new URL('ocr/tesseract.esm.min.js', document.baseURI).href;
    const module = (await import(/* @vite-ignore */ url)) as { default: TesseractApi };
    const { createWorker, OEM } = module.default;
    // Stopped while tesseract.js was being imported: start nothing.
    if (start.ended) return start.cut.promise;
    // tesseract.js settles createWorker only when its first step fails: a language file that
    // cannot be fetched, or a failed initialisation, reaches the error handler alone and
    // leaves the promise pending (the person would watch the bar until the time limit).
    const failed = startFailure();
    // It hands over its Web Worker only once everything has loaded: note the worker as it is
    // constructed, so a failed or stopped start can still end it.
    const {
      result: created,
      workers,
      blobUrls,
    } = spawnedBy(() =>
      createWorker('eng', OEM.LSTM_ONLY, {
        ...ocrPaths(),
        // The service worker already keeps the language data; a second copy in IndexedDB
        // would only use space.
        cacheMethod: 'none',
        logger: onLog,
        errorHandler: failed.fail,
      }),
    );
    start.threads.push(...workers);
    const ready = Promise.race([created, failed.promise, start.cut.promise]);
    // tesseract.js starts its worker from a blob: URL that it never revokes. Once the start has
    // settled, the worker has loaded its script or been ended: let the URL go.
    const revoke = () => blobUrls.forEach((url) => URL.revokeObjectURL(url));
    ready.then(revoke, revoke);
    return ready;
  })().catch((err: unknown) => {
    const stopped = start.ended;
    end(start);
    if (!stopped) console.warn('The text reader failed to start.', err);
    throw new OcrError(ocrMessages.loadFailed);
  });
  current = { start, worker: started };
  return started;
}

/**
 * A promise that rejects when `fail` is first called; later calls (a failed read, whose own
 * promise rejects too) change nothing. Marked handled, so a failure after the start is no
 * unhandled rejection.
 */
function startFailure(): { promise: Promise<never>; fail: (reason: unknown) => void } {
  let fail: (reason: unknown) => void = () => undefined;
  const promise = new Promise<never>((_, reject) => {
    fail = reject;
  });
  promise.catch(() => undefined);
  return { promise, fail };
}

/**
 * Longest wait for the reader to start. A core that fails to compile (a policy without
 * 'wasm-unsafe-eval', a browser without WebAssembly) aborts inside the worker and never
 * answers; a slow phone compiles the core in well under this.
 */
export const OCR_LOAD_TIMEOUT_MS = 60_000;

/** The started worker, or a plain failure once {@link OCR_LOAD_TIMEOUT_MS} has passed. */
function withinLoadTime(started: Promise<Worker>): Promise<Worker> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      stop();
      reject(new OcrError(ocrMessages.loadFailed));
    }, OCR_LOAD_TIMEOUT_MS);
  });
  return Promise.race([started, late]).finally(() => clearTimeout(timer));
}

/** `work`, or its rejection as soon as `signal` aborts, whichever comes first. */
function orAbort<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/**
 * Stop the reader, started or still starting: an abandoned read cannot be stopped any other
 * way. Its threads end at once; the next read starts a new reader.
 */
function stop(): void {
  if (current) end(current.start);
}

/**
 * Read each image (PNG bytes, dark text on light) in turn, stopping early once one reads with
 * at least `enough` confidence. Aborting stops the worker; the next read starts a new one.
 */
export async function readImages(
  images: AsyncIterable<Blob> | Iterable<Blob>,
  onProgress: (p: OcrProgress) => void,
  signal: AbortSignal,
  enough = OCR_ENOUGH,
): Promise<OcrReading[]> {
  if (location.protocol === 'file:') throw new OcrError(ocrMessages.fromDisk);
  const onAbort = () => stop();
  signal.addEventListener('abort', onAbort);
  report = onProgress;
  try {
    // Once the reader is up, a read goes straight to "Reading text".
    if (!ready) onProgress({ stage: 'loading', fraction: 0 });
    const started = await orAbort(withinLoadTime(worker()), signal);
    // Stopping terminates the worker, which then never settles the job it was on: without
    // this the read, and the button waiting on it, would wait for ever.
    // With the words (`blocks`), whose least sure one decides whether the read goes on.
    const output = { text: true, blocks: true };
    const w = { recognize: (image: Blob) => orAbort(started.recognize(image, {}, output), signal) };
    ready = true;
    signal.throwIfAborted();
    // Loaded: from here the bar is the reading's, while the first picture is made too.
    onProgress({ stage: 'reading', fraction: 0 });
    const readings: OcrReading[] = [];
    for await (const image of images) {
      signal.throwIfAborted();
      onProgress({ stage: 'reading', fraction: 0 });
      const { data } = await w.recognize(image);
      signal.throwIfAborted();
      const reading = readingOf(data);
      readings.push(reading);
      if (readsEnough(reading, enough)) break;
    }
    return readings;
  } finally {
    signal.removeEventListener('abort', onAbort);
    report = undefined;
  }
}
