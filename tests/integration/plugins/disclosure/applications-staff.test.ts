import { createRefs, Refs } from '../../../helpers';
import { createStaff, Staff } from '../../../helpers/staff';
import { startApp, TestApp } from '../../../helpers/strapi';
import { organizationId } from '../../../helpers/workflow';
import { toLegalDate } from '../../../../src/plugins/disclosure/server/src/domain/legal-date';
import { addWorkingDays } from '../../../../src/plugins/disclosure/server/src/domain/calendar';

/**
 * 依申请公开 from the office's side, through the admin API: the answer clock across 春节, 国庆 and their 调休 (dates
 * from the official 2026 notice; the clock counts from the receipt date given, so the expectations do not age),
 * 补正, consultations, extension, fees, replies, scope and the audit of personal data.
 */
let app: TestApp;
let refs: Refs;
let handler: Staff;
let head: Staff;
let outsider: Staff;
let editor: Staff;
let orgId: number;

beforeAll(async () => {
  app = await startApp();
  refs = await createRefs(app.strapi);
  orgId = await organizationId(app, refs.org.documentId);
  handler = await createStaff(app, 'applicationHandler', orgId);
  head = await createStaff(app, 'applicationHead', orgId);
  outsider = await createStaff(app, 'applicationHead', await organizationId(app, refs.otherOrg.documentId));
  editor = await createStaff(app, 'editor', orgId);
});
afterAll(async () => app?.stop());

const APPLICATION = 'plugin::disclosure.application';
let n = 0;
const intake = (overrides: Record<string, unknown> = {}) => {
  n += 1;
  return {
    channel: 'letter',
    receivedOn: '2026-09-10',
    applicantKind: 'natural_person',
    applicantName: '张三丰',
    idType: 'resident_id',
    idNumber: '650000199001011234',
    phone: '13800000000',
    postalAddress: '新疆五家渠市人民路1号',
    requestedTitle: `测试所需信息 ${n} 号 ${'甲乙丙丁戊己庚辛壬癸'[n % 10]}${n * 7919}`,
    preferredForm: 'paper',
    deliveryMethod: 'post',
    ...overrides,
  };
};

