import type { Core } from '@strapi/strapi';
import { assertProductionSecrets } from './secrets';

export default ({ env }: Core.Config.Shared.ConfigParams) => {
  assertProductionSecrets(env);
  return {
    host: env('HOST', '0.0.0.0'),
    port: env.int('PORT', 1337),
    url: env('PUBLIC_URL', ''),
    // Strapi 5 reads proxy.koa (a bare `proxy: true` trusts nothing). Behind PROXY_HOPS trusted proxies the client
    // is the address the outermost one saw: X-Forwarded-For entries a client writes itself are further left, ignored.
    proxy: { koa: env.bool('IS_PROXIED', false), maxIpsCount: env.int('PROXY_HOPS', 1) },
    app: {
      keys: env.array('APP_KEYS'),
    },
    cron: {
      // Off unless asked for: tests and extra instances must not run scheduled work.
      enabled: env.bool('CRON_ENABLED', false),
    },
  };
};
