import { createRefs, fullAccessToken, release, GOVERNED, payloads, Refs } from '../helpers';
import { consumerGet, createSite, Site } from '../helpers/consumer';
import { startApp, TestApp } from '../helpers/strapi';
import { legalYear } from '../../src/plugins/disclosure/server/src/domain/legal-date';

let app: TestApp;
let refs: Refs;
let token: string;
let site: Site;
// Fixtures are formed now, so their 索引号 carry this (Beijing) year.
const YEAR = legalYear(new Date());

beforeAll(async () => {
  app = await startApp();
  refs = await createRefs(app.strapi);
  token = await fullAccessToken(app.strapi);
  site = await createSite(app, { organizations: [refs.org.documentId] });
});
afterAll(async () => app?.stop());

describe('the disclosure plugin', () => {
  it('is loaded and adds the 政府信息公开目录 fields to every governed type', () => {
    expect(app.strapi.plugin('disclosure')).toBeDefined();
    for (const { uid } of GOVERNED) {
      const attributes = app.strapi.contentType(uid).attributes;
      for (const field of ['title', 'indexNumber', 'publishingOrganization', 'category', 'topics', 'keywords', 'summary', 'disclosureAttribute', 'exemptionReason', 'formedOrChangedAt', 'slug']) {
        expect({ uid, field, present: field in attributes }).toEqual({ uid, field, present: true });
      }
      expect(app.strapi.contentType(uid).options.draftAndPublish).toBe(true);
    }
  });

  it('labels fields in Chinese in the content manager', async () => {
    const cm = app.strapi.plugin('content-manager').service('content-types');
    const policy = await cm.findConfiguration(app.strapi.contentType('api::policy.policy'));
    expect(policy.metadatas.documentNumber.edit.label).toBe('文号');
    expect(policy.metadatas.indexNumber.edit).toMatchObject({ label: '索引号', editable: false });
    expect(policy.metadatas.title.list.label).toBe('名称');
    expect(policy.settings.mainField).toBe('title');
    expect(policy.layouts.edit[0][0].name).toBe('title');
    expect(policy.layouts.list).toEqual(['title', 'indexNumber', 'disclosureAttribute', 'formedOrChangedAt']);
    const organization = await cm.findConfiguration(app.strapi.contentType('api::organization.organization'));
    expect(organization.metadatas.disclosureOffice.edit.label).toBe('政府信息公开工作机构');
  });
});

describe.each(GOVERNED)('$uid', ({ uid, plural }) => {
  it('is created and read back through the document service', async () => {
    const created = await app.strapi.documents(uid).create({ data: payloads(refs)[uid](`文档服务创建的${plural}`) });
    const found = await app.strapi.documents(uid).findOne({ documentId: created.documentId, populate: ['publishingOrganization'] });
    expect(found.title).toBe(`文档服务创建的${plural}`);
    expect(found.publishingOrganization.documentId).toBe(refs.org.documentId);
    expect(found.indexNumber).toMatch(new RegExp(`^${refs.org.code}/${YEAR}-\\d{5}$`));
    expect(found.disclosureAttribute).toBe('proactive');
  });

  it('is created through REST and read back by consumer sites once released', async () => {
    const title = `接口创建的${plural}`;
    const res = await app
      .http()
      .post(`/api/${plural}`)
      .set('Authorization', `Bearer ${token}`)
      .send({ data: payloads(refs)[uid](title) });
    expect(res.status).toBe(201);
    expect(res.body.data.title).toBe(title);
    expect(res.body.data.indexNumber).toMatch(new RegExp(`/${YEAR}-\\d{5}$`));
    const { documentId } = res.body.data;

    await release(app.strapi, uid, documentId);
    const read = await consumerGet(app, site.token, `/${plural}/${documentId}`);
    expect(read.status).toBe(200);
    expect(read.body.data.title).toBe(title);
    expect(read.body.data.organization.name).toBe('测试市数据局');
  });
});

describe('relations between types', () => {
  it('an interpretation points at its policy and the policy lists it', async () => {
    const interpretation = await app.strapi.documents('api::interpretation.interpretation').create({
      data: payloads(refs)['api::interpretation.interpretation']('关于参考政策文件的解读'),
    });
    const policy = await app.strapi.documents('api::policy.policy').findOne({ documentId: refs.policy.documentId, populate: ['interpretations'] });
    expect(policy.interpretations.map((i: any) => i.documentId)).toContain(interpretation.documentId);
  });

  it('a policy records what it replaces and what repealed it', async () => {
    const old = await app.strapi.documents('api::policy.policy').create({ data: payloads(refs)['api::policy.policy']('旧的管理办法') });
    const successor = await app.strapi.documents('api::policy.policy').create({
      data: { ...payloads(refs)['api::policy.policy']('新的管理办法'), replaces: [old.documentId] },
    });
    await app.strapi.documents('api::policy.policy').update({ documentId: old.documentId, data: { validity: 'repealed', repealedBy: successor.documentId } });
    const reloaded = await app.strapi.documents('api::policy.policy').findOne({ documentId: old.documentId, populate: ['replacedBy', 'repealedBy'] });
    expect(reloaded.validity).toBe('repealed');
    expect(reloaded.replacedBy.map((p: any) => p.documentId)).toEqual([successor.documentId]);
    expect(reloaded.repealedBy.documentId).toBe(successor.documentId);
  });

  it('organizations form a tree', async () => {
    const county = await app.strapi.documents('api::organization.organization').create({
      data: { name: '测试团场', code: 'REGIMENT0001', kind: 'regiment', parent: refs.org.documentId },
    });
    const parent = await app.strapi.documents('api::organization.organization').findOne({ documentId: refs.org.documentId, populate: ['children'] });
    expect(parent.children.map((c: any) => c.documentId)).toContain(county.documentId);
  });
});
