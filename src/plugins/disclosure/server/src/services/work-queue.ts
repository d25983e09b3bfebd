import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';

/** Plain SQL on the plugin's work tables (jobs, webhook deliveries), joined to the caller's transaction. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /**
   * The transaction the caller runs in, if any, else the pool. Plain SQL (knex) does not join Strapi's transaction by
   * itself: outside it, it would not see the transaction's writes — and on SQLite, whose pool holds one connection, it
   * would wait for the transaction forever.
   */
  async currentDb(): Promise<Knex> {
    if (!strapi.db.inTransaction()) return strapi.db.connection;
    return strapi.db.transaction(async ({ trx }) => trx);
  },

  /**
   * Claims up to `limit` due rows of a work table for one worker: rows `pending` whose due time has come, and rows
   * `running` whose worker's lease ran out. On PostgreSQL the selection is FOR UPDATE SKIP LOCKED, so concurrent
   * workers never claim the same row; each claimed row is marked running with this worker, a lease and one more
   * attempt. Used by the webhook outbox (the scheduler claims one job at a time and counts only failures: services/scheduler.ts).
   */
  async claimDue(options: { table: string; dueColumn: string; limit: number; worker: string; leaseMs: number; extra?: Record<string, unknown> }): Promise<any[]> {
    const db = strapi.db.connection;
    const now = new Date();
    const due = strapi.db.getConnection(options.table)
      .select('id')
      .where((q: Knex.QueryBuilder) => q.where('status', 'pending').andWhere(options.dueColumn, '<=', now))
      .orWhere((q: Knex.QueryBuilder) => q.where('status', 'running').andWhere('lease_until', '<', now))
      .orderBy(options.dueColumn)
      .limit(options.limit);
    if (strapi.db.dialect.client === 'postgres') due.forUpdate().skipLocked();
    return strapi.db
      .getConnection(options.table)
      .whereIn('id', due)
      .update({ status: 'running', worker: options.worker, lease_until: new Date(now.getTime() + options.leaseMs), attempts: db.raw('attempts + 1'), updated_at: now, ...options.extra })
      .returning('*');
  },
});
