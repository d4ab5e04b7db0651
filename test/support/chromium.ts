/**
 * How every test reaches a browser: Debian's Chromium, never a downloaded one.
 * The flags keep it from spending its time on network calls this machine refuses.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Path of the Chromium binary (`$CHROME_PATH` or Debian's). */
export const chromiumPath = process.env.CHROME_PATH ?? '/usr/bin/chromium';

/** Command-line flags for a quiet headless Chromium on a machine with no network. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A fresh, empty user-data directory for one browser. */
export function freshProfileDir(): string {
  return mkdtempSync(join(tmpdir(), 'glimpse-chromium-'));
}
