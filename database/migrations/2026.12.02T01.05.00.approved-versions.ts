import type { Core } from '@strapi/strapi';

type Knex = Core.Strapi['db']['connection'];

const TABLE = 'disclosure_approved_versions';

/**
 * The content of each governed entry as it was last fully approved (one row per entry, replaced at each approval):
 * a reviewer of an entry never released compares the draft with what was approved before it came back (a 退回 or an
 * edit after approval). Written in the approval's transaction (services/entry-versions.ts). Idempotent.
 */
export async function up(knex: Knex) {
  if (await knex.schema.hasTable(TABLE)) return;
  await knex.schema.createTable(TABLE, (t) => {
    t.increments('id').primary();
    t.string('target_uid', 255).notNullable();
    t.string('document_id', 64).notNullable();
    t.timestamp('approved_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.string('approved_by', 100).nullable();
    t.string('approved_by_name', 255).nullable();
    t.text('content').notNullable();
    t.string('content_hash', 64).notNullable();
    t.unique(['target_uid', 'document_id'], { indexName: 'disclosure_approved_versions_entry' });
  });
}
