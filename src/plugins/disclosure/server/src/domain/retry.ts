/** Exponential backoff for failed work (scheduled jobs, webhook deliveries): base, twice, four times … up to the cap. */
export function retryDelayMs(attempts: number, baseMs: number, capMs: number): number {
  if (!Number.isInteger(attempts) || attempts < 1) throw new RangeError(`attempts must be a positive integer, got ${attempts}`);
  return Math.min(capMs, baseMs * 2 ** (attempts - 1));
}

/**
 * Whether a delivery that first failed at `firstAttemptAt` should be tried again: until the retry window has passed
 * since its first attempt, after which it is dead-lettered.
 */
export function shouldRetry(firstAttemptAt: Date, now: Date, windowMs: number): boolean {
  return now.getTime() - firstAttemptAt.getTime() < windowMs;
}
