import { createSite, consumerGet } from '../../../helpers/consumer';
import { createStaff, Staff } from '../../../helpers/staff';
import { startApp, TestApp } from '../../../helpers/strapi';
import { createTeam, organizationId, Team } from '../../../helpers/workflow';

/**
 * 政府信息公开工作年度报告 through the admin and consumer APIs: bad input, one report per organization and year,
 * generation with versions and diffs, the checks at submit and release, frozen figures after release, Art. 49 due
 * dates and organization scope.
 */
const UID = 'api::annual-report.annual-report';
const CM = `/content-manager/collection-types/${UID}`;
const APPLICATION = 'plugin::disclosure.application';
const YEAR = 2025;

let app: TestApp;
let team: Team;
let outsider: Staff;
let orgCode: string;
let seq = 0;

beforeAll(async () => {
  app = await startApp();
  team = await createTeam(app);
  outsider = await createStaff(app, 'editor', await organizationId(app, team.refs.otherOrg.documentId));
  orgCode = team.refs.org.code;
  const categories = app.strapi.documents('api::disclosure-category.disclosure-category');
  if (!(await categories.findFirst({ filters: { code: 'gknb' } }))) await categories.create({ data: { code: 'gknb', name: '政府信息公开年报' } });
});
afterAll(async () => app?.stop());

/** An application received by the team's organization, inserted as the handling would have left it. */
async function application(fields: Record<string, unknown>) {
  seq += 1;
  return app.strapi.db.query(APPLICATION).create({
    data: {
      trackingCode: `AR${Date.now().toString(36).toUpperCase()}${seq}`,
      channel: 'letter',
      submittedAt: new Date(`${fields.receivedOn ?? '2025-03-01'}T02:00:00Z`),
      applicantKind: 'natural_person',
      applicantName: '申请人',
      requestedTitle: '年度报告测试',
      state: 'replied',
      receivingOrganization: team.orgId,
      ...fields,
    },
  });
}

const report = (data: Record<string, unknown> = {}) => ({
  title: `${YEAR}年政府信息公开工作年度报告`,
  publishingOrganization: team.refs.org.documentId,
  formedOrChangedAt: '2026-01-10',
  year: YEAR,
  ...data,
});

const system = (documentId: string, action: string, extra: Record<string, unknown> = {}) =>
  app.strapi.plugin('disclosure').service('workflow').transition({ uid: UID, documentId, action, reason: '测试', ...extra }, 'system');

async function approveAll(documentId: string) {
  const stages = app.strapi.plugin('disclosure').service('workflow').stagesFor(UID).length;
  for (let i = 0; i < stages; i += 1) await system(documentId, 'approve');
}

const code = (res: any) => res.body?.error?.details?.code;