async function register(overrides: Record<string, unknown> = {}, by: Staff = handler) {
  const res = await by.post('/disclosure/applications', intake(overrides));
  if (res.status !== 201) throw new Error(`intake failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data;
}
const act = (documentId: string, body: Record<string, unknown>, by: Staff = handler) => by.post(`/disclosure/applications/${documentId}/actions`, body);
async function ok(documentId: string, body: Record<string, unknown>, by: Staff = handler) {
  const res = await act(documentId, body, by);
  if (res.status !== 200) throw new Error(`${body.action} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data;
}
const auditOf = (documentId: string, action?: string) =>
  app.strapi.db.query('plugin::disclosure.audit-event').findMany({ where: { targetDocumentId: documentId, ...(action ? { action } : {}) }, orderBy: { seq: 'asc' } });

describe('staff intake', () => {
  it('registers a letter received on a given day, with its clock: 20 working days across 春节 and its two 调休 Saturdays', async () => {
    // 6 Feb, 9–13 Feb, Saturday 14 Feb (调休), 15–23 Feb off, 24–27 Feb, Saturday 28 Feb (调休), 2–6 and 9–11 Mar.
    const data = await register({ receivedOn: '2026-02-05' });
    expect(data).toMatchObject({
      state: 'received',
      stateLabel: '已收到',
      channel: 'letter',
      channelLabel: '信函',
      receivedOn: '2026-02-05',
      dueOn: '2026-03-11',
      dueOnProvisional: false,
      pausedWorkingDays: 0,
      applicantName: '张**',
      applicant: { name: '张三丰', idNumber: '650000199001011234', phone: '13800000000', idTypeLabel: '居民身份证' },
      clock: { dueOn: '2026-03-11', pausedWorkingDays: 0 },
      handler: { id: handler.id },
    });
    expect(data.trackingCode).toMatch(/^YSQ2026[A-Z2-7]{10}$/);
    // The applicant may follow it online with the code and this secret, shown this once.
    expect(typeof data.secret).toBe('string');
    expect(data.history.map((h: any) => h.label)).toContain('收到申请');
    const row = await app.strapi.db.query(APPLICATION).findOne({ where: { documentId: data.documentId } });
    expect(row).toMatchObject({ dueOn: '2026-03-11', dueOnProvisional: false, pausedWorkingDays: 0 });
  });

  it('refuses bad input with a Chinese message per field, and an online channel', async () => {
    const res = await handler.post('/disclosure/applications', { ...intake(), phone: undefined, applicantName: '名'.repeat(101), channel: 'online' });
    expect(res.status).toBe(400);
    const paths = res.body.error.details.errors.map((e: any) => e.path[0]);
    expect(paths).toEqual(expect.arrayContaining(['phone', 'applicantName', 'channel']));
    expect(res.body.error.details.errors.find((e: any) => e.path[0] === 'applicantName').message).toBe('申请人姓名或名称不能超过 100 个字');
    expect(res.body.error.details.code).toBe('VALIDATION_FAILED');
    const future = await handler.post('/disclosure/applications', intake({ receivedOn: '2099-01-05' }));
    expect(future.body.error.details.errors[0]).toMatchObject({ path: ['receivedOn'], message: '收到申请日期不能晚于今天' });
    expect(await app.strapi.db.query(APPLICATION).count({ where: { requestedTitle: { $contains: '测试所需信息' } } })).toBe(1);
  });

  it('is refused to staff without the application permissions', async () => {
    const intakeRefused = await editor.post('/disclosure/applications', intake());
    expect(intakeRefused.status).toBe(403);
    expect(intakeRefused.body.error.details.code).toBe('APPLICATION_FORBIDDEN');
    const { documentId } = await register();
    for (const res of [
      await editor.get('/disclosure/applications'),
      await editor.get(`/disclosure/applications/${documentId}`),
      await act(documentId, { action: 'start' }, editor),
      await editor.post(`/disclosure/applications/${documentId}/letter-preview`, { outcome: 'disclose' }),
      await editor.get('/disclosure/applications/suggestions'),
      await editor.get('/disclosure/application-cases'),
    ]) {
      expect(res.status).toBe(403);
      expect(res.body.error.details.code).toBe('APPLICATION_FORBIDDEN');
    }
  });
});

describe('an online application', () => {
  it('waits for confirmation of receipt, then its clock runs from the day confirmed (条例 第三十一条)', async () => {
    const { channel: _channel, receivedOn: _receivedOn, ...fields } = intake();
    const submitted = await app.http().post('/api/disclosure/applications').send({ ...fields, organization: refs.org.documentId });
    expect(submitted.status).toBe(201);
    const listed = await handler.get(`/disclosure/applications?q=${submitted.body.data.trackingCode}`);
    expect(listed.body.data[0]).toMatchObject({ state: 'submitted', stateLabel: '待确认收到', channelLabel: '网络', receivedOn: null, dueOn: null, deadlineStatus: null });
    const { documentId } = listed.body.data[0];
    const detail = (await handler.get(`/disclosure/applications/${documentId}`)).body.data;
    expect(detail.actions.map((a: any) => a.action)).toEqual(['confirm_receipt', 'assign', 'withdraw']);
    const today = toLegalDate(new Date());
    const confirmed = await ok(documentId, { action: 'confirm_receipt', receivedOn: today });
    const calendar = await app.strapi.plugin('disclosure').service('calendar').get();
    expect(confirmed).toMatchObject({ state: 'received', receivedOn: today, dueOn: addWorkingDays(today, 20, calendar) });
    const [event] = await auditOf(documentId, 'application.confirm_receipt');
    expect(event).toMatchObject({ actor: `admin:${handler.id}`, fromState: 'submitted', toState: 'received' });
  });
});

describe('the answer clock through the actions', () => {
  it('stops for a 补正 and restarts from the day the correction arrives (国庆, 中秋 and 调休)', async () => {
    const { documentId } = await register({ receivedOn: '2026-09-10' });
    // The notice was due within 7 working days of receipt (Sunday 20 Sep is worked). Default period: 15 working days from the notice: 15–18 Sep, Sunday 20 Sep (调休), 21–24, 28–30 Sep, 8–9 Oct, Saturday 10 Oct (调休).
    const asked = await ok(documentId, { action: 'request_correction', request: '请写明所需文件的文号', requestedOn: '2026-09-14' });
    expect(asked).toMatchObject({ state: 'correction_requested', correction: { requestedOn: '2026-09-14', dueOn: '2026-10-10', noticeDueOn: '2026-09-20' }, clock: null });
    expect((await app.strapi.db.query(APPLICATION).findOne({ where: { documentId } })).dueOn).toBeNull();
    // 20 working days from 24 Sep: 25 Sep is 中秋, 28–30 Sep, 1–7 Oct off, 8–9 Oct, 10 Oct (调休), 12–16, 19–23, 26–29 Oct.
    const corrected = await ok(documentId, { action: 'receive_correction', receivedOn: '2026-09-24' });
    expect(corrected).toMatchObject({ state: 'in_progress', dueOn: '2026-10-29', correction: { receivedOn: '2026-09-24' } });
    expect((await act(documentId, { action: 'request_correction', request: '再补正一次' })).body.error.details.code).toBe('APPLICATION_ACTION_NOT_ALLOWED');
  });

  it('pauses for consultations, overlapping ones counted once (清明, 劳动节 and its 调休)', async () => {
    const { documentId } = await register({ receivedOn: '2026-04-01' });
    await ok(documentId, { action: 'start' });
    const first = await ok(documentId, { action: 'start_consultation', party: '某建设有限公司', kind: 'third_party', sentOn: '2026-04-07' });
    expect(first).toMatchObject({ state: 'consultation', consultations: [{ party: '某建设有限公司', kindLabel: '第三方', sentOn: '2026-04-07', replyDueOn: '2026-04-28', answeredOn: null }] });
    await ok(documentId, { action: 'start_consultation', party: '市财政局', kind: 'organ', sentOn: '2026-04-10' });
    const bad = await act(documentId, { action: 'answer_consultation', index: 0, answeredOn: '2026-04-06' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.errors[0].path).toEqual(['answeredOn']);
    await ok(documentId, { action: 'answer_consultation', index: 0, answeredOn: '2026-04-14', opinion: '不同意公开' });
    const done = await ok(documentId, { action: 'answer_consultation', index: 1, answeredOn: '2026-04-20' });
    // Paused: 8–10, 13–17 and 20 April (9 working days); 29 working days from 1 April, with 4–6 April and 1–5 May off
    // and Saturday 9 May worked, end on 15 May.
    expect(done).toMatchObject({ state: 'in_progress', dueOn: '2026-05-15', pausedWorkingDays: 9, clock: { dueOn: '2026-05-15', pausedWorkingDays: 9 } });
  });

  it('extends by 20 working days only with the head’s approval and a reason, once', async () => {
    const { documentId, dueOn } = await register({ receivedOn: '2026-09-10' });
    expect(dueOn).toBe('2026-10-14');
    const refused = await act(documentId, { action: 'extend', reason: '需要调取历史档案' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.details.code).toBe('APPLICATION_FORBIDDEN');
    const detail = await handler.get(`/disclosure/applications/${documentId}`);
    expect(detail.body.data.actions.find((a: any) => a.action === 'extend')).toMatchObject({ permitted: false, why: '延长答复期限须经政府信息公开工作机构负责人同意' });
    expect((await act(documentId, { action: 'extend' }, head)).body.error.details.errors[0].path).toEqual(['reason']);
    const extended = await ok(documentId, { action: 'extend', reason: '需要调取历史档案' }, head);
    expect(extended).toMatchObject({ dueOn: '2026-11-11', extended: true, extension: { extended: true, reason: '需要调取历史档案', approvedBy: { id: head.id } } });
    expect((await act(documentId, { action: 'extend', reason: '再延' }, head)).status).toBe(409);
    const [event] = await auditOf(documentId, 'application.extend');
    expect(event).toMatchObject({ reason: '需要调取历史档案', fromState: 'received', toState: 'received' });
  });

  it('takes two handlers acting at once in turn: the second sees the first one’s change', async () => {
    const { documentId } = await register({ receivedOn: '2026-09-10' });
    const answers = await Promise.all([
      act(documentId, { action: 'extend', reason: '第一位负责人批准' }, head),
      act(documentId, { action: 'extend', reason: '第二位负责人批准' }, head),
    ]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(await auditOf(documentId, 'application.extend')).toHaveLength(1);
  });

  it('assigns a handler of the receiving organization, and closes when the applicant withdraws', async () => {
    const { documentId } = await register();
    expect(await ok(documentId, { action: 'assign', handlerId: head.id })).toMatchObject({ handler: { id: head.id } });
    const elsewhere = await act(documentId, { action: 'assign', handlerId: outsider.id });
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.body.error.details.errors[0].path).toEqual(['handlerId']);
    expect((await act(documentId, { action: 'withdraw' })).body.error.details.errors[0].path).toEqual(['reason']);
    const withdrawn = await ok(documentId, { action: 'withdraw', reason: '申请人书面撤回' });
    expect(withdrawn).toMatchObject({ state: 'closed', stateLabel: '已办结（未答复）', actions: [] });
    expect(withdrawn.history.find((h: any) => h.action === 'application.withdraw')).toMatchObject({ label: '申请人撤回申请', reason: '申请人书面撤回' });
  });

  it('answers on the spot: the reply is dated the day of the visit', async () => {
    const { documentId } = await register({ channel: 'in_person', receivedOn: '2026-11-02' });
    const replied = await ok(documentId, { action: 'reply', outcome: 'disclose', onTheSpot: true });
    expect(replied).toMatchObject({ state: 'replied', repliedOn: '2026-11-02', reply: { outcome: 'disclose', outcomeLabel: '予以公开', onTheSpot: true } });
  });

  it('refuses the closing outcomes as replies and an action the state does not offer', async () => {
    const { documentId } = await register();
    const res = await act(documentId, { action: 'reply', outcome: 'other.no_correction' });
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors[0].path).toEqual(['outcome']);
    expect((await act(documentId, { action: 'fee_paid', paidOn: '2026-09-20' })).status).toBe(409);
    expect((await act(documentId, { action: 'teleport' })).status).toBe(400);
  });
});

describe('closure', () => {
  it('for no correction: manually once the correction deadline passed', async () => {
    const { documentId } = await register({ receivedOn: '2026-09-10' });
    await ok(documentId, { action: 'request_correction', request: '请补充身份证明', requestedOn: '2026-09-14' });
    const closed = await ok(documentId, { action: 'close_no_correction' });
    expect(closed).toMatchObject({ state: 'closed', outcome: 'other.no_correction' });
  });

  it('for unpaid fees: a notice by one method, never both, then closed after the 20 working days to pay', async () => {
    const { documentId } = await register({ receivedOn: '2026-09-10' });
    expect((await act(documentId, { action: 'fee_notice', method: 'piece', ordinalInMonth: 12, pages: 40 })).body.error.details.errors[0].path).toEqual(['pages']);
    expect((await act(documentId, { action: 'fee_notice', method: 'piece', ordinalInMonth: 3 })).status).toBe(400);
    const notice = await ok(documentId, { action: 'fee_notice', method: 'piece', ordinalInMonth: 12, noticeOn: '2026-09-28' });
    expect(notice).toMatchObject({ state: 'awaiting_payment', fee: { method: 'piece', methodLabel: '按件计收', amountYuan: 100, noticeOn: '2026-09-28', paymentDueOn: '2026-10-30' } });
    const closed = await ok(documentId, { action: 'close_fee_unpaid' });
    expect(closed).toMatchObject({ state: 'closed', outcome: 'other.fee_unpaid' });
  });

  it('by the daily task for lapsed 补正 and payment deadlines, recorded as the system', async () => {
    const correction = await register({ receivedOn: '2026-09-10' });
    await ok(correction.documentId, { action: 'request_correction', request: '请补充身份证明', requestedOn: '2026-09-14' });
    const fee = await register({ receivedOn: '2026-09-10' });
    await ok(fee.documentId, { action: 'fee_notice', method: 'volume', pages: 120, noticeOn: '2026-09-28' });
    const paid = await register({ receivedOn: '2026-09-10' });
    await ok(paid.documentId, { action: 'fee_notice', method: 'volume', pages: 120, noticeOn: '2026-09-28' });
    await ok(paid.documentId, { action: 'fee_paid', paidOn: '2026-10-09' });

    const scheduler = app.strapi.plugin('disclosure').service('scheduler');
    await scheduler.enqueueDigest(toLegalDate(new Date()));
    await scheduler.tick();

    const state = async (documentId: string) => (await app.strapi.db.query(APPLICATION).findOne({ where: { documentId } })) as any;
    expect(await state(correction.documentId)).toMatchObject({ state: 'closed', outcome: 'other.no_correction' });
    expect(await state(fee.documentId)).toMatchObject({ state: 'closed', outcome: 'other.fee_unpaid', feeAmountYuan: expect.anything() });
    expect(await state(paid.documentId)).toMatchObject({ state: 'in_progress' });
    const [event] = await auditOf(fee.documentId, 'application.close_fee_unpaid');
    expect(event).toMatchObject({ actor: 'system', fromState: 'awaiting_payment', toState: 'closed' });
  });
});

describe('scope and privacy', () => {
  it('keeps another organization’s handler out: 403 on detail and actions, nothing in the list', async () => {
    const { documentId, trackingCode } = await register();
    const detail = await outsider.get(`/disclosure/applications/${documentId}`);
    expect(detail.status).toBe(403);
    expect(detail.body.error.details.code).toBe('APPLICATION_FORBIDDEN');
    expect(JSON.stringify(detail.body)).not.toContain('张三丰');
    expect((await act(documentId, { action: 'start' }, outsider)).status).toBe(403);
    const list = await outsider.get(`/disclosure/applications?q=${trackingCode}`);
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ data: [], meta: { pagination: { total: 0 } } });
    expect((await outsider.get(`/disclosure/applications/${documentId}/letter`)).status).toBe(403);
  });

  it('lists the organization’s applications with the name masked, filtered and paginated', async () => {
    const { documentId, trackingCode } = await register({ applicantName: '欧阳修' });
    const res = await handler.get(`/disclosure/applications?q=${trackingCode}`);
    expect(res.body).toMatchObject({ data: [{ documentId, applicantName: '欧**', stateLabel: '已收到', receivingOrganization: { documentId: refs.org.documentId } }], meta: { pagination: { page: 1, total: 1 } } });
    expect(JSON.stringify(res.body)).not.toContain('欧阳修');
    expect(res.body.data[0]).not.toHaveProperty('applicant');
    const page = await handler.get('/disclosure/applications?state=received&pageSize=2&page=1');
    expect(page.body.data.length).toBeLessThanOrEqual(2);
    expect(page.body.data.every((a: any) => a.state === 'received')).toBe(true);
    expect(page.body.meta.pagination.total).toBeGreaterThan(2);
    expect((await handler.get('/disclosure/applications?state=nonsense')).status).toBe(400);
  });

  it('writes every read of personal data to the audit trail, without the data', async () => {
    const { documentId } = await register({ applicantName: '李四光' });
    const before = (await auditOf(documentId, 'application.personal_data_read')).length;
    await handler.get(`/disclosure/applications/${documentId}`);
    const reads = await auditOf(documentId, 'application.personal_data_read');
    expect(reads.length).toBe(before + 1);
    expect(reads[reads.length - 1]).toMatchObject({ actor: `admin:${handler.id}`, targetUid: APPLICATION });
    expect(JSON.stringify(reads)).not.toContain('李四光');
    expect(JSON.stringify(reads)).not.toContain('650000199001011234');
    const history = (await handler.get(`/disclosure/applications/${documentId}`)).body.data.history;
    expect(history.map((h: any) => h.label)).toEqual(expect.arrayContaining(['收到申请', '查看申请人信息']));
  });
});

