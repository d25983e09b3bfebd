import type { Core } from '@strapi/strapi';
import { RATE_LIMIT_TABLE } from '../../src/plugins/disclosure/server/src/constants';

type Knex = Core.Strapi['db']['connection'];

/**
 * The rate limiter's counters (services/rate-limit.ts) as an UNLOGGED table on PostgreSQL. Every rate-limited
 * request updates its budget's row; in a logged table each of those commits waits for a WAL flush while it holds the
 * row, so a site's concurrent requests queued behind one another's disk writes. A counter needs no durability: after
 * a database crash PostgreSQL empties an unlogged table, and the budgets start afresh.
 *
 * The definition is rate-limiter-flexible's own (it creates the table IF NOT EXISTS when the limiter starts, after
 * this migration). SQLite keeps its counters in memory.
 */
export async function up(knex: Knex) {
  if (knex.client.dialect !== 'postgresql') return;
  await knex.raw('CREATE UNLOGGED TABLE IF NOT EXISTS ?? (key varchar(255) PRIMARY KEY, points integer NOT NULL DEFAULT 0, expire bigint)', [RATE_LIMIT_TABLE]);
  await knex.raw('ALTER TABLE ?? SET UNLOGGED', [RATE_LIMIT_TABLE]);
}
