import type { Core } from '@strapi/strapi';
import { toLegalDate } from '../../src/plugins/disclosure/server/src/domain/legal-date';
import { governedUids } from '../../src/plugins/disclosure/server/src/utils/content-type-uid';
import { dbMetadata } from '../../src/plugins/disclosure/server/src/utils/db-metadata';

type Knex = Core.Strapi['db']['connection'];

const LEGAL_ZONE = 'Asia/Shanghai';
const BATCH = 500;

/**
 * 形成或变更日期 (formedOrChangedAt) was a datetime; it is now a date, the Asia/Shanghai day the law counts from.
 * Strapi runs this migration before its schema sync, which would otherwise convert the column itself, cutting each
 * instant at its UTC (PostgreSQL) day or leaving SQLite's numbers as they are: 2026-03-01T16:30:00Z is 2 March in
 * Beijing, not 1 March. Every row is converted, draft and published alike.
 *
 * Runs once per database (then recorded in strapi_migrations); on a fresh database the tables do not exist yet and
 * there is nothing to do. Idempotent all the same: a column already of type date, and SQLite rows already holding
 * 'YYYY-MM-DD', are left alone. Strapi's sync then finds the column as it declares it (PostgreSQL) or only retypes
 * it, keeping the values (SQLite).
 */
export async function up(knex: Knex) {
  const meta = dbMetadata(strapi);
  for (const uid of governedUids(strapi)) {
    const table = meta.table(uid);
    const column = meta.column(uid, 'formedOrChangedAt');
    const info = (await knex(table).columnInfo()) as unknown as Record<string, { type: string }>;
    if (!(column in info)) continue;
    if (knex.client.dialect === 'postgresql') await onPostgres(knex, table, column, info[column].type);
    else await onSqlite(knex, table, column);
  }
}

/**
 * Strapi's datetime is `timestamp without time zone`, holding the wall-clock time of the app process's zone: node-pg
 * sends a Date with that zone's offset, which such a column drops, and reads it back in the same zone. This migration
 * runs in that process, so its zone says how to read the stored values.
 */
async function onPostgres(knex: Knex, table: string, column: string, type: string) {
  if (!type.startsWith('timestamp')) return;
  const instant = type === 'timestamp with time zone' ? '??' : `(?? AT TIME ZONE ${literal(processZone())})`;
  await knex.raw(`ALTER TABLE ?? ALTER COLUMN ?? TYPE date USING ((${instant} AT TIME ZONE ${literal(LEGAL_ZONE)})::date)`, [table, column, column]);
}

/** SQLite holds Strapi's datetimes as milliseconds since the epoch (better-sqlite3 binds a Date so); text instants are read as ISO 8601. */
async function onSqlite(knex: Knex, table: string, column: string) {
  for (let after = 0; ; ) {
    const rows: { id: number; value: number | string }[] = await knex(table)
      .select('id', `${column} as value`)
      .where('id', '>', after)
      .whereRaw(`(typeof(??) IN ('integer', 'real') OR (typeof(??) = 'text' AND length(??) > 10))`, [column, column, column])
      .orderBy('id')
      .limit(BATCH);
    for (const { id, value } of rows) {
      const instant = typeof value === 'number' ? new Date(value) : new Date(/(?:[zZ]|[+-]\d\d:?\d\d)$/.test(value) ? value : `${value.replace(' ', 'T')}Z`);
      // A value no instant can be read from is left as it was, for a person to look at.
      if (!Number.isNaN(instant.getTime())) await knex(table).where({ id }).update({ [column]: toLegalDate(instant) });
    }
    if (rows.length < BATCH) return;
    after = rows[rows.length - 1].id;
  }
}

function processZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** A zone name as an SQL literal (PostgreSQL takes no bind parameters in ALTER TABLE). */
const literal = (value: string) => `'${value.replace(/'/g, "''")}'`;
