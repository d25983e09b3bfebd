import type { Core } from '@strapi/strapi';

/**
 * One instance at a time through Strapi's startup writes.
 *
 * Strapi 5 runs, in `strapi.bootstrap()` and on every instance: the user migrations (database/migrations, recorded in
 * strapi_migrations) and its internal ones, the schema sync (create/alter tables, recorded in strapi_database_schema),
 * a join-table repair, the content-type schema in core-store, then every plugin's bootstrap, which seeds (admin and
 * users-permissions roles, the calendar, the disclosure roles). None of it takes a lock: two instances started at once
 * on an empty database both see "nothing there yet" and both create it — duplicate migration rows, "relation already
 * exists" errors, duplicate roles.
 *
 * So the app's `register` (the last one, after every plugin's, and before `bootstrap` touches the schema) takes a
 * PostgreSQL session advisory lock on a connection of its own, and the app's `bootstrap` (the last one, after every
 * plugin's bootstrap and seeding) lets it go. A second instance waits in its `register` and then finds the migrations
 * recorded and the schema hash unchanged, so it runs nothing. If the holder dies, its connection closes and PostgreSQL
 * releases the lock. SQLite is single-instance: no lock.
 */

/** The lock's key: advisory locks are per database, so one constant serves every Gongkai database. */
export const STARTUP_LOCK_KEY = 0x476f6e67; // 'Gong'

interface RawConnection {
  query(sql: string, values?: unknown[]): Promise<{ rows: any[] }>;
  end(): Promise<void>;
  on(event: string, listener: (...args: any[]) => void): unknown;
}

let held: RawConnection | null = null;

export async function acquireStartupLock(strapi: Core.Strapi): Promise<void> {
  if (strapi.db.dialect.client !== 'postgres' || held) return;
  // Not a pooled connection: the pool's connections go back and forth, the lock must stay with one session.
  const connection: RawConnection = await (strapi.db.connection.client as any).acquireRawConnection();
  connection.on('error', () => undefined);
  const { rows } = await connection.query('SELECT pg_try_advisory_lock($1) AS locked', [STARTUP_LOCK_KEY]);
  if (!rows[0]?.locked) {
    strapi.log.info('[startup] 另一实例正在执行数据库迁移与初始化，等待其完成 / another instance is migrating the database; waiting for it');
    const started = Date.now();
    await connection.query('SELECT pg_advisory_lock($1)', [STARTUP_LOCK_KEY]);
    strapi.log.info(`[startup] waited ${Date.now() - started} ms for the other instance's migrations`);
  }
  held = connection;
}

export async function releaseStartupLock(): Promise<void> {
  const connection = held;
  held = null;
  if (!connection) return;
  // Closing the session releases the lock even if the unlock fails.
  await connection.query('SELECT pg_advisory_unlock($1)', [STARTUP_LOCK_KEY]).catch(() => undefined);
  await connection.end().catch(() => undefined);
}
