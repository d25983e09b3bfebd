import type { Core } from '@strapi/strapi';

type Knex = Core.Strapi['db']['connection'];

const RUNS = 'disclosure_import_runs';
const ROWS = 'disclosure_import_rows';

/**
 * 导入: each run of a file (its SHA-256, type, who started it, how many data rows are behind it, its state and its
 * report so far), so a run killed midway resumes after its last committed batch; and each imported row by its key
 * (索引号 or 文号) with the hash of its content, so a row imported again with the same content changes nothing.
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
  if (!(await knex.schema.hasTable(ROWS))) {
    await knex.schema.createTable(ROWS, (t) => {
      t.increments('id').primary();
      t.string('content_type', 120).notNullable();
      t.string('row_key', 300).notNullable();
      t.string('document_id', 64).notNullable();
      t.string('content_hash', 64).notNullable();
      t.integer('run_id').notNullable();
      t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
      t.unique(['content_type', 'row_key'], { indexName: 'disclosure_import_rows_key_uq' });
    });
  }
}
