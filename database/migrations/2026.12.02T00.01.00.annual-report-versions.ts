import type { Core } from '@strapi/strapi';

type Knex = Core.Strapi['db']['connection'];

const TABLE = 'disclosure_annual_report_versions';

/**
 * Every generation of an annual report's figures (政府信息公开工作年度报告), kept so that regenerating a draft can
 * show what changed since the last version, and so that a released report's extras (信息处理费 collected, the
 * applications carried into the next year) stay with the figures they belong to. Append-only; never updated.
 */
export async function up(knex: Knex) {
  if (await knex.schema.hasTable(TABLE)) return;
  await knex.schema.createTable(TABLE, (t) => {
    t.increments('id').primary();
    t.string('document_id', 64).notNullable();
    t.integer('organization_id').notNullable();
    t.integer('year').notNullable();
    t.string('scope', 16).notNullable();
    t.text('figures').notNullable();
    t.text('extras').notNullable();
    t.timestamp('generated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.string('generated_by', 100).notNullable();
    t.index(['document_id', 'id'], 'disclosure_annual_report_versions_document');
    t.index(['organization_id', 'year'], 'disclosure_annual_report_versions_org_year');
  });
}
