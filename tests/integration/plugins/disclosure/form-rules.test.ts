import { payloads } from '../../../helpers/fixtures';
import { startApp, TestApp } from '../../../helpers/strapi';
import { authorDraft, CM_ITEM, createTeam, driveTo, ITEM, Team } from '../../../helpers/workflow';

/**
 * The rules behind the content manager's form (issue 11 §6), as the server keeps them whatever the entry point:
 * 发布机构 defaults to the writer's organization, computed fields cannot be written, the status shown is the
 * workflow state, and the workflow panel says when and why the form is locked.
 */
let app: TestApp;
let team: Team;

beforeAll(async () => {
  app = await startApp();
  team = await createTeam(app);
});
afterAll(async () => app?.stop());

let n = 0;
/** The content manager's create body without 发布机构, with `extra` on top. */
const withoutOrganization = (extra: Record<string, unknown> = {}) => {
  const { publishingOrganization, ...data } = payloads(team.refs)[ITEM](`默认机构条目 ${++n}`);
  return { ...data, ...extra };
};
const draftOrganization = async (documentId: string) =>
  (await app.strapi.db.query(ITEM).findOne({ where: { documentId, publishedAt: null }, populate: { publishingOrganization: { select: ['id'] } } }))?.publishingOrganization?.id ?? null;

describe('发布机构 defaults to the editor\'s organization', () => {
  it.each([
    ['absent', {}],
    ['empty as the create form sends it', { publishingOrganization: { connect: [], disconnect: [] } }],
    ['null', { publishingOrganization: null }],
  ])('a staff member\'s save with 发布机构 %s stores their organization', async (_, extra) => {
    const res = await team.author.post(CM_ITEM, withoutOrganization(extra));
    expect(res.status).toBe(201);
    expect(await draftOrganization(res.body.data.documentId)).toBe(team.orgId);
  });

  it('keeps an organization the editor names, and still refuses one outside their scope', async () => {
    const own = await team.author.post(CM_ITEM, withoutOrganization({ publishingOrganization: { connect: [{ documentId: team.refs.org.documentId }] } }));
    expect(own.status).toBe(201);
    expect(await draftOrganization(own.body.data.documentId)).toBe(team.orgId);

    const other = await team.author.post(CM_ITEM, withoutOrganization({ publishingOrganization: { connect: [{ documentId: team.refs.otherOrg.documentId }] } }));
    expect(other.status).toBe(403);
    expect(other.body.error.details.code).toBe('ORGANIZATION_OUT_OF_SCOPE');
  });

  it('gives no default to staff without an organization: their save asks for 发布机构', async () => {
    const bySysadmin = await team.staff.sysadmin.post(CM_ITEM, withoutOrganization());
    expect(bySysadmin.status).toBe(400);
    expect(bySysadmin.body.error.message).toContain('发布机构');
  });

  it('tells the admin panel the caller\'s organization (what the create form prefills)', async () => {
    const me = await team.author.get('/disclosure/me');
    expect(me.status).toBe(200);
    expect(me.body.data.organization).toMatchObject({ id: team.orgId, documentId: team.refs.org.documentId, name: expect.any(String) });
    expect((await team.staff.sysadmin.get('/disclosure/me')).body.data.organization).toBeNull();
  });
});

describe('computed fields', () => {
  it('ignores 公开期限, 期限为暂定, 首次发布日期 and 索引号 sent with a save', async () => {
    const forged = { dueDate: '2099-12-31', dueDateProvisional: true, releasedOn: '2000-01-01', indexNumber: 'FORGED/1999-00001' };
    const created = await team.author.post(CM_ITEM, { ...payloads(team.refs)[ITEM]('计算字段条目'), ...forged });
    expect(created.status).toBe(201);
    const { documentId } = created.body.data;
    const check = async () => {
      const row = await app.strapi.db.query(ITEM).findOne({ where: { documentId, publishedAt: null } });
      expect(row.dueDate).not.toBe(forged.dueDate);
      expect(row.dueDateProvisional).toBe(false);
      expect(row.releasedOn).toBeNull();
      expect(row.indexNumber).not.toBe(forged.indexNumber);
    };
    await check();
    const updated = await team.author.put(`${CM_ITEM}/${documentId}`, { title: '计算字段条目（改）', ...forged });
    expect(updated.status).toBe(200);
    await check();
  });

  it('shows them read-only in the form, saying why', async () => {
    const configuration = (await team.author.get(`/content-manager/content-types/${ITEM}/configuration`)).body.data.contentType;
    for (const name of ['dueDate', 'dueDateProvisional', 'releasedOn', 'indexNumber']) {
      expect([name, configuration.metadatas[name].edit.editable]).toEqual([name, false]);
      expect(configuration.metadatas[name].edit.description).toContain('不可编辑');
    }
    expect(configuration.metadatas.publishingOrganization.edit.description).toBe('留空则为您所在机构');
  });
});

