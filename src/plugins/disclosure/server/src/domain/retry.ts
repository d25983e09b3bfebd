/** Exponential backoff for failed work (scheduled jobs, webhook deliveries): 30 s, 1 min, 2 min … capped at 1 h. */
export function retryDelayMs(attempts: number, baseMs = 30_000, capMs = 3_600_000): number {
  if (!Number.isInteger(attempts) || attempts < 1) throw new RangeError(`attempts must be a positive integer, got ${attempts}`);
  return Math.min(capMs, baseMs * 2 ** (attempts - 1));
}

/**
 * Whether a delivery that first failed at `firstAttemptAt` should be tried again: until the retry window (24 h by
 * default) has passed since its first attempt, after which it is dead-lettered.
 */
export function shouldRetry(firstAttemptAt: Date, now: Date, windowMs = 24 * 3_600_000): boolean {
  return now.getTime() - firstAttemptAt.getTime() < windowMs;
}
