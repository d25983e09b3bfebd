import type { Core } from '@strapi/strapi';
import { RateLimiterAbstract, RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, RateLimiterStoreAbstract } from 'rate-limiter-flexible';
import { PLUGIN_ID, RATE_LIMIT_TABLE } from '../constants';
import type { ApplicationSettings, RateLimitConfig, RateWindow } from '../config';
import { retryAfterSeconds } from '../domain/rate-limit';

/** Per site, per client address, and per client address for the 依申请公开 form's submissions and status lookups. */
export type Bucket = 'site' | 'ip' | 'applications' | 'application-lookups';
/** Seconds to wait before trying again, or null when the request may go on. */
export type Verdict = { retryAfter: number | null };

/**
 * Request budgets per site token and per client address. On PostgreSQL the counters live in one table, so every
 * instance draws on the same budget; a key that ran out is then refused from memory until its window ends (no query
 * per refused request), and should the database fail, each instance counts in memory meanwhile. SQLite runs a single
 * instance: memory is enough.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const config = () => strapi.plugin(PLUGIN_ID).config('rateLimit') as RateLimitConfig;
  const limiters = new Map<Bucket, RateLimiterAbstract | RateLimiterStoreAbstract>();

  const memory = (keyPrefix: string, window: RateWindow) => new RateLimiterMemory({ keyPrefix, points: window.points, duration: window.duration });

  const postgres = (keyPrefix: string, window: RateWindow) =>
    new Promise<RateLimiterPostgres>((resolve, reject) => {
      const limiter: RateLimiterPostgres = new RateLimiterPostgres(
        {
          storeClient: strapi.db.connection,
          storeType: 'knex',
          tableName: RATE_LIMIT_TABLE,
          keyPrefix,
          points: window.points,
          duration: window.duration,
          inMemoryBlockOnConsumed: window.points + 1,
          insuranceLimiter: memory(`${keyPrefix}-insurance`, window),
        },
        // Creates the table if it is missing (CREATE TABLE IF NOT EXISTS), before the first request.
        (error?: Error) => (error ? reject(error) : resolve(limiter))
      );
    });

  return {
    async init() {
      const { enabled, site, ip } = config();
      if (!enabled) return;
      const { submissions, lookups } = strapi.plugin(PLUGIN_ID).config('applications') as ApplicationSettings;
      const isPostgres = strapi.db.dialect.client === 'postgres';
      const windows: [Bucket, RateWindow][] = [
        ['site', site],
        ['ip', ip],
        ['applications', submissions],
        ['application-lookups', lookups],
      ];
      for (const [bucket, window] of windows) {
        limiters.set(bucket, isPostgres ? await postgres(bucket, window) : memory(bucket, window));
      }
    },

    /** Takes one request from the key's budget in the bucket; refused with the seconds until the window ends. */
    async consume(bucket: Bucket, key: string): Promise<Verdict> {
      const limiter = limiters.get(bucket);
      if (!limiter) return { retryAfter: null };
      try {
        await limiter.consume(key);
        return { retryAfter: null };
      } catch (result) {
        if (result instanceof RateLimiterRes) return { retryAfter: retryAfterSeconds(result.msBeforeNext) };
        throw result;
      }
    },
  };
};
