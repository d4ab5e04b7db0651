/**
 * Builds the app for end-to-end tests into a fresh temporary folder, as `npm run build` does,
 * so parallel runs never share a `dist/`.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';

/** What changes between test builds. */
export interface BuildOptions {
  /** Shown in the footer as "Build <id>"; tells two deploys apart. */
  buildId?: string;
  /**
   * `GLIMPSE_CONNECT_SRC`: origins that narrow `connect-src` to the page, Google and them.
   * Unset, the build has the default policy, which lets the page reach the fake Gemini
   * server on 127.0.0.1 as it would a person's own local proxy.
   */
  connectSrc?: string;
}

/** Build the production page into a new temp folder and return its path. */
export async function buildApp(
  define: Record<string, string> = {},
  options: BuildOptions = {},
): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'glimpse-dist-'));
  // Vitest sets NODE_ENV=test, which would give Lit's dev mode and Workbox's dev worker.
  const env = {
    NODE_ENV: 'production',
    GLIMPSE_CONNECT_SRC: options.connectSrc ?? '',
    GLIMPSE_BUILD_ID: options.buildId ?? 'e2e',
  };
  const previous = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  try {
    await build({
      configFile: join(import.meta.dirname, '../../vite.config.ts'),
      mode: 'production',
      logLevel: 'warn',
      define,
      build: { outDir, emptyOutDir: true },
    });
  } finally {
    for (const [k, v] of Object.entries(previous)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
  return outDir;
}
