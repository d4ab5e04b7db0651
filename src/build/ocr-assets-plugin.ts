/**
 * Build-time Vite plugin (never part of the page): puts tesseract.js's worker, its
 * WebAssembly core and the English language data into the build under {@link ocrDir}, so
 * "Read text" loads nothing from anywhere but the page's own origin (tesseract.js would
 * otherwise fetch all three from a CDN). The dev server serves the same files at the same
 * paths. Relative paths, so a sub-path deploy works; the service worker precaches them.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Plugin } from 'vite';

/** Folder of the OCR files in the build, relative to `index.html`. */
export const ocrDir = 'ocr';

const require = createRequire(import.meta.url);
const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));

/**
 * Build file name → file on disk. The page imports the ES build of tesseract.js itself,
 * which starts the worker. The cores are the LSTM-only builds (the engine Glimpse
 * uses; the legacy one would double the size), each with its WebAssembly inlined: the worker
 * runs from a blob: URL, where a core could not find a separate `.wasm` file. One core uses
 * SIMD (every current browser), the other is the fallback for browsers without it.
 * The language data is `best_int` (LSTM only, 2.9 MB rather than 11 MB).
 */
export function ocrFiles(): Record<string, string> {
  const tesseract = packageDir('tesseract.js');
  const core = packageDir('tesseract.js-core');
  const eng = packageDir('@tesseract.js-data/eng');
  return {
    'tesseract.esm.min.js': join(tesseract, 'dist', 'tesseract.esm.min.js'),
    'worker.min.js': join(tesseract, 'dist', 'worker.min.js'),
    'tesseract-core-simd-lstm.wasm.js': join(core, 'tesseract-core-simd-lstm.wasm.js'),
    'tesseract-core-lstm.wasm.js': join(core, 'tesseract-core-lstm.wasm.js'),
    'eng.traineddata.gz': join(eng, '4.0.0_best_int', 'eng.traineddata.gz'),
  };
}

/** The plugin: emits the files into the build and serves them in development. */
export function ocrAssetsPlugin(): Plugin {
  const files = ocrFiles();
  return {
    name: 'glimpse:ocr-assets',
    // The standalone build for file:// is a separate build without this plugin: from disk the
    // worker cannot load these files anyway.
    generateBundle() {
      for (const [name, path] of Object.entries(files)) {
        this.emitFile({ type: 'asset', fileName: `${ocrDir}/${name}`, source: readFileSync(path) });
      }
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const match = /\/ocr\/([^/?#]+)/.exec(req.url ?? '');
        const path = match && files[match[1]];
        if (!path) return next();
        res.setHeader(
          'Content-Type',
          match[1].endsWith('.js') ? 'text/javascript' : 'application/gzip',
        );
        res.end(readFileSync(path));
      });
    },
  };
}
