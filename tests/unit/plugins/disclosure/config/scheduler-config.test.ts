import fp from 'lodash/fp';
import config from '../../../../../src/plugins/disclosure/server/src/config';

/** What Strapi validates: the configured values, each unset one (undefined) filled from the defaults. */
const withScheduler = (scheduler: Record<string, unknown>) => fp.defaultsDeep(config.default(), { scheduler }) as any;

describe('scheduler tunables in the plugin config', () => {
  it('the defaults are valid: a short lease, renewed at least twice per lease, 8 attempts', () => {
    const { scheduler } = config.default();
    expect(() => config.validator(config.default())).not.toThrow();
    expect(scheduler!.heartbeatMs! * 2).toBeLessThanOrEqual(scheduler!.leaseMs!);
    expect(scheduler!.maxAttempts).toBe(8);
  });

  it('unset values keep the defaults (config/plugins.ts passes undefined when no variable is set)', () => {
    expect(() => config.validator(withScheduler({ leaseMs: undefined, heartbeatMs: undefined, maxAttempts: undefined }))).not.toThrow();
  });

  it.each([
    [{ leaseMs: 500 }, /leaseMs/],
    [{ leaseMs: 1500.5 }, /leaseMs/],
    [{ leaseMs: 4000, heartbeatMs: 3000 }, /heartbeatMs/],
    [{ heartbeatMs: 50 }, /heartbeatMs/],
    [{ maxAttempts: 0 }, /maxAttempts/],
    [{ maxAttempts: Number.NaN }, /maxAttempts/],
  ])('refuses %o', (scheduler, message) => {
    expect(() => config.validator(withScheduler(scheduler))).toThrow(message);
  });
});
