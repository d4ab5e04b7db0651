/**
 * The History panel in the built app, in real Chromium: open History with 1,000 saved
 * conversations, from the press of "History" to the list painted (its first page of rows
 * laid out, the frame after it drawn; the rest come as the list is scrolled), and to the thumbnails of the rows on screen painted too; next to
 * reading the same summary rows raw from IndexedDB in the same page and run. The first
 * (cold) open, which also loads History's code and opens the database, is printed apart.
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
    await page.evaluate(`(async () => {
      const store = await window.GlimpseHistoryBench.seedMany('glimpse-history', ${COUNT});
      store.close();
    })()`);
    const runs = 9;
    const r = (await page.evaluate(`(${openInPage})({ runs: ${runs}, count: ${COUNT} })`)) as {
      cold: { list: number; thumbs: number };
      list: number;
      thumbs: number;
      raw: number;
      onScreen: number;
    };
    console.log(
      figure(
        `open History with ${COUNT.toLocaleString('en')} saved conversations, "History" pressed to the list painted vs the same rows read raw from IndexedDB (median of ${runs})`,
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
    await context.close();
  } finally {
    await browser.close();
    await site.close();
  }
}
