import { release, createRefs, GOVERNED, payloads, Refs } from '../helpers';
import { consumerGet, createSite, Site } from '../helpers/consumer';
import { startApp, TestApp } from '../helpers/strapi';

let app: TestApp;
let refs: Refs;
let site: Site;

beforeAll(async () => {
  app = await startApp();
  refs = await createRefs(app.strapi);
  site = await createSite(app, { organizations: [refs.org.documentId] });
});
afterAll(async () => app?.stop());

const DUAL = 'api::dual-publicity-record.dual-publicity-record';

describe('the Public role', () => {
  it('cannot read governed content through Strapi’s REST routes: released content goes through the consumer API, drafts nowhere', async () => {
    for (const { uid, plural } of GOVERNED) {
      const released = await app.strapi.documents(uid).create({ data: payloads(refs)[uid](`已发布的${plural}`) });
      await release(app.strapi, uid, released.documentId);
      const draft = await app.strapi.documents(uid).create({ data: payloads(refs)[uid](`草稿${plural}`) });

      expect((await app.http().get(`/api/${plural}`)).status).toBe(403);
      expect((await app.http().get(`/api/${plural}/${released.documentId}`)).status).toBe(403);

      const list = await consumerGet(app, site.token, `/${plural}`, { pageSize: 100 });
      expect(list.status).toBe(200);
      const titles = list.body.data.map((e: any) => e.title);
      expect(titles).toContain(`已发布的${plural}`);
      expect(titles).not.toContain(`草稿${plural}`);
      expect((await consumerGet(app, site.token, `/${plural}/${draft.documentId}`)).status).toBe(404);
    }
  });

  it('cannot ask for drafts with ?status=draft', async () => {
    const res = await app.http().get('/api/policies').query({ status: 'draft' });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toMatchObject({ code: 'DISCLOSURE_STATUS_NOT_ALLOWED', errors: [expect.objectContaining({ path: ['status'] })] });
  });

  it('does not see the edits of a published entry until they are published', async () => {
    const doc = await app.strapi.documents('api::policy.policy').create({ data: payloads(refs)['api::policy.policy']('已发布版本的标题') });
    await release(app.strapi, 'api::policy.policy', doc.documentId);
    await app.strapi.plugin('disclosure').service('workflow').transition({ uid: 'api::policy.policy', documentId: doc.documentId, action: 'correct', reason: '更正错误内容' }, 'system');
    await app.strapi.documents('api::policy.policy').update({ documentId: doc.documentId, data: { title: '尚未发布的修改' } });
    const res = await consumerGet(app, site.token, `/policies/${doc.documentId}`);
    expect(res.body.data.title).toBe('已发布版本的标题');
  });

  it('never receives the private idNumber of a 双公示 subject, nor can filter or sort by it', async () => {
    const doc = await app.strapi.documents(DUAL).create({ data: payloads(refs)[DUAL]('含证件号的处罚决定') });
    await release(app.strapi, DUAL, doc.documentId);
    const stored = await app.strapi.documents(DUAL).findOne({ documentId: doc.documentId, status: 'published' });
    expect(stored.idNumber).toBe('110101199003071234');

    for (const path of ['/dual-publicity-records', `/dual-publicity-records/${doc.documentId}`, '/entries', '/feed']) {
      const res = await consumerGet(app, site.token, path);
      expect(res.status).toBe(200);
      expect(JSON.stringify(res.body)).not.toContain('110101199003071234');
      expect(JSON.stringify(res.body)).not.toContain('idNumber');
    }
    const filtered = await consumerGet(app, site.token, '/dual-publicity-records', { filters: { idNumber: { $startsWith: '1101' } } });
    expect(filtered.status).toBe(400);
    expect(JSON.stringify(filtered.body)).not.toContain('110101199003071234');
    expect((await consumerGet(app, site.token, '/dual-publicity-records', { sort: 'idNumber' })).status).toBe(400);
  });

  it('never sees 不予公开 or 依申请公开 information: it cannot be submitted, released or published at all', async () => {
    const workflow = app.strapi.plugin('disclosure').service('workflow');
    for (const [attribute, reason] of [['exempt', 'process_information'], ['on_request', 'personal_privacy']]) {
      const doc = await app.strapi.documents('api::disclosure-item.disclosure-item').create({
        data: { ...payloads(refs)['api::disclosure-item.disclosure-item'](`属性为${attribute}的信息`), disclosureAttribute: attribute, exemptionReason: reason },
      });
      await expect(workflow.transition({ uid: 'api::disclosure-item.disclosure-item', documentId: doc.documentId, action: 'submit', overrideReason: '强行放行' }, 'system')).rejects.toMatchObject({
        status: 422,
        details: { code: 'NOT_PROACTIVE', errors: [expect.objectContaining({ path: ['disclosureAttribute'] })] },
      });
      await expect(app.strapi.documents('api::disclosure-item.disclosure-item').publish({ documentId: doc.documentId })).rejects.toMatchObject({
        details: { code: 'DISCLOSURE_RELEASE_REQUIRED' },
      });
      expect(await app.strapi.documents('api::disclosure-item.disclosure-item').count({ status: 'published', filters: { documentId: doc.documentId } })).toBe(0);
    }
    const list = await consumerGet(app, site.token, '/disclosure-items', { pageSize: 100 });
    expect(list.body.data.map((e: any) => e.title).filter((t: string) => t.startsWith('属性为'))).toEqual([]);
  });

  it('cannot write anything', async () => {
    for (const { uid, plural } of GOVERNED) {
      const res = await app.http().post(`/api/${plural}`).send({ data: payloads(refs)[uid]('匿名写入') });
      expect(res.status).toBe(403);
    }
    const doc = await app.strapi.documents('api::policy.policy').create({ data: payloads(refs)['api::policy.policy']('不能被匿名删除') });
    expect((await app.http().delete(`/api/policies/${doc.documentId}`)).status).toBe(403);
    expect((await app.http().put(`/api/organizations/${refs.org.documentId}`).send({ data: { name: '篡改' } })).status).toBe(403);
  });

  it('reads organizations, categories and topics', async () => {
    for (const plural of ['organizations', 'disclosure-categories', 'topics']) {
      const res = await app.http().get(`/api/${plural}`);
      expect(res.status).toBe(200);
      expect(res.body.data.length).toBeGreaterThan(0);
    }
  });
});