describe('reply letter', () => {
  it('previews, then freezes the issued letter with the notice of 行政复议 and 行政诉讼', async () => {
    const { documentId } = await register({ applicantName: '王<b>五</b>' });
    expect((await handler.get(`/disclosure/applications/${documentId}/letter`)).status).toBe(404);
    const preview = await handler.post(`/disclosure/applications/${documentId}/letter-preview`, { outcome: 'unable.not_held', details: { rightOrgan: '五家渠市财政局' } });
    expect(preview.status).toBe(200);
    expect(preview.headers['content-type']).toMatch(/text\/html/);
    expect(preview.text).not.toContain('<b>五</b>');
    await ok(documentId, { action: 'reply', outcome: 'unable.not_held', repliedOn: '2026-09-30', details: { rightOrgan: '五家渠市财政局' } });
    const letter = await handler.get(`/disclosure/applications/${documentId}/letter`);
    expect(letter.status).toBe(200);
    expect(letter.text).toContain('行政复议');
    expect(letter.text).toContain('行政诉讼');
    const reads = await auditOf(documentId, 'application.personal_data_read');
    expect(reads.map((r: any) => (typeof r.data === 'string' ? JSON.parse(r.data) : r.data).via)).toEqual(expect.arrayContaining(['letter_preview', 'letter']));
  });
});

