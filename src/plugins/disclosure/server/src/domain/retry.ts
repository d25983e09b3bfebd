/** Exponential backoff for a failed scheduled job: 30 s, 1 min, 2 min … capped at 1 h. */
export function retryDelayMs(attempts: number, baseMs = 30_000, capMs = 3_600_000): number {
  if (!Number.isInteger(attempts) || attempts < 1) throw new RangeError(`attempts must be a positive integer, got ${attempts}`);
  return Math.min(capMs, baseMs * 2 ** (attempts - 1));
}
