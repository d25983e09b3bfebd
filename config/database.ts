import type { Core } from '@strapi/strapi';
import path from 'path';
import { Queryable, serializeQueries } from '../src/database/serial-queries';

/**
 * SQLite under .tmp/ is the embedded default so that the app can be tried with
 * no server; PostgreSQL (DATABASE_CLIENT=postgres) is what production and the
 * tests use.
 */
/** PostgreSQL session settings for every connection (DATABASE_PG_OPTIONS overrides them); why each, below. */
export const DEFAULT_PG_OPTIONS = '-c jit=off -c plan_cache_mode=force_generic_plan -c max_parallel_workers_per_gather=0';

export default ({ env }: Core.Config.Shared.ConfigParams) => {
  const client = env('DATABASE_CLIENT', 'sqlite');
  // Migrations are TypeScript (database/migrations/*.ts), compiled with the app: Strapi then runs them from dist.
  const settings = { useTypescriptMigrations: true };

  if (client === 'postgres') {
    const ssl = env.bool('DATABASE_SSL', false)
      ? { rejectUnauthorized: env.bool('DATABASE_SSL_REJECT_UNAUTHORIZED', true), ca: env('DATABASE_SSL_CA', undefined) }
      : false;
    // Session settings for every connection, for an API serving many short reads at once:
    // - JIT off: PostgreSQL compiles a statement whose estimated cost passes jit_above_cost, which the consumer reads'
    //   correlated subqueries do on small or freshly loaded tables; compiling took 0.5–1 s for a read that runs in
    //   milliseconds, and short reads never win it back.
    // - Generic plans for named prepared statements (only the consumer API's hot reads are named): planning a list page
    //   cost 2.5–3 ms against ~1 ms running it, on every request, because PostgreSQL kept re-planning (a generic plan
    //   with LIMIT $n looks costly to it). The reads are written so that their generic plan is the good one.
    // - No parallel workers: launching them cost ~30 ms for a read of a few dozen rows, and under concurrent requests
    //   the cores are busy anyway.
    const options = env('DATABASE_PG_OPTIONS', DEFAULT_PG_OPTIONS);
    return {
      connection: {
        client: 'postgres',
        connection: env('DATABASE_URL')
          ? { connectionString: env('DATABASE_URL'), ssl, options }
          : {
              options,
              host: env('DATABASE_HOST', '127.0.0.1'),
              port: env.int('DATABASE_PORT', 5432),
              database: env('DATABASE_NAME', 'gongkai'),
              user: env('DATABASE_USERNAME', 'postgres'),
              password: env('DATABASE_PASSWORD', ''),
              ssl,
              schema: env('DATABASE_SCHEMA', 'public'),
            },
        // Plain SQL in the plugin (feed, outbox, consumer reads) names tables without a schema: resolve them there.
        searchPath: [env('DATABASE_SCHEMA', 'public')],
        pool: {
          min: env.int('DATABASE_POOL_MIN', 2),
          max: env.int('DATABASE_POOL_MAX', 10),
          // Strapi runs this after its own per-connection setup: pg must not be handed a query while one is running.
          afterCreate: (connection: Queryable, done: (error: Error | null, connection: Queryable) => void) => done(null, serializeQueries(connection)),
        },
        acquireConnectionTimeout: env.int('DATABASE_CONNECTION_TIMEOUT', 60000),
      },
      settings,
    };
  }

  if (client !== 'sqlite') {
    throw new Error(`DATABASE_CLIENT must be "sqlite" or "postgres", got "${client}"`);
  }

  return {
    connection: {
      client: 'sqlite',
      connection: {
        filename: path.resolve(process.cwd(), env('DATABASE_FILENAME', '.tmp/data.db')),
      },
      useNullAsDefault: true,
    },
    settings,
  };
};
