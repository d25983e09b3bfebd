import { payloads, release } from '../../../helpers';
import { startApp, TestApp } from '../../../helpers/strapi';
import { authorDraft, createTeam, driveTo, ITEM, Team } from '../../../helpers/workflow';
import { addWorkingDays, OFFICIAL_YEARS } from '../../../../src/plugins/disclosure/server/src/domain/calendar';
import { addMonths, legalYear, toLegalDate } from '../../../../src/plugins/disclosure/server/src/domain/legal-date';

let app: TestApp;
let team: Team;

beforeAll(async () => {
  app = await startApp();
  team = await createTeam(app);
});
afterAll(async () => app?.stop());

const CALENDAR = 'plugin::disclosure.calendar-day';
// The last year whose official holiday notice is built in: the year after it is provisional until entered.
const lastNoticeYear = Math.max(...OFFICIAL_YEARS.map((notice) => notice.year));
const draftRow = (documentId: string, uid = ITEM) => app.strapi.db.query(uid).findOne({ where: { documentId, publishedAt: null } });

describe('due dates', () => {
  it('are stored on the entry: 20 working days from formation for proactive information (Art. 26)', async () => {
    // Counted from the next day: 23–30 Sep (with Sunday 29 Sep worked), 8–12 Oct (Saturday 12 Oct worked), 14–23 Oct.
    const documentId = await authorDraft(team, { formedOrChangedAt: '2024-09-20' });
    expect(await draftRow(documentId)).toMatchObject({ formedOrChangedAt: '2024-09-20', dueDate: '2024-10-23', dueDateProvisional: false });
  });

  it('count from the date formed, as the editor enters it: 2 March 2026 is due on 30 March', async () => {
    // Tuesday 3 March is the first of the 20 working days; March 2026 has no holiday: 3–6, 9–13, 16–20, 23–27, 30.
    const documentId = await authorDraft(team, { formedOrChangedAt: '2026-03-02' });
    expect(await draftRow(documentId)).toMatchObject({ formedOrChangedAt: '2026-03-02', dueDate: '2026-03-30' });
  });

  it('take an instant written by an integration as its Beijing day, not its UTC day', async () => {
    // 2026-03-01T16:30Z is 00:30 on Monday 2 March in Beijing; cut at the UTC day it would be Sunday 1 March, due 27 March.
    const documentId = await authorDraft(team, { formedOrChangedAt: '2026-03-01T16:30:00Z' });
    expect(await draftRow(documentId)).toMatchObject({ formedOrChangedAt: '2026-03-02', dueDate: '2026-03-30' });
  });

  it('follow each type’s rule: 7 working days for 双公示, 2 for a procurement award', async () => {
    const DUAL = 'api::dual-publicity-record.dual-publicity-record';
    const dual = await app.strapi.documents(DUAL).create({ data: { ...payloads(team.refs)[DUAL]('双公示期限'), decisionDate: '2025-04-30', publicUntil: '2026-04-30' } });
    expect((await draftRow(dual.documentId, DUAL)).dueDate).toBe('2025-05-14');
    const PROC = 'api::procurement-notice.procurement-notice';
    const award = await app.strapi.documents(PROC).create({ data: { ...payloads(team.refs)[PROC]('中标结果期限'), noticeType: 'award_result', decisionDate: '2025-09-30' } });
    expect((await draftRow(award.documentId, PROC)).dueDate).toBe('2025-10-10');
  });

  it('are not set for information that is not 主动公开', async () => {
    const documentId = await authorDraft(team, { disclosureAttribute: 'on_request', exemptionReason: 'personal_privacy' });
    expect((await draftRow(documentId)).dueDate).toBeNull();
  });

  it('are marked provisional when the window reaches a year with no notice entered', async () => {
    const documentId = await authorDraft(team, { formedOrChangedAt: `${lastNoticeYear}-12-20` });
    expect(await draftRow(documentId)).toMatchObject({ dueDateProvisional: true });
    // The banner names this year and next when they have no notice, whenever the suite runs.
    const thisYear = legalYear(new Date());
    const missing = [thisYear, thisYear + 1].filter((year) => !OFFICIAL_YEARS.some((notice) => notice.year === year));
    const banner = await team.staff.editor.get('/disclosure/calendar/status');
    expect(banner.body.data).toEqual({
      missingYears: missing,
      banner: missing.length ? `${missing.join('、')}年节假日安排尚未录入，跨入该年的期限为暂定，请联系系统管理员录入` : null,
      canEnterHolidays: false,
    });
  });

  it('move when an administrator enters the next year’s holiday notice', async () => {
    const documentId = await authorDraft(team, { formedOrChangedAt: `${lastNoticeYear}-12-31` });
    const before = await draftRow(documentId);
    expect(before.dueDateProvisional).toBe(true);
    // A (hypothetical) notice for the first year without one: 1 and 4–8 January off.
    const next = lastNoticeYear + 1;
    await app.strapi.db.query(CALENDAR).createMany({
      data: ['01-01', '01-04', '01-05', '01-06', '01-07', '01-08'].map((day) => ({ date: `${next}-${day}`, kind: 'holiday', name: '测试假期', source: '测试通知' })),
    });
    const after = await draftRow(documentId);
    expect(after.dueDateProvisional).toBe(false);
    expect(after.dueDate > before.dueDate).toBe(true);
    await app.strapi.db.query(CALENDAR).deleteMany({ where: { source: '测试通知' } });
    expect((await draftRow(documentId)).dueDate).toBe(before.dueDate);
  });

  it('of an interpretation run from its policy’s release', async () => {
    const POLICY = 'api::policy.policy';
    const INTERPRETATION = 'api::interpretation.interpretation';
    const policy = await app.strapi.documents(POLICY).create({ data: payloads(team.refs)[POLICY]('期限测试政策') });
    const interpretation = await app.strapi.documents(INTERPRETATION).create({ data: { ...payloads(team.refs)[INTERPRETATION]('期限测试解读'), policy: policy.documentId } });
    expect((await draftRow(interpretation.documentId, INTERPRETATION)).dueDate).toBeNull();
    await release(app.strapi, POLICY, policy.documentId);
    const released = (await draftRow(policy.documentId, POLICY)).releasedOn;
    expect(released).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // 3 working days from the policy's release, counted by the one calendar implementation.
    expect((await draftRow(interpretation.documentId, INTERPRETATION)).dueDate).toBe(addWorkingDays(released, 3));
  });

  it('of a procurement contract notice: 2 working days from the contract’s signing', async () => {
    const PROC = 'api::procurement-notice.procurement-notice';
    const decisionDate = addMonths(toLegalDate(new Date()), -2);
    const contractSignedDate = addMonths(decisionDate, 1);
    const contract = await app.strapi.documents(PROC).create({
      data: { ...payloads(team.refs)[PROC]('合同公告期限'), noticeType: 'contract_notice', decisionDate, contractSignedDate },
    });
    expect((await draftRow(contract.documentId, PROC)).dueDate).toBe(addWorkingDays(contractSignedDate, 2));
  });
});

