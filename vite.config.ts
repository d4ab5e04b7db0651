/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { playwright } from '@vitest/browser-playwright';
import { chromiumArgs, chromiumPath } from './test/support/chromium.ts';
import { cspPlugin, parseOrigins } from './src/build/csp-plugin.ts';
import { splitPlugin, standaloneFile } from './src/build/split-plugin.ts';
import { ocrAssetsPlugin } from './src/build/ocr-assets-plugin.ts';

// Shown in the page footer, so a person (and the update test) can tell which deploy is open.
const buildId = process.env.GLIMPSE_BUILD_ID ?? new Date().toISOString().slice(0, 16);

// One build serves every case: a relative base so it works from `/`, from a sub-path and
// from `file://`; code-split ES modules over http(s), so the first view loads only what it
// needs; one classic script beside them for `file://`, because Chromium refuses module
// scripts from origin `null` (disk); a service worker that precaches the build for offline use.
export default defineConfig({
  base: './',
  build: {
    target: 'es2022',
    assetsInlineLimit: 0,
    // Vite's preload links and helper would be `crossorigin` loads, which fail from disk.
    modulePreload: false,
    rollupOptions: {
      output: {
        // Vite's dynamic-import helper in a chunk of its own: left in the entry chunk, every
        // lazily loaded chunk that itself imports lazily would import the entry, and so list
        // the entry's stylesheet as its dependency: a .css file the split plugin has inlined
        // into index.html and removed.
        manualChunks: (id) => (id.includes('vite/preload-helper') ? 'preload' : undefined),
      },
    },
  },
  define: { __BUILD_ID__: JSON.stringify(buildId) },
  // Classic (iife) workers: a module worker from a blob: URL fails to load under file://
  // (origin null), and the reveal worker is a single inlined bundle anyway.
  worker: { format: 'iife' },
  plugins: [
    // Writes the inline bootstrap and style, and builds the file:// script after the bundle.
    splitPlugin(),
    // After the split plugin (it hashes the inline code), before the PWA plugin precaches files.
    // GLIMPSE_CONNECT_SRC adds API origins, e.g. "https://my-proxy.example" (see README).
    cspPlugin({ connectSrc: parseOrigins(process.env.GLIMPSE_CONNECT_SRC) }),
    // "Read text": tesseract.js's worker, core and English data, served from the build itself.
    ocrAssetsPlugin(),
    VitePWA({
      registerType: 'prompt',
      // src/platform/service-worker.ts registers it, only in production over http(s).
      injectRegister: false,
      // globPatterns already covers the icons; listing them twice duplicates precache entries.
      includeManifestIcons: false,
      manifest: {
        name: 'Glimpse',
        short_name: 'Glimpse',
        description: 'Ask Gemini about an image; hide and reveal text in near-identical colours.',
        start_url: './',
        scope: './',
        display: 'standalone',
        background_color: '#ffffff',
        theme_color: '#1b5e20',
        // Made from public/favicon.svg by `npm run icons` (.ci/make-icons.ts): no CDN.
        icons: [
          { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          {
            src: 'icons/maskable-512.png',
            sizes: '512x512',
            type: 'image/png',
            purpose: 'maskable',
          },
        ],
      },
      workbox: {
        // The manifest is precached by the plugin itself; listing it here too would add it twice.
        // `gz`: the OCR language data (ocr/eng.traineddata.gz), so "Read text" works offline.
        globPatterns: ['**/*.{js,css,html,png,jpg,jpeg,webp,svg,ico,gz}'],
        // The OCR core (3.9 MB, its WebAssembly inlined) and language data (2.9 MB) are bigger
        // than Workbox's 2 MB default; "Ready to work offline" must wait for them too.
        maximumFileSizeToCacheInBytes: 5 * 1024 * 1024,
        // Only pages opened from disk load it, and they have no service worker.
        globIgnores: [standaloneFile],
        dontCacheBustURLsMatching: /^assets\//,
        // A navigation gets Glimpse only at Glimpse's own address. The precache answers it:
        // `./` (as `./index.html`) and `./index.html`, with any query string, wherever the
        // build is deployed. A navigate fallback would also answer every other path in the
        // worker's scope: at a root deploy, every page of the site. Its allowlist cannot
        // narrow that to the app, since a regex fixed at build time does not know whether
        // the app lives at `/` or `/tools/glimpse/`; and the app (hash routes) has no
        // other paths to fall back from. So none (the plugin's default is 'index.html').
        navigateFallback: null,
        ignoreURLParametersMatching: [/.*/],
        clientsClaim: true,
        cleanupOutdatedCaches: true,
      },
    }),
  ],
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/lib/**/*.test.ts'],
          environment: 'node',
          // The DOM-free files run two at a time, in a group of their own before the page
          // tests: they are pure computation with no timing checks, so they share the two
          // cores safely, and no timing-sensitive browser or e2e file ever runs beside them.
          maxWorkers: 2,
          sequence: { groupOrder: 0 },
          // Beside each other on busy cores, a file's tests run up to twice as slowly: Node's
          // text reader took over the 5 s default once in reading-order.test.ts (load 12).
          // A hang guard, not a speed check (speed lives in `npm run bench`).
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['test/components/**/*.test.ts'],
          // After the unit group; beside the e2e files (one file of each at a time), as before.
          sequence: { groupOrder: 1 },
          // The intake fuzz test's seed and file count (test/components/intake-fuzz.test.ts).
          provide: {
            fuzzSeed: process.env.GLIMPSE_FUZZ_SEED ?? '',
            fuzzCount: process.env.GLIMPSE_FUZZ_COUNT ?? '',
          },
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({
              launchOptions: { executablePath: chromiumPath, args: chromiumArgs },
            }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          sequence: { groupOrder: 1 },
          globalSetup: ['test/e2e/global-setup.ts'],
          // Polls wait for what a person would wait for; on two busy cores that can take a
          // few seconds, and a 1 s default made tests flaky under load.
          expect: { poll: { timeout: 15_000, interval: 100 } },
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
