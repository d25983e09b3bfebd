import type { Core } from '@strapi/strapi';

type Knex = Core.Strapi['db']['connection'];

const TABLE = 'disclosure_entry_versions';

/**
 * Every released version of a governed entry (更正 makes a new one), as the admin saw the draft when it was released:
 * reviewers compare a correction with it, and past versions can be read back. Written in the release's transaction;
 * append-only. Entries released before this table existed get their published row as version 1 at boot
 * (services/entry-versions.ts). Idempotent: a second run (or a second instance) finds the table and does nothing.
 */
export async function up(knex: Knex) {
  if (await knex.schema.hasTable(TABLE)) return;
  await knex.schema.createTable(TABLE, (t) => {
    t.increments('id').primary();
    t.string('target_uid', 255).notNullable();
    t.string('document_id', 64).notNullable();
    t.integer('version').notNullable();
    // The legal day (Asia/Shanghai, 'YYYY-MM-DD') of the release, as 首次发布日期 counts it.
    t.string('released_on', 10).notNullable();
    t.timestamp('released_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.string('released_by', 100).nullable();
    t.string('released_by_name', 255).nullable();
    t.text('content').notNullable();
    t.string('content_hash', 64).notNullable();
    t.unique(['target_uid', 'document_id', 'version'], { indexName: 'disclosure_entry_versions_version' });
  });
}
