import type { Core } from '@strapi/strapi';

type Knex = Core.Strapi['db']['connection'];

const RUNS = 'disclosure_import_runs';
/** The 文号 of each type: rows are matched to existing entries by it, a batch of 500 at a time. */
const KEYS: [string, string][] = [
  ['policies', 'document_number'],
  ['dual_publicity_records', 'decision_number'],
  ['procurement_notices', 'project_code'],
];

/**
 * 导入: each run of a file (its SHA-256, type, who started it, how many data rows are behind it, its state and its
 * report so far), so a run killed midway resumes after its last committed batch. Rows are matched to existing entries
 * by 索引号 (indexed already) or 文号 (indexed here).
 */
export async function up(knex: Knex) {
  if (!(await knex.schema.hasTable(RUNS))) {
    await knex.schema.createTable(RUNS, (t) => {
      t.increments('id').primary();
      t.string('file_hash', 64).notNullable();
      t.string('content_type', 120).notNullable();
      t.string('file_name', 255);
      t.integer('rows_done').notNullable().defaultTo(0);
      t.integer('rows_total');
      t.integer('created').notNullable().defaultTo(0);
      t.integer('updated').notNullable().defaultTo(0);
      t.integer('unchanged').notNullable().defaultTo(0);
      t.integer('refused').notNullable().defaultTo(0);
      t.string('status', 16).notNullable();
      t.string('mode', 16).notNullable();
      t.string('release_as', 100);
      t.string('started_by', 200).notNullable();
      t.integer('organization_id');
      t.text('report');
      t.text('error');
      t.timestamp('started_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
      t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
      t.index(['file_hash', 'content_type'], 'disclosure_import_runs_file');
    });
  }
  for (const [table, column] of KEYS) {
    if ((await knex.schema.hasTable(table)) && (await knex.schema.hasColumn(table, column))) {
      await knex.raw(`CREATE INDEX IF NOT EXISTS ?? ON ?? (??)`, [`${table}_${column}_idx`, table, column]);
    }
  }
}
