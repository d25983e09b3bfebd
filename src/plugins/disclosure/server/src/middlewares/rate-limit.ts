import type { Core } from '@strapi/strapi';
import { addressBucket, isRateLimitedPath } from '../domain/rate-limit';
import { disclosureError } from '../utils/disclosure-error';
import { getService } from '../utils/get-service';

export const RATE_LIMIT_MIDDLEWARE = 'plugin::disclosure.rate-limit';

/**
 * Charges each rate-limited request to exactly one budget: a consumer API request with a valid site token to its
 * site (many sites may share one outgoing address, a government cloud's say), every other request — anonymous, a bad
 * token, the portal's static files — to the client address. Past the budget: 429 with Retry-After. The client
 * address is the socket's unless the server trusts a proxy (IS_PROXIED, PROXY_HOPS in config/server.ts).
 */
export const rateLimit = (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  const consumerPrefix = `${strapi.config.get('api.rest.prefix', '/api')}/disclosure/`;
  let adminPrefixes: Set<string> | null = null;

  async function siteOf(ctx: any) {
    if (!ctx.path.startsWith(consumerPrefix) || !ctx.get('authorization')) return null;
    return getService('consumer-sites', strapi)
      .authenticate(ctx.get('authorization'))
      .catch(() => null);
  }

  return async (ctx: any, next: () => Promise<void>) => {
    // Admin routes are known once every plugin is loaded.
    adminPrefixes ??= new Set(Object.keys(strapi.plugins));
    if (!isRateLimitedPath(ctx.path, adminPrefixes)) return next();
    const site = await siteOf(ctx);
    const limiter = getService('rate-limit', strapi);
    const { retryAfter } = site ? await limiter.consume('site', String(site.id)) : await limiter.consume('ip', addressBucket(ctx.ip));
    if (retryAfter !== null) {
      ctx.set('Retry-After', String(retryAfter));
      throw disclosureError(
        429,
        'RATE_LIMITED',
        `请求过于频繁，请在 ${retryAfter} 秒后重试`,
        `too many requests; retry after ${retryAfter} seconds`,
        { retryAfter }
      );
    }
    return next();
  };
};