describe('releasing late', () => {
  it('needs a lateness reason, which the audit trail keeps', async () => {
    const documentId = await authorDraft(team, { formedOrChangedAt: '2025-01-02' });
    await driveTo(app, documentId, 'approved');
    const silent = await team.staff.publisher.transition({ uid: ITEM, documentId, action: 'release' });
    expect(silent.status).toBe(400);
    expect(silent.body.error.details).toMatchObject({ code: 'LATENESS_REASON_REQUIRED', errors: [expect.objectContaining({ path: ['reason'] })] });
    const explained = await team.staff.publisher.transition({ uid: ITEM, documentId, action: 'release', reason: '会签延误' });
    expect(explained.status).toBe(200);
    const events = await app.strapi.plugin('disclosure').service('audit').history(ITEM, documentId);
    expect(events.at(-1)).toMatchObject({ action: 'release', reason: '会签延误', data: { lateness: { dueDate: '2025-02-06', workingDaysLate: expect.any(Number) } } });
    const panel = await team.staff.publisher.get(`/disclosure/history/${ITEM}/${documentId}`);
    expect(panel.body.data.deadline).toMatchObject({ status: 'released_late', statusLabel: '超期发布', dueDate: '2025-02-06' });
  });

  it('an on-time release needs no reason and shows 按时发布', async () => {
    const documentId = await authorDraft(team);
    await driveTo(app, documentId, 'approved');
    expect((await team.staff.publisher.transition({ uid: ITEM, documentId, action: 'release' })).status).toBe(200);
    const panel = await team.staff.publisher.get(`/disclosure/history/${ITEM}/${documentId}`);
    expect(panel.body.data.deadline).toMatchObject({ status: 'released_on_time', statusLabel: '按时发布' });
  });
});

