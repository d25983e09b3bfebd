import { createRefs, payloads, Refs, release } from '../../helpers';
import { createTestDatabase, startApp, TestApp } from '../../helpers/strapi';

/**
 * 形成或变更日期 was a datetime column; database/migrations/…formation-date.ts makes it a date holding the
 * Asia/Shanghai day of each stored instant, before Strapi's schema sync would cut the instants at their UTC day.
 */
const MIGRATION = '2026.12.01T00.02.00.formation-date.js';
const ITEM = 'api::disclosure-item.disclosure-item';
const POLICY = 'api::policy.policy';

// What the datetime column held for entries formed on these Beijing days, at various hours of the day.
const FORMED = [
  { title: '凌晨形成的信息', beijingDay: '2026-03-02', instant: '2026-03-01T16:30:00Z' },
  { title: '深夜形成的信息', beijingDay: '2026-03-02', instant: '2026-03-02T15:59:00Z' },
  { title: '上午形成的信息', beijingDay: '2025-09-30', instant: '2025-09-30T01:00:00Z' },
];

const tableOf = (app: TestApp, uid: string) => app.strapi.db.metadata.get(uid).tableName;

/** Every row (draft and published) of the given documents: formation date and due date. */
const rowsOf = async (app: TestApp, uid: string, documentIds: string[]) =>
  (await app.strapi.db.query(uid).findMany({ where: { documentId: { $in: documentIds } }, orderBy: { id: 'asc' } })).map((row: any) => ({
    documentId: row.documentId,
    published: row.publishedAt !== null,
    formedOrChangedAt: row.formedOrChangedAt,
    dueDate: row.dueDate,
  }));

/** Creates one disclosure item per FORMED day (the first released, so it has a published row too). */
async function createEntries(app: TestApp, refs: Refs) {
  const ids: string[] = [];
  for (const [i, { title, beijingDay }] of FORMED.entries()) {
    const doc = await app.strapi.documents(ITEM).create({ data: { ...payloads(refs)[ITEM](title), formedOrChangedAt: beijingDay } });
    if (i === 0) await release(app.strapi, ITEM, doc.documentId);
    ids.push(doc.documentId);
  }
  return ids;
}

