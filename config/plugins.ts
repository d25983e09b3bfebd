import path from 'path';

export default ({ env }) => ({
  'users-permissions': {
    config: {
      jwtSecret: env('JWT_SECRET'),
    },
  },
  disclosure: {
    enabled: true,
    // Resolved from the compiled config (dist/config), so it points at the compiled plugin.
    resolve: path.join(__dirname, '..', 'src', 'plugins', 'disclosure'),
    config: {
      contentTypes: [
        'api::policy.policy',
        'api::interpretation.interpretation',
        'api::dual-publicity-record.dual-publicity-record',
        'api::procurement-notice.procurement-notice',
        'api::recruitment-notice.recruitment-notice',
        'api::disclosure-item.disclosure-item',
      ],
      indexNumber: {
        // Tokens: {orgCode} {year} {seq:N} {typeCode} {categoryCode}; numbers run per rendered prefix.
        pattern: env('INDEX_NUMBER_PATTERN', '{orgCode}/{year}-{seq:5}'),
      },
      // Unset variables keep the plugin's defaults (src/plugins/disclosure/server/src/config/index.ts).
      scheduler: {
        leaseMs: env.int('SCHEDULER_LEASE_MS'),
        heartbeatMs: env.int('SCHEDULER_HEARTBEAT_MS'),
        maxAttempts: env.int('SCHEDULER_MAX_ATTEMPTS'),
      },
    },
  },
});
