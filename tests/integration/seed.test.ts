import path from 'path';
import { startApp, TestApp } from '../helpers/strapi';

let app: TestApp;
// The seed is compiled with the app; load it from the same build Strapi runs.
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { seedDemo, DEMO_ADMIN } = require(path.join(__dirname, '..', '..', 'dist', 'src', 'seed'));
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { ENTRIES } = require(path.join(__dirname, '..', '..', 'dist', 'src', 'seed', 'data', 'entries')) as { ENTRIES: { uid: string; published: boolean; lateReason?: string; data: { title: string } }[] };

beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => app?.stop());

const TABLES = [
  'organizations',
  'disclosure_categories',
  'topics',
  'policies',
  'interpretations',
  'dual_publicity_records',
  'procurement_notices',
  'recruitment_notices',
  'disclosure_items',
  'disclosure_index_numbers',
  'disclosure_workflow_states',
  'disclosure_audit_events',
  'admin_users',
  'components_disclosure_qa_pairs',
  'components_disclosure_positions',
];

/** Row count and a digest of every row's content, per table. */
async function snapshot() {
  const knex = app.strapi.db.connection;
  const out: Record<string, unknown> = {};
  for (const table of TABLES) {
    const rows = await knex(table).select('*').orderBy('id');
    out[table] = rows.map((row: any) => JSON.stringify(row));
  }
  return out;
}

