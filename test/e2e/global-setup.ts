/**
 * Builds the page once for all end-to-end tests and serves it from `/` on 127.0.0.1.
 * Tests read `inject('distDir')` and `inject('appURL')`.
 */
import { rmSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { buildApp } from '../support/build.ts';
import { startStaticServer } from '../support/static-server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Folder holding the production build. */
    distDir: string;
    /** URL of the built page served from `/`, ending in `/`. */
    appURL: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const distDir = await buildApp();
  const server = await startStaticServer(distDir, '/');
  project.provide('distDir', distDir);
  project.provide('appURL', server.url);
  return async () => {
    await server.close();
    rmSync(distDir, { recursive: true, force: true });
  };
}