describe('the 公开时限 dashboard', () => {
  it('lists at-risk and overdue entries by organization, with counts and filters', async () => {
    // An organization of its own, so the counts are this test's entries whatever ran before.
    const team = await createTeam(app);
    const overdue = await authorDraft(team, { title: '超期未发布的信息', formedOrChangedAt: '2025-06-02' });
    const atRisk = await authorDraft(team, { title: '即将到期的信息', formedOrChangedAt: '2025-06-20' });
    const onTrack = await authorDraft(team, { title: '时间充裕的信息', formedOrChangedAt: '2025-07-10' });
    // As of 15 July 2025: due 30 June (overdue), due 18 July (3 working days left), due 7 August (on track).
    const res = await team.staff.reviewer.get('/disclosure/deadlines?asOf=2025-07-15');
    expect(res.status).toBe(200);
    const byId = Object.fromEntries(res.body.data.entries.map((e: any) => [e.documentId, e]));
    expect(byId[overdue]).toMatchObject({ status: 'overdue', statusLabel: '已超期', dueDate: '2025-06-30', workingDaysLate: 11 });
    expect(byId[atRisk]).toMatchObject({ status: 'at_risk', dueDate: '2025-07-18', workingDaysLeft: 3 });
    expect(byId[onTrack]).toBeUndefined();
    expect(res.body.data.organizations.find((o: any) => o.id === team.orgId)).toMatchObject({ overdue: 1, at_risk: 1 });

    const onlyOverdue = await team.staff.reviewer.get('/disclosure/deadlines?asOf=2025-07-15&status=overdue&type=disclosure-item');
    expect(onlyOverdue.body.data.entries.every((e: any) => e.status === 'overdue' && e.uid === ITEM)).toBe(true);
    expect(onlyOverdue.body.data.entries.filter((e: any) => e.organization?.id === team.orgId).map((e: any) => e.documentId)).toEqual([overdue]);
  });

  it('shows an organization only its own entries', async () => {
    const team = await createTeam(app);
    const overdue = await authorDraft(team, { title: '仅本机构可见的超期信息', formedOrChangedAt: '2025-06-02' });
    expect((await team.staff.reviewer.get('/disclosure/deadlines?asOf=2025-07-15')).body.data.entries.map((e: any) => e.documentId)).toEqual([overdue]);
    const outsider = await (await import('../../../helpers/staff')).createStaff(app, 'reviewer', (await app.strapi.db.query('api::organization.organization').findOne({ where: { documentId: team.refs.otherOrg.documentId } })).id);
    const res = await outsider.get('/disclosure/deadlines?asOf=2025-07-15');
    expect(res.body.data.entries.map((e: any) => e.documentId)).not.toContain(overdue);
    expect(res.body.data.organizations.find((o: any) => o.id === team.orgId)).toBeUndefined();
  });

  it.each([
    ['type=nonsense', 'UNKNOWN_CONTENT_TYPE', 'type'],
    ['asOf=2025-02-30', 'INVALID_DATE', 'asOf'],
    ['asOf=yesterday', 'INVALID_DATE', 'asOf'],
    ['status=late', 'INVALID_QUERY', 'status'],
    ['organization=missing', 'UNKNOWN_ORGANIZATION', 'organization'],
    ['limit=-1', 'INVALID_QUERY', ''],
  ])('rejects %s with 400', async (query, code, field) => {
    const res = await team.staff.reviewer.get(`/disclosure/deadlines?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.error.details.code).toBe(code);
    if (field) expect(res.body.error.details.errors[0].path).toEqual([field]);
    expect(res.body.error.message).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('the holiday banner', () => {
  it('offers 节假日安排 to whoever may open it and tells everyone else to ask the system administrator', async () => {
    // Next year without a notice, whenever the suite runs.
    const nextYear = legalYear(new Date()) + 1;
    const where = { date: { $gte: `${nextYear}-01-01`, $lte: `${nextYear}-12-31` } };
    const entered = await app.strapi.db.query(CALENDAR).findMany({ where, select: ['date', 'kind', 'name', 'source'] });
    await app.strapi.db.query(CALENDAR).deleteMany({ where });
    try {
      for (const member of [team.staff.editor, team.staff.reviewer, team.staff.publisher]) {
        const dashboard = (await member.get('/disclosure/deadlines')).body.data;
        expect([member.role, dashboard.missingYears, dashboard.canEnterHolidays]).toEqual([member.role, expect.arrayContaining([nextYear]), false]);
        const status = (await member.get('/disclosure/calendar/status')).body.data;
        expect([member.role, status.canEnterHolidays, status.banner]).toEqual([member.role, false, expect.stringMatching(new RegExp(`${nextYear}年节假日安排尚未录入.*，请联系系统管理员录入$`))]);
      }
      const admin = team.staff.sysadmin;
      expect((await admin.get('/disclosure/deadlines')).body.data).toMatchObject({ missingYears: expect.arrayContaining([nextYear]), canEnterHolidays: true });
      const status = (await admin.get('/disclosure/calendar/status')).body.data;
      expect(status.canEnterHolidays).toBe(true);
      expect(status.banner).not.toContain('请联系系统管理员');
    } finally {
      if (entered.length) await app.strapi.db.query(CALENDAR).createMany({ data: entered });
    }
  });
});

describe('reminders', () => {
  it('emit deadline.at_risk and deadline.overdue events and a digest per organization', async () => {
    const team = await createTeam(app);
    // Mail is off unless REMINDER_EMAIL=true: the digest goes to the log, not to an inbox.
    const mail = process.env.REMINDER_EMAIL;
    delete process.env.REMINDER_EMAIL;
    const overdue = await authorDraft(team, { title: '提醒：已超期', formedOrChangedAt: '2025-06-02' });
    const atRisk = await authorDraft(team, { title: '提醒：即将到期', formedOrChangedAt: '2025-06-20' });
    const events: { name: string; payload: any }[] = [];
    const off = ['deadline.at_risk', 'deadline.overdue'].map((name) => app.strapi.eventHub.on(name, (payload: any) => events.push({ name, payload })));
    const digests = await app.strapi.plugin('disclosure').service('deadlines').sendReminders('2025-07-15');
    if (mail === undefined) delete process.env.REMINDER_EMAIL;
    else process.env.REMINDER_EMAIL = mail;
    off.forEach((unsubscribe: any) => typeof unsubscribe === 'function' && unsubscribe());
    expect(events.find((e) => e.payload.documentId === overdue)).toMatchObject({ name: 'deadline.overdue', payload: { dueDate: '2025-06-30', workingDaysLate: 11 } });
    expect(events.find((e) => e.payload.documentId === atRisk)).toMatchObject({ name: 'deadline.at_risk', payload: { workingDaysLeft: 3 } });
    const ours = digests.find((d: any) => d.organizationId === team.orgId);
    expect(ours).toEqual({ organizationId: team.orgId, subject: '【政务公开】测试市数据局：1 条已超期，1 条即将到期（2025-07-15）', count: 2, failedJobs: 0, emailed: false });
  });

  it('the daily digest is enqueued once however many instances fire', async () => {
    const scheduler = app.strapi.plugin('disclosure').service('scheduler');
    const results = await Promise.all([scheduler.enqueueDigest('2025-07-16'), scheduler.enqueueDigest('2025-07-16'), scheduler.enqueueDigest('2025-07-16')]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await scheduler.tick()).toBeGreaterThanOrEqual(1);
    const job = await app.strapi.db.connection('disclosure_jobs').where({ kind: 'digest', target_document_id: '2025-07-16' });
    expect(job).toEqual([expect.objectContaining({ status: 'done' })]);
  });
});

describe('working-day arithmetic for the admin', () => {
  it('answers the n-th working day after a date, from the database calendar', async () => {
    const res = await team.staff.editor.get('/disclosure/calendar/working-days?start=2025-01-24&n=7');
    expect(res.body.data).toEqual({ start: '2025-01-24', n: 7, date: '2025-02-10', provisional: false, missingYears: [] });
  });

  it.each([
    ['start=2025-01-24&n=-1', 'INVALID_WORKING_DAY_COUNT', 'n'],
    ['start=2025-01-24&n=1.5', 'INVALID_WORKING_DAY_COUNT', 'n'],
    ['start=2025-13-01&n=1', 'INVALID_DATE', 'start'],
    ['n=1', 'INVALID_DATE', 'start'],
    ['start=2025-01-24&n=1&type=policy', 'INVALID_QUERY', ''],
  ])('rejects %s with 400', async (query, code, field) => {
    const res = await team.staff.editor.get(`/disclosure/calendar/working-days?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.error.details.code).toBe(code);
    if (field) expect(res.body.error.details.errors[0].path).toEqual([field]);
  });
});
