/**
 * Builds the app for end-to-end tests into a fresh temporary folder, as `npm run build` does,
 * so parallel runs never share a `dist/`.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';

/** Build the production page into a new temp folder and return its path. */
export async function buildApp(define: Record<string, string> = {}): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'glimpse-dist-'));
  // Vitest sets NODE_ENV=test, which would give Lit's dev mode and Workbox's dev worker.
  const previous = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: join(import.meta.dirname, '../../vite.config.ts'),
      mode: 'production',
      logLevel: 'warn',
      define,
      build: { outDir, emptyOutDir: true },
    });
  } finally {
    process.env.NODE_ENV = previous;
  }
  return outDir;
}
