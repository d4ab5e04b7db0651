/**
 * Main-thread time spent rendering a long streamed answer in real Chromium: the 36-event
 * fixture (googleai/streaming-success-basic-reply-long.txt), each event arriving in its own
 * animation frame (faster than any real stream), layout included.
 *
 * Baseline: the naive way, sanitise and render the whole Markdown again on every event, with
 * the same marked + DOMPurify setup. Measured against it:
 * - StreamingMarkdown as the app runs it (renders in animation frames, at most every 50 ms);
 * - StreamingMarkdown forced to render on every event, which isolates the incremental
 *   strategy (only the growing tail re-rendered) from the render interval.
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
 * milliseconds of rendering work (script, and the layout it forces) and how many renders it
 * took. Kept as plain JavaScript text because tsx would wrap a TS function with helpers
 * (`__name`) the page does not have.
 */
const oneRunInPage = `async ({ pieces, mode }) => {
  const lib = window.GlimpseMarkdown;
  const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
  const target = document.createElement('div');
  document.body.replaceChildren(target);
  let script = 0;
  let layout = 0;
  let renders = 0;
  let text = '';
  const step = (work) => {
    const t0 = performance.now();
    work();
    const t1 = performance.now();
    void target.offsetHeight; // layout counts: the person waits for it too
    script += t1 - t0;
    layout += performance.now() - t1;
    renders++;
  };
  const stream = mode === 'naive' ? undefined : new lib.StreamingMarkdown(target);
  if (mode === 'app') {
    // Time every render the stream schedules for itself.
    const flush = stream.flush.bind(stream);
    stream.flush = () => step(flush);
  }
  for (const piece of pieces) {
    await frame();
    if (mode === 'naive') {
      text += piece;
      step(() => lib.renderMarkdownInto(target, text));
    } else if (mode === 'every') {
      step(() => {
        stream.append(piece);
        stream.flush();
      });
    } else {
      stream.append(piece);
    }
  }
  await frame();
  if (mode === 'every') step(() => stream.finish());
  if (mode === 'app') stream.finish(); // its flush is timed by the wrapper
  return { script, layout, renders };
}`;

interface RunTimes {
  script: number;
  layout: number;
  renders: number;
}

type Mode = 'naive' | 'every' | 'app';

function runOnce(page: Page, pieces: string[], mode: Mode): Promise<RunTimes> {
  return page.evaluate(
    `(${oneRunInPage})(${JSON.stringify({ pieces, mode })})`,
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
    // Alternate the ways run by run, so a busy moment on the machine hits them alike.
    const runs = 11;
    const times: Record<Mode, RunTimes[]> = { naive: [], every: [], app: [] };
    for (let i = 0; i < runs + 2; i++) {
      for (const mode of ['naive', 'every', 'app'] as const) {
        const t = await runOnce(page, pieces, mode);
        if (i >= 2) times[mode].push(t);
      }
    }
    const total = (r: RunTimes) => r.script + r.layout;
    const med = (mode: Mode, f: (r: RunTimes) => number) => median(times[mode].map(f));
    const best = (mode: Mode) => Math.min(...times[mode].map(total));
    const chars = pieces.join('').length;
    console.log(`fixture: ${events} events, ${chars} characters of Markdown, one event per frame`);
    console.log(
      `baseline (whole Markdown re-rendered on every event): ${med('naive', total).toFixed(1)} ms, ` +
        `script ${med('naive', (r) => r.script).toFixed(1)} + layout ${med('naive', (r) => r.layout).toFixed(1)}; median of ${runs} runs`,
    );
    for (const [mode, label] of [
      ['app', 'StreamingMarkdown as the app runs it'],
      ['every', 'StreamingMarkdown forced to render every event'],
    ] as const) {
      console.log(figure(label, med(mode, total), med('naive', total), 30));
      console.log(
        `  ${med(mode, (r) => r.renders)} renders, script ${med(mode, (r) => r.script).toFixed(1)} + layout ${med(mode, (r) => r.layout).toFixed(1)} ms; ` +
          `best run ${best(mode).toFixed(1)} ms vs baseline best ${best('naive').toFixed(1)} ms (other work on a shared machine only adds time)`,
      );
    }
  } finally {
    await browser.close();
  }
}
