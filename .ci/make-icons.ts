/**
 * Renders public/favicon.svg into the PNG icons the web app manifest and iOS need, in
 * Debian's Chromium, so the icons are the project's own and reproducible:
 * `npm run icons` after changing the SVG, then commit public/icons/.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../test/support/chromium.ts';

const root = join(import.meta.dirname, '..');
const svg = readFileSync(join(root, 'public/favicon.svg'), 'utf8');

/** One icon: its file, its size, and how much of it the logo fills. */
interface IconSpec {
  file: string;
  size: number;
  /** Fraction of the side the logo spans; the rest is the background. */
  scale: number;
  /** Opaque background behind the logo, or none (transparent). */
  background?: string;
}

const specs: IconSpec[] = [
  { file: 'icon-192.png', size: 192, scale: 1 },
  { file: 'icon-512.png', size: 512, scale: 1 },
  // Maskable: launchers crop to a shape inside the central 80 % "safe zone", so the logo
  // sits within it on a full-bleed background of the logo's own colour.
  { file: 'maskable-512.png', size: 512, scale: 0.7, background: '#7ED957' },
  // iOS fills transparency with black and rounds the corners itself.
  { file: 'apple-touch-icon.png', size: 180, scale: 0.86, background: '#7ED957' },
];

const browser = await chromium.launch({
  executablePath: chromiumPath,
  args: chromiumArgs,
  headless: true,
});
try {
  for (const spec of specs) {
    const page = await browser.newPage({ viewport: { width: spec.size, height: spec.size } });
    const side = Math.round(spec.size * spec.scale);
    await page.setContent(`<!doctype html>
      <style>
        html, body { margin: 0; width: 100%; height: 100%; background: ${spec.background ?? 'transparent'}; }
        body { display: grid; place-items: center; }
        svg { width: ${side}px; height: ${side}px; display: block; }
      </style>${svg}`);
    await page.screenshot({
      path: join(root, 'public/icons', spec.file),
      omitBackground: !spec.background,
    });
    await page.close();
    process.stdout.write(`public/icons/${spec.file} ${spec.size}×${spec.size}\n`);
  }
} finally {
  await browser.close();
}
