/**
 * Timing helpers for benches: the median of several runs after a warm-up, so one noisy run
 * does not decide a figure.
 */

/** Median of `runs` timed calls of `fn` (after `warmup` untimed ones), in milliseconds. */
export async function medianMs(
  fn: () => unknown | Promise<unknown>,
  runs = 7,
  warmup = 2,
): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

/** Format a figure line: value, goal and ratio to a baseline. */
export function figure(label: string, ms: number, baselineMs: number, goalMs?: number): string {
  const goal =
    goalMs === undefined ? '' : ` (goal ≤ ${goalMs} ms: ${ms <= goalMs ? 'met' : 'MISSED'})`;
  return `${label}: ${ms.toFixed(1)} ms = ${(ms / baselineMs).toFixed(2)} × baseline ${baselineMs.toFixed(1)} ms${goal}`;
}