describe('行政复议 and 行政诉讼 cases', () => {
  it('are recorded, listed and updated by holders of the cases permission', async () => {
    const { documentId, trackingCode } = await register();
    const body = { application: documentId, kind: 'review', caseNumber: '五复〔2026〕12号', filedOn: '2026-10-20' };
    expect((await handler.post('/disclosure/application-cases', body)).status).toBe(403);
    const created = await head.post('/disclosure/application-cases', body);
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({ application: { documentId, trackingCode }, kind: 'review', kindLabel: '行政复议', result: 'pending', resultLabel: '尚未审结', filedOn: '2026-10-20' });
    const bad = await head.post('/disclosure/application-cases', { ...body, decidedOn: '2026-10-01', result: 'upheld' });
    expect(bad.body.error.details.errors[0].path).toEqual(['decidedOn']);
    const updated = await head.put(`/disclosure/application-cases/${created.body.data.id}`, { result: 'upheld', decidedOn: '2026-11-20' });
    expect(updated.body.data).toMatchObject({ result: 'upheld', resultLabel: '结果维持', decidedOn: '2026-11-20' });
    const listed = await head.get(`/disclosure/application-cases?application=${documentId}`);
    expect(listed.body.data).toEqual([updated.body.data]);
    expect((await outsider.get(`/disclosure/application-cases?application=${documentId}`)).body.data).toEqual([]);
    expect((await outsider.put(`/disclosure/application-cases/${created.body.data.id}`, { note: '改' })).status).toBe(403);
    // Nor may they take the case over by pointing it at an application of their own: a case stays with its application.
    const theirs = await register({}, outsider);
    const moved = await outsider.put(`/disclosure/application-cases/${created.body.data.id}`, { application: theirs.documentId, note: '改' });
    expect(moved.status).toBe(400);
    expect(moved.body.error.details.errors.map((e: any) => e.path)).toEqual([['application']]);
    expect((await handler.get(`/disclosure/applications/${documentId}`)).body.data.cases).toEqual([updated.body.data]);
  });
});

