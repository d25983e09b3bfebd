import { payloads } from '../../../helpers';
import { createAdmin, createStaff, Staff } from '../../../helpers/staff';
import { startApp, TestApp } from '../../../helpers/strapi';
import { authorDraft, CM_ITEM, createTeam, driveTo, footprint, ITEM, organizationId, Team } from '../../../helpers/workflow';

let app: TestApp;
let team: Team;
let otherOrgId: number;

beforeAll(async () => {
  app = await startApp();
  team = await createTeam(app);
  otherOrgId = await organizationId(app, team.refs.otherOrg.documentId);
});
afterAll(async () => app?.stop());

const POLICY = 'api::policy.policy';
const CM_POLICY = `/content-manager/collection-types/${POLICY}`;
const CJK = /[\u4e00-\u9fff]/;

const rowsTitled = (title: string, uid = ITEM) => app.strapi.db.query(uid).count({ where: { title } });
const indexNumbersOf = (code: string) => app.strapi.db.connection('disclosure_index_numbers').where('value', 'like', `${code}/%`).count({ n: '*' }).first();
const storedOrganization = async (documentId: string, uid = ITEM) =>
  (await app.strapi.db.query(uid).findOne({ where: { documentId, publishedAt: null }, populate: { publishingOrganization: true } }))?.publishingOrganization?.id;

const expectOutOfScope = (res: any, code = 'ORGANIZATION_OUT_OF_SCOPE') => {
  expect({ status: res.status, code: res.body.error?.details?.code }).toEqual({ status: 403, code });
  expect(res.body.error.message).toMatch(CJK);
};

