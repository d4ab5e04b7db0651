import { describe, expect, inject, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { inlineCode } from '../../src/build/csp-plugin.ts';
import { standaloneFile } from '../../src/build/split-plugin.ts';
import { useChromium } from '../support/browser.ts';

const kB = 1024;

/** The budget recorded in the README's "Size budget" section, in KB gzipped. */
function recordedBudget(): number {
  const readme = readFileSync(join(import.meta.dirname, '../../README.md'), 'utf8');
  const match = /First-view budget: \*\*(\d+) KB gzipped\*\*/.exec(readme);
  if (!match) throw new Error('README.md lost its "First-view budget: **N KB gzipped**" line');
  return Number(match[1]);
}

/** Gzipped size of `text`, as a static host would send it. */
function gzipped(text: string | Buffer): number {
  return gzipSync(text, { level: 9 }).length;
}

/** Record the build files (relative to the page) of every script and stylesheet `page` requests. */
function recordCode(page: Page, base: string): string[] {
  const files: string[] = [];
  page.on('request', (r) => {
    if (!['script', 'stylesheet'].includes(r.resourceType())) return;
    if (r.url().startsWith(base)) files.push(r.url().slice(base.length));
  });
  return files;
}

describe('size', () => {
  const bed = useChromium();

  it('keeps the JavaScript and CSS the first view loads within the README budget', async () => {
    const distDir = inject('distDir');
    const base = inject('appURL');
    const html = readFileSync(join(distDir, 'index.html'), 'utf8');
    const context = await bed.browser.newContext();
    const page = await context.newPage();
    const loaded = recordCode(page, base);
    await page.goto(`${base}#/ask`);
    // The Ask form is on screen and the network is quiet: the first view has all it needs.
    await page.getByRole('tabpanel').getByLabel('Gemini API key').waitFor();
    await page.waitForLoadState('networkidle');

    const { scripts, styles } = inlineCode(html);
    const inline = gzipped(scripts.join('\n')) + gzipped(styles.join('\n'));
    const requested = loaded.map((f) => ({
      file: f,
      size: gzipped(readFileSync(join(distDir, f))),
    }));
    expect(requested.length).toBeGreaterThan(0);
    // Reveal and Hide load when their tab opens, not with Ask.
    expect(requested.map((r) => r.file).filter((f) => /reveal|hide|markdown/.test(f))).toEqual([]);
    const total = inline + requested.reduce((sum, r) => sum + r.size, 0);

    await page.getByRole('tab', { name: 'Reveal' }).click();
    await page.getByRole('tabpanel').getByLabel('Image', { exact: true }).waitFor();
    expect(loaded.some((f) => /reveal-view/.test(f))).toBe(true);
    // The text reader (7 MB) waits for "Read text": neither view asks for any of it.
    expect(loaded.filter((f) => f.startsWith('ocr/'))).toEqual([]);
    await context.close();

    const standalone = gzipped(readFileSync(join(distDir, standaloneFile)));
    const budget = recordedBudget();
    console.log(
      `first view over http(s): ${(total / kB).toFixed(1)} KB gzipped ` +
        `(inline ${(inline / kB).toFixed(1)} KB + ${requested
          .map((r) => `${r.file} ${(r.size / kB).toFixed(1)} KB`)
          .join(' + ')}); ` +
        `file:// script ${(standalone / kB).toFixed(1)} KB gzipped; budget ${budget} KB`,
    );
    expect(total / kB).toBeLessThanOrEqual(budget);
  });
});
