/**
 * `npm run bench`: runs every `test/bench/*.bench.ts` in turn and prints its figures.
 * Each bench module's default export is an async function that prints its own lines,
 * each figure as a ratio against a baseline measured in the same run (machines are noisy).
 * `npm run bench -- reveal` runs only the benches whose file name contains "reveal".
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const filter = process.argv[2] ?? '';
const dir = import.meta.dirname;
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts') && f.includes(filter))
  .sort();

for (const file of files) {
  console.log(`\n## ${file.replace(/\.bench\.ts$/, '')}`);
  const mod = (await import(pathToFileURL(join(dir, file)).href)) as {
    default: () => Promise<void>;
  };
  await mod.default();
}