describe('an editor writes only for their own organization', () => {
  it('cannot create an entry for another organization in the content manager, whatever shape the relation takes; nothing is stored', async () => {
    const before = await indexNumbersOf(team.refs.otherOrg.code);
    const other = team.refs.otherOrg.documentId;
    const shapes: [string, unknown][] = [
      ['documentId', other],
      ['connect by documentId', { connect: [{ documentId: other }], disconnect: [] }],
      ['connect by id', { connect: [{ id: otherOrgId }], disconnect: [] }],
      ['set', { set: [{ documentId: other }] }],
      ['bare id', otherOrgId],
    ];
    for (const [shape, publishingOrganization] of shapes) {
      const title = `越权创建（${shape}）`;
      const res = await team.author.post(CM_ITEM, { ...payloads(team.refs)[ITEM](title), publishingOrganization });
      expect({ shape, status: res.status, code: res.body.error?.details?.code }).toEqual({ shape, status: 403, code: 'ORGANIZATION_OUT_OF_SCOPE' });
      expect(res.body.error.message).toContain('测试市财政局');
      expect(await rowsTitled(title)).toBe(0);
    }
    // B's 索引号 sequence was not touched.
    expect(await indexNumbersOf(team.refs.otherOrg.code)).toEqual(before);
    // Their own organization, in any shape, still works.
    const own = await team.author.post(CM_ITEM, { ...payloads(team.refs)[ITEM]('本机构的条目'), publishingOrganization: { connect: [{ documentId: team.refs.org.documentId }] } });
    expect(own.status).toBe(201);
  });

  it('cannot move an own draft to another organization with PUT; the stored entry is unchanged', async () => {
    const documentId = await authorDraft(team);
    const before = await footprint(app, documentId);
    const indexNumber = (await app.strapi.db.query(ITEM).findOne({ where: { documentId, publishedAt: null } })).indexNumber;
    for (const publishingOrganization of [team.refs.otherOrg.documentId, { connect: [{ documentId: team.refs.otherOrg.documentId }], disconnect: [{ documentId: team.refs.org.documentId }] }]) {
      expectOutOfScope(await team.author.put(`${CM_ITEM}/${documentId}`, { publishingOrganization, title: '搬到别的机构' }));
    }
    expect(await footprint(app, documentId)).toEqual(before);
    expect(await storedOrganization(documentId)).toBe(team.orgId);
    expect((await app.strapi.db.query(ITEM).findOne({ where: { documentId, publishedAt: null } })).indexNumber).toBe(indexNumber);
  });

  it('cannot clone an own entry into another organization', async () => {
    const source = await authorDraft(team);
    const title = '克隆到别的机构';
    const res = await team.author.post(`${CM_ITEM}/clone/${source}`, { ...payloads(team.refs)[ITEM](title), publishingOrganization: team.refs.otherOrg.documentId });
    expectOutOfScope(res);
    expect(await rowsTitled(title)).toBe(0);
  });

  it('an editor of a parent organization cannot write for the organization below it either', async () => {
    const parent = await app.strapi.documents('api::organization.organization').create({ data: { name: '上级机关', code: 'SCOPEPARNT', kind: 'people_government' } });
    const child = await app.strapi.documents('api::organization.organization').create({ data: { name: '下属单位', code: 'SCOPECHILD', kind: 'work_department', parent: parent.documentId } });
    const parentEditor = await createStaff(app, 'editor', await organizationId(app, parent.documentId));
    const res = await parentEditor.post(CM_ITEM, { ...payloads(team.refs)[ITEM]('替下属单位写的条目'), publishingOrganization: child.documentId });
    expectOutOfScope(res);
    expect(res.body.error.message).toContain('下属单位');
  });

  it('an admin token acts as its owner: an editor’s token cannot write for another organization either', async () => {
    const owner = await app.strapi.db.query('admin::user').findOne({ where: { id: team.author.id }, populate: ['roles'] });
    const granted = (await app.strapi.service('admin::permission').findUserPermissions(owner)).filter((p: any) => p.subject === ITEM);
    const token = await app.strapi.service('admin::api-token-admin').create(
      { name: `editor-token-${owner.id}`, lifespan: null, adminPermissions: granted.map(({ action, subject, properties, conditions }: any) => ({ action, subject, properties, conditions })) },
      owner
    );
    const viaToken = (body: unknown) => app.http().post(CM_ITEM).set('Authorization', `Bearer ${token.accessKey}`).send(body);
    expectOutOfScope(await viaToken({ ...payloads(team.refs)[ITEM]('令牌越权创建'), publishingOrganization: team.refs.otherOrg.documentId }));
    expect(await rowsTitled('令牌越权创建')).toBe(0);
    expect((await viaToken(payloads(team.refs)[ITEM]('令牌为本机构创建'))).status).toBe(201);
  });

  it('the rule holds for server code running in an editor’s request, not only in the content manager', async () => {
    const editorUser = await app.strapi.db.query('admin::user').findOne({ where: { id: team.author.id } });
    const asEditor = (fn: () => Promise<unknown>) => app.strapi.requestContext.run({ state: { auth: { strategy: { name: 'admin' } }, user: editorUser } }, fn);
    const docs = app.strapi.documents(ITEM);

    const foreign = await docs.create({ data: { ...payloads(team.refs)[ITEM]('财政局自己的条目'), publishingOrganization: team.refs.otherOrg.documentId } });
    await expect(asEditor(() => docs.update({ documentId: foreign.documentId, data: { summary: '被别的机构改了' } }))).rejects.toMatchObject({ details: { code: 'OUT_OF_SCOPE' } });
    await expect(asEditor(() => docs.delete({ documentId: foreign.documentId }))).rejects.toMatchObject({ details: { code: 'OUT_OF_SCOPE' } });
    await expect(asEditor(() => docs.clone({ documentId: foreign.documentId, data: { title: '克隆别人的条目' } }))).rejects.toMatchObject({ details: { code: 'OUT_OF_SCOPE' } });
    const untouched = await app.strapi.db.query(ITEM).findOne({ where: { documentId: foreign.documentId, publishedAt: null } });
    expect(untouched.summary).not.toBe('被别的机构改了');

    await expect(asEditor(() => docs.create({ data: { ...payloads(team.refs)[ITEM]('脚本越权创建'), publishingOrganization: team.refs.otherOrg.documentId } }))).rejects.toMatchObject({
      details: { code: 'ORGANIZATION_OUT_OF_SCOPE' },
    });
    expect(await rowsTitled('脚本越权创建')).toBe(0);
    // A users-permissions user or anonymous caller is nobody's staff.
    const endUser = (fn: () => Promise<unknown>) => app.strapi.requestContext.run({ state: { auth: { strategy: { name: 'users-permissions' }, credentials: { id: 1 } } } }, fn);
    await expect(endUser(() => docs.create({ data: payloads(team.refs)[ITEM]('前台用户写入') }))).rejects.toMatchObject({ details: { code: 'STAFF_ONLY' } });
  });

  it('an admin user with no organization writes nothing; a system administrator writes for any organization', async () => {
    const drifter = await createAdmin(app, 'strapi-author', null);
    const refused = await drifter.post(CM_ITEM, payloads(team.refs)[ITEM]('无机构账号写入'));
    expectOutOfScope(refused);
    expect(refused.body.error.message).toContain('未设置所属机构');
    const bySysadmin = await team.staff.sysadmin.post(CM_ITEM, { ...payloads(team.refs)[ITEM]('管理员代财政局录入'), publishingOrganization: team.refs.otherOrg.documentId });
    expect(bySysadmin.status).toBe(201);
  });

  it('co-issuers (联合发文) outside the organization are data: allowed, and they put nothing in the co-issuer’s queues', async () => {
    const res = await team.author.post(CM_POLICY, {
      ...payloads(team.refs)[POLICY]('两局联合印发的通知'),
      issuingOrganizations: [team.refs.org.documentId, team.refs.otherOrg.documentId],
      formedOrChangedAt: '2025-06-02',
    });
    expect(res.status).toBe(201);
    const documentId = res.body.data.documentId;
    expect(await storedOrganization(documentId, POLICY)).toBe(team.orgId);
    await driveTo(app, documentId, 'in_review', 2, POLICY);
    const coIssuerPublisher = await createStaff(app, 'publisher', otherOrgId);
    expect((await coIssuerPublisher.get('/disclosure/inbox')).body.data.map((e: any) => e.documentId)).not.toContain(documentId);
    expect((await coIssuerPublisher.get('/disclosure/deadlines?asOf=2025-07-15')).body.data.entries.map((e: any) => e.documentId)).not.toContain(documentId);
    expect((await coIssuerPublisher.transition({ uid: POLICY, documentId, action: 'approve' })).body.error.details.code).toBe('OUT_OF_SCOPE');
  });
});

