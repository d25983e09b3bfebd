import { fullAccessToken, payloads } from '../../../helpers';
import { consumerGet, createSite, Site } from '../../../helpers/consumer';
import { startApp, TestApp } from '../../../helpers/strapi';
import { authorDraft, CM_ITEM, createTeam, driveTo, footprint, ITEM, Team } from '../../../helpers/workflow';

let app: TestApp;
let team: Team;
let token: string;
let site: Site;

beforeAll(async () => {
  app = await startApp();
  team = await createTeam(app);
  site = await createSite(app, { organizations: [team.refs.org.documentId] });
  token = await fullAccessToken(app.strapi);
});
afterAll(async () => app?.stop());

const publishedCount = (documentId: string) => app.strapi.db.query(ITEM).count({ where: { documentId, publishedAt: { $notNull: true } } });
const gateCode = (res: any) => res.body?.error?.details?.code;

describe('nothing is published without passing review, whatever the entry point', () => {
  it('the content manager cannot publish, create-and-publish, unpublish or discard (even as super admin)', async () => {
    const admin = team.staff.sysadmin;
    const draft = await authorDraft(team);
    const publish = await admin.post(`${CM_ITEM}/${draft}/actions/publish`, {});
    expect(publish.status).toBe(403);
    expect(gateCode(publish)).toBe('DISCLOSURE_RELEASE_REQUIRED');
    expect(publish.body.error.message).toBe('政务公开内容只能经审核流程发布或撤回');
    expect(await publishedCount(draft)).toBe(0);

    const createAndPublish = await admin.post(`${CM_ITEM}/actions/publish`, payloads(team.refs)[ITEM]('直接发布的新条目'));
    expect(createAndPublish.status).toBe(403);
    expect(await app.strapi.db.query(ITEM).count({ where: { title: '直接发布的新条目', publishedAt: { $notNull: true } } })).toBe(0);

    const released = await authorDraft(team);
    await driveTo(app, released, 'released');
    for (const action of ['unpublish', 'discard']) {
      const res = await admin.post(`${CM_ITEM}/${released}/actions/${action}`, {});
      expect({ action, status: res.status, code: gateCode(res) }).toEqual({ action, status: 403, code: 'DISCLOSURE_RELEASE_REQUIRED' });
    }
    expect(await publishedCount(released)).toBe(1);
    const bulk = await admin.post(`${CM_ITEM}/actions/bulkPublish`, { documentIds: [draft] });
    expect({ status: bulk.status, code: gateCode(bulk) }).toEqual({ status: 403, code: 'DISCLOSURE_RELEASE_REQUIRED' });
    expect(await publishedCount(draft)).toBe(0);
  });

  it('the REST API creates drafts only and refuses an explicit publish', async () => {
    const created = await app.http().post('/api/disclosure-items').set('Authorization', `Bearer ${token}`).send({ data: payloads(team.refs)[ITEM]('接口写入的条目') });
    expect(created.status).toBe(201);
    expect(created.body.data.publishedAt).toBeNull();
    expect(await publishedCount(created.body.data.documentId)).toBe(0);
    expect((await consumerGet(app, site.token, `/disclosure-items/${created.body.data.documentId}`)).status).toBe(404);

    const explicit = await app
      .http()
      .post('/api/disclosure-items?status=published')
      .set('Authorization', `Bearer ${token}`)
      .send({ data: payloads(team.refs)[ITEM]('接口直接发布') });
    expect(explicit.status).toBe(403);
    expect(gateCode(explicit)).toBe('DISCLOSURE_RELEASE_REQUIRED');
    expect(await app.strapi.db.query(ITEM).count({ where: { title: '接口直接发布' } })).toBe(0);

    const update = await app
      .http()
      .put(`/api/disclosure-items/${created.body.data.documentId}?status=published`)
      .set('Authorization', `Bearer ${token}`)
      .send({ data: { summary: '修改并发布' } });
    expect(update.status).toBe(403);
    expect(await publishedCount(created.body.data.documentId)).toBe(0);
  });

  it('a script calling the document service cannot publish, unpublish or discard', async () => {
    const docs = app.strapi.documents(ITEM);
    const draft = await authorDraft(team);
    await expect(docs.publish({ documentId: draft })).rejects.toMatchObject({ details: { code: 'DISCLOSURE_RELEASE_REQUIRED' } });
    await expect(docs.create({ data: payloads(team.refs)[ITEM]('脚本发布'), status: 'published' })).rejects.toMatchObject({ details: { code: 'DISCLOSURE_RELEASE_REQUIRED' } });
    const released = await authorDraft(team);
    await driveTo(app, released, 'released');
    await expect(docs.unpublish({ documentId: released })).rejects.toMatchObject({ details: { code: 'DISCLOSURE_RELEASE_REQUIRED' } });
    await expect(docs.discardDraft({ documentId: released })).rejects.toMatchObject({ details: { code: 'DISCLOSURE_RELEASE_REQUIRED' } });
    expect(await publishedCount(draft)).toBe(0);
    expect(await publishedCount(released)).toBe(1);
  });

  it('an approved entry edited after approval goes back to draft, recorded, and cannot be released', async () => {
    const documentId = await authorDraft(team);
    await driveTo(app, documentId, 'approved');
    const edit = await team.author.put(`${CM_ITEM}/${documentId}`, { summary: '审核后偷偷修改' });
    expect(edit.status).toBe(200);
    const state = await footprint(app, documentId);
    expect(state.state.state).toBe('draft');
    const events = await app.strapi.plugin('disclosure').service('audit').history(ITEM, documentId);
    expect(events.at(-1)).toMatchObject({ action: 'approval_invalidated', fromState: 'approved', toState: 'draft', actor: 'system' });
    const release = await team.staff.publisher.transition({ uid: ITEM, documentId, action: 'release' });
    expect(release.status).toBe(409);
    expect(await publishedCount(documentId)).toBe(0);
  });

  it('an approved entry changed behind the document service (raw database write) cannot be released', async () => {
    const documentId = await authorDraft(team);
    await driveTo(app, documentId, 'approved');
    await app.strapi.db.query(ITEM).updateMany({ where: { documentId, publishedAt: null }, data: { summary: '绕过文档服务的修改' } });
    const release = await team.staff.publisher.transition({ uid: ITEM, documentId, action: 'release' });
    expect(release.status).toBe(409);
    expect(gateCode(release)).toBe('APPROVAL_STALE');
    expect(await publishedCount(documentId)).toBe(0);
  });

  it('edits are refused while in review and after release (until a correction is started)', async () => {
    const inReview = await authorDraft(team);
    await driveTo(app, inReview, 'in_review', 1);
    const edit = await team.author.put(`${CM_ITEM}/${inReview}`, { summary: '审核中修改' });
    expect(edit.status).toBe(409);
    expect(gateCode(edit)).toBe('ENTRY_IN_REVIEW');

    const released = await authorDraft(team);
    await driveTo(app, released, 'released');
    const blocked = await team.author.put(`${CM_ITEM}/${released}`, { summary: '直接修改已发布' });
    expect(gateCode(blocked)).toBe('CORRECTION_REQUIRED');
    expect((await team.author.transition({ uid: ITEM, documentId: released, action: 'correct', reason: '更正错误内容' })).status).toBe(200);
    expect((await team.author.put(`${CM_ITEM}/${released}`, { summary: '更正后的概述' })).status).toBe(200);
    // The released version stays public while the correction is reviewed.
    const publicView = await consumerGet(app, site.token, `/disclosure-items/${released}`);
    expect(publicView.status).toBe(200);
    expect(publicView.body.data.summary).not.toBe('更正后的概述');
    await driveTo(app, released, 'released');
    expect((await consumerGet(app, site.token, `/disclosure-items/${released}`)).body.data.summary).toBe('更正后的概述');
  });

  it('a released or withdrawn entry cannot be deleted', async () => {
    const released = await authorDraft(team);
    await driveTo(app, released, 'released');
    const res = await team.staff.sysadmin.get(`${CM_ITEM}/${released}`);
    expect(res.status).toBe(200);
    const del = await app.http().delete(`${CM_ITEM}/${released}`).set('Authorization', `Bearer ${team.staff.sysadmin.token}`);
    expect(del.status).toBe(409);
    expect(gateCode(del)).toBe('ENTRY_NOT_DELETABLE');
    expect(await publishedCount(released)).toBe(1);
  });
});
