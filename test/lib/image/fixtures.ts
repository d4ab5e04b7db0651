/** Reads the shared fixtures (`../shared/fixtures/…` from the repo root) in Node tests. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Path of a shared fixture (`../shared/fixtures/…` from the repo root). */
export function fixturePath(rel: string): string {
  return join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'fixtures', rel);
}

/** A shared fixture's bytes. */
export function fixture(rel: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(readFileSync(fixturePath(rel)));
}
