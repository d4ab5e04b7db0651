/**
 * Helpers for the accessibility tests: run axe-core in a page, find the element that really
 * has focus (through shadow roots), and tell whether focus is visible on it.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

/** One axe finding, reduced to what a person needs to fix it. */
export interface Finding {
  rule: string;
  impact: string | null;
  targets: string[];
  summary: string;
}

/**
 * Run axe-core (WCAG 2.x A and AA rules plus best practices) over the whole page, shadow
 * roots included. The source goes in through the DevTools protocol, which the page's
 * Content-Security-Policy does not govern, so the policy stays on during the check.
 */
export async function axeFindings(page: Page): Promise<Finding[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: typeof import('axe-core') }).axe;
    const result = await axe.run(document, {
      runOnly: {
        type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'],
      },
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({
      rule: v.id,
      impact: v.impact ?? null,
      targets: v.nodes.map((n) => JSON.stringify(n.target)),
      summary: v.nodes[0]?.failureSummary ?? v.help,
    }));
  });
}

/** Describe the focused element (deepest, through shadow roots) and whether focus shows. */
export function focusState(page: Page): Promise<{ name: string; visible: boolean } | null> {
  return page.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    if (!el || el === document.body) return null;
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    const ring = style.boxShadow !== 'none';
    const label =
      el.getAttribute('aria-label') ??
      (el as HTMLInputElement).labels?.[0]?.textContent ??
      el.textContent ??
      '';
    return {
      name: `${el.tagName.toLowerCase()} "${label.trim().slice(0, 40)}"`,
      visible: (outline || ring) && el.matches(':focus-visible'),
    };
  });
}

/** True when nothing on the page is animating or set to transition. */
export function motionless(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    if (document.getAnimations().length > 0) return false;
    const all: Element[] = [];
    const walk = (root: Document | ShadowRoot) => {
      for (const el of root.querySelectorAll('*')) {
        all.push(el);
        if (el.shadowRoot) walk(el.shadowRoot);
      }
    };
    walk(document);
    return all.every((el) => {
      const s = getComputedStyle(el);
      const moving = (d: string) => d.split(',').some((t) => parseFloat(t) > 0);
      return (
        !moving(s.transitionDuration) &&
        (s.animationName === 'none' || !moving(s.animationDuration))
      );
    });
  });
}

/** Press Tab until the focused element's description matches `target` (at most `max` times). */
export async function tabTo(page: Page, target: RegExp, max = 40): Promise<boolean> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (target.test((await focusState(page))?.name ?? '')) return true;
  }
  return false;
}

/**
 * Start counting every change of text in the page's live regions (`role=status`, `role=alert`,
 * `aria-live`), shadow roots included; read the log with {@link liveLog}.
 */
export function watchLiveRegions(page: Page): Promise<void> {
  return page.evaluate(() => {
    const log: string[] = [];
    (window as unknown as { __live: string[] }).__live = log;
    const regions: Element[] = [];
    const walk = (root: Document | ShadowRoot) => {
      for (const el of root.querySelectorAll('*')) {
        if (el.matches('[role=status],[role=alert],[aria-live]:not([aria-live=off])')) {
          regions.push(el);
        }
        if (el.shadowRoot) walk(el.shadowRoot);
      }
    };
    walk(document);
    for (const region of regions) {
      let last = region.textContent?.trim() ?? '';
      new MutationObserver(() => {
        const now = region.textContent?.trim() ?? '';
        if (now !== last && now !== '') log.push(now.slice(0, 60));
        last = now;
      }).observe(region, { childList: true, subtree: true, characterData: true });
    }
  });
}

/** What the live regions said since {@link watchLiveRegions}, in order. */
export function liveLog(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __live: string[] }).__live);
}