describe('each review stage needs its own approver', () => {
  let second: Staff;
  beforeAll(async () => {
    second = await createStaff(app, 'reviewer', team.orgId);
  });

  it('a reviewer who approved stage 1 cannot approve stage 2: 403, nothing changes, and the panel and inbox do not offer it', async () => {
    const documentId = await authorDraft(team);
    await driveTo(app, documentId, 'in_review', 0);
    expect((await team.staff.reviewer.transition({ uid: ITEM, documentId, action: 'approve' })).status).toBe(200);

    const before = await footprint(app, documentId);
    const again = await team.staff.reviewer.transition({ uid: ITEM, documentId, action: 'approve' });
    expect(again.status).toBe(403);
    expect(again.body.error.details.code).toBe('DISTINCT_APPROVER_REQUIRED');
    expect(again.body.error.message).toMatch(/您已审核通过本条目的前一环节.*须由不同的人审核/);
    expect(await footprint(app, documentId)).toEqual(before);

    const panel = await team.staff.reviewer.get(`/disclosure/history/${ITEM}/${documentId}`);
    expect(panel.body.data.actions.map((a: any) => a.action)).toEqual(['return']);
    expect((await team.staff.reviewer.get('/disclosure/inbox')).body.data.map((e: any) => e.documentId)).not.toContain(documentId);
    expect((await second.get('/disclosure/inbox')).body.data.map((e: any) => e.documentId)).toContain(documentId);
    expect((await second.get(`/disclosure/history/${ITEM}/${documentId}`)).body.data.actions.map((a: any) => a.action)).toEqual(['approve', 'return']);

    expect((await second.transition({ uid: ITEM, documentId, action: 'approve' })).body.data).toMatchObject({ state: 'in_review', stage: { key: 'sign_off' } });
    expect((await team.staff.publisher.transition({ uid: ITEM, documentId, action: 'approve' })).body.data.state).toBe('approved');
  });

  it('a system administrator is held to the same rule', async () => {
    const documentId = await authorDraft(team);
    await driveTo(app, documentId, 'in_review', 1);
    expect((await team.staff.sysadmin.transition({ uid: ITEM, documentId, action: 'approve' })).status).toBe(200);
    expect((await team.staff.sysadmin.transition({ uid: ITEM, documentId, action: 'approve' })).body.error.details.code).toBe('DISTINCT_APPROVER_REQUIRED');
  });

  it('a new round after a return starts afresh', async () => {
    const documentId = await authorDraft(team);
    await driveTo(app, documentId, 'in_review', 0);
    expect((await team.staff.reviewer.transition({ uid: ITEM, documentId, action: 'approve' })).status).toBe(200);
    expect((await second.transition({ uid: ITEM, documentId, action: 'return', reason: '请补充依据' })).status).toBe(200);
    expect((await team.staff.editor.transition({ uid: ITEM, documentId, action: 'submit' })).status).toBe(200);
    expect((await team.staff.reviewer.transition({ uid: ITEM, documentId, action: 'approve' })).status).toBe(200);
  });

  it('can be turned off for one content type in the plugin config', async () => {
    const path = 'plugin::disclosure.workflow.distinctApprovers';
    const saved = app.strapi.config.get(path);
    app.strapi.config.set(path, { ...saved, [ITEM]: false });
    try {
      const documentId = await authorDraft(team);
      await driveTo(app, documentId, 'in_review', 0);
      expect((await team.staff.reviewer.transition({ uid: ITEM, documentId, action: 'approve' })).status).toBe(200);
      expect((await team.staff.reviewer.transition({ uid: ITEM, documentId, action: 'approve' })).status).toBe(200);
    } finally {
      app.strapi.config.set(path, saved);
    }
  });
});

