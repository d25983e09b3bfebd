import { assertProductionSecrets } from './secrets';

export default ({ env }) => {
  assertProductionSecrets(env);
  return {
    host: env('HOST', '0.0.0.0'),
    port: env.int('PORT', 1337),
    url: env('PUBLIC_URL', ''),
    proxy: env.bool('IS_PROXIED', false),
    app: {
      keys: env.array('APP_KEYS'),
    },
    cron: {
      // Off unless asked for: tests and extra instances must not run scheduled work.
      enabled: env.bool('CRON_ENABLED', false),
    },
  };
};
