import { retryDelayMs, shouldRetry } from '../../../../../src/plugins/disclosure/server/src/domain/retry';

describe('scheduled job retry backoff', () => {
  it('doubles from 30 seconds and stops at an hour', () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, 30_000, 3_600_000))).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(retryDelayMs(12, 30_000, 3_600_000)).toBe(3_600_000);
  });

  it('refuses a non-positive attempt count', () => {
    expect(() => retryDelayMs(0, 30_000, 3_600_000)).toThrow(RangeError);
  });
});

describe('webhook delivery retry window', () => {
  const first = new Date('2025-03-01T00:00:00Z');
  const later = (ms: number) => new Date(first.getTime() + ms);

  const day = 24 * 3_600_000;

  it('retries within the window after the first attempt', () => {
    expect(shouldRetry(first, first, day)).toBe(true);
    expect(shouldRetry(first, later(60_000), day)).toBe(true);
    expect(shouldRetry(first, later(day - 1), day)).toBe(true);
  });

  it('dead-letters once the window has passed', () => {
    expect(shouldRetry(first, later(day), day)).toBe(false);
    expect(shouldRetry(first, later(2 * day), day)).toBe(false);
  });

  it('takes another window', () => {
    expect(shouldRetry(first, later(59_999), 60_000)).toBe(true);
    expect(shouldRetry(first, later(60_000), 60_000)).toBe(false);
    expect(shouldRetry(first, first, 0)).toBe(false);
  });
});
