/**
 * `npm run mutants`: plants each of issue 12's five bugs (rows 1–5) and the bugs of sessions
 * 7's to 11's planted-bug sweeps that had escaped every test until a test was written for them
 * (rows 6–18, 19–27, 28–40, 41–51 and 52 on), one at a time, in a temporary copy of this
 * working tree, runs only the test files that should catch it, and prints a table bug →
 * caught / escaped.
 * Exits non-zero when any bug escapes or any mutation cannot be applied. Not part of `npm test`:
 * it takes minutes (it builds the app for the e2e check).
 *
 * Each mutation is a search/replace rule in MUTANTS below. A rule whose search text is not
 * found in the file is an ERROR, never "caught": when the code changes, adjust the rule.
 * Before planting, the same tests run once on the unchanged copy; if they fail there, a
 * failure with the bug proves nothing and the row is an ERROR too.
 *
 * Options: `--only 1,4` runs some rows; `--keep` keeps the temporary copy and its logs.
 */
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/** One planted bug and the tests that must catch it. */
interface Mutant {
  id: number;
  bug: string;
  /** File to change, relative to the project root. */
  file: string;
  /** Exact text to find (it must occur exactly once) … */
  search: string;
  /** … and what to put in its place. */
  replace: string;
  /** Vitest runs that must fail: project, files, and optionally a test-name filter. */
  runs: { project: 'unit' | 'browser' | 'e2e'; files: string[]; name?: string }[];
  /** Words the failure output must contain for the failure to name the bug. */
  names: RegExp;
}

