import { payloads, release } from '../../../helpers';
import { createStaff } from '../../../helpers/staff';
import { startApp, TestApp } from '../../../helpers/strapi';
import { authorDraft, CM_ITEM, createTeam, driveTo, footprint, ITEM, organizationId, Team } from '../../../helpers/workflow';

let app: TestApp;
let team: Team;

beforeAll(async () => {
  app = await startApp();
  team = await createTeam(app);
});
afterAll(async () => app?.stop());

const VALID_ID = '11010519491231002X';
const audit = (documentId: string, uid = ITEM) => app.strapi.plugin('disclosure').service('audit').history(uid, documentId);

describe('separation of duties', () => {
  it('whoever wrote a version cannot approve any stage of it', async () => {
    const author = team.staff.sysadmin;
    const res = await author.post(CM_ITEM, payloads(team.refs)[ITEM]('管理员自己写的条目'));
    const documentId = res.body.data.documentId;
    expect((await author.transition({ uid: ITEM, documentId, action: 'submit' })).status).toBe(200);
    const self = await author.transition({ uid: ITEM, documentId, action: 'approve' });
    expect(self.status).toBe(403);
    expect(self.body.error.details.code).toBe('SELF_APPROVAL');
    expect((await team.staff.reviewer.transition({ uid: ITEM, documentId, action: 'approve' })).status).toBe(200);
  });

  it('nor can whoever last edited it', async () => {
    const otherAdmin = await createStaff(app, 'sysadmin', null);
    const documentId = await authorDraft(team);
    expect((await otherAdmin.put(`${CM_ITEM}/${documentId}`, { summary: '管理员修改了内容' })).status).toBe(200);
    await driveTo(app, documentId, 'in_review', 0);
    const res = await otherAdmin.transition({ uid: ITEM, documentId, action: 'approve' });
    expect(res.body.error.details.code).toBe('SELF_APPROVAL');
  });

  it('two reviewers racing to approve the same stage: exactly one wins, the other gets 409', async () => {
    const second = await createStaff(app, 'reviewer', team.orgId);
    const documentId = await authorDraft(team);
    await driveTo(app, documentId, 'in_review', 0);
    // Both approve 部门初审, the stage on their screens: whether the requests overlap or the second comes after the
    // first has committed, the second must not approve 保密审查, a stage it did not look at.
    const results = await Promise.all([
      team.staff.reviewer.transition({ uid: ITEM, documentId, action: 'approve', stage: 'department_review' }),
      second.transition({ uid: ITEM, documentId, action: 'approve', stage: 'department_review' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(results.find((r) => r.status === 409).body.error.details.code).toBe('CONCURRENT_TRANSITION');
    const state = await app.strapi.db.query('plugin::disclosure.workflow-state').findOne({ where: { targetDocumentId: documentId } });
    expect(state).toMatchObject({ state: 'in_review', stageIndex: 1 });
    expect((await audit(documentId)).filter((e: any) => e.action === 'approve')).toHaveLength(1);
  });

  it('an approval of a stage the entry has left is refused, even one after the other', async () => {
    const documentId = await authorDraft(team);
    await driveTo(app, documentId, 'in_review', 0);
    expect((await team.staff.reviewer.transition({ uid: ITEM, documentId, action: 'approve', stage: 'department_review' })).status).toBe(200);
    const stale = await team.staff.reviewer.transition({ uid: ITEM, documentId, action: 'return', stage: 'department_review', reason: '退回' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.details).toMatchObject({ code: 'CONCURRENT_TRANSITION', errors: [expect.objectContaining({ path: ['stage'] })] });
    const state = await app.strapi.db.query('plugin::disclosure.workflow-state').findOne({ where: { targetDocumentId: documentId } });
    expect(state).toMatchObject({ state: 'in_review', stageIndex: 1 });
  });
});

describe('organization scope', () => {
  it('an editor acts only for their own organization; reviewers for theirs and the ones below', async () => {
    const parent = await app.strapi.documents('api::organization.organization').create({ data: { name: '上级政府', code: 'PARENT0001', kind: 'people_government' } });
    await app.strapi.documents('api::organization.organization').update({ documentId: team.refs.org.documentId, data: { parent: parent.documentId } });
    const other = await createStaff(app, 'editor', await organizationId(app, team.refs.otherOrg.documentId));
    const parentReviewer = await createStaff(app, 'reviewer', await organizationId(app, parent.documentId));
    const siblingReviewer = await createStaff(app, 'reviewer', await organizationId(app, team.refs.otherOrg.documentId));

    const documentId = await authorDraft(team);
    const outsider = await other.transition({ uid: ITEM, documentId, action: 'submit' });
    expect(outsider.status).toBe(403);
    expect(outsider.body.error.details.code).toBe('OUT_OF_SCOPE');
    const list = await other.get(CM_ITEM);
    expect(list.body.results.map((r: any) => r.documentId)).not.toContain(documentId);
    expect((await other.get(`${CM_ITEM}/${documentId}`)).status).toBe(403);
    expect((await other.get(`/disclosure/history/${ITEM}/${documentId}`)).body.error.details.code).toBe('OUT_OF_SCOPE');

    expect((await team.staff.editor.transition({ uid: ITEM, documentId, action: 'submit' })).status).toBe(200);
    expect((await siblingReviewer.transition({ uid: ITEM, documentId, action: 'approve' })).body.error.details.code).toBe('OUT_OF_SCOPE');
    expect((await parentReviewer.transition({ uid: ITEM, documentId, action: 'approve' })).status).toBe(200);
  });

  it('the inbox lists what waits for the current user, and the panel what they may do', async () => {
    const documentId = await authorDraft(team);
    await driveTo(app, documentId, 'in_review', 2);
    const publisherInbox = await team.staff.publisher.get('/disclosure/inbox');
    expect(publisherInbox.body.data.map((e: any) => e.documentId)).toContain(documentId);
    const reviewerInbox = await team.staff.reviewer.get('/disclosure/inbox');
    expect(reviewerInbox.body.data.map((e: any) => e.documentId)).not.toContain(documentId);
    const panel = await team.staff.publisher.get(`/disclosure/history/${ITEM}/${documentId}`);
    expect(panel.body.data).toMatchObject({ state: 'in_review', stateLabel: '待审核', stage: { name: '签发' } });
    expect(panel.body.data.actions.map((a: any) => a.action)).toEqual(['approve', 'return']);
    // The author's save in the content manager, then the workflow steps.
    expect(panel.body.data.history.map((e: any) => e.action)).toEqual(['create', 'submit', 'approve', 'approve']);
    expect((await team.staff.publisher.get(`/disclosure/history/${ITEM}/missing`)).status).toBe(404);
  });
});

describe('release checks', () => {
  it('block a valid 身份证号 at submit, naming the field and position', async () => {
    const documentId = await authorDraft(team, { body: `当事人王某，身份证号${VALID_ID}。` });
    const res = await team.staff.editor.transition({ uid: ITEM, documentId, action: 'submit' });
    expect(res.status).toBe(422);
    expect(res.body.error.details.code).toBe('RELEASE_CHECK_BLOCKED');
    expect(res.body.error.details.findings[0]).toMatchObject({ kind: 'id_number', path: ['body'], position: 10, excerpt: '110*************2X' });
    expect(JSON.stringify(res.body)).not.toContain(VALID_ID);
  });

  it('ignore an 18-digit number with a wrong check digit', async () => {
    const documentId = await authorDraft(team, { body: '文件编号110105194912310021。' });
    expect((await team.staff.editor.transition({ uid: ITEM, documentId, action: 'submit' })).status).toBe(200);
  });

  it('look into components too', async () => {
    const res = await team.author.post('/content-manager/collection-types/api::recruitment-notice.recruitment-notice', {
      ...payloads(team.refs)['api::recruitment-notice.recruitment-notice']('含手机号的招聘公告'),
      positions: [{ name: '岗位', headcount: 1, requirements: '咨询请致电13912345678' }],
    });
    const submit = await team.staff.editor.transition({ uid: 'api::recruitment-notice.recruitment-notice', documentId: res.body.data.documentId, action: 'submit' });
    expect(submit.body.error.details.findings[0]).toMatchObject({ kind: 'mobile_number', path: ['positions', 0, 'requirements'] });
  });

  it('may be overridden with a reason by a reviewer, never by the editor, and the override is audited', async () => {
    const documentId = await authorDraft(team, { body: '办事指南附银行账号4111111111111111' });
    const byEditor = await team.staff.editor.transition({ uid: ITEM, documentId, action: 'submit', overrideReason: '我认为没问题' });
    expect(byEditor.status).toBe(403);
    expect(byEditor.body.error.details.code).toBe('OVERRIDE_NOT_ALLOWED');
    const bySysadmin = await team.staff.sysadmin.transition({ uid: ITEM, documentId, action: 'submit', overrideReason: '该账号为单位对公收款账号，应当公开' });
    expect(bySysadmin.status).toBe(200);
    const event = (await audit(documentId)).find((e: any) => e.action === 'submit');
    expect(event.data.override).toMatchObject({ reason: '该账号为单位对公收款账号，应当公开', findings: [expect.objectContaining({ kind: 'bank_card' })] });
  });

  it('run again at release: a reviewer’s override at submit does not let the content out without the publisher’s own reason', async () => {
    const documentId = await authorDraft(team, { body: '办事指南附银行账号4111111111111111' });
    expect((await team.staff.sysadmin.transition({ uid: ITEM, documentId, action: 'submit', overrideReason: '该账号为单位对公收款账号，应当公开' })).status).toBe(200);
    const workflow = app.strapi.plugin('disclosure').service('workflow');
    for (let i = 0; i < workflow.stagesFor(ITEM).length; i += 1) await workflow.transition({ uid: ITEM, documentId, action: 'approve' }, 'system');
    const before = await footprint(app, documentId);
    expect(before.state.state).toBe('approved');

    const silent = await team.staff.publisher.transition({ uid: ITEM, documentId, action: 'release' });
    expect(silent.status).toBe(422);
    expect(silent.body.error.details).toMatchObject({ code: 'RELEASE_CHECK_BLOCKED', findings: [expect.objectContaining({ kind: 'bank_card', path: ['body'] })] });
    expect(await footprint(app, documentId)).toEqual(before);

    const owned = await team.staff.publisher.transition({ uid: ITEM, documentId, action: 'release', overrideReason: '经核实为对公账号，同意发布' });
    expect(owned.status).toBe(200);
    const events = await audit(documentId);
    expect(events.at(-1)).toMatchObject({
      action: 'release',
      actor: `admin:${team.staff.publisher.id}`,
      data: { override: { reason: '经核实为对公账号，同意发布', findings: [expect.objectContaining({ kind: 'bank_card' })] } },
    });
  });

  it('warn about flagged terms without blocking', async () => {
    const documentId = await authorDraft(team, { summary: '根据原国家质检总局有关规定' });
    const res = await team.staff.editor.transition({ uid: ITEM, documentId, action: 'submit' });
    expect(res.status).toBe(200);
    expect(res.body.data.warnings[0]).toMatchObject({ kind: 'sensitive_term', path: ['summary'] });
    expect(res.body.data.warnings[0].message).toContain('国家市场监督管理总局');
  });

  it('warn at submit and at release when a 双公示 title names its natural person, without the name in the warning', async () => {
    const DUAL = 'api::dual-publicity-record.dual-publicity-record';
    const created = await team.author.post(`/content-manager/collection-types/${DUAL}`, { ...payloads(team.refs)[DUAL]('张三丰占道经营行政处罚决定'), subjectName: '张三丰' });
    expect(created.status).toBe(201);
    const documentId = created.body.data.documentId;
    const submitted = await team.staff.editor.transition({ uid: DUAL, documentId, action: 'submit' });
    expect(submitted.status).toBe(200);
    expect(submitted.body.data.warnings).toEqual([expect.objectContaining({ kind: 'person_name_in_title', severity: 'warn', path: ['title'], excerpt: '张*丰' })]);
    expect(submitted.body.data.warnings[0].message).toMatch(/^名称中含有自然人姓名/);
    expect(JSON.stringify(submitted.body)).not.toContain('张三丰');
    const workflow = app.strapi.plugin('disclosure').service('workflow');
    for (let i = 0; i < workflow.stagesFor(DUAL).length; i++) await workflow.transition({ uid: DUAL, documentId, action: 'approve' }, 'system');
    const released = await team.staff.publisher.transition({ uid: DUAL, documentId, action: 'release' });
    expect(released.status).toBe(200);
    expect(released.body.data.warnings).toEqual([expect.objectContaining({ kind: 'person_name_in_title' })]);
  });
});

describe('interpretations and their policies', () => {
  const INTERPRETATION = 'api::interpretation.interpretation';
  const POLICY = 'api::policy.policy';

  it('an interpretation cannot be released before its policy; withdrawing the policy warns about it', async () => {
    const policy = await app.strapi.documents(POLICY).create({ data: payloads(team.refs)[POLICY]('尚未发布的政策') });
    const interpretation = await app.strapi.documents(INTERPRETATION).create({
      data: { ...payloads(team.refs)[INTERPRETATION]('抢先的解读'), policy: policy.documentId },
    });
    await driveTo(app, interpretation.documentId, 'approved', null, INTERPRETATION);
    const early = await team.staff.publisher.transition({ uid: INTERPRETATION, documentId: interpretation.documentId, action: 'release' });
    expect(early.status).toBe(409);
    expect(early.body.error.details).toMatchObject({ code: 'POLICY_NOT_RELEASED', errors: [expect.objectContaining({ path: ['policy'] })] });

    await release(app.strapi, POLICY, policy.documentId);
    expect((await team.staff.publisher.transition({ uid: INTERPRETATION, documentId: interpretation.documentId, action: 'release' })).status).toBe(200);

    const withdraw = await team.staff.publisher.transition({ uid: POLICY, documentId: policy.documentId, action: 'withdraw', reason: '政策调整' });
    expect(withdraw.status).toBe(200);
    expect(withdraw.body.data.warnings[0]).toMatchObject({ code: 'RELEASED_INTERPRETATIONS', documents: [expect.objectContaining({ documentId: interpretation.documentId })] });
    expect(withdraw.body.data.warnings[0].message).toContain('抢先的解读');
  });
});

describe('a release that fails part-way', () => {
  it('leaves no audit event, no published version and the entry approved; the chain stays intact', async () => {
    const documentId = await authorDraft(team);
    await driveTo(app, documentId, 'approved');
    const before = await footprint(app, documentId);
    // A database failure at the last write of the release transaction (its feed event), after the audit event is appended.
    const db = app.strapi.db.connection;
    await db.raw(`CREATE FUNCTION fail_feed_insert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'feed unavailable'; END $$`);
    await db.raw('CREATE TRIGGER fail_feed_insert BEFORE INSERT ON disclosure_feed_events FOR EACH ROW EXECUTE FUNCTION fail_feed_insert()');
    let failed;
    try {
      failed = await team.staff.publisher.transition({ uid: ITEM, documentId, action: 'release' });
    } finally {
      await db.raw('DROP TRIGGER fail_feed_insert ON disclosure_feed_events');
      await db.raw('DROP FUNCTION fail_feed_insert()');
    }
    expect(failed.status).toBe(500);
    expect(await footprint(app, documentId)).toEqual(before);
    expect((await audit(documentId)).map((e: any) => e.action)).not.toContain('release');
    expect(await app.strapi.plugin('disclosure').service('audit').verify()).toMatchObject({ ok: true });

    expect((await team.staff.publisher.transition({ uid: ITEM, documentId, action: 'release' })).status).toBe(200);
    expect((await audit(documentId)).filter((e: any) => e.action === 'release')).toHaveLength(1);
  });
});