describe('形成或变更日期 on an existing PostgreSQL database', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: TestApp | undefined;
  let ids: string[];
  let before: Awaited<ReturnType<typeof rowsOf>>;
  let policyBefore: Awaited<ReturnType<typeof rowsOf>>;
  let policyId: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await startApp({ database: database.database });
    const refs = await createRefs(app.strapi);
    policyId = refs.policy.documentId;
    ids = await createEntries(app, refs);
    before = await rowsOf(app, ITEM, ids);
    policyBefore = await rowsOf(app, POLICY, [policyId]);

    // The database as the previous release left it: every governed type's column a datetime (timestamp without time
    // zone), holding instants as Strapi wrote them: node-pg sends a Date in the app process's zone, which the column keeps.
    const knex = app.strapi.db.connection;
    for (const uid of app.strapi.plugin('disclosure').config('contentTypes') as string[]) {
      await knex.raw('ALTER TABLE ?? ALTER COLUMN formed_or_changed_at TYPE timestamp(6) USING formed_or_changed_at::timestamp', [tableOf(app, uid)]);
    }
    for (const [i, { instant }] of FORMED.entries()) {
      await knex(tableOf(app, ITEM)).where({ document_id: ids[i] }).update({ formed_or_changed_at: new Date(instant) });
    }
    // The policy keeps its midnight (local) value: 08:00 in Beijing, the same day.
    // The feed's live snapshot of the released entry, as the previous representation (2) stored it.
    const event = await knex('disclosure_feed_events').where({ target_document_id: ids[0], superseded: false }).first();
    const snapshot = typeof event.entry === 'string' ? JSON.parse(event.entry) : event.entry;
    await knex('disclosure_feed_events').where({ id: event.id }).update({ entry: JSON.stringify({ ...snapshot, formedOrChangedAt: '2026-03-01T16:30:00.000Z' }) });
    await app.strapi.store.set({ type: 'plugin', name: 'disclosure', key: 'public-representation-version', value: 2 });
    await knex('strapi_migrations').where({ name: MIGRATION }).del();
    await app.stop();
    app = await startApp({ database: database.database });
  });
  afterAll(async () => {
    await app?.stop();
    await database?.drop();
  });

  it('holds the Beijing day of every stored instant, draft and published rows alike, as a date column', async () => {
    const after = await rowsOf(app!, ITEM, ids);
    expect(after.map((row) => row.formedOrChangedAt)).toEqual(before.map((row) => row.formedOrChangedAt));
    expect(after.filter((row) => row.documentId === ids[0]).map((row) => [row.published, row.formedOrChangedAt])).toEqual([
      [false, '2026-03-02'],
      [true, '2026-03-02'],
    ]);
    expect(Object.fromEntries(after.filter((row) => !row.published).map((row) => [row.documentId, row.formedOrChangedAt]))).toEqual(
      Object.fromEntries(FORMED.map(({ beijingDay }, i) => [ids[i], beijingDay]))
    );
    expect(await rowsOf(app!, POLICY, [policyId])).toEqual(policyBefore);
    const { rows } = await app!.strapi.db.connection.raw(
      `SELECT DISTINCT data_type FROM information_schema.columns WHERE table_schema = current_schema() AND column_name = 'formed_or_changed_at'`
    );
    expect(rows).toEqual([{ data_type: 'date' }]);
    expect(await app!.strapi.db.connection('strapi_migrations').where({ name: MIGRATION }).count('* as n')).toEqual([{ n: '1' }]);
  });

  it('leaves the due dates as they were, and the deadline rules give the same ones from the converted dates', async () => {
    const after = await rowsOf(app!, ITEM, ids);
    expect(after.map((row) => row.dueDate)).toEqual(before.map((row) => row.dueDate));
    // 2 March 2026 (Monday): 20 working days from 3 March is 30 March.
    expect(after[0].dueDate).toBe('2026-03-30');
    const deadlines = app!.strapi.plugin('disclosure').service('deadlines');
    for (const row of await app!.strapi.db.query(ITEM).findMany({ where: { documentId: { $in: ids }, publishedAt: null } })) {
      expect((await deadlines.compute(ITEM, row)).dueDate).toBe(row.dueDate);
    }
  });

  it('rebuilds the feed\'s live snapshots once at boot: consumers read the date there too', async () => {
    const event = await app!.strapi.db.connection('disclosure_feed_events').where({ target_document_id: ids[0], superseded: false }).first();
    const snapshot = typeof event.entry === 'string' ? JSON.parse(event.entry) : event.entry;
    expect(snapshot.formedOrChangedAt).toBe('2026-03-02');
  });

  it('changes nothing when run again', async () => {
    const knex = app!.strapi.db.connection;
    await knex('strapi_migrations').where({ name: MIGRATION }).del();
    await app!.strapi.db.migrations.up();
    expect(await rowsOf(app!, ITEM, ids)).toEqual(before);
  });
});

describe('形成或变更日期 on an existing SQLite database', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp({ client: 'sqlite' });
  });
  afterAll(async () => app?.stop());

  it('turns the milliseconds Strapi stored for a datetime into the Beijing day, once', async () => {
    const refs = await createRefs(app.strapi);
    const ids = await createEntries(app, refs);
    const before = await rowsOf(app, ITEM, ids);
    const knex = app.strapi.db.connection;
    // better-sqlite3 binds a Date as its milliseconds: what the datetime column held.
    for (const [i, { instant }] of FORMED.entries()) {
      await knex(tableOf(app, ITEM)).where({ document_id: ids[i] }).update({ formed_or_changed_at: new Date(instant).getTime() });
    }
    await knex('strapi_migrations').where({ name: MIGRATION }).del();
    await app.strapi.db.migrations.up();
    const after = await rowsOf(app, ITEM, ids);
    expect(after).toEqual(before);
    expect(after.filter((row) => !row.published).map((row) => row.formedOrChangedAt)).toEqual(FORMED.map(({ beijingDay }) => beijingDay));
    const stored = await knex(tableOf(app, ITEM)).whereIn('document_id', ids).select(knex.raw('typeof(formed_or_changed_at) as kind'));
    expect(new Set(stored.map((row: any) => row.kind))).toEqual(new Set(['text']));

    await knex('strapi_migrations').where({ name: MIGRATION }).del();
    await app.strapi.db.migrations.up();
    expect(await rowsOf(app, ITEM, ids)).toEqual(before);
  });
});