// Bugs 2 and 3 plant themselves in the sanitiser config of src/platform/markdown.ts
// (FORBID_TAGS / FORBID_ATTR): adjust their search text here if that config changes shape.
const MUTANTS: Mutant[] = [
  {
    id: 1,
    bug: 'the key in the URL of the one-shot request',
    file: 'src/lib/gemini/stream.ts',
    search: "const url = modelUrl(settings, 'generateContent');",
    replace: "const url = `${modelUrl(settings, 'generateContent')}?key=${settings.apiKey}`;",
    runs: [
      {
        project: 'unit',
        files: ['test/lib/gemini/urls.test.ts', 'test/lib/gemini/unary.test.ts'],
      },
    ],
    names: /leaked into the URL|carries a query/,
  },
  {
    id: 2,
    bug: '`style` removed from the sanitiser’s forbidden attributes',
    file: 'src/platform/markdown.ts',
    search: "FORBID_ATTR: ['style', ",
    replace: 'FORBID_ATTR: [',
    runs: [{ project: 'browser', files: ['test/components/markdown.test.ts'] }],
    names: /style/,
  },
  {
    id: 3,
    bug: 'form, input, button, textarea and select allowed by the sanitiser',
    file: 'src/platform/markdown.ts',
    search: 'FORBID_TAGS: [...MEDIA_TAGS, ...FORM_TAGS, ',
    replace: 'FORBID_TAGS: [...MEDIA_TAGS, ',
    runs: [{ project: 'browser', files: ['test/components/markdown.test.ts'] }],
    names: /form|input|button|textarea|select/,
  },
  {
    id: 4,
    bug: 'EXIF byte order ignored',
    file: 'src/lib/image/metadata.ts',
    search: "const le = ascii(b, tiff, 2) === 'II';",
    replace: 'const le = false;',
    runs: [
      { project: 'unit', files: ['test/lib/image/metadata.test.ts'] },
      { project: 'browser', files: ['test/components/exif-orientation.test.ts'] },
    ],
    names: /byte order/,
  },
  {
    id: 5,
    bug: '`retryDelay` ignored (always wait 1 s)',
    file: 'src/lib/gemini/retry.ts',
    search:
      "if (error.kind === 'rate-limited') return error.retryAfterMs ?? DEFAULT_RATE_LIMIT_DELAY_MS;",
    replace: "if (error.kind === 'rate-limited') return 1000;",
    runs: [{ project: 'e2e', files: ['test/e2e/ask-failures.test.ts'], name: '429' }],
    names: /retryDelay \(3 s\) was ignored/,
  },
  // Rows 6 on: session 7's sweep over the code of the two sessions before (unit and browser
  // tests only, so they take seconds each).
  {
    id: 6,
    bug: "Read text reads Auto's mask of an image no longer open (guard after the mask dropped)",
    file: 'src/lib/reveal/reading-candidates.ts',
    search:
      'const mask = await from.autoMask(signal).catch(() => undefined);\n        if (over()) return;',
    replace: 'const mask = await from.autoMask(signal).catch(() => undefined);',
    runs: [{ project: 'unit', files: ['test/lib/reveal/reading-candidates.test.ts'] }],
    names: /still being made when (another image was opened|the read was stopped)/,
  },
  {
    id: 7,
    bug: 'Read text ends when Auto reveal fails, instead of reading the further pictures',
    file: 'src/lib/reveal/reading-candidates.ts',
    search: 'from.autoMask(signal).catch(() => undefined)',
    replace: 'from.autoMask(signal)',
    runs: [{ project: 'unit', files: ['test/lib/reveal/reading-candidates.test.ts'] }],
    names: /fails to be found/,
  },
  {
    id: 8,
    bug: "Read text's bar: loading's share not given in full once reading begins",
    file: 'src/lib/ocr/read-progress.ts',
    search: "Math.max(bar.value, bar.stage === 'loading' ? LOAD_SHARE : 0)",
    replace: 'bar.value',
    runs: [{ project: 'unit', files: ['test/lib/ocr/read-progress.test.ts'] }],
    names: /loading its whole share/,
  },
  {
    id: 9,
    bug: 'smooth second look also taken at 32 px capitals (edge off by one)',
    file: 'src/lib/ocr/smooth-look.ts',
    search: 'tall >= SMOOTH_LOOK_HEIGHT',
    replace: 'tall > SMOOTH_LOOK_HEIGHT',
    runs: [{ project: 'unit', files: ['test/lib/ocr/smooth-look.test.ts'] }],
    names: /none at 19 or 32/,
  },
  {
    id: 10,
    bug: 'a dense page of letters and dots left out as speckle (per-letter ratio dropped)',
    file: 'src/lib/ocr/reading-order.ts',
    search: 'specks > SPECKLE_MARKS && specks > SPECKLE_RATIO * letters',
    replace: 'specks > SPECKLE_MARKS',
    runs: [{ project: 'unit', files: ['test/lib/ocr/reading-order.test.ts'] }],
    names: /dense page of letters/,
  },
  {
    id: 11,
    bug: "the ink's box stops short of a stroke's end (right edge off by one)",
    file: 'src/lib/reveal/ink-box.ts',
    search: 'if (x > x1) x1 = x;',
    replace: 'if (x > x1 + 1) x1 = x;',
    runs: [{ project: 'unit', files: ['test/lib/reveal/ink-box.test.ts'] }],
    names: /end of a stroke/,
  },
  {
    id: 12,
    bug: 'a crop shifted one pixel to the right',
    file: 'src/lib/reveal/ink-box.ts',
    search: 'const from = ((y0 + y) * pixels.width + x0) * 4;',
    replace: 'const from = ((y0 + y) * pixels.width + x0 + 1) * 4;',
    runs: [{ project: 'unit', files: ['test/lib/reveal/ink-box.test.ts'] }],
    names: /cuts out exactly/,
  },
  {
    id: 13,
    bug: 'the reveal bridge leaves out any Auto result the worker holds one for (stale cache key)',
    file: 'src/workers/reveal-bridge.ts',
    search: 'rest[0] && this.results.get(id) === rest[0]',
    replace: 'rest[0]',
    runs: [{ project: 'unit', files: ['test/lib/reveal/worker.test.ts'] }],
    names: /the Auto result it is given/,
  },
  {
    id: 14,
    bug: 'spawnedBy leaves its stand-in Worker in place',
    file: 'src/platform/spawned-workers.ts',
    search: '  } finally {\n    globalThis.Worker = Original;\n  }',
    replace: '  } finally {\n  }',
    runs: [{ project: 'browser', files: ['test/components/spawned-workers.test.ts'] }],
    names: /puts Worker back/,
  },
  {
    id: 15,
    bug: "the upload note drops 'at full size'",
    file: 'src/lib/image/upload-messages.ts',
    search: "if (r.fullSize) parts.push('at full size');",
    replace: '',
    runs: [{ project: 'unit', files: ['test/lib/image/upload-messages.test.ts'] }],
    names: /full size/,
  },
  {
    id: 16,
    bug: "the upload note names the sent format upper-cased ('from WebP to WEBP')",
    file: 'src/lib/image/upload-messages.ts',
    search: "KIND_NAMES[type.replace('image/', '') as ImageKind]",
    replace: "type.replace('image/', '').toUpperCase()",
    runs: [{ project: 'unit', files: ['test/lib/image/upload-messages.test.ts'] }],
    names: /WEBP/,
  },
  {
    id: 17,
    bug: "'Ask about this' crops the image still being prepared, not the one on the stage",
    file: 'src/ask/ask-find-flow.ts',
    search: 'const original = panel?.shownSource?.blob;',
    replace: 'const original = panel?.source?.blob;',
    runs: [{ project: 'browser', files: ['test/components/ask-image-panel.test.ts'] }],
    names: /crops and shownSource/,
  },
  {
    id: 18,
    bug: "Read text's label promises one picture more than comes ('5 of up to 6' at the last)",
    file: 'src/reveal/reveal-text.ts',
    search: 'pictures: picture + left + (tail ? 0 : 1)',
    replace: 'pictures: picture + left + 1',
    runs: [{ project: 'browser', files: ['test/components/reveal-text-count.test.ts'] }],
    names: /picture 6 of 6/,
  },
  // Rows 19 on: session 8's sweep over the code added in session 7 (test/mutants/sweep-s8.md).
  {
    id: 19,
    bug: 'a reading with text but no word list counts its least sure word as 0, not its mean',
    file: 'src/lib/ocr/best-reading.ts',
    search: 'lowest: lowest === Infinity ? page.confidence : lowest,',
    replace: 'lowest: lowest === Infinity ? 0 : lowest,',
    runs: [{ project: 'unit', files: ['test/lib/ocr/best-reading.test.ts'] }],
    names: /takes the mean as the lowest/,
  },
  {
    id: 20,
    bug: "a Find's label '1) first' left to become a numbered list",
    file: 'src/lib/boxes/find-answer.ts',
    search: '.replace(/^([-+]|\\d+[.)])/',
    replace: '.replace(/^([-+]|\\d+[.])/',
    runs: [{ project: 'unit', files: ['test/lib/boxes/find-answer.test.ts'] }],
    names: /a leading '1\)' as written/,
  },
  {
    id: 21,
    bug: "a Find's box with its corners the wrong way round dropped without the answer as given",
    file: 'src/lib/boxes/find-answer.ts',
    search: "new Set<BoxProblem['kind']>(['malformed', 'out-of-range', 'inverted'])",
    replace: "new Set<BoxProblem['kind']>(['malformed', 'out-of-range'])",
    runs: [{ project: 'unit', files: ['test/lib/boxes/find-answer.test.ts'] }],
    names: /left out for its corners/,
  },
  {
    id: 22,
    bug: 'a PNG whose header says 0 pixels wide read as a size',
    file: 'src/lib/image/header.ts',
    search: 'const valid = (side: number) => side >= 1 && side <= 0x7fffffff;',
    replace: 'const valid = (side: number) => side >= 0 && side <= 0x7fffffff;',
    runs: [{ project: 'unit', files: ['test/lib/image/header.test.ts'] }],
    names: /sides from 1 to 2\^31 - 1/,
  },
  {
    id: 23,
    bug: "Read text's JPEG difference picture taken from the image's corner, not the text's box",
    file: 'src/lib/reveal/jpeg-difference.ts',
    search: 'const sx = x0 + x;',
    replace: 'const sx = x;',
    runs: [
      {
        project: 'unit',
        files: ['test/lib/reveal/jpeg-difference.test.ts'],
        name: 'where it is',
      },
    ],
    names: /where it is in the image/,
  },
  {
    id: 24,
    bug: 'a handoff takes the focus again each time its view is shown later',
    file: 'src/ui/focus-when-shown.ts',
    search: '    if (view.hidden) return;\n    stop();\n    focus();',
    replace: '    if (view.hidden) return;\n    focus();',
    runs: [{ project: 'browser', files: ['test/components/focus-when-shown.test.ts'] }],
    names: /focuses once/,
  },
  {
    id: 25,
    bug: "spawnedBy lists no blob: URL, so the OCR's worker URLs are never revoked",
    file: 'src/platform/spawned-workers.ts',
    search: "if (url.startsWith('blob:')) blobUrls.push(url);",
    replace: '',
    runs: [{ project: 'browser', files: ['test/components/spawned-workers.test.ts'] }],
    names: /lists the blob: URLs/,
  },
  {
    id: 26,
    bug: 'Zoom out from 200 % over a picture fitted at 100 % stops at 100 %, not at Fit',
    file: 'src/reveal/reveal-zoom.ts',
    search: 'smaller !== undefined && smaller > fit * 1.001 ? smaller : undefined',
    replace: 'smaller !== undefined && smaller >= fit ? smaller : undefined',
    runs: [{ project: 'unit', files: ['test/lib/reveal/reveal-zoom.test.ts'] }],
    names: /back to Fit from the next/,
  },
  {
    id: 27,
    bug: "Hide's Font size message names the wrong range ('from 1 to 40')",
    file: 'src/hide/hide-messages.ts',
    search: "fontSizePt: 'Use a number from 1 to 400.',",
    replace: "fontSizePt: 'Use a number from 1 to 40.',",
    runs: [{ project: 'browser', files: ['test/components/hide-view.test.ts'], name: 'Font size' }],
    names: /Font size takes/,
  },
  // Rows 28 on: session 9's sweep over the code added in session 8 (test/mutants/sweep-s9.md).
  {
    id: 28,
    bug: "the tiles' bar ignores LEAST_SHIFT: a rounded gradient's staircase stands off",
    file: 'src/lib/reveal/tile-means.ts',
    search: 'const LEAST_SHIFT = 0.6;',
    replace: 'const LEAST_SHIFT = 0;',
    runs: [{ project: 'unit', files: ['test/lib/reveal/tile-means.test.ts'] }],
    names: /whose whole levels make a staircase/,
  },
  {
    id: 29,
    bug: "Auto's noise tail left unshrunk by the smoothing kernel: noisy text called noise",
    file: 'src/lib/reveal/auto-reveal.ts',
    search: 'const spread = Math.sqrt(variance) * noiseFactor(radius);',
    replace: 'const spread = Math.sqrt(variance);',
    runs: [{ project: 'unit', files: ['test/lib/reveal/auto-reveal.test.ts'], name: 'corpus' }],
    names: /reveals the text: 'Gaussian noise σ 2\.5, red \+5'/,
  },
  {
    id: 30,
    bug: "the pane's scroll memory kept across questions: a tall new question cut off at the top",
    file: 'src/ask/ask-pane.ts',
    search: 'this._moved = this._pageMoved = false;',
    replace: 'this._pageMoved = false;',
    runs: [{ project: 'e2e', files: ['test/e2e/ask-in-sight.test.ts'], name: 'More below' }],
    names: /the new question starts at the top, though the person scrolled/,
  },
  {
    id: 31,
    bug: 'window sums read past the right edge into the next row (clamp dropped)',
    file: 'src/lib/reveal/window-sums.ts',
    search: 'Math.min(width - 1, Math.max(0, x + d - LARGEST))',
    replace: 'Math.max(0, x + d - LARGEST)',
    runs: [{ project: 'unit', files: ['test/lib/reveal/window-sums.test.ts'] }],
    names: /edges replicated/,
  },
  {
    id: 32,
    bug: "window sums of one step handed out for another (the cache's step check dropped)",
    file: 'src/lib/reveal/window-sums.ts',
    search: 'if (cached && cached.every === every) return cached;',
    replace: 'if (cached) return cached;',
    runs: [{ project: 'unit', files: ['test/lib/reveal/window-sums.test.ts'] }],
    names: /summed at another/,
  },
  {
    id: 33,
    bug: "the stroke picture's fast path one pixel too far right (wraps into the next row)",
    file: 'src/lib/reveal/stroke-pictures.ts',
    search: 'if (inside && x >= REACH && x < w - REACH) {',
    replace: 'if (inside && x >= REACH && x <= w - REACH) {',
    runs: [{ project: 'unit', files: ['test/lib/reveal/stroke-pictures.test.ts'] }],
    names: /up to the grid's right edge/,
  },
  {
    id: 34,
    bug: "Auto's axis: estimateAxis sums green × green where green × blue belongs",
    file: 'src/lib/reveal/colour-axis.ts',
    search: 'c12 += z1 * z2;',
    replace: 'c12 += z1 * z1;',
    runs: [
      { project: 'unit', files: ['test/lib/reveal/auto-reveal.test.ts'], name: 'points its axis' },
    ],
    names: /difference in green and blue together/,
  },
  {
    id: 35,
    bug: "the background's blue block histograms filled from green",
    file: 'src/lib/reveal/background-model.ts',
    search: 'counts[at + 512 + ((w >>> s2) & 255)]++;',
    replace: 'counts[at + 512 + ((w >>> s1) & 255)]++;',
    runs: [{ project: 'unit', files: ['test/lib/reveal/auto-reveal.test.ts'], name: 'sky' }],
    names: /graded in blue alone/,
  },
  {
    id: 36,
    bug: "a stopped Find's list cut inside a label holding a brace reads as nothing found",
    file: 'src/lib/boxes/cut-list.ts',
    search: "end = body.lastIndexOf('}', end - 1)",
    replace: 'end = -1',
    runs: [{ project: 'unit', files: ['test/lib/boxes/find-answer.test.ts'], name: 'stopped' }],
    names: /Stopped before the end: 2 found/,
  },
  {
    id: 37,
    bug: "Ask's options folded on a phone before any question (a new conversation)",
    file: 'src/ask/ask-view.ts',
    search: 'this._ask.conversation.turns.length > 0;',
    replace: 'this._ask.conversation.turns.length >= 0;',
    runs: [{ project: 'e2e', files: ['test/e2e/ask-narrow.test.ts'], name: 'one toggle away' }],
    names: /an Options toggle in a new conversation/,
  },
  {
    id: 38,
    bug: 'a picture whose only translucent pixel is its first read back premultiplied',
    file: 'src/platform/exact-decode.ts',
    search: 'for (let i = 3; i < data.length; i += 4) if (data[i] !== 255) return true;',
    replace: 'for (let i = 7; i < data.length; i += 4) if (data[i] !== 255) return true;',
    runs: [{ project: 'browser', files: ['test/components/reveal-canvas.test.ts'] }],
    names: /the top left pixel/,
  },
  {
    id: 39,
    bug: 'Ask stays Ask (no Stop) while the question waits for its image',
    file: 'src/ask/ask-view.ts',
    search: 'const busy = this._ask.busy || this._preparing;',
    replace: 'const busy = this._ask.busy;',
    runs: [{ project: 'e2e', files: ['test/e2e/ask-stop.test.ts'], name: 'waits for its image' }],
    names: /Stop in place of Ask while the image still loads/,
  },
  {
    id: 40,
    bug: 'a question stopped while its image loaded is sent all the same',
    file: 'src/ask/ask-view.ts',
    search: '    if (this._stopWanted) return;\n    // (Without settings',
    replace: '    // (Without settings',
    runs: [{ project: 'e2e', files: ['test/e2e/ask-stop.test.ts'], name: 'waits for its image' }],
    names: /waits for its image, and then nothing is sent/,
  },
  // Rows 41 on: session 10's sweep (test/mutants/sweep-s10.md): session 9's five left open, and
  // the code session 9 added.
  {
    id: 41,
    bug: "the tiles' bar at 3 standard errors, not 6: tiles of plain noise stand off",
    file: 'src/lib/reveal/tile-means.ts',
    search: 'const Z = 6;',
    replace: 'const Z = 3;',
    runs: [{ project: 'unit', files: ['test/lib/reveal/tile-means.test.ts'] }],
    names: /as many tiles as a 12 MP image has/,
  },
  {
    id: 42,
    bug: "Ask's folded options toggle says 'thinking' for a model that does not think",
    file: 'src/ask/ask-view.ts',
    search: '      thinks ? this._options.thinking : undefined,\n    );',
    replace: '      this._options.thinking,\n    );',
    runs: [{ project: 'e2e', files: ['test/e2e/ask-narrow.test.ts'], name: 'one toggle away' }],
    names: /the toggle for a model that does not think/,
  },
  {
    id: 43,
    bug: "the options toggle names Gemini's options (not there) while this device's model answers",
    file: 'src/ask/ask-view.ts',
    search: "aria-controls=${this._model === 'gemini' ? 'options model-choice' : 'model-choice'}",
    replace: 'aria-controls="options model-choice"',
    runs: [{ project: 'e2e', files: ['test/e2e/ask-narrow.test.ts'], name: 'this device answers' }],
    names: /ids that name nothing/,
  },
  {
    id: 44,
    bug: 'Reveal cannot open an image where workers have no OffscreenCanvas (page fallback dropped)',
    file: 'src/reveal/reveal-decode.ts',
    search: '    if (here) return decodeImageNoted(blob, signal);\n',
    replace: '',
    runs: [{ project: 'browser', files: ['test/components/reveal-decode.test.ts'] }],
    names: /This browser gives workers no OffscreenCanvas/,
  },
  {
    id: 45,
    bug: "the file's bytes copied to the reveal worker, not moved (give dropped)",
    file: 'src/reveal/reveal-decode.ts',
    search: 'const bytes = revealBridge.give({ data: file.bytes });',
    replace: 'const bytes = { data: file.bytes };',
    runs: [{ project: 'browser', files: ['test/components/reveal-decode.test.ts'] }],
    names: /buffers moved to the worker/,
  },
  {
    id: 46,
    bug: "Ask's waiting dots pulse for a person who asked for reduced motion",
    file: 'src/ask/answer-waiting.ts',
    search: '      animation: none;\n',
    replace: '',
    runs: [
      {
        project: 'e2e',
        files: ['test/e2e/ask-stop.test.ts'],
        name: 'waits for the first words',
      },
    ],
    names: /the dots with reduced motion/,
  },
  {
    id: 47,
    bug: 'a big image the page decoded itself sent whole to the worker for each view',
    file: 'src/reveal/reveal-render-controller.ts',
    search: '      this._preview && revealBridge.keepsImage(source)\n        ? renderInWorker',
    replace: '      this._preview\n        ? renderInWorker',
    runs: [{ project: 'unit', files: ['test/lib/reveal/worker.test.ts'], name: 'small image' }],
    names: /requests to the worker/,
  },
  {
    id: 48,
    bug: "the worker sends the original view's pixels back (the image the page has)",
    file: 'src/workers/reveal-worker.ts',
    search: 'return { pixels: rendered === source ? null : rendered, bitmap };',
    replace: 'return { pixels: rendered, bitmap };',
    runs: [{ project: 'unit', files: ['test/lib/reveal/worker.test.ts'], name: 'small image' }],
    names: /pixels sent back for the original view/,
  },
  {
    id: 49,
    bug: "a view's bitmap copied back from the worker, not moved (left out of the transfer list)",
    file: 'src/workers/reveal-worker.ts',
    search:
      "    if (typeof ImageBitmap === 'function' && bitmap instanceof ImageBitmap) out.push(bitmap);\n",
    replace: '',
    runs: [{ project: 'browser', files: ['test/components/reveal-canvas.test.ts'] }],
    names: /what moves to the page/,
  },
  {
    id: 50,
    bug: "Ask's waiting dots drawn in every state: still under the finished answer",
    file: 'src/ask/answer-waiting.ts',
    search:
      "  .answer:is([data-state='sending'], [data-state='retrying'])::after {\n    content: '';",
    replace: "  .answer::after {\n    content: '';",
    runs: [
      {
        project: 'e2e',
        files: ['test/e2e/ask-stop.test.ts'],
        name: 'waits for the first words',
      },
    ],
    names: /dots under the answer/,
  },
  {
    id: 51,
    bug: 'a failure taller than the pane scrolled above it to bring Retry up (top bound dropped)',
    file: 'src/ask/ask-pane.ts',
    search: '              (reason || alert).getBoundingClientRect().top - box.top - TOP_FADE,\n',
    replace: '              Infinity,\n',
    runs: [
      { project: 'e2e', files: ['test/e2e/ask-in-sight.test.ts'], name: 'taller than the pane' },
    ],
    names: /the failure's title, at the pane's top/,
  },
  {
    id: 52,
    bug: 'a model name pasted with spaces around it sent as typed (not trimmed)',
    file: 'src/lib/gemini/endpoint.ts',
    search: 'const name = model.trim()',
    replace: 'const name = model',
    runs: [{ project: 'unit', files: ['test/lib/gemini/request.test.ts'] }],
    names: /path for a model pasted with spaces/,
  },
  {
    id: 53,
    bug: 'with no model chosen the request (and the key) is sent all the same',
    file: 'src/lib/gemini/endpoint.ts',
    search: '  if (!name) throw',
    replace: '  if (false) throw',
    runs: [{ project: 'unit', files: ['test/lib/gemini/request.test.ts'] }],
    names: /requests sent with no model chosen/,
  },
  {
    id: 54,
    bug: "the model's name put in the URL unescaped (its ? starts a query)",
    file: 'src/lib/gemini/endpoint.ts',
    search: 'return encodeURIComponent(name);',
    replace: 'return name;',
    runs: [{ project: 'unit', files: ['test/lib/gemini/request.test.ts'] }],
    names: /the query of a request for an odd model name/,
  },
  {
    id: 55,
    bug: 'clearing the base URL field refused as "not a web address"',
    file: 'src/platform/storage.ts',
    search: '  const problem = url ? baseUrlProblem(url) : undefined;',
    replace: '  const problem = baseUrlProblem(url);',
    runs: [{ project: 'unit', files: ['test/lib/gemini/base-url.test.ts'] }],
    names: /what clearing the field says/,
  },
  {
    id: 56,
    bug: "the busy macroblocks' quarter look stops a row short (y < 14)",
    file: 'src/lib/reveal/busy-macroblocks.ts',
    search: 'for (let y = 0; y < 16; y += 2)',
    replace: 'for (let y = 0; y < 14; y += 2)',
    runs: [{ project: 'unit', files: ['test/lib/reveal/jpeg-tables.test.ts'], name: 'busy' }],
    names: /blocks found with one mark, at \(14, 14\)/,
  },
  {
    id: 57,
    bug: "a busy macroblock's spread leaves out its first pixel",
    file: 'src/lib/reveal/busy-macroblocks.ts',
    search: '    Math.max(rHi, r) - Math.min(rLo, r),',
    replace: '    rHi - rLo,',
    runs: [{ project: 'unit', files: ['test/lib/reveal/jpeg-tables.test.ts'], name: 'busy' }],
    names: /blocks found with one mark, at \(14, 14\)/,
  },
  {
    id: 58,
    bug: "markedNear reads the mask's rows at the whole macroblocks' width, not the image's",
    file: 'src/lib/reveal/jpeg-restore.ts',
    search: '    const row = y * width;\n    const at = (y >> 4) * mw;',
    replace: '    const row = y * mw * 16;\n    const at = (y >> 4) * mw;',
    runs: [{ project: 'unit', files: ['test/lib/reveal/jpeg-restore.test.ts'] }],
    names: /marked around/,
  },
  {
    id: 59,
    bug: 'markedNear leaves out the macroblocks below a marked one',
    file: 'src/lib/reveal/jpeg-restore.ts',
    search: '      if (!marked[my * mw + mx]) continue;\n      for (let dy = -1; dy <= 1; dy++) {',
    replace: '      if (!marked[my * mw + mx]) continue;\n      for (let dy = -1; dy < 1; dy++) {',
    runs: [{ project: 'unit', files: ['test/lib/reveal/jpeg-restore.test.ts'] }],
    names: /marked around/,
  },
  {
    id: 60,
    bug: "markedNear's neighbours wrap from a row's end onto the next row (column clamp dropped)",
    file: 'src/lib/reveal/jpeg-restore.ts',
    search: '          if (x >= 0 && y >= 0 && x < mw && y < mh) near',
    replace: '          if (x >= 0 && y >= 0 && y < mh) near',
    runs: [{ project: 'unit', files: ['test/lib/reveal/jpeg-restore.test.ts'] }],
    names: /marked around/,
  },
  {
    id: 61,
    bug: "markedNear counts ink in the right edge's padded strip (onto the next row's macroblock)",
    file: 'src/lib/reveal/jpeg-restore.ts',
    search: '    for (let x = 0; x < mw * 16; x++) {',
    replace: '    for (let x = 0; x < width; x++) {',
    runs: [{ project: 'unit', files: ['test/lib/reveal/jpeg-restore.test.ts'] }],
    names: /marked for marks outside whole macroblocks/,
  },
  {
    id: 62,
    bug: "All views paints its pictures in the grid's order, under other tiles' captions",
    file: 'src/reveal/reveal-views.ts',
    search: 'renderTile(grid, tiles[i], this.settings.seed)',
    replace: 'renderTile(grid, grid.tiles[i], this.settings.seed)',
    runs: [{ project: 'e2e', files: ['test/e2e/reveal-views.test.ts'], name: 'named button' }],
    names: /share in colour of/,
  },
  {
    id: 63,
    bug: "Reveal's empty view shows the settings, greyed, beside the invitation",
    file: 'src/reveal/reveal-styles.ts',
    search: '    .empty .toolbar,\n    .empty .side {',
    replace: '    .empty .toolbar {',
    runs: [
      { project: 'browser', files: ['test/components/reveal-view.test.ts'], name: 'invitation' },
    ],
    names: /Channel shown/,
  },
  {
    id: 64,
    bug: "Reveal's empty view keeps the settings' column: the invitation three quarters wide",
    file: 'src/reveal/reveal-styles.ts',
    search: '    .workspace.empty {\n      grid-template-columns: minmax(0, 1fr);\n    }\n',
    replace: '',
    runs: [
      { project: 'browser', files: ['test/components/reveal-view.test.ts'], name: 'invitation' },
    ],
    names: /width of the invitation at 1280 px/,
  },
  {
    id: 65,
    bug: "Reveal on a phone shows the image box's hint once an image is open",
    file: 'src/reveal/reveal-styles.ts',
    search: '      .drop.compact .note {\n        display: none;\n      }\n',
    replace: '',
    runs: [
      {
        project: 'e2e',
        files: ['test/e2e/looks-hide-reveal.test.ts'],
        name: 'fitted picture of the lesson',
      },
    ],
    names: /hint: expected true to be false/,
  },
  {
    id: 66,
    bug: "Reveal on a phone: the image's size line in body type, not small",
    file: 'src/reveal/reveal-styles.ts',
    search: '      .drop.compact .status {\n        font-size: var(--g-text-small);\n      }\n',
    replace: '',
    runs: [
      {
        project: 'e2e',
        files: ['test/e2e/looks-hide-reveal.test.ts'],
        name: 'fitted picture of the lesson',
      },
    ],
    names: /the image's size in small type/,
  },
  {
    id: 67,
    bug: "Reveal on a phone: the picture's frame as wide as on a wide screen",
    file: 'src/reveal/reveal-styles.ts',
    search: '      .picture {\n        padding: var(--g-space-1);\n      }',
    replace: '      .picture {\n      }',
    runs: [
      {
        project: 'e2e',
        files: ['test/e2e/looks-hide-reveal.test.ts'],
        name: 'fitted picture of the lesson',
      },
    ],
    names: /frame beside the picture/,
  },
  {
    id: 68,
    bug: "the file chooser's button in the browser's font for controls (font: inherit dropped)",
    file: 'src/ui/form-styles.ts',
    search: "  input[type='file']::file-selector-button {\n    font: inherit;\n",
    replace: "  input[type='file']::file-selector-button {\n",
    runs: [
      { project: 'e2e', files: ['test/e2e/looks-hide-reveal.test.ts'], name: 'buttons as Reveal' },
    ],
    names: /the image chooser's own button/,
  },
  {
    id: 69,
    bug: "the file chooser's button with square corners (border-radius dropped)",
    file: 'src/ui/form-styles.ts',
    search: '    margin-inline-end: var(--g-space-2);\n    border-radius: var(--g-radius);\n',
    replace: '    margin-inline-end: var(--g-space-2);\n',
    runs: [
      { project: 'e2e', files: ['test/e2e/looks-hide-reveal.test.ts'], name: 'buttons as Reveal' },
    ],
    names: /the image chooser's own button/,
  },
];

