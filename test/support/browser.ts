/**
 * Launches Debian's Chromium through playwright-core for end-to-end tests.
 */
import { afterAll, beforeAll } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { chromiumArgs, chromiumPath } from './chromium.ts';

/** Start a headless Chromium (fresh temporary profile). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: chromiumArgs, headless: true });
}

/**
 * One Chromium for the tests of the enclosing `describe`: launched before them, closed after.
 * `browser` is filled in by `beforeAll`, so read it inside tests and hooks only.
 */
export function useChromium(): { browser: Browser } {
  const bed = {} as { browser: Browser };
  beforeAll(async () => {
    bed.browser = await launchChromium();
  });
  afterAll(() => bed.browser.close());
  return bed;
}

/**
 * Open a page and collect what would tell a person something went wrong:
 * uncaught exceptions and console errors.
 */
export async function openPage(
  context: BrowserContext,
  url: string,
): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  await page.goto(url);
  return { page, errors };
}
