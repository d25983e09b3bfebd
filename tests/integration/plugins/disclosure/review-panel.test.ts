import { createSite } from '../../../helpers/consumer';
import { createStaff } from '../../../helpers/staff';
import { startApp, TestApp } from '../../../helpers/strapi';
import { authorDraft, CM_ITEM, createTeam, driveTo, ITEM, organizationId, Team } from '../../../helpers/workflow';

/** What the 审核流程 panel and 待我处理 learn from the admin API: reasons, comments, stages, saves, the audience. */
let app: TestApp;
let team: Team;

beforeAll(async () => {
  app = await startApp();
  team = await createTeam(app);
});
afterAll(async () => app?.stop());

const panel = (who: { get: (path: string) => any }, documentId: string) => who.get(`/disclosure/history/${ITEM}/${documentId}`);
const option = (body: any, action: string) => body.data.options.find((o: any) => o.action === action);

describe('更正 needs a reason', () => {
  it('refuses a correction without a reason (400, field reason), records it with one and shows it in the history and 待我处理', async () => {
    const documentId = await authorDraft(team);
    await driveTo(app, documentId, 'released');

    for (const reason of [undefined, '   ']) {
      const refused = await team.author.transition({ uid: ITEM, documentId, action: 'correct', reason });
      expect(refused.status).toBe(400);
      expect(refused.body.error.details).toMatchObject({ code: 'REASON_REQUIRED', errors: [expect.objectContaining({ path: ['reason'] })] });
      expect(refused.body.error.message).toBe('更正必须填写理由');
    }
    expect((await app.strapi.plugin('disclosure').service('workflow').getState(ITEM, documentId)).state).toBe('released');

    const ok = await team.author.transition({ uid: ITEM, documentId, action: 'correct', reason: '文号填写有误' });
    expect(ok.status).toBe(200);
    const history = (await panel(team.staff.editor, documentId)).body.data.history;
    expect(history.at(-1)).toMatchObject({ action: 'correct', actionLabel: '更正', reason: '文号填写有误', actorName: expect.stringContaining('测试') });

    const inbox = (await team.author.get('/disclosure/inbox')).body.data.find((i: any) => i.documentId === documentId);
    expect(inbox).toMatchObject({ correction: true, correctionReason: '文号填写有误', returned: false });
  });
});

describe('通过 with a 审核意见, and the history', () => {
  it('names the stage of every approval with its comment, and the editor saves between steps', async () => {
    const documentId = await authorDraft(team);
    expect((await team.author.put(`${CM_ITEM}/${documentId}`, { summary: '补充了概述' })).status).toBe(200);
    expect((await team.author.transition({ uid: ITEM, documentId, action: 'submit' })).status).toBe(200);
    const first = await team.staff.reviewer.transition({ uid: ITEM, documentId, action: 'approve', comment: '内容属实，同意公开' });
    expect(first.status).toBe(200);
    const second = await createStaff(app, 'reviewer', team.orgId);
    expect((await second.transition({ uid: ITEM, documentId, action: 'approve' })).status).toBe(200);

    const history = (await panel(team.staff.publisher, documentId)).body.data.history;
    expect(history.map((e: any) => e.action)).toEqual(['create', 'edit', 'submit', 'approve', 'approve']);
    expect(history[1]).toMatchObject({ actionLabel: '保存修改', actor: `admin:${team.author.id}`, fromState: 'draft' });
    expect(history[2]).toMatchObject({ nextStage: { key: 'department_review', name: '部门初审' } });
    expect(history[3]).toMatchObject({ actionLabel: '通过', stage: { key: 'department_review', name: '部门初审' }, comment: '内容属实，同意公开' });
    expect(history[4]).toMatchObject({ stage: { key: 'confidentiality_review', name: '保密审查' }, comment: null });
  });

  it('a comment belongs to an approval only: 400 on another action', async () => {
    const documentId = await authorDraft(team);
    const res = await team.author.transition({ uid: ITEM, documentId, action: 'submit', comment: '请审核' });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toMatchObject({ code: 'COMMENT_ONLY_ON_APPROVE', errors: [expect.objectContaining({ path: ['comment'] })] });
  });

  it('待我处理 marks a returned entry with the return reason', async () => {
    const documentId = await authorDraft(team);
    await driveTo(app, documentId, 'in_review', 0);
    expect((await team.staff.reviewer.transition({ uid: ITEM, documentId, action: 'return', reason: '附件缺少盖章页' })).status).toBe(200);
    const item = (await team.author.get('/disclosure/inbox')).body.data.find((i: any) => i.documentId === documentId);
    expect(item).toMatchObject({ returned: true, returnReason: '附件缺少盖章页', correction: false });
  });
});

describe('待我处理 of an editor', () => {
  it('lists the organization’s drafts nobody has submitted yet, to submit; not to another organization’s editor, nor to a reviewer', async () => {
    const documentId = await authorDraft(team, { title: '尚未提交的草稿' });
    const otherEditor = await createStaff(app, 'editor', await organizationId(app, team.refs.otherOrg.documentId));
    const inbox = async (who: { get: (path: string) => any }) => (await who.get('/disclosure/inbox')).body.data.filter((i: any) => i.documentId === documentId);

    for (const editor of [team.author, team.staff.editor]) {
      expect(await inbox(editor)).toEqual([
        expect.objectContaining({ uid: ITEM, title: '尚未提交的草稿', state: 'draft', stateLabel: '草稿', stage: null, actions: ['submit'], returned: false, correction: false }),
      ]);
    }
    expect(await inbox(otherEditor)).toEqual([]);
    expect(await inbox(team.staff.reviewer)).toEqual([]);

    expect((await team.author.transition({ uid: ITEM, documentId, action: 'submit' })).status).toBe(200);
    expect(await inbox(team.author)).toEqual([]);
    expect(await inbox(team.staff.reviewer)).toEqual([expect.objectContaining({ state: 'in_review', actions: ['approve'] })]);
  });
});