describe('the policy relations are told apart', () => {
  it('labels 替代文件 / 被替代于 / 废止文件 / 被废止于 with what each means', async () => {
    const { metadatas } = (await team.author.get('/content-manager/content-types/api::policy.policy/configuration')).body.data.contentType;
    expect(metadatas.replaces.edit).toMatchObject({ label: '替代文件', description: expect.stringContaining('本文件替代的旧文件') });
    expect(metadatas.replacedBy.edit).toMatchObject({ label: '被替代于', description: expect.stringContaining('替代本文件的新文件') });
    expect(metadatas.repeals.edit).toMatchObject({ label: '废止文件', description: expect.stringContaining('本文件废止的旧文件') });
    expect(metadatas.repealedBy.edit).toMatchObject({ label: '被废止于', description: expect.stringContaining('废止本文件的新文件') });
  });

  it('replaces the labels shipped before (废止文件 on the wrong relation) at the next start, but not an administrator\'s own', async () => {
    const contentTypes = app.strapi.plugin('content-manager').service('content-types');
    const schema = app.strapi.contentType('api::policy.policy');
    const configuration = await contentTypes.findConfiguration(schema);
    configuration.metadatas.repealedBy.edit = { ...configuration.metadatas.repealedBy.edit, label: '废止文件', description: '废止本文件的文件' };
    configuration.metadatas.repeals.edit = { ...configuration.metadatas.repeals.edit, label: '本文件废止的', description: '管理员写的说明' };
    await contentTypes.updateConfiguration(schema, configuration);

    await app.strapi.plugin('disclosure').service('admin-labels').apply();
    const { metadatas } = await contentTypes.findConfiguration(schema);
    expect(metadatas.repealedBy.edit).toMatchObject({ label: '被废止于', description: expect.stringContaining('废止本文件的新文件') });
    expect(metadatas.repeals.edit).toMatchObject({ label: '本文件废止的', description: '管理员写的说明' });
  });
});

describe('the status the content manager shows is the workflow state', () => {
  const shown = async (documentId: string) => {
    const one = (await team.author.get(`${CM_ITEM}/${documentId}`)).body.data.status;
    const list = (await team.author.get(`${CM_ITEM}?page=1&pageSize=100`)).body.results.find((r: any) => r.documentId === documentId)?.status;
    return { one, list };
  };
  const lockOf = async (documentId: string) => (await team.author.get(`/disclosure/history/${ITEM}/${documentId}`)).body.data.lock;

  it('follows an entry from draft through review and release to a correction, with the form lock', async () => {
    const documentId = await authorDraft(team);
    expect(await shown(documentId)).toEqual({ one: 'draft', list: 'draft' });
    expect(await lockOf(documentId)).toBeNull();

    await driveTo(app, documentId, 'in_review');
    expect(await shown(documentId)).toEqual({ one: 'in_review', list: 'in_review' });
    expect(await lockOf(documentId)).toMatchObject({ code: 'ENTRY_IN_REVIEW', message: expect.stringContaining('审核中，内容已锁定') });
    // The lock says what the server does: the save is refused.
    expect((await team.author.put(`${CM_ITEM}/${documentId}`, { title: '审核中修改' })).status).toBe(409);

    const workflow = app.strapi.plugin('disclosure').service('workflow');
    for (const action of ['approve', 'approve', 'approve']) await workflow.transition({ uid: ITEM, documentId, action }, 'system');
    expect(await shown(documentId)).toEqual({ one: 'approved', list: 'approved' });
    expect(await lockOf(documentId)).toBeNull();

    await workflow.transition({ uid: ITEM, documentId, action: 'release', reason: '测试' }, 'system');
    // Strapi alone would call it modified (the draft row is written after the published one).
    expect(await shown(documentId)).toEqual({ one: 'published', list: 'published' });
    expect(await lockOf(documentId)).toMatchObject({ code: 'CORRECTION_REQUIRED', message: expect.stringContaining('更正') });
    expect((await team.author.put(`${CM_ITEM}/${documentId}`, { title: '发布后修改' })).status).toBe(409);

    await workflow.transition({ uid: ITEM, documentId, action: 'correct', reason: '文号有误' }, 'system');
    expect(await shown(documentId)).toEqual({ one: 'correcting', list: 'correcting' });
    expect(await lockOf(documentId)).toBeNull();
  });
});
