import { createTestDatabase, startApp, TestApp } from '../../helpers/strapi';

/**
 * The indexes Strapi's schema does not declare come from one migration, database/migrations/…disclosure-indexes.ts:
 * Strapi runs it before its schema sync (a fresh database has no tables then) and the plugin runs it again after.
 */
const MIGRATION = '2026.12.01T00.00.00.disclosure-indexes.js';
const UNLOGGED_COUNTERS = '2026.12.01T00.01.00.rate-limit-counters-unlogged.js';
const FORMATION_DATE = '2026.12.01T00.02.00.formation-date.js';
const MIGRATIONS = [
  { name: MIGRATION },
  { name: UNLOGGED_COUNTERS },
  { name: FORMATION_DATE },
  { name: '2026.12.02T00.00.00.annual-report-indexes.js' },
  { name: '2026.12.02T00.01.00.annual-report-versions.js' },
  { name: '2026.12.02T01.03.00.entry-versions.js' },
];

/** Every index the migration promises, by table, for the app as configured. */
function expectedIndexes(strapi: any): Record<string, string[]> {
  const expected: Record<string, string[]> = {};
  for (const uid of strapi.plugin('disclosure').config('contentTypes') as string[]) {
    const table = strapi.db.metadata.get(uid).tableName;
    expected[table] = ['open_due', 'slug', 'index_number', 'released', 'public'].map((suffix) => `${table}_${suffix}_idx`);
  }
  expected.files = ['files_url_idx', 'files_hash_idx'];
  return expected;
}

async function pgIndexes(strapi: any, tables: string[]): Promise<Record<string, Record<string, string>>> {
  const { rows } = await strapi.db.connection.raw('SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename = ANY(?)', [tables]);
  const found: Record<string, Record<string, string>> = {};
  for (const row of rows) (found[row.tablename] ??= {})[row.indexname] = row.indexdef;
  return found;
}

/** 'u' for an unlogged table, 'p' for a logged one. */
const persistence = async (strapi: any, table: string) => (await strapi.db.connection.raw('SELECT relpersistence FROM pg_class WHERE oid = to_regclass(?)', [table])).rows[0]?.relpersistence;

const migrationsRun = (strapi: any) => strapi.db.connection('strapi_migrations').select('name').orderBy('id');

describe('the database migrations on PostgreSQL', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: TestApp | undefined;

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await app?.stop();
    await database?.drop();
  });

  it('gives a fresh database every index, and Strapi records the migration as run', async () => {
    app = await startApp({ database: database.database });
    const expected = expectedIndexes(app.strapi);
    expect(Object.keys(expected)).toHaveLength(7);
    const found = await pgIndexes(app.strapi, Object.keys(expected));
    for (const [table, names] of Object.entries(expected)) {
      expect({ table, indexes: names.filter((name) => name in (found[table] ?? {})) }).toEqual({ table, indexes: names });
    }
    expect(found.policies.policies_open_due_idx).toMatch(/\(released_on, due_date\)$/);
    expect(found.policies.policies_released_idx).toMatch(/\(published_at, id\) WHERE \(published_at IS NOT NULL\)$/);
    // The consumer API's rule for what the public sees, so that the planner matches it to the lists' WHERE.
    expect(found.policies.policies_public_idx).toMatch(/\(published_at, id\) WHERE \(\(published_at IS NOT NULL\) AND \(\(disclosure_attribute\)::text = 'proactive'::text\)\)$/);
    expect(await migrationsRun(app.strapi)).toEqual(MIGRATIONS);
  });

  it('keeps the rate limiter\'s counters in an unlogged table: a request\'s budget update waits for no WAL flush', async () => {
    expect(await persistence(app!.strapi, 'disclosure_rate_limits')).toBe('u');
  });

  it('boots again on the same database: the migration is not run twice, a lost index comes back', async () => {
    await app!.strapi.db.connection.raw('DROP INDEX ??', ['policies_slug_idx']);
    await app!.stop();
    app = await startApp({ database: database.database });
    const found = await pgIndexes(app.strapi, ['policies']);
    expect(Object.keys(found.policies)).toEqual(expect.arrayContaining(expectedIndexes(app.strapi).policies));
    expect(await migrationsRun(app.strapi)).toEqual(MIGRATIONS);
  });

  it('is applied by Strapi\'s migration runner to an existing database, in a transaction, and recorded', async () => {
    const knex = app!.strapi.db.connection;
    await knex.raw('DROP INDEX ??', ['policies_slug_idx']);
    // A database whose counters were created by an earlier release (logged), with budgets already drawn.
    await knex.raw('ALTER TABLE ?? SET LOGGED', ['disclosure_rate_limits']);
    await knex('disclosure_rate_limits').insert({ key: 'site:migration-test', points: 3, expire: Date.now() + 60_000 });
    await knex('strapi_migrations').del();
    // What Strapi does at boot with a pending migration: run it in a transaction, then record it.
    await app!.strapi.db.migrations.up();
    expect(Object.keys((await pgIndexes(app!.strapi, ['policies'])).policies)).toContain('policies_slug_idx');
    expect(await persistence(app!.strapi, 'disclosure_rate_limits')).toBe('u');
    expect(await knex('disclosure_rate_limits').where({ key: 'site:migration-test' }).first('points')).toEqual({ points: 3 });
    expect(await migrationsRun(app!.strapi)).toEqual(MIGRATIONS);
  });
});

describe('the database migrations on SQLite', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp({ client: 'sqlite' });
  });
  afterAll(async () => app?.stop());

  it('gives the embedded database the same indexes, partial index included', async () => {
    const expected = expectedIndexes(app.strapi);
    const rows = await app.strapi.db.connection('sqlite_master').where({ type: 'index' }).whereIn('tbl_name', Object.keys(expected)).select('tbl_name', 'name', 'sql');
    for (const [table, names] of Object.entries(expected)) {
      expect({ table, indexes: names.filter((name) => rows.some((r: any) => r.tbl_name === table && r.name === name)) }).toEqual({ table, indexes: names });
    }
    expect(rows.find((r: any) => r.name === 'policies_released_idx').sql).toMatch(/WHERE published_at IS NOT NULL$/);
    // The counters migration has nothing to do on SQLite (its counters are in memory) but is recorded all the same.
    expect(await migrationsRun(app.strapi)).toEqual(MIGRATIONS);
  });
});
