/**
 * Main-thread time spent rendering a long streamed answer in real Chromium: the 36-event
 * fixture (googleai/streaming-success-basic-reply-long.txt), each event arriving in its own
 * animation frame (the worst case for a per-frame renderer), layout included.
 *
 * Glimpse's StreamingMarkdown (only the growing tail re-parsed, then one whole render at the
 * end) against the naive way: sanitise and render the whole Markdown again on every event,
 * with the same marked + DOMPurify setup, so the ratio isolates the incremental strategy.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import type { Page } from 'playwright-core';
import { launchChromium } from '../support/browser.ts';
import { figure } from './measure.ts';

const FIXTURE = fileURLToPath(
  new URL(
    '../../../shared/fixtures/gemini/googleai/streaming-success-basic-reply-long.txt',
    import.meta.url,
  ),
);

/** The answer-text pieces of an SSE fixture, one per event that carries text. */
function textPieces(sse: string): { events: number; pieces: string[] } {
  const lines = sse.split(/\r?\n/).filter((l) => l.startsWith('data:'));
  const pieces = lines.map((l) => {
    const json = JSON.parse(l.slice(5)) as {
      candidates?: { content?: { parts?: { text?: string; thought?: boolean }[] } }[];
    };
    const parts = json.candidates?.[0]?.content?.parts ?? [];
    return parts
      .filter((p) => !p.thought)
      .map((p) => p.text ?? '')
      .join('');
  });
  return { events: lines.length, pieces };
}

/** Bundle src/platform/markdown.ts for the page, without the app's build plugins. */
async function bundleMarkdown(): Promise<string> {
  const out = await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      minify: true,
      lib: {
        entry: fileURLToPath(new URL('../../src/platform/markdown.ts', import.meta.url)),
        formats: ['iife'],
        name: 'GlimpseMarkdown',
      },
    },
  });
  const outputs = Array.isArray(out) ? out : [out];
  for (const o of outputs) {
    if ('output' in o) {
      const chunk = o.output.find((c) => c.type === 'chunk');
      if (chunk && 'code' in chunk) return chunk.code;
    }
  }
  throw new Error('no bundle produced');
}

/**
 * Runs in the page: one streamed answer, each event in its own animation frame; returns the
 * milliseconds of rendering work (script, and the layout it forces). Kept as plain JavaScript
 * text because tsx would wrap a TS function with helpers (`__name`) the page does not have.
 */
const oneRunInPage = `async ({ pieces, naive }) => {
  const lib = window.GlimpseMarkdown;
  const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
  const target = document.createElement('div');
  document.body.replaceChildren(target);
  let script = 0;
  let layout = 0;
  let text = '';
  const stream = naive ? undefined : new lib.StreamingMarkdown(target);
  const step = (work) => {
    const t0 = performance.now();
    work();
    const t1 = performance.now();
    void target.offsetHeight; // layout counts: the person waits for it too
    script += t1 - t0;
    layout += performance.now() - t1;
  };
  for (const piece of pieces) {
    await frame();
    step(() => {
      if (stream) {
        stream.append(piece);
        stream.flush(); // what the animation frame runs
      } else {
        text += piece;
        lib.renderMarkdownInto(target, text);
      }
    });
  }
  await frame();
  step(() => stream?.finish());
  return { script, layout };
}`;

interface RunTimes {
  script: number;
  layout: number;
}

function runOnce(page: Page, pieces: string[], naive: boolean): Promise<RunTimes> {
  return page.evaluate(
    `(${oneRunInPage})(${JSON.stringify({ pieces, naive })})`,
  ) as Promise<RunTimes>;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export default async function bench(): Promise<void> {
  const { events, pieces } = textPieces(readFileSync(FIXTURE, 'utf8'));
  const code = await bundleMarkdown();
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.setContent('<!doctype html><html><body></body></html>');
    await page.addScriptTag({ content: code });
    // Alternate the two ways run by run, so a busy moment on the machine hits both alike.
    const runs = 11;
    const naive: RunTimes[] = [];
    const ours: RunTimes[] = [];
    for (let i = 0; i < runs + 2; i++) {
      const a = await runOnce(page, pieces, true);
      const b = await runOnce(page, pieces, false);
      if (i >= 2) {
        naive.push(a);
        ours.push(b);
      }
    }
    const total = (r: RunTimes) => r.script + r.layout;
    const chars = pieces.join('').length;
    console.log(`fixture: ${events} events, ${chars} characters of Markdown, one event per frame`);
    console.log(
      figure(
        'streamed answer render, main thread total (StreamingMarkdown)',
        median(ours.map(total)),
        median(naive.map(total)),
        30,
      ),
    );
    console.log(
      `  of which script ${median(ours.map((r) => r.script)).toFixed(1)} ms, layout ${median(ours.map((r) => r.layout)).toFixed(1)} ms; ` +
        `baseline (whole Markdown re-rendered on every event) script ${median(naive.map((r) => r.script)).toFixed(1)} ms, layout ${median(naive.map((r) => r.layout)).toFixed(1)} ms; median of ${runs} runs`,
    );
    // On a shared machine other work only ever adds time: the best run is the closest to
    // what rendering itself costs.
    console.log(
      figure(
        'same, best of the runs',
        Math.min(...ours.map(total)),
        Math.min(...naive.map(total)),
        30,
      ),
    );
  } finally {
    await browser.close();
  }
}
