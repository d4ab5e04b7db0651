/**
 * A saved conversation opened to its last answer painted, in real Chromium (a fresh profile,
 * a page on an https origin): 100 turns (50 questions, 50 answers of Markdown) over 20 images.
 * History's open path in the Ask view is being built in parallel, so this measures what it
 * will run: the store's `open()` and `<ask-turns>` showing the conversation (the answers near
 * the screen as Markdown, those far up as plain text until scrolled to; thumbnails from
 * object URLs), until two frames have painted. (The real path, from History's row pressed,
 * is in history-ui.bench.ts.)
 * - Baseline: the same `open()` and the same Markdown rendered once into one plain list.
 * - Streaming with 100 turns on screen: the time `<ask-turns>` takes to update for 100 new
 *   conversation objects (one per streamed piece) against the same with only the last 2
 *   turns on screen (earlier answers keep their state object, so they do not update).
 */
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { launchChromium } from '../support/browser.ts';
import { figure } from './measure.ts';

// https (intercepted, so no certificate): Web Crypto and randomUUID need a secure context.
const ORIGIN = 'https://conversation.bench.test';

/** Bundle conversation-page.ts (store, model, `<ask-turns>`, Markdown) for the page. */
async function bundle(): Promise<string> {
  const out = await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      minify: true,
      lib: {
        entry: fileURLToPath(new URL('./conversation-page.ts', import.meta.url)),
        formats: ['iife'],
        name: 'GlimpseConversationBench',
      },
    },
  });
  for (const o of Array.isArray(out) ? out : [out]) {
    if ('output' in o) {
      const chunk = o.output.find((c) => c.type === 'chunk');
      if (chunk && 'code' in chunk) return chunk.code;
    }
  }
  throw new Error('no bundle produced');
}

// Runs in the page (plain JavaScript: tsx would add helpers the page lacks). Alternates the
// app's way and the baseline `runs` times after two warm-ups; returns medians and a check.
const compareInPage = `async ({ runs }) => {
  const lib = window.GlimpseConversationBench;
  const { store, id } = window.__bench;
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const a = [], b = [];
  let rendered = { markdown: 0, text: 0 }, plain = 0;
  for (let i = 0; i < runs + 2; i++) {
    let t0 = performance.now();
    rendered = await lib.openAndShow(store, id);
    const ta = performance.now() - t0;
    t0 = performance.now();
    plain = await lib.openAndShowPlain(store, id);
    const tb = performance.now() - t0;
    if (i >= 2) { a.push(ta); b.push(tb); }
  }
  return { app: median(a), plain: median(b), rendered, plainRendered: plain };
}`;

const streamInPage = `async ({ runs, pieces }) => {
  const lib = window.GlimpseConversationBench;
  const { store, id } = window.__bench;
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  await lib.openAndShow(store, id);
  const long = [], short = [];
  for (let i = 0; i < runs + 2; i++) {
    const tl = await lib.streamInto(pieces, 100);
    const ts = await lib.streamInto(pieces, 2);
    if (i >= 2) { long.push(tl); short.push(ts); }
  }
  return { long: median(long), short: median(short) };
}`;

export default async function bench(): Promise<void> {
  const code = await bundle();
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.route(`${ORIGIN}/**`, (route) =>
      route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>bench</title>' }),
    );
    await page.goto(`${ORIGIN}/`);
    await page.addScriptTag({ content: code });
    await page.evaluate(`(async () => {
      window.__bench = await window.GlimpseConversationBench.seed('bench-conversation');
    })()`);

    const runs = 11;
    const open = (await page.evaluate(`(${compareInPage})({ runs: ${runs} })`)) as {
      app: number;
      plain: number;
      rendered: { markdown: number; text: number };
      plainRendered: number;
    };
    const { markdown, text } = open.rendered;
    // Every answer is on the page: as Markdown, or (far up) its whole text as typed.
    if (markdown + text !== 50 || markdown < 1 || open.plainRendered !== 50) {
      throw new Error(
        `expected 50 answers shown, got ${markdown} as Markdown + ${text} as text / ${open.plainRendered}`,
      );
    }
    console.log(
      figure(
        `open a saved 100-turn conversation with 20 images to the last answer painted: store.open() + <ask-turns> (${markdown} answers as Markdown, ${text} far up as text until scrolled to) vs store.open() + all 50 answers' Markdown in one plain list (median of ${runs})`,
        open.app,
        open.plain,
        300,
      ),
    );
    const pieces = 100;
    const stream = (await page.evaluate(
      `(${streamInPage})({ runs: ${runs}, pieces: ${pieces} })`,
    )) as { long: number; short: number };
    console.log(
      figure(
        `${pieces} streamed pieces with 100 turns on screen: <ask-turns> updated for each new conversation object vs the same with 2 turns on screen (median of ${runs})`,
        stream.long,
        stream.short,
      ),
    );
  } finally {
    await browser.close();
  }
}