describe('unavailable actions say why', () => {
  it('the author sees 通过 disabled because they wrote it; a reviewer who approved stage 1 is told another must approve; a reviewer at 签发 lacks the permission', async () => {
    const documentId = await authorDraft(team);
    // A reviewer who last edited this version (say, before their role changed): still not theirs to approve.
    const authorAsReviewer = await createStaff(app, 'reviewer', team.orgId);
    await app.strapi.db.query(ITEM).update({ where: { documentId, publishedAt: null }, data: { updatedBy: authorAsReviewer.id } });
    await driveTo(app, documentId, 'in_review', 0);

    const own = (await panel(authorAsReviewer, documentId)).body;
    expect(option(own, 'approve')).toMatchObject({ available: false, code: 'SELF_APPROVAL', message: expect.stringContaining('您编辑过此版本，不能审核') });
    expect(option(own, 'return')).toMatchObject({ available: true, needsReason: true });
    expect(own.data.actions.map((a: any) => a.action)).toEqual(['return']);

    const editorView = (await panel(team.staff.editor, documentId)).body;
    expect(option(editorView, 'approve')).toMatchObject({ available: false, code: 'NOT_ALLOWED', message: expect.stringContaining('您没有审核权限') });

    expect((await team.staff.reviewer.transition({ uid: ITEM, documentId, action: 'approve' })).status).toBe(200);
    const again = (await panel(team.staff.reviewer, documentId)).body;
    expect(option(again, 'approve')).toMatchObject({ available: false, code: 'DISTINCT_APPROVER_REQUIRED', message: expect.stringContaining('需由其他审核员审核') });
    // What the panel says is what the server answers if the button were pressed anyway.
    const pressed = await team.staff.reviewer.transition({ uid: ITEM, documentId, action: 'approve' });
    expect(pressed.body.error.message).toBe(option(again, 'approve').message);

    await app.strapi.plugin('disclosure').service('workflow').transition({ uid: ITEM, documentId, action: 'approve' }, 'system');
    const signOff = (await panel(team.staff.reviewer, documentId)).body;
    expect(option(signOff, 'approve')).toMatchObject({ available: false, code: 'NOT_ALLOWED', message: expect.stringContaining('您没有签发权限') });
    expect(option((await panel(team.staff.publisher, documentId)).body, 'approve')).toMatchObject({ available: true });
  });
});

describe('release audience', () => {
  it('lists exactly the active sites whose scope includes the entry, and is refused to staff of another organization', async () => {
    const documentId = await authorDraft(team);
    await driveTo(app, documentId, 'approved');
    const otherCategory = await app.strapi.documents('api::disclosure-category.disclosure-category').create({ data: { name: '其他分类', code: `qt-${Date.now()}` } });

    const all = await createSite(app, { name: '市政府门户', organizations: [team.refs.org.documentId] });
    const byCategory = await createSite(app, { name: '统计专栏', organizations: [team.refs.org.documentId], categories: [team.refs.category.documentId] });
    const wrongCategory = await createSite(app, { name: '其他专栏', organizations: [team.refs.org.documentId], categories: [otherCategory.documentId] });
    const otherOrg = await createSite(app, { name: '财政局网站', organizations: [team.refs.otherOrg.documentId] });
    const inactive = await createSite(app, { name: '停用网站', organizations: [team.refs.org.documentId] });
    await app.strapi.documents('plugin::disclosure.consumer-site').update({ documentId: inactive.documentId, data: { active: false } });

    const res = await team.staff.publisher.get(`/disclosure/audience/${ITEM}/${documentId}`);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ title: expect.any(String), indexNumber: expect.any(String), type: { uid: ITEM } });
    const names = res.body.data.sites.map((s: any) => s.documentId).sort();
    expect(names).toEqual([all.documentId, byCategory.documentId].sort());
    expect(names).not.toContain(wrongCategory.documentId);
    expect(names).not.toContain(otherOrg.documentId);

    const stranger = await createStaff(app, 'publisher', await organizationId(app, team.refs.otherOrg.documentId));
    const refused = await stranger.get(`/disclosure/audience/${ITEM}/${documentId}`);
    expect(refused.status).toBe(403);
    expect(refused.body.error.details.code).toBe('OUT_OF_SCOPE');
    expect((await app.http().get(`/disclosure/audience/${ITEM}/${documentId}`)).status).toBe(401);
  });
});

describe('推送记录', () => {
  it('names the active sites that are not pushed to, and why', async () => {
    const noUrl = await createSite(app, { name: '无推送地址网站', organizations: [team.refs.org.documentId] });
    const res = await team.staff.sysadmin.get('/disclosure/webhooks/deliveries');
    expect(res.status).toBe(200);
    expect(res.body.meta.sitesWithoutPush).toContainEqual({ documentId: noUrl.documentId, name: '无推送地址网站', missing: 'webhook_url' });
  });
});