type Outcome = 'caught' | 'caught, unnamed' | 'escaped' | 'error';

const root = resolve(import.meta.dirname, '..', '..');
const args = process.argv.slice(2);
const keep = args.includes('--keep');
const onlyArg = args[args.indexOf('--only') + 1];
const only = args.includes('--only') ? new Set(onlyArg.split(',').map(Number)) : undefined;

/** Copy the working tree as it is (tracked and untracked files, not ignored ones). */
function copyTree(to: string): void {
  const listed = spawnSync(
    'git',
    ['ls-files', '-z', '--cached', '--others', '--exclude-standard'],
    {
      cwd: root,
      encoding: 'utf8',
    },
  );
  if (listed.status !== 0) throw new Error(`git ls-files failed: ${listed.stderr}`);
  for (const file of listed.stdout.split('\0').filter(Boolean)) {
    mkdirSync(dirname(join(to, file)), { recursive: true });
    try {
      cpSync(join(root, file), join(to, file));
    } catch {
      // Listed but deleted in the working tree: the copy matches the tree, so skip it.
    }
  }
  symlinkSync(join(root, 'node_modules'), join(to, 'node_modules'), 'dir');
}

/** Run the mutant's tests in `dir`; true when every run passed. Output goes to `log`. */
function runTests(dir: string, m: Mutant, log: string): { passed: boolean; output: string } {
  let output = '';
  let passed = true;
  for (const run of m.runs) {
    const argv = ['run', '--project', run.project, ...run.files];
    if (run.name) argv.push('-t', run.name);
    const r = spawnSync(join(dir, 'node_modules', '.bin', 'vitest'), argv, {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, CI: '1', FORCE_COLOR: '0' },
      maxBuffer: 64 << 20,
    });
    output += `$ vitest ${argv.join(' ')}\n${r.stdout}${r.stderr}\n`;
    if (r.status !== 0) passed = false;
  }
  writeFileSync(log, output);
  return { passed, output };
}

