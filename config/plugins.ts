import type { Core } from '@strapi/strapi';
import path from 'path';

export default ({ env }: Core.Config.Shared.ConfigParams) => ({
  'users-permissions': {
    config: {
      jwtSecret: env('JWT_SECRET'),
    },
  },
  disclosure: {
    enabled: true,
    // Resolved from the compiled config (dist/config), so it points at the compiled plugin.
    resolve: path.join(__dirname, '..', 'src', 'plugins', 'disclosure'),
    // Unset variables keep the plugin's defaults (src/plugins/disclosure/server/src/config/index.ts), governed
    // content types included.
    config: {
      indexNumber: {
        // Tokens: {orgCode} {year} {seq:N} {typeCode} {categoryCode}; numbers run per rendered prefix.
        pattern: env('INDEX_NUMBER_PATTERN', '{orgCode}/{year}-{seq:5}'),
      },
      webhooks: {
        // Webhooks reach public addresses on ports 80/443 only; list intranet ranges and extra ports explicitly.
        allowedAddresses: env.array('WEBHOOK_ALLOWED_ADDRESSES', []).filter(Boolean),
        allowedPorts: env.array('WEBHOOK_ALLOWED_PORTS', []).filter(Boolean).map(Number),
        timeoutMs: env.int('WEBHOOK_TIMEOUT_MS'),
        backoffBaseMs: env.int('WEBHOOK_BACKOFF_BASE_MS'),
        backoffCapMs: env.int('WEBHOOK_BACKOFF_CAP_MS'),
        retryWindowMs: env.int('WEBHOOK_RETRY_WINDOW_MS'),
      },
      consumer: {
        cache: env('CONSUMER_CACHE'),
        cacheMaxBytes: env.int('CONSUMER_CACHE_MAX_BYTES'),
        listMaxDepth: env.int('CONSUMER_LIST_MAX_DEPTH'),
        listCountCap: env.int('CONSUMER_LIST_COUNT_CAP'),
        feedMaxScan: env.int('CONSUMER_FEED_MAX_SCAN'),
      },
      rateLimit: {
        enabled: env.bool('RATE_LIMIT_ENABLED'),
        site: { points: env.int('RATE_LIMIT_SITE_POINTS'), duration: env.int('RATE_LIMIT_SITE_DURATION') },
        ip: { points: env.int('RATE_LIMIT_IP_POINTS'), duration: env.int('RATE_LIMIT_IP_DURATION') },
      },
      scheduler: {
        leaseMs: env.int('SCHEDULER_LEASE_MS'),
        heartbeatMs: env.int('SCHEDULER_HEARTBEAT_MS'),
        maxAttempts: env.int('SCHEDULER_MAX_ATTEMPTS'),
      },
      cron: { scheduler: env('SCHEDULER_CRON'), webhooks: env('WEBHOOK_CRON'), reminders: env('REMINDER_CRON') },
      readiness: { calendarNextYear: env.bool('READY_REQUIRE_NEXT_YEAR_CALENDAR') },
      applications: {
        bodyLimitBytes: env.int('APPLICATION_BODY_LIMIT_BYTES'),
        submissions: { points: env.int('APPLICATION_SUBMISSIONS_POINTS'), duration: env.int('APPLICATION_SUBMISSIONS_DURATION') },
        lookups: { points: env.int('APPLICATION_LOOKUPS_POINTS'), duration: env.int('APPLICATION_LOOKUPS_DURATION') },
        // A module exporting verify(token, ctx) → Promise<boolean>, e.g. the site's captcha provider's adapter.
        captchaModule: env('APPLICATION_CAPTCHA_MODULE'),
        retentionYears: env.int('APPLICATION_RETENTION_YEARS'),
      },
    },
  },
});
