import { retryDelayMs } from '../../../../../src/plugins/disclosure/server/src/domain/retry';

describe('scheduled job retry backoff', () => {
  it('doubles from 30 seconds and stops at an hour', () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n))).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(retryDelayMs(12)).toBe(3_600_000);
  });

  it('refuses a non-positive attempt count', () => {
    expect(() => retryDelayMs(0)).toThrow(RangeError);
  });
});
