/**
 * When to try again, as pure functions the UI calls (it owns the countdown and the timer).
 */
import { GeminiError } from './errors.ts';

/** At most this many attempts in all, the first included. */
export const MAX_ATTEMPTS = 3;
/** First back-off delay for server errors; it doubles each time. */
export const BACKOFF_BASE_MS = 1000;
/** Used for a 429 that came without a `RetryInfo.retryDelay`. */
export const DEFAULT_RATE_LIMIT_DELAY_MS = 10_000;

/**
 * How long to wait before trying again, or null when trying again cannot help (or the
 * attempts are used up). `attempt` is the number of the attempt that just failed: 1 for the
 * first. 429 waits the server's `retryDelay`; 500/502/503/504 back off 1 s, 2 s, …; any other
 * error (a bad key, an error after part of the answer, Stop) gives null.
 */
export function retryDelayMs(error: unknown, attempt: number): number | null {
  if (!(error instanceof GeminiError) || attempt >= MAX_ATTEMPTS) return null;
  if (error.kind === 'rate-limited') return error.retryAfterMs ?? DEFAULT_RATE_LIMIT_DELAY_MS;
  if (error.kind === 'server') return BACKOFF_BASE_MS * 2 ** Math.max(0, attempt - 1);
  return null;
}