describe('annual reports', () => {
  let documentId: string;

  it('refuses an unknown organization (404) and a future year (400 INVALID_YEAR)', async () => {
    const unknown = await team.author.get(`/disclosure/annual-reports/no-such-org/${YEAR}`);
    expect(unknown.status).toBe(404);
    expect(code(unknown)).toBe('ORGANIZATION_NOT_FOUND');
    const future = await team.author.get(`/disclosure/annual-reports/${team.refs.org.documentId}/2999`);
    expect(future.status).toBe(400);
    expect(code(future)).toBe('INVALID_YEAR');
    const stored = await team.author.post(CM, report({ year: new Date().getFullYear() + 1 }));
    expect(stored.status).toBe(400);
    expect(stored.body.error.details.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: ['year'], code: 'INVALID_YEAR' })]));
  });

  it('is filed under 政府信息公开年报, due on 31 January for a department, one per organization and year', async () => {
    // Figures and explanations are the system's: a client cannot write them.
    const created = await team.author.post(CM, report({ figures: { forged: true }, violationNotes: { x: { note: '伪造' } } }));
    expect(created.status).toBe(201);
    documentId = created.body.data.documentId;
    const draft = await app.strapi.db.query(UID).findOne({ where: { documentId, publishedAt: null }, populate: { category: true, createdBy: true } });
    expect(draft.category.code).toBe('gknb');
    expect(draft).toMatchObject({ figures: null, violationNotes: null, createdBy: expect.objectContaining({ id: team.author.id }) });
    const elsewhere = await team.author.post(CM, report({ year: YEAR - 2, category: team.refs.category.documentId }));
    expect(elsewhere.status).toBe(400);
    expect(code(elsewhere)).toBe('CATEGORY_NOT_ALLOWED');
    expect(draft.dueDate).toBe(`${YEAR + 1}-01-31`);

    const again = await team.author.post(CM, report({ title: '重复的年度报告' }));
    expect(again.status).toBe(409);
    expect(code(again)).toBe('ANNUAL_REPORT_EXISTS');
    expect(again.body.error.details.errors[0].path).toEqual(['year']);

    const list = await team.author.get('/disclosure/annual-reports');
    expect(list.status).toBe(200);
    expect(list.body.data).toEqual([expect.objectContaining({ documentId, year: YEAR, released: false, dueDate: `${YEAR + 1}-01-31`, state: 'draft' })]);

    // On the 公开时限 dashboard by Art. 49's date, not 20 working days from its formation.
    const onBoard = async (asOf: string) =>
      (await team.author.get(`/disclosure/deadlines?asOf=${asOf}`)).body.data.entries.find((e: any) => e.documentId === documentId);
    expect(await onBoard(`${YEAR + 1}-01-30`)).toMatchObject({ status: 'at_risk', dueDate: `${YEAR + 1}-01-31` });
    expect(await onBoard(`${YEAR + 1}-02-02`)).toMatchObject({ status: 'overdue', dueDate: `${YEAR + 1}-01-31` });
  });

  it('is due on 31 March for a people’s government (条例 第四十九条)', async () => {
    const government = await app.strapi.documents('api::organization.organization').create({ data: { name: '测试市人民政府', code: `G${Date.now().toString(36)}`.toUpperCase().padEnd(10, '0'), kind: 'people_government' } });
    const created = await app.strapi.documents(UID).create({ data: { ...report(), publishingOrganization: government.documentId } });
    const draft = await app.strapi.db.query(UID).findOne({ where: { documentId: created.documentId, publishedAt: null } });
    expect(draft.dueDate).toBe(`${YEAR + 1}-03-31`);
  });

  it('generates its figures, keeps versions and shows the difference when regenerated', async () => {
    await application({ receivedOn: '2025-03-03', closedOn: '2025-03-20', outcome: 'disclose' });
    const first = await team.author.post(`/disclosure/annual-reports/${documentId}/generate`);
    expect(first.status).toBe(200);
    expect(first.body.data).toMatchObject({ previous: null, diff: [] });
    expect(first.body.data.report).toMatchObject({ organization: team.refs.org.documentId, year: YEAR, frozen: false });
    const before = first.body.data.report.section3.rows.new[6];

    await application({ receivedOn: '2025-04-01', closedOn: '2025-04-10', outcome: 'disclose' });
    const second = await team.author.post(`/disclosure/annual-reports/${documentId}/generate`);
    expect(second.body.data.report.section3.rows.new[6]).toBe(before + 1);
    expect(second.body.data.previous.section3.rows.new[6]).toBe(before);
    expect(second.body.data.diff).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'section3.rows.new[6]', before, after: before + 1 })]));

    const versions = await team.author.get(`/disclosure/annual-reports/${documentId}/versions`);
    expect(versions.body.data).toHaveLength(2);
    expect(versions.body.data[0].diff.length).toBeGreaterThan(0);
  });

  it('is not readable or generated by another organization’s editor', async () => {
    expect((await outsider.get(`/disclosure/annual-reports/${team.refs.org.documentId}/${YEAR}`)).status).toBe(403);
    expect((await outsider.post(`/disclosure/annual-reports/${documentId}/generate`)).status).toBe(403);
    expect((await outsider.get(`/disclosure/annual-reports/${documentId}/versions`)).status).toBe(403);
    expect((await outsider.get('/disclosure/annual-reports')).body.data).toEqual([]);
  });

  it('cannot be submitted without the fees or with an unexplained violation', async () => {
    const noFees = await team.author.transition({ uid: UID, documentId, action: 'submit' });
    expect(noFees.status).toBe(422);
    expect(code(noFees)).toBe('REPORT_FEES_MISSING');
    expect(noFees.body.error.details.errors[0].path).toEqual(['feesWanYuan']);

    expect((await team.author.put(`${CM}/${documentId}`, { feesWanYuan: 1.5 })).status).toBe(200);
    // Closed without an outcome: the balance of its column cannot hold.
    const broken = await application({ receivedOn: '2025-05-01', closedOn: '2025-05-10', outcome: null });
    const blocked = await team.author.transition({ uid: UID, documentId, action: 'submit' });
    expect(blocked.status).toBe(422);
    expect(code(blocked)).toBe('REPORT_INVARIANT_VIOLATED');
    const key = `application:${broken.trackingCode}`;
    expect(blocked.body.error.details.violations.map((v: any) => v.key)).toContain(key);

    // The explanation is checked against the current figures: generate first.
    await team.author.post(`/disclosure/annual-reports/${documentId}/generate`);
    const explained = await team.author.post(`/disclosure/annual-reports/${documentId}/explanations`, { key, note: '该申请系重复录入，已核实' });
    expect(explained.status).toBe(200);
    const audit = await app.strapi.db.query('plugin::disclosure.audit-event').findMany({ where: { targetDocumentId: documentId, action: 'annual_report_explanation' } });
    expect(audit).toHaveLength(1);
    const remaining = explained.body.data.violations.filter((v: any) => !v.explanation);
    for (const v of remaining) await team.author.post(`/disclosure/annual-reports/${documentId}/explanations`, { key: v.key, note: '已核实' });
    expect((await team.author.transition({ uid: UID, documentId, action: 'submit' })).status).toBe(200);
  });

  it('is not released when the data changed after generation (409 with the difference)', async () => {
    await approveAll(documentId);
    await application({ receivedOn: '2025-06-01', closedOn: '2025-06-05', outcome: 'disclose' });
    const refused = await team.staff.publisher.transition({ uid: UID, documentId, action: 'release', reason: '补录发布' });
    expect(refused.status).toBe(409);
    expect(code(refused)).toBe('REPORT_FIGURES_CHANGED');
    expect(refused.body.error.details.diff.length).toBeGreaterThan(0);

    // Regenerating is an edit: the approval lapses and the report is reviewed again.
    expect((await team.author.post(`/disclosure/annual-reports/${documentId}/generate`)).status).toBe(200);
    expect((await system(documentId, 'submit')).state).toBe('in_review');
    await approveAll(documentId);
    const released = await team.staff.publisher.transition({ uid: UID, documentId, action: 'release', reason: '补录发布' });
    expect(released.status).toBe(200);
  });

  it('keeps its figures frozen after release', async () => {
    const path = `/disclosure/annual-reports/${team.refs.org.documentId}/${YEAR}`;
    const before = await team.author.get(path);
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ organization: team.refs.org.documentId, year: YEAR, frozen: true });
    expect(before.body.section2.fees.amountWanYuan).toBe(1.5);
    await application({ receivedOn: '2025-07-01', closedOn: '2025-07-03', outcome: 'disclose' });
    expect((await team.author.get(path)).body).toEqual(before.body);

    const html = await team.author.get(`${path}?format=html`);
    expect(html.headers['content-type']).toMatch(/text\/html/);
    expect(html.text).toContain('政府信息公开');
    const xlsx = await team.author.get(`${path}?format=xlsx`).buffer(true);
    expect(xlsx.headers['content-type']).toMatch(/spreadsheetml/);
    expect(xlsx.headers['content-disposition']).toContain(`${YEAR}-${orgCode}-annual-report.xlsx`);
    expect((await team.author.get(`${path}?format=pdf`)).status).toBe(400);

    const list = await team.author.get('/disclosure/annual-reports');
    expect(list.body.data.find((r: any) => r.documentId === documentId)).toMatchObject({ released: true, state: 'released', unexplained: 0 });
  });

  it('gives the 政府网站年度报表 figures as JSON, HTML and XLSX', async () => {
    const path = `/disclosure/annual-reports/${team.refs.org.documentId}/${YEAR}/website`;
    const json = await team.author.get(path);
    expect(json.status).toBe(200);
    expect(json.body).toMatchObject({ organization: team.refs.org.documentId, year: YEAR });
    expect((await team.author.get(`${path}?format=html`)).headers['content-type']).toMatch(/text\/html/);
    const xlsx = await team.author.get(`${path}?format=xlsx`).buffer(true);
    expect(xlsx.headers['content-disposition']).toContain(`${YEAR}-${orgCode}-website-report.xlsx`);
    expect((await outsider.get(path)).status).toBe(403);
  });

  it('reaches consumer sites released only, with its frozen figures', async () => {
    const site = await createSite(app, { organizations: [team.refs.org.documentId] });
    const elsewhere = await createSite(app, { organizations: [team.refs.otherOrg.documentId] });
    const draftOnly = await app.strapi.documents(UID).create({ data: report({ year: YEAR - 1, title: '2024年度报告（草稿）' }) });

    const list = await consumerGet(app, site.token, '/annual-reports');
    expect(list.status).toBe(200);
    expect(list.body.data.map((e: any) => e.documentId)).toEqual([documentId]);
    expect(list.body.data[0].year).toBe(YEAR);

    const detail = await consumerGet(app, site.token, `/annual-reports/${documentId}`);
    expect(detail.status).toBe(200);
    const staffView = (await team.author.get(`/disclosure/annual-reports/${team.refs.org.documentId}/${YEAR}`)).body;
    // The figures are the staff's frozen ones; a violation keeps its finding and note, not its author or the
    // applications it names.
    const { violations: staffViolations, ...figures } = staffView;
    const { violations: publicViolations, ...publicFigures } = detail.body.data.report;
    expect(publicFigures).toEqual(figures);
    expect(staffViolations.length).toBeGreaterThan(0);
    expect(publicViolations).toEqual(
      staffViolations.map((v: any) => ({ key: v.key, code: v.code, message: v.message, messageEn: v.messageEn, explanation: { note: v.explanation.note, at: v.explanation.at } }))
    );
    const publicText = JSON.stringify(detail.body);
    expect(publicText).not.toContain(staffViolations[0].explanation.by);
    expect(detail.body.data).not.toHaveProperty('violationNotes');
    expect(detail.body.data).not.toHaveProperty('figures');

    expect((await consumerGet(app, site.token, `/annual-reports/${draftOnly.documentId}`)).status).toBe(404);
    expect((await consumerGet(app, site.token, `/consumer/annual-reports/${draftOnly.documentId}/export`)).status).toBe(404);
    expect((await consumerGet(app, elsewhere.token, `/consumer/annual-reports/${documentId}/export`)).status).toBe(404);

    const exported = await consumerGet(app, site.token, `/consumer/annual-reports/${documentId}/export`, { format: 'json' });
    expect(exported.status).toBe(200);
    expect(exported.body).toEqual(detail.body.data.report);
    const html = await consumerGet(app, site.token, `/consumer/annual-reports/${documentId}/export`, { format: 'html' });
    expect(html.headers['content-type']).toMatch(/text\/html/);
    const xlsx = await consumerGet(app, site.token, `/consumer/annual-reports/${documentId}/export`, { format: 'xlsx' }).buffer(true);
    expect(xlsx.headers['content-disposition']).toContain(`${YEAR}-${orgCode}-annual-report.xlsx`);
  });
});