describe('the 公开时限 dashboard', () => {
  it('is refused to an admin user with an organization but no disclosure permission', async () => {
    await authorDraft(team, { title: '不该被看到的草稿标题', formedOrChangedAt: '2025-06-02' });
    const outsider = await createAdmin(app, 'strapi-author', team.orgId);
    const res = await outsider.get('/disclosure/deadlines?asOf=2025-07-15');
    expect(res.status).toBe(403);
    expect(res.body.error.details.code).toBe('NOT_ALLOWED');
    expect(res.body.error.message).toMatch(CJK);
    expect(JSON.stringify(res.body)).not.toContain('不该被看到的草稿标题');
  });

  it('shows an editor their organization’s entries, and a parent organization’s editor not those below it', async () => {
    const overdue = await authorDraft(team, { formedOrChangedAt: '2025-06-02' });
    const mine = await team.staff.editor.get('/disclosure/deadlines?asOf=2025-07-15');
    expect(mine.status).toBe(200);
    expect(mine.body.data.entries.map((e: any) => e.documentId)).toContain(overdue);

    const parent = await app.strapi.documents('api::organization.organization').create({ data: { name: '时限上级', code: 'DEADLPARNT', kind: 'people_government' } });
    await app.strapi.documents('api::organization.organization').update({ documentId: team.refs.org.documentId, data: { parent: parent.documentId } });
    const parentId = await organizationId(app, parent.documentId);
    const parentEditor = await createStaff(app, 'editor', parentId);
    const parentReviewer = await createStaff(app, 'reviewer', parentId);
    expect((await parentEditor.get('/disclosure/deadlines?asOf=2025-07-15')).body.data.entries.map((e: any) => e.documentId)).not.toContain(overdue);
    expect((await parentReviewer.get('/disclosure/deadlines?asOf=2025-07-15')).body.data.entries.map((e: any) => e.documentId)).toContain(overdue);
  });
});