describe('条例 第四十四条 suggestions', () => {
  it('group three applications for the same entry', async () => {
    const entry = { uid: 'api::policy.policy', documentId: refs.policy.documentId };
    const ids = [];
    for (const title of ['关于参考政策的全文', '请提供参考政策文件', '参考政策原件复印件']) ids.push((await register({ requestedTitle: title, requestedEntry: entry })).documentId);
    const res = await handler.get('/disclosure/applications/suggestions');
    expect(res.status).toBe(200);
    const group = res.body.data.find((g: any) => g.entry?.documentId === refs.policy.documentId);
    expect(group).toMatchObject({ count: 3, entry: { uid: 'api::policy.policy', title: '参考政策文件' } });
    expect(group.applications.map((a: any) => a.documentId).sort()).toEqual([...ids].sort());
    expect((await outsider.get('/disclosure/applications/suggestions')).body.data).toEqual([]);
  });
});

describe('公开时限 dashboard and reminders', () => {
  it('list open applications whose answer is overdue, without personal data, and remind about them', async () => {
    const { documentId, trackingCode, requestedTitle } = await register({ receivedOn: '2026-09-10', applicantName: '赵钱孙' });
    const board = await handler.get('/disclosure/deadlines?asOf=2026-10-20&status=overdue');
    expect(board.status).toBe(200);
    const row = board.body.data.entries.find((e: any) => e.documentId === documentId);
    expect(row).toMatchObject({ kind: 'application', trackingCode, requestedTitle, dueOn: '2026-10-14', status: 'overdue', workingDaysLate: 4 });
    expect(JSON.stringify(board.body)).not.toContain('赵钱孙');
    const onlyApplications = await handler.get('/disclosure/deadlines?asOf=2026-10-20&status=overdue&type=application');
    expect(onlyApplications.body.data.entries.length).toBeGreaterThan(0);
    expect(onlyApplications.body.data.entries.every((e: any) => e.kind === 'application')).toBe(true);
    expect((await outsider.get('/disclosure/deadlines?asOf=2026-10-20&status=overdue')).body.data.entries.find((e: any) => e.documentId === documentId)).toBeUndefined();

    const events: any[] = [];
    const off = app.strapi.eventHub.on('deadline.overdue', (payload: any) => events.push(payload));
    await app.strapi.plugin('disclosure').service('deadlines').sendReminders('2026-10-20');
    off();
    expect(events.find((e) => e.documentId === documentId)).toMatchObject({ kind: 'application', trackingCode, dueDate: '2026-10-14' });
  });
});
