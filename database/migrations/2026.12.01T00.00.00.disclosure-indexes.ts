import type { Core, UID } from '@strapi/strapi';
import { PROACTIVE } from '../../src/plugins/disclosure/server/src/constants';
import { governedUids } from '../../src/plugins/disclosure/server/src/utils/content-type-uid';
import { dbMetadata } from '../../src/plugins/disclosure/server/src/utils/db-metadata';

type Database = Core.Strapi['db'];
type Knex = Database['connection'];

interface Index {
  table: string;
  name: string;
  columns: string[];
  where?: string;
  /** Columns the predicate reads, which must exist too. */
  needs?: string[];
}

/**
 * Indexes Strapi's schema does not declare: on the disclosure plugin's governed tables and on the upload files.
 *
 * Strapi runs this file once per database (then lists it in strapi_migrations), inside a transaction and *before* its
 * schema sync: on a fresh database the tables do not exist yet. So the plugin runs the same `up` again at every boot,
 * after the sync (services/indexes.ts), which also covers a governed type added to the config later. Hence `up` is
 * idempotent (IF NOT EXISTS) and skips an index whose table or columns are not there yet. The sync keeps indexes it
 * never declared.
 *
 * The governed types are plugin config (contentTypes), so their tables are read from Strapi rather than listed here,
 * where they could drift from it: Strapi passes its db, and the plugin config is on the global `strapi`, which
 * exists before any migration runs.
 */
export async function up(knex: Knex, db: Database) {
  const tableOf = (uid: UID.Schema) => db.metadata.get(uid).tableName;
  const files = tableOf('plugin::upload.file');
  const indexes: Index[] = [
    ...governedUids(strapi).map(tableOf).flatMap((table) => [
      // The dashboard and reminders read only unreleased entries by due date: released_on IS NULL, then the date range.
      { table, name: `${table}_open_due_idx`, columns: ['released_on', 'due_date'] },
      // The consumer API: lookups by slug and 索引号, and released rows newest first.
      { table, name: `${table}_slug_idx`, columns: ['slug'] },
      { table, name: `${table}_index_number_idx`, columns: ['index_number'] },
      { table, name: `${table}_released_idx`, columns: ['published_at', 'id'], where: 'published_at IS NOT NULL' },
    ]),
    // What the public sees (released 主动公开 rows, the consumer API's one rule) in released order: a list page's keys,
    // and the rows an offset skips, are read from this index alone.
    ...governedUids(strapi).map((uid) => {
      const table = tableOf(uid);
      const column = dbMetadata(strapi).column(uid, 'disclosureAttribute');
      return { table, name: `${table}_public_idx`, columns: ['published_at', 'id'], where: `published_at IS NOT NULL AND ${column} = '${PROACTIVE}'`, needs: [column] };
    }),
    // The private upload folder looks files up by URL, and image formats by storage name (services/attachments.ts).
    { table: files, name: `${files}_url_idx`, columns: ['url'] },
    { table: files, name: `${files}_hash_idx`, columns: ['hash'] },
  ];

  const columnsOf = new Map<string, Record<string, unknown>>();
  for (const { table, name, columns, where, needs = [] } of indexes) {
    // No columns: the table does not exist yet (PostgreSQL and SQLite alike).
    if (!columnsOf.has(table)) columnsOf.set(table, await knex(table).columnInfo());
    if (![...columns, ...needs].every((column) => column in columnsOf.get(table)!)) continue;
    const list = columns.map(() => '??').join(', ');
    await knex.raw(`CREATE INDEX IF NOT EXISTS ?? ON ?? (${list})${where ? ` WHERE ${where}` : ''}`, [name, table, ...columns]);
  }
}
