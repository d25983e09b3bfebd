import config from '../../../../../src/plugins/disclosure/server/src/config';

/** The consumer API's cost limits and the rate limits: defaults a real site can run with, nonsense refused at boot. */
describe('plugin config: consumer limits and rate limits', () => {
  it('has defaults that pass its own validator', () => {
    const defaults = config.default();
    expect(() => config.validator(defaults)).not.toThrow();
    expect(defaults.consumer).toEqual({ cache: 'on', cacheMaxBytes: 64 * 1024 * 1024, listMaxDepth: 1_000, listCountCap: 1_000, feedMaxScan: 2_000 });
    expect(defaults.rateLimit).toEqual({ enabled: true, site: { points: 600, duration: 60 }, ip: { points: 300, duration: 60 } });
    // The 依申请公开 form: 64 KB a submission, 10 submissions and 60 status lookups per address an hour.
    expect(defaults.applications).toMatchObject({ bodyLimitBytes: 65_536, submissions: { points: 10, duration: 3600 }, lookups: { points: 60, duration: 3600 }, captchaModule: null });
  });

  it.each([
    ['consumer.cache', (c: any) => (c.consumer.cache = 'false')],
    ['consumer.cacheMaxBytes', (c: any) => (c.consumer.cacheMaxBytes = 0)],
    ['consumer.listMaxDepth', (c: any) => (c.consumer.listMaxDepth = Number.NaN)],
    ['consumer.listCountCap', (c: any) => (c.consumer.listCountCap = 0)],
    ['consumer.feedMaxScan', (c: any) => (c.consumer.feedMaxScan = 1.5)],
    ['rateLimit.enabled', (c: any) => (c.rateLimit.enabled = 'yes')],
    ['rateLimit.site', (c: any) => (c.rateLimit.site.points = -1)],
    ['rateLimit.ip', (c: any) => (c.rateLimit.ip.duration = undefined)],
    ['webhooks.timeoutMs', (c: any) => (c.webhooks.timeoutMs = 0)],
    ['webhooks.backoffCapMs', (c: any) => (c.webhooks.backoffCapMs = c.webhooks.backoffBaseMs - 1)],
    ['webhooks.retryWindowMs', (c: any) => (c.webhooks.retryWindowMs = -1)],
    ['scheduler.backoffBaseMs', (c: any) => (c.scheduler.backoffBaseMs = 0)],
    ['cron.webhooks', (c: any) => (c.cron.webhooks = '*/5 * * * *')],
    ['applications.bodyLimitBytes', (c: any) => (c.applications.bodyLimitBytes = 0)],
    ['applications.submissions', (c: any) => (c.applications.submissions.points = 0)],
    ['applications.lookups', (c: any) => (c.applications.lookups = undefined)],
    ['applications.captchaModule', (c: any) => (c.applications.captchaModule = 42)],
  ])('refuses a bad %s', (name, spoil) => {
    const candidate = config.default();
    spoil(candidate);
    expect(() => config.validator(candidate)).toThrow(`disclosure.${name}`);
  });
});
