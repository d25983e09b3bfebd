import type { Core } from '@strapi/strapi';
import { dbMetadata } from '../../src/plugins/disclosure/server/src/utils/db-metadata';

type Database = Core.Strapi['db'];
type Knex = Database['connection'];

/**
 * Indexes for the annual report's aggregation (services/annual-report-figures.ts): section 二 reads the draft rows of
 * rules and normative documents by kind (then 成文日期) and 双公示 records by kind and decision date; section 三 the
 * received applications by their dates; section 四 the cases filed in the year. Strapi already indexes the link
 * tables' foreign keys.
 *
 * Like the disclosure indexes, Strapi runs this once per database, before its schema sync (when a fresh database has no
 * tables yet), and the plugin runs it again after the sync at every boot (services/indexes.ts): idempotent
 * (IF NOT EXISTS), and an index whose table or columns are missing is skipped. PostgreSQL and SQLite alike.
 */
export async function up(knex: Knex, db: Database) {
  void db;
  const meta = dbMetadata(strapi);
  const has = (uid: string) => Boolean(strapi.db?.metadata.get(uid as never));
  const indexes: { uid: string; name: string; attributes: string[]; where?: string }[] = [
    { uid: 'api::policy.policy', name: 'policies_kind_written_idx', attributes: ['documentKind', 'writtenDate'], where: 'published_at IS NULL' },
    { uid: 'api::dual-publicity-record.dual-publicity-record', name: 'dual_publicity_kind_decision_idx', attributes: ['kind', 'decisionDate'], where: 'published_at IS NULL' },
    { uid: 'plugin::disclosure.application', name: 'disclosure_applications_received_idx', attributes: ['receivedOn', 'closedOn'] },
    { uid: 'plugin::disclosure.application', name: 'disclosure_applications_closed_idx', attributes: ['closedOn'] },
    { uid: 'plugin::disclosure.application-case', name: 'disclosure_application_cases_filed_idx', attributes: ['filedOn'] },
  ];
  for (const { uid, name, attributes, where } of indexes) {
    if (!has(uid)) continue;
    const table = meta.table(uid);
    const columns = attributes.map((attribute) => meta.column(uid, attribute));
    // No columns: the table does not exist yet (PostgreSQL and SQLite alike).
    const info = await knex(table).columnInfo();
    if (![...columns, ...(where ? ['published_at'] : [])].every((column) => column in info)) continue;
    await knex.raw(`CREATE INDEX IF NOT EXISTS ?? ON ?? (${columns.map(() => '??').join(', ')})${where ? ` WHERE ${where}` : ''}`, [name, table, ...columns]);
  }
}