function main(): number {
  const work = mkdtempSync(join(tmpdir(), 'glimpse-mutants-'));
  const copy = join(work, 'glimpse');
  // Tests read ../shared/fixtures relative to the project root: the copy sees the same.
  symlinkSync(resolve(root, '..', 'shared'), join(work, 'shared'), 'dir');
  copyTree(copy);
  const rows: { m: Mutant; outcome: Outcome; why: string }[] = [];
  try {
    for (const m of MUTANTS.filter((x) => !only || only.has(x.id))) {
      const path = join(copy, m.file);
      const original = readFileSync(path, 'utf8');
      const count = original.split(m.search).length - 1;
      if (count !== 1) {
        rows.push({ m, outcome: 'error', why: `search text found ${count} times in ${m.file}` });
        continue;
      }
      console.log(`bug ${m.id}: ${m.bug}: tests on the unchanged copy…`);
      const base = runTests(copy, m, join(work, `bug-${m.id}-baseline.log`));
      if (!base.passed) {
        rows.push({ m, outcome: 'error', why: 'its tests fail without the bug (see the log)' });
        continue;
      }
      console.log(`bug ${m.id}: planted, running its tests…`);
      writeFileSync(path, original.replace(m.search, m.replace));
      try {
        const planted = runTests(copy, m, join(work, `bug-${m.id}.log`));
        if (planted.passed) rows.push({ m, outcome: 'escaped', why: 'every test passed' });
        else if (m.names.test(planted.output)) rows.push({ m, outcome: 'caught', why: '' });
        else {
          rows.push({
            m,
            outcome: 'caught, unnamed',
            why: `no failure message matches ${String(m.names)}`,
          });
        }
      } finally {
        writeFileSync(path, original);
      }
    }
  } finally {
    if (keep) console.log(`kept: ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
  console.log('\n| bug | planted | outcome |');
  console.log('| --- | --- | --- |');
  for (const { m, outcome, why } of rows) {
    console.log(`| ${m.id} | ${m.bug} | ${outcome}${why ? ` (${why})` : ''} |`);
  }
  const bad = rows.filter((r) => r.outcome !== 'caught');
  if (bad.length) console.log(`\n${bad.length} of ${rows.length} not caught by name.`);
  return bad.length ? 1 : 0;
}

process.exitCode = main();