describe('demo seed', () => {
  let first: any;

  beforeAll(async () => {
    first = await seedDemo(app.strapi);
  });

  it('writes the reference facts: the top organization with its guide, the 16 categories (政府信息公开年报 included), 22 topics', async () => {
    const top = await app.strapi.documents('api::organization.organization').findFirst({ filters: { name: '第六师五家渠市' } });
    expect(top).toMatchObject({ kind: 'people_government', address: '五家渠市长征东街603号', postcode: '831300', phone: '0994-5685119' });
    expect(top.guide).toContain('应当自该政府信息形成或者变更之日起20个工作日内及时公开');
    const roots = await app.strapi.documents('api::disclosure-category.disclosure-category').findMany({ filters: { parent: { id: { $null: true } } }, limit: 100 });
    expect(roots).toHaveLength(16);
    expect(roots.map((c: any) => c.code)).toContain('gknb');
    const doubleDisclosure = roots.find((c: any) => c.name === '双公示');
    expect(doubleDisclosure.statutoryItems).toEqual([5, 6]);
    expect(doubleDisclosure.legalBasis).toBe('《中华人民共和国政府信息公开条例》第二十条第（五）、（六）项');
    expect(await app.strapi.documents('api::topic.topic').count()).toBe(22);
    const regiments = await app.strapi.documents('api::organization.organization').findMany({ filters: { kind: 'regiment' } });
    expect(regiments.length).toBeGreaterThanOrEqual(2);
  });

  it('publishes the 条例 as a 行政法规 and the charging plan with its interpretation', async () => {
    const regulation = await app.strapi.documents('api::policy.policy').findFirst({ filters: { title: '中华人民共和国政府信息公开条例' }, status: 'published' });
    expect(regulation).toMatchObject({ documentKind: 'administrative_regulation', documentNumber: '国务院令第711号', effectiveDate: '2019-05-15' });
    expect(regulation.body).toContain('第二十六条 属于主动公开范围的政府信息,应当自该政府信息形成或者变更之日起20个工作日内及时公开');
    expect(regulation.body).toContain('本条例自2019年5月15日起施行');

    const plan = await app.strapi.documents('api::policy.policy').findFirst({
      filters: { title: { $contains: '充电基础设施专项规划' } },
      status: 'published',
      populate: ['interpretations'],
    });
    expect(plan.interpretations).toHaveLength(1);
    const interpretation = await app.strapi.documents('api::interpretation.interpretation').findOne({ documentId: plan.interpretations[0].documentId, status: 'published', populate: ['qa'] });
    expect(interpretation.qa.map((q: any) => q.question)).toContain('规划目标是什么？');
  });

  it('has 双公示, procurement, recruitment and disclosure items, with one unreleased draft', async () => {
    for (const uid of ['api::dual-publicity-record.dual-publicity-record', 'api::procurement-notice.procurement-notice', 'api::recruitment-notice.recruitment-notice', 'api::disclosure-item.disclosure-item']) {
      expect(await app.strapi.documents(uid).count({ status: 'published' })).toBeGreaterThanOrEqual(1);
    }
    const drafts = await app.strapi.documents('api::disclosure-item.disclosure-item').findMany({ status: 'draft', filters: { disclosureAttribute: 'exempt' } });
    expect(await app.strapi.documents('api::disclosure-item.disclosure-item').count({ status: 'published', filters: { title: { $contains: '年度报告' } } })).toBe(0);
    expect(drafts).toHaveLength(1);
    expect(await app.strapi.documents('api::disclosure-item.disclosure-item').count({ status: 'published', filters: { disclosureAttribute: 'exempt' } })).toBe(0);
  });

  it('releases its entries through the workflow, as the system actor, with an intact audit trail', async () => {
    const states = await app.strapi.db.query('plugin::disclosure.workflow-state').findMany({ where: { state: 'released' } });
    expect(states.length).toBeGreaterThanOrEqual(10);
    const releases = await app.strapi.db.query('plugin::disclosure.audit-event').findMany({ where: { action: 'release' } });
    expect(releases.length).toBe(states.length);
    expect(releases.every((e: any) => e.actor === 'system')).toBe(true);
    expect(await app.strapi.plugin('disclosure').service('audit').verify()).toMatchObject({ ok: true });
    const waiting = await app.strapi.db.query('plugin::disclosure.workflow-state').findMany({ where: { state: 'in_review' } });
    expect(waiting).toEqual([expect.objectContaining({ stageIndex: 1 })]);
  });

  it('releases its entries within their statutory windows, except the one it releases late on purpose, with its reason', async () => {
    const deadlines = app.strapi.plugin('disclosure').service('deadlines');
    const released = ENTRIES.filter((entry) => entry.published);
    const seen = [];
    for (const entry of released) {
      const draft = await app.strapi.db.query(entry.uid).findOne({ where: { title: entry.data.title, publishedAt: null } });
      const view = await deadlines.statusOf(entry.uid, draft);
      seen.push({ title: entry.data.title, status: view.status, formedOrChangedAt: draft.formedOrChangedAt, dueDate: view.dueDate, workingDaysLate: view.workingDaysLate });
    }
    // The app's own deadline service says which: 按时发布 for all but the entries the seed marks late.
    expect(seen.map(({ title, status }) => ({ title, status }))).toEqual(
      released.map((entry) => ({ title: entry.data.title, status: entry.lateReason ? 'released_late' : 'released_on_time' }))
    );
    const late = released.filter((entry) => entry.lateReason);
    expect(late.length).toBeGreaterThanOrEqual(1);
    expect(late.length).toBeLessThanOrEqual(2);
    // Formation dates are legal days, before the release, and the late one is late by days, not by years.
    for (const entry of seen) expect(entry.formedOrChangedAt).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    for (const entry of seen.filter((e) => e.status === 'released_late')) expect(entry.workingDaysLate).toBeLessThanOrEqual(10);

    for (const entry of late) {
      const draft = await app.strapi.db.query(entry.uid).findOne({ where: { title: entry.data.title, publishedAt: null } });
      const event = await app.strapi.db.query('plugin::disclosure.audit-event').findOne({ where: { action: 'release', targetDocumentId: draft.documentId } });
      expect(event.reason).toBe(entry.lateReason);
      expect(JSON.parse(event.data).lateness).toMatchObject({ dueDate: draft.dueDate, workingDaysLate: expect.any(Number) });
    }
  });

  it('seeds 依申请公开 applications in the stages an office sees, handled through the app with their clocks', async () => {
    const rows = await app.strapi.db.query('plugin::disclosure.application').findMany({ populate: ['receivingOrganization'], orderBy: { id: 'asc' } });
    expect(rows.map((r: any) => r.state)).toEqual(['submitted', 'received', 'correction_requested', 'consultation', 'replied', 'closed']);
    for (const row of rows) {
      expect(row.trackingCode).toMatch(/^YSQ\d{4}[A-Z2-7]{10}$/);
      expect(row.receivingOrganization.name).toMatch(/五家渠市/);
      expect(row.receivedOn === null).toBe(row.state === 'submitted');
      if (row.state === 'received' || row.state === 'consultation') expect(row.dueOn > row.receivedOn).toBe(true);
    }
    const [, , correction, consultation, replied, closed] = rows;
    expect(correction.correctionRequest).toContain('请写明');
    expect(consultation.consultations).toEqual([expect.objectContaining({ party: '五家渠市热力有限责任公司', kind: 'third_party', answeredOn: null })]);
    expect(replied).toMatchObject({ outcome: 'disclose', channel: 'online' });
    expect(replied.replyLetter).toContain('李红梅');
    expect(closed).toMatchObject({ outcome: 'other.no_correction' });
  });

  it('creates the local demo administrator, in Chinese', async () => {
    const admin = await app.strapi.db.query('admin::user').findOne({ where: { email: DEMO_ADMIN.email }, populate: ['roles'] });
    expect(admin.preferedLanguage).toBe('zh-Hans');
    expect(admin.roles.map((r: any) => r.code)).toContain('strapi-super-admin');
  });

  it('changes nothing when run again', async () => {
    expect(Object.keys(first.created).length).toBeGreaterThan(0);
    const before = await snapshot();
    const second = await seedDemo(app.strapi);
    expect(second.created).toEqual({});
    expect(await snapshot()).toEqual(before);
  });
});
