import { describe, expect, inject, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { inlineCode } from '../../src/build/csp-plugin.ts';

const kB = 1024;

/** The budget recorded in the README's "Size budget" section, in KB gzipped. */
function recordedBudget(): number {
  const readme = readFileSync(join(import.meta.dirname, '../../README.md'), 'utf8');
  const match = /First-view budget: \*\*(\d+) KB gzipped\*\*/.exec(readme);
  if (!match) throw new Error('README.md lost its "First-view budget: **N KB gzipped**" line');
  return Number(match[1]);
}

describe('size', () => {
  it('keeps the JavaScript and CSS the first view needs within the README budget', () => {
    const html = readFileSync(join(inject('distDir'), 'index.html'), 'utf8');
    const { scripts, styles } = inlineCode(html);
    // The single-file build inlines every script and stylesheet the page runs.
    expect(scripts.length).toBeGreaterThan(0);
    expect(html).not.toMatch(/<script[^>]+\bsrc=|<link[^>]+rel="(stylesheet|modulepreload)"/);
    const js = gzipSync(scripts.join('\n'), { level: 9 }).length;
    const css = gzipSync(styles.join('\n'), { level: 9 }).length;
    const page = gzipSync(html, { level: 9 }).length;
    const budget = recordedBudget();
    console.log(
      `first view: JS ${(js / kB).toFixed(1)} KB + CSS ${(css / kB).toFixed(1)} KB gzipped ` +
        `(whole index.html ${(page / kB).toFixed(1)} KB gzipped); budget ${budget} KB`,
    );
    expect((js + css) / kB).toBeLessThanOrEqual(budget);
  });
});
