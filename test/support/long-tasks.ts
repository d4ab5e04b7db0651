/**
 * The page's main thread, watched from the test side: every long task (Chromium's long-task
 * timing, 50 ms or more) and when Read text's progress bar first showed each label. Shared by
 * the e2e check that Reveal's heavy work leaves the page free and the bench that reports it.
 */
import type { Page } from 'playwright-core';

/** A long task, as [start, duration] in page time (ms). */
export type Task = [start: number, duration: number];

/**
 * An init script (run before the page's own code): every long task in `window.longTasks`, and
 * when Read text's progress bar first showed each label in `window.barTimes` (sampled every
 * few ms while the page is free, so a label that appeared during a long task is noted once it
 * ends).
 */
export function watchPage(): void {
  const tasks: [number, number][] = [];
  const bar: Record<string, number> = {};
  Object.assign(window, { longTasks: tasks, barTimes: bar });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) tasks.push([e.startTime, e.duration]);
  }).observe({ type: 'longtask', buffered: true });
  // Inline and unnamed: tsx would wrap a named helper in a `__name` call the page lacks.
  setInterval(() => {
    const label = document
      .querySelector('glimpse-app')
      ?.shadowRoot?.querySelector('reveal-view')
      ?.shadowRoot?.querySelector('reveal-text')
      ?.shadowRoot?.querySelector('label')
      ?.textContent?.trim();
    if (label && !(label in bar)) bar[label] = performance.now();
  }, 2);
}

/** The longest task that ran (wholly or in part) between `from` and `to` (page times, ms); 0 when none was long. */
export async function longestTask(page: Page, from: number, to: number): Promise<number> {
  const tasks = await page.evaluate(() => (window as unknown as { longTasks: Task[] }).longTasks);
  const during = tasks.filter(([start, duration]) => start < to && start + duration > from);
  return Math.max(0, ...during.map(([, duration]) => duration));
}

/** The page's clock (ms). */
export const pageNow = (page: Page): Promise<number> => page.evaluate(() => performance.now());

/**
 * Start noting (in `window.namedAt`, page time) when Reveal's status line first names an
 * image's size, as the page changes it (a mutation observer), so a task that follows does not
 * push the time on. Resolves once the observer is in place.
 */
export async function watchSizeNamed(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const status = document
      .querySelector('glimpse-app')
      ?.shadowRoot?.querySelector('reveal-view')
      ?.shadowRoot?.querySelector('.status');
    if (!status) return false;
    const w = window as unknown as { namedAt?: number };
    new MutationObserver(() => {
      if (w.namedAt === undefined && /× \d+ pixels/.test(status.textContent ?? '')) {
        w.namedAt = performance.now();
      }
    }).observe(status, { subtree: true, childList: true, characterData: true });
    return true;
  });
}

/** When the status line first named an image's size (see {@link watchSizeNamed}), if it has. */
export const sizeNamedAt = (page: Page): Promise<number | undefined> =>
  page.evaluate(() => (window as unknown as { namedAt?: number }).namedAt);

/** When the picture made from the full-size view was shown (see {@link watchPreviewLeft}), if it was. */
export const fullShownAt = (page: Page): Promise<number | undefined> =>
  page.evaluate(() => (window as unknown as { fullAt?: number }).fullAt);

/**
 * Start noting (in `window.fullAt`, page time) when Reveal's picture, having taken the
 * `preview` size on the next move, leaves it (for the picture made from the full-size view,
 * which a big image paints no larger than the screen shows it) and two frames have passed, so
 * the frame that painted it has run. Resolves once the observer is in place; each call starts
 * afresh. {@link fullShownAt} reads the time.
 */
export async function watchPreviewLeft(page: Page, preview: string): Promise<void> {
  await page.evaluate((preview) => {
    const canvas = document
      .querySelector('glimpse-app')
      ?.shadowRoot?.querySelector('reveal-view')
      ?.shadowRoot?.querySelector('reveal-canvas')
      ?.shadowRoot?.querySelector('canvas');
    if (!canvas) throw new Error('Reveal shows no picture.');
    const w = window as unknown as { fullAt?: number };
    w.fullAt = undefined;
    let previewed = false;
    const observer = new MutationObserver(() => {
      if (`${canvas.width}x${canvas.height}` === preview) previewed = true;
      else if (previewed) {
        observer.disconnect();
        requestAnimationFrame(() => requestAnimationFrame(() => (w.fullAt = performance.now())));
      }
    });
    observer.observe(canvas, { attributes: true });
  }, preview);
}
