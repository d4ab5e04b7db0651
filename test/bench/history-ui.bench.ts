/**
 * The History panel in the built app, in real Chromium: open History with 1,000 saved
 * conversations, from the press of "History" to the list painted (its first page of rows
 * laid out, the frame after it drawn; the rest come as the list is scrolled), and to the thumbnails of the rows on screen painted too; next to
 * reading the same summary rows raw from IndexedDB in the same page and run. The first
 * (cold) open, which also loads History's code and opens the database, is printed apart.
 * Then a saved 100-turn conversation with 20 images, from its title pressed in History to
 * the conversation on screen with its last answer painted as Markdown, next to reading its
 * record and images raw.
 */
import { buildApp } from '../support/build.ts';
import { launchChromium } from '../support/browser.ts';
import { startStaticServer } from '../support/static-server.ts';
import { bundle } from './history.bench.ts';
import { figure } from './measure.ts';

const COUNT = 1000;

// Runs in the page (plain JavaScript). Opens History `runs + 1` times (the first cold) and
// returns the times to the list painted and to the visible thumbnails painted, and the
// raw-read baseline measured between the opens.
const openInPage = `async ({ runs, count }) => {
  const view = document.querySelector('glimpse-app').shadowRoot.querySelector('ask-view');
  const root = view.shadowRoot;
  const button = [...root.querySelectorAll('.head button')].find((b) => b.textContent.trim() === 'History');
  const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
  const painted = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  const panel = () => root.querySelector('ask-history')?.shadowRoot;
  const open = async () => {
    const t0 = performance.now();
    button.click();
    // The list is drawn a page at a time: done when its first page (or all of it) is there.
    const ready = () => panel()?.querySelector('li[data-id]') && (panel().querySelector('button.more') || panel().querySelectorAll('li[data-id]').length >= count);
    while (!ready()) await frame();
    await painted();
    const list = performance.now() - t0;
    const dialog = panel().querySelector('dialog');
    const bottom = dialog.getBoundingClientRect().bottom;
    const onScreen = [...panel().querySelectorAll('li[data-id]')].filter((li) => li.getBoundingClientRect().top < bottom).length;
    while (panel().querySelectorAll('img.thumb').length < onScreen) await frame();
    await Promise.all([...panel().querySelectorAll('img.thumb')].map((i) => i.decode()));
    await painted();
    const thumbs = performance.now() - t0;
    panel().querySelector('.top button').click();
    while (root.querySelector('ask-history')) await frame();
    return { list, thumbs, onScreen };
  };
  const raw = async () => {
    const t0 = performance.now();
    const n = await window.GlimpseHistoryBench.rawSummaries('glimpse-history');
    if (n !== count) throw new Error('rows: ' + n);
    return performance.now() - t0;
  };
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const cold = await open();
  const lists = [], thumbs = [], raws = [];
  for (let i = 0; i < runs; i++) {
    const o = await open();
    lists.push(o.list);
    thumbs.push(o.thumbs);
    raws.push(await raw());
  }
  return { cold, list: median(lists), thumbs: median(thumbs), raw: median(raws), onScreen: cold.onScreen };
}`;

// Runs in the page: History open, the newest conversation (the 100-turn one) pressed, until
// the conversation shows its 100 turns and its last answer is painted as Markdown; then
// "New conversation" for the next run.
const openLongInPage = `async ({ runs, id }) => {
  const view = document.querySelector('glimpse-app').shadowRoot.querySelector('ask-view');
  const root = view.shadowRoot;
  const button = [...root.querySelectorAll('.head button')].find((b) => b.textContent.trim() === 'History');
  const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
  const painted = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  const panel = () => root.querySelector('ask-history')?.shadowRoot;
  const turns = () => root.querySelector('ask-turns')?.shadowRoot;
  const shown = () =>
    (turns()?.querySelectorAll('ol > li').length ?? 0) >= 100 &&
    root.querySelector('ask-answer')?.shadowRoot?.querySelector('.answer[data-state="done"][data-rendered="markdown"]');
  const once = async () => {
    button.click();
    while (!panel()?.querySelector('button.title')) await frame();
    const t0 = performance.now();
    panel().querySelector('button.title').click();
    while (!shown()) await frame();
    await painted();
    const ms = performance.now() - t0;
    [...turns().querySelectorAll('button')].find((b) => b.textContent.trim() === 'New conversation').click();
    while ((turns()?.querySelectorAll('ol > li').length ?? 0) > 0) await frame();
    return ms;
  };
  const raw = async () => {
    const t0 = performance.now();
    await window.GlimpseHistoryBench.rawOpen('glimpse-history', id);
    return performance.now() - t0;
  };
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const cold = await once();
  const opens = [], raws = [];
  for (let i = 0; i < runs; i++) {
    opens.push(await once());
    raws.push(await raw());
  }
  return { open: median(opens), raw: median(raws), cold };
}`;

export default async function bench(): Promise<void> {
  const [code, dist] = await Promise.all([bundle(), buildApp()]);
  const site = await startStaticServer(dist, '/');
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${site.url}#/ask`);
    await page.getByRole('button', { name: 'History', exact: true }).waitFor();
    // 1,000 conversations in the app's own database, written by the store itself.
    // Through the DevTools protocol, which the page's Content-Security-Policy does not govern.
    await page.evaluate(code);
    const longId = (await page.evaluate(`(async () => {
      const store = await window.GlimpseHistoryBench.seedMany('glimpse-history', ${COUNT});
      const id = await window.GlimpseHistoryBench.seedLong(store);
      store.close();
      return id;
    })()`)) as string;
    const runs = 9;
    const r = (await page.evaluate(`(${openInPage})({ runs: ${runs}, count: ${COUNT + 1} })`)) as {
      cold: { list: number; thumbs: number };
      list: number;
      thumbs: number;
      raw: number;
      onScreen: number;
    };
    console.log(
      figure(
        `open History with ${(COUNT + 1).toLocaleString('en')} saved conversations, "History" pressed to the list painted vs the same rows read raw from IndexedDB (median of ${runs})`,
        r.list,
        r.raw,
        100,
      ),
    );
    console.log(
      figure(
        `the same, to the thumbnails of the ${r.onScreen} rows on screen painted too (median of ${runs})`,
        r.thumbs,
        r.raw,
      ),
    );
    console.log(
      `first (cold) open, History's code loaded and the database opened: list painted in ${r.cold.list.toFixed(0)} ms, thumbnails in ${r.cold.thumbs.toFixed(0)} ms`,
    );
    const long = (await page.evaluate(
      `(${openLongInPage})({ runs: ${runs}, id: ${JSON.stringify(longId)} })`,
    )) as { open: number; raw: number; cold: number };
    console.log(
      figure(
        `open a saved 100-turn conversation with 20 images from History, title pressed to the last answer painted vs its record and images read raw (median of ${runs})`,
        long.open,
        long.raw,
        300,
      ),
    );
    console.log(`  (first open of it: ${long.cold.toFixed(0)} ms)`);
    await context.close();
  } finally {
    await browser.close();
    await site.close();
  }
}
