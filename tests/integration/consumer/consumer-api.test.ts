import { spawn } from 'child_process';
import { hostname } from 'os';
import path from 'path';
import { Client } from 'pg';
import { createRefs, payloads, Refs, release } from '../../helpers';
import { consumerGet, createSite, Site, SITE_UID, workflowOf } from '../../helpers/consumer';
import { createStaff } from '../../helpers/staff';
import { databaseServer, startApp, TestApp } from '../../helpers/strapi';

let app: TestApp;
let refs: Refs;
let site: Site;

const POLICY = 'api::policy.policy';
const INTERPRETATION = 'api::interpretation.interpretation';
const DUAL = 'api::dual-publicity-record.dual-publicity-record';

beforeAll(async () => {
  app = await startApp();
  refs = await createRefs(app.strapi);
  site = await createSite(app, { organizations: [refs.org.documentId] });
});
afterAll(async () => app?.stop());

const create = (uid: string, title: string, extra: Record<string, unknown> = {}) =>
  app.strapi.documents(uid).create({ data: { ...payloads(refs)[uid](title), ...extra } });

describe('consumer API: entries', () => {
  it('lists released entries of the site’s organizations, newest first, with pagination', async () => {
    const first = await create(POLICY, '列表政策一');
    await release(app.strapi, POLICY, first.documentId);
    const second = await create(POLICY, '列表政策二');
    await release(app.strapi, POLICY, second.documentId);
    await create(POLICY, '列表里不应出现的草稿');

    const res = await consumerGet(app, site.token, '/policies', { pageSize: 2 });
    expect(res.status).toBe(200);
    expect(res.body.data.map((e: any) => e.title)).toEqual(['列表政策二', '列表政策一']);
    expect(res.body.meta.pagination).toEqual({ page: 1, pageSize: 2, total: 3, pageCount: 2, nextCursor: expect.any(String) });
    const item = res.body.data[0];
    expect(item).toMatchObject({
      documentId: second.documentId,
      type: 'policies',
      typeLabel: '政策文件',
      organization: { documentId: refs.org.documentId, name: '测试市数据局' },
      category: { documentId: refs.category.documentId },
      topics: [{ documentId: refs.topic.documentId, name: '综合政务' }],
      validity: 'valid',
      validityLabel: '有效',
    });
    expect(item.indexNumber).toMatch(/\/\d{4}-\d{5}$/);
    expect(item.version).toMatch(/^[0-9a-f]{64}$/);
    const page2 = await consumerGet(app, site.token, '/policies', { pageSize: 2, page: 2 });
    expect(page2.body.data.map((e: any) => e.title)).toEqual(['参考政策文件']);
  });

  it('finds one entry by documentId, slug and 索引号 alike', async () => {
    const doc = await create(POLICY, '按三种标识查询的政策');
    await release(app.strapi, POLICY, doc.documentId);
    const byId = await consumerGet(app, site.token, `/policies/${doc.documentId}`);
    expect(byId.status).toBe(200);
    expect(byId.body.data).toMatchObject({ title: '按三种标识查询的政策', body: '正文', documentNumber: '测试发〔2025〕1号' });
    expect(byId.body.data).toMatchObject({
      issuingOrganizations: [{ documentId: refs.org.documentId, name: '测试市数据局', code: refs.org.code }],
      writtenDate: '2025-03-01',
      effectiveDate: '2025-03-10',
      documentKind: 'normative_document',
      attachments: [],
      interpretations: [],
    });
    const { slug, indexNumber } = byId.body.data;
    const bySlug = await consumerGet(app, site.token, `/policies/by-slug/${slug}`);
    const byIndex = await consumerGet(app, site.token, `/policies/by-index-number/${encodeURIComponent(indexNumber)}`);
    expect(bySlug.body.data).toEqual(byId.body.data);
    expect(byIndex.body.data).toEqual(byId.body.data);
  });

  it('shows components and amounts of other types as entered', async () => {
    const recruitment = await create('api::recruitment-notice.recruitment-notice', '招聘岗位展示');
    await release(app.strapi, 'api::recruitment-notice.recruitment-notice', recruitment.documentId);
    const detail = (await consumerGet(app, site.token, `/recruitment-notices/${recruitment.documentId}`)).body.data;
    expect(detail.positions).toEqual([{ name: '数据管理岗', headcount: 2, requirements: '本科' }]);
    expect(detail).toMatchObject({ kind: 'public_institution', stage: 'recruitment_notice', registrationEnd: '2025-04-07T10:00:00.000Z' });
    const procurement = await create('api::procurement-notice.procurement-notice', '采购金额展示');
    await release(app.strapi, 'api::procurement-notice.procurement-notice', procurement.documentId);
    const notice = (await consumerGet(app, site.token, `/procurement-notices/${procurement.documentId}`)).body.data;
    const file = await app.strapi.db.query('plugin::upload.file').create({
      data: { name: '附件.pdf', hash: 'fujian_abc', ext: '.pdf', mime: 'application/pdf', size: 12.3, url: '/uploads/fujian_abc.pdf', provider: 'local' },
    });
    const item = await create('api::disclosure-item.disclosure-item', '带附件的信息', { attachments: [file.id] });
    await release(app.strapi, 'api::disclosure-item.disclosure-item', item.documentId);
    const withFile = (await consumerGet(app, site.token, `/disclosure-items/${item.documentId}`)).body.data;
    expect(withFile.attachments).toEqual([{ name: '附件.pdf', url: '/uploads/fujian_abc.pdf', mime: 'application/pdf', size: 12.3 }]);
    expect(notice).toMatchObject({ budgetAmount: 12.5, method: 'open_tender', methodLabel: expect.stringMatching(/[\u4e00-\u9fa5]/), projectName: '测试采购项目' });
  });

  it('links an interpretation to its policy and lists it under the policy', async () => {
    const interpretation = await create(INTERPRETATION, '参考政策的解读');
    await release(app.strapi, INTERPRETATION, interpretation.documentId);
    const policy = await consumerGet(app, site.token, `/policies/${refs.policy.documentId}`);
    expect(policy.body.data.interpretations).toEqual([expect.objectContaining({ documentId: interpretation.documentId, type: 'interpretations', title: '参考政策的解读' })]);
    const detail = await consumerGet(app, site.token, `/interpretations/${interpretation.documentId}`);
    expect(detail.body.data.policy).toMatchObject({ documentId: refs.policy.documentId, title: '参考政策文件' });
    expect(detail.body.data.qa).toEqual([{ question: '为什么制定？', answer: '为了依法公开。' }]);
    const list = await consumerGet(app, site.token, '/policies', { q: '参考政策文件' });
    expect(list.body.data[0].interpretations.map((i: any) => i.documentId)).toContain(interpretation.documentId);
  });

  it('masks a natural person in 双公示 and never shows the ID number', async () => {
    const doc = await create(DUAL, '对自然人的行政处罚', { subjectName: '张三丰', legalRepresentative: '不应出现', unifiedSocialCreditCode: null });
    await release(app.strapi, DUAL, doc.documentId);
    for (const res of [await consumerGet(app, site.token, `/dual-publicity-records/${doc.documentId}`), await consumerGet(app, site.token, '/dual-publicity-records')]) {
      const text = JSON.stringify(res.body);
      expect(text).toContain('张*丰');
      expect(text).not.toContain('张三丰');
      expect(text).not.toContain('110101199003071234');
      expect(text).not.toContain('idNumber');
      expect(text).not.toContain('不应出现');
    }
  });

  it('answers 410 with a tombstone for a withdrawn entry, and 404 for unknown and out-of-scope ones alike', async () => {
    const doc = await create(POLICY, '将被撤回的政策');
    await release(app.strapi, POLICY, doc.documentId);
    const { slug, indexNumber } = (await consumerGet(app, site.token, `/policies/${doc.documentId}`)).body.data;
    await workflowOf(app).transition({ uid: POLICY, documentId: doc.documentId, action: 'withdraw', reason: '政策已调整' }, 'system');

    for (const path of [`/policies/${doc.documentId}`, `/policies/by-slug/${slug}`, `/policies/by-index-number/${encodeURIComponent(indexNumber)}`]) {
      const gone = await consumerGet(app, site.token, path);
      expect(gone.status).toBe(410);
      expect(gone.body.error.details).toMatchObject({ code: 'ENTRY_WITHDRAWN', tombstone: { documentId: doc.documentId, type: 'policies', indexNumber, slug } });
      expect(JSON.stringify(gone.body)).not.toContain('将被撤回的政策');
    }
    const list = await consumerGet(app, site.token, '/policies', { pageSize: 100 });
    expect(list.body.data.map((e: any) => e.documentId)).not.toContain(doc.documentId);

    const unknown = await consumerGet(app, site.token, '/policies/doesnotexist0000000000000');
    expect(unknown.status).toBe(404);
    const other = await create(POLICY, '财政局的政策', { publishingOrganization: refs.otherOrg.documentId, issuingOrganizations: [refs.otherOrg.documentId] });
    await release(app.strapi, POLICY, other.documentId);
    const outOfScope = await consumerGet(app, site.token, `/policies/${other.documentId}`);
    expect(outOfScope.status).toBe(404);
    expect(outOfScope.body).toEqual({ ...unknown.body, error: { ...unknown.body.error } });
    const otherSite = await createSite(app, { organizations: [refs.otherOrg.documentId] });
    expect((await consumerGet(app, otherSite.token, `/policies/${other.documentId}`)).status).toBe(200);
    // Withdrawn but out of scope: no tombstone either.
    expect((await consumerGet(app, otherSite.token, `/policies/${doc.documentId}`)).status).toBe(404);
  });

  it('shows the released version while a correction is in progress', async () => {
    const doc = await create(POLICY, '更正前的标题');
    await release(app.strapi, POLICY, doc.documentId);
    await workflowOf(app).transition({ uid: POLICY, documentId: doc.documentId, action: 'correct', reason: '更正错误内容' }, 'system');
    await app.strapi.documents(POLICY).update({ documentId: doc.documentId, data: { title: '尚未发布的更正' } });
    const res = await consumerGet(app, site.token, `/policies/${doc.documentId}`);
    expect(res.body.data.title).toBe('更正前的标题');
    const search = await consumerGet(app, site.token, '/entries', { q: '尚未发布的更正' });
    expect(search.body.data).toEqual([]);
  });
});

describe('consumer API: lookups by slug and 索引号', () => {
  it('resolve through released rows only: an unreleased correction’s new slug is unknown, the released one answers', async () => {
    const doc = await create(POLICY, '将改网址别名的政策');
    await release(app.strapi, POLICY, doc.documentId);
    const { slug, indexNumber } = (await consumerGet(app, site.token, `/policies/${doc.documentId}`)).body.data;
    await workflowOf(app).transition({ uid: POLICY, documentId: doc.documentId, action: 'correct', reason: '更正错误内容' }, 'system');
    await app.strapi.documents(POLICY).update({ documentId: doc.documentId, data: { title: '更正中改名的政策', slug: 'geng-zheng-zhong-de-xin-bie-ming' } });

    const draftSlug = await consumerGet(app, site.token, '/policies/by-slug/geng-zheng-zhong-de-xin-bie-ming');
    expect(draftSlug.status).toBe(404);
    expect(JSON.stringify(draftSlug.body)).not.toContain('更正中改名的政策');
    for (const path of [`/policies/by-slug/${slug}`, `/policies/by-index-number/${encodeURIComponent(indexNumber)}`]) {
      const released = await consumerGet(app, site.token, path);
      expect(released.status).toBe(200);
      expect(released.body.data).toMatchObject({ documentId: doc.documentId, title: '将改网址别名的政策', slug });
    }
  });

  it('answer a withdrawn entry’s old slug with its tombstone, never its draft’s new slug', async () => {
    const doc = await create(POLICY, '撤回后改别名的政策');
    await release(app.strapi, POLICY, doc.documentId);
    const { slug } = (await consumerGet(app, site.token, `/policies/${doc.documentId}`)).body.data;
    await workflowOf(app).transition({ uid: POLICY, documentId: doc.documentId, action: 'withdraw', reason: '内容调整' }, 'system');
    await app.strapi.documents(POLICY).update({ documentId: doc.documentId, data: { slug: 'che-hui-hou-de-xin-bie-ming' } });

    const old = await consumerGet(app, site.token, `/policies/by-slug/${slug}`);
    expect(old.status).toBe(410);
    expect(old.body.error.details.tombstone).toMatchObject({ documentId: doc.documentId, slug });
    expect((await consumerGet(app, site.token, '/policies/by-slug/che-hui-hou-de-xin-bie-ming')).status).toBe(404);
    // Out of scope: no tombstone by slug either.
    const otherSite = await createSite(app, { organizations: [refs.otherOrg.documentId] });
    expect((await consumerGet(app, otherSite.token, `/policies/by-slug/${slug}`)).status).toBe(404);
  });
});

describe('consumer API: category scope', () => {
  it('fails closed: a site restricted to categories that were all deleted reads nothing, and the admin sees it as misconfigured', async () => {
    const CATEGORY = 'api::disclosure-category.disclosure-category';
    const ITEM = 'api::disclosure-item.disclosure-item';
    const doomed = await app.strapi.documents(CATEGORY).create({ data: { name: '将被删除的分类', code: `jbsc-${Date.now().toString(36)}` } });
    const inDoomed = await create(ITEM, '将被删除分类下的信息', { category: doomed.documentId });
    await release(app.strapi, ITEM, inDoomed.documentId);
    const elsewhere = await create(ITEM, '其他分类下的信息');
    await release(app.strapi, ITEM, elsewhere.documentId);
    const restricted = await createSite(app, { name: '限定分类的网站', organizations: [refs.org.documentId], categories: [doomed.documentId] });
    const ids = async (path: string, query: Record<string, unknown> = { pageSize: 100 }) => {
      const res = await consumerGet(app, restricted.token, path, query);
      expect(res.status).toBe(200);
      return res.body.data.map((e: any) => e.documentId);
    };
    expect(await ids('/entries')).toEqual([inDoomed.documentId]);

    await app.strapi.documents(CATEGORY).delete({ documentId: doomed.documentId });
    expect(await ids('/entries')).toEqual([]);
    expect(await ids('/disclosure-items')).toEqual([]);
    expect(await ids('/categories', {})).toEqual([]);
    expect((await consumerGet(app, restricted.token, '/feed', { limit: 500 })).body.data).toEqual([]);
    for (const doc of [inDoomed, elsewhere]) expect((await consumerGet(app, restricted.token, `/disclosure-items/${doc.documentId}`)).status).toBe(404);
    // A site that never named categories still reads every category.
    expect((await consumerGet(app, site.token, `/disclosure-items/${elsewhere.documentId}`)).status).toBe(200);

    // The content manager shows the site restricted with no category left (what the 接入网站 panel warns about);
    // saving it unchanged keeps it closed, unticking 仅限所选分类 opens it to every category on purpose.
    const admin = await createStaff(app, 'sysadmin', null);
    const path = `/content-manager/collection-types/${SITE_UID}/${restricted.documentId}`;
    expect((await admin.get(path)).body.data).toMatchObject({ categoryRestricted: true, categories: { count: 0 } });
    const layout = await admin.get(`/content-manager/content-types/${SITE_UID}/configuration`);
    expect(layout.body.data.contentType.metadatas.categoryRestricted.edit.label).toBe('仅限所选分类');
    expect((await admin.put(path, { name: '限定分类的网站（已改名）' })).status).toBe(200);
    expect(await ids('/entries')).toEqual([]);
    expect((await admin.put(path, { categoryRestricted: false })).status).toBe(200);
    expect(await ids('/entries')).toEqual(expect.arrayContaining([inDoomed.documentId, elsewhere.documentId]));
  });
});

describe('consumer API: filters and search', () => {
  it('filters by type, organization, category, topic, date range and text', async () => {
    const item = await create('api::disclosure-item.disclosure-item', '统计公报检索测试');
    await release(app.strapi, 'api::disclosure-item.disclosure-item', item.documentId);
    const ids = async (query: Record<string, unknown>) => (await consumerGet(app, site.token, '/entries', { pageSize: 100, ...query })).body.data.map((e: any) => e.documentId);
    expect(await ids({ q: '统计公报' })).toEqual([item.documentId]);
    expect(await ids({ q: '统计公报', type: 'policies' })).toEqual([]);
    expect(await ids({ q: '统计公报', type: 'disclosure-items', organization: refs.org.code, category: refs.category.documentId, topic: refs.topic.documentId })).toEqual([item.documentId]);
    const today = (await consumerGet(app, site.token, `/disclosure-items/${item.documentId}`)).body.data.releasedOn;
    expect(await ids({ q: '统计公报', from: today, to: today })).toEqual([item.documentId]);
    expect(await ids({ q: '统计公报', to: '2000-01-01' })).toEqual([]);
    expect(await ids({ q: '统计公报', organization: refs.otherOrg.documentId })).toEqual([]);
  });

  it('gives 形成或变更日期 as a YYYY-MM-DD date, and sorts by it', async () => {
    const ITEM = 'api::disclosure-item.disclosure-item';
    // Written as an instant by an integration: 00:30 on 2 March in Beijing.
    const later = await create(ITEM, '形成日期排序之二', { formedOrChangedAt: '2026-03-01T16:30:00Z' });
    const earlier = await create(ITEM, '形成日期排序之一', { formedOrChangedAt: '2026-02-27' });
    for (const entry of [later, earlier]) await release(app.strapi, ITEM, entry.documentId);
    const detail = await consumerGet(app, site.token, `/disclosure-items/${later.documentId}`);
    expect(detail.body.data.formedOrChangedAt).toBe('2026-03-02');
    const list = async (sort: string) => (await consumerGet(app, site.token, '/disclosure-items', { q: '形成日期排序', sort })).body.data.map((e: any) => [e.title, e.formedOrChangedAt]);
    expect(await list('formedOrChangedAt:asc')).toEqual([['形成日期排序之一', '2026-02-27'], ['形成日期排序之二', '2026-03-02']]);
    expect(await list('formedOrChangedAt:desc')).toEqual([['形成日期排序之二', '2026-03-02'], ['形成日期排序之一', '2026-02-27']]);
    const entries = (await consumerGet(app, site.token, '/entries', { q: '形成日期排序' })).body.data;
    expect(entries.map((e: any) => e.formedOrChangedAt).sort()).toEqual(['2026-02-27', '2026-03-02']);
  });

  it('indexes entries released before the search text existed at boot, once', async () => {
    const ITEM = 'api::disclosure-item.disclosure-item';
    const item = await create(ITEM, '升级前发布的年度报告');
    await release(app.strapi, ITEM, item.documentId);
    const table = app.strapi.contentType(ITEM).collectionName;
    // A database from before the column: released rows without search text.
    await app.strapi.db.connection(table).whereNotNull('published_at').update({ public_search_text: null });
    const find = async () => (await consumerGet(app, site.token, '/entries', { q: '年度报告', pageSize: 100 })).body.data.map((e: any) => e.documentId);
    expect(await find()).toEqual([]);
    const searchIndex = app.strapi.plugin('disclosure').service('search-index');
    await searchIndex.backfill();
    expect(await find()).toEqual([item.documentId]);
    const indexed = await app.strapi.db.connection(table).whereNotNull('published_at').select('id', 'public_search_text').orderBy('id');
    expect(indexed.every((row: any) => row.public_search_text !== null)).toBe(true);
    await searchIndex.backfill();
    expect(await app.strapi.db.connection(table).whereNotNull('published_at').select('id', 'public_search_text').orderBy('id')).toEqual(indexed);
  });

  it('rebuilds search texts and live feed snapshots stored by an older representation, once, at boot', async () => {
    const record = await create(DUAL, '李小龙违规经营行政处罚决定', { subjectName: '李小龙' });
    await release(app.strapi, DUAL, record.documentId);
    const db = app.strapi.db.connection;
    // What an older version stored: the name in clear in the search text and in the feed's snapshot.
    await db(app.strapi.contentType(DUAL).collectionName).where({ document_id: record.documentId }).whereNotNull('published_at').update({ public_search_text: '李小龙违规经营行政处罚决定' });
    const event = await db('disclosure_feed_events').where({ target_document_id: record.documentId, superseded: false }).first();
    const stored = typeof event.entry === 'string' ? JSON.parse(event.entry) : event.entry;
    await db('disclosure_feed_events').where({ id: event.id }).update({ entry: JSON.stringify({ ...stored, title: '李小龙违规经营行政处罚决定' }) });
    await app.strapi.store.set({ type: 'plugin', name: 'disclosure', key: 'public-representation-version', value: 1 });

    await app.strapi.plugin('disclosure').service('search-index').backfill();
    expect((await consumerGet(app, site.token, '/entries', { q: '小龙', pageSize: 100 })).body.data).toEqual([]);
    const feed = (await consumerGet(app, site.token, '/feed', { limit: 500 })).body.data;
    const shown = feed.find((e: any) => e.documentId === record.documentId);
    expect(shown.entry.title).toBe('李*龙违规经营行政处罚决定');
    expect(JSON.stringify(feed)).not.toContain('李小龙');
  });

  it.each([
    [{ page: 0 }, 'OUT_OF_RANGE', 'page'],
    [{ pageSize: 0 }, 'OUT_OF_RANGE', 'pageSize'],
    [{ pageSize: 10000 }, 'OUT_OF_RANGE', 'pageSize'],
    [{ sort: 'idNumber:asc' }, 'INVALID_PARAMETER', 'sort'],
    [{ filters: { idNumber: { $startsWith: '1101' } } }, 'UNKNOWN_PARAMETER', 'filters'],
    [{ populate: '*' }, 'UNKNOWN_PARAMETER', 'populate'],
    [{ from: '2026-13-01' }, 'INVALID_DATE', 'from'],
    [{ from: '2026-05-01', to: '2026-04-01' }, 'INVALID_RANGE', 'from'],
    [{ organization: 'no-such-org' }, 'UNKNOWN_REFERENCE', 'organization'],
    [{ type: 'secrets' }, 'INVALID_PARAMETER', 'type'],
  ])('refuses %j with 400 %s', async (query, code, path) => {
    const res = await consumerGet(app, site.token, '/entries', query);
    expect(res.status).toBe(400);
    expect(res.body.error.details).toMatchObject({ code, errors: [expect.objectContaining({ path: [path], code })] });
    expect(res.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
  });
});

describe('consumer API: tokens', () => {
  it('refuses a missing, malformed, unknown, rotated or revoked token with 401', async () => {
    const sites = app.strapi.plugin('disclosure').service('consumer-sites');
    expect((await consumerGet(app, null, '/policies')).body.error.details.code).toBe('CONSUMER_TOKEN_REQUIRED');
    expect((await consumerGet(app, 'not-a-token', '/policies')).status).toBe(401);
    expect((await consumerGet(app, `gks_${'x'.repeat(43)}`, '/policies')).body.error.details.code).toBe('CONSUMER_TOKEN_INVALID');

    const rotating = await createSite(app, { organizations: [refs.org.documentId] });
    expect((await consumerGet(app, rotating.token, '/site')).body.data).toMatchObject({ name: '测试网站', organizations: [{ documentId: refs.org.documentId }] });
    const { token: fresh } = await sites.issueToken(rotating.documentId);
    expect((await consumerGet(app, rotating.token, '/policies')).status).toBe(401);
    expect((await consumerGet(app, fresh, '/policies')).status).toBe(200);
    await sites.revokeToken(rotating.documentId);
    expect((await consumerGet(app, fresh, '/policies')).status).toBe(401);
  });

  it('stores only the token’s hash', async () => {
    const stored = await app.strapi.db.query('plugin::disclosure.consumer-site').findOne({ where: { documentId: site.documentId } });
    const credential = await app.strapi.db.connection('disclosure_consumer_credentials').where({ site_id: stored.id }).first();
    expect(credential.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify({ stored, credential })).not.toContain(site.token);
  });
});

describe('consumer API: caching', () => {
  it('answers If-None-Match with 304, and a release or withdrawal changes the ETag at once', async () => {
    const first = await consumerGet(app, site.token, '/policies');
    const etag = first.headers.etag;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{32}"$/);
    expect(first.headers['cache-control']).toBe('private, no-cache');
    const again = await consumerGet(app, site.token, '/policies', {}, { 'If-None-Match': etag });
    expect(again.status).toBe(304);
    expect(again.text ?? '').toBe('');

    const doc = await create(POLICY, '改变 ETag 的政策');
    await release(app.strapi, POLICY, doc.documentId);
    const afterRelease = await consumerGet(app, site.token, '/policies', {}, { 'If-None-Match': etag });
    expect(afterRelease.status).toBe(200);
    expect(afterRelease.headers.etag).not.toBe(etag);
    expect(afterRelease.body.data[0].title).toBe('改变 ETag 的政策');

    const detailTag = (await consumerGet(app, site.token, `/policies/${doc.documentId}`)).headers.etag;
    await workflowOf(app).transition({ uid: POLICY, documentId: doc.documentId, action: 'withdraw', reason: '测试撤回' }, 'system');
    expect((await consumerGet(app, site.token, `/policies/${doc.documentId}`, {}, { 'If-None-Match': detailTag })).status).toBe(410);
    const afterWithdrawal = await consumerGet(app, site.token, '/policies', {}, { 'If-None-Match': afterRelease.headers.etag });
    expect(afterWithdrawal.status).toBe(200);
    expect(afterWithdrawal.body.data.map((e: any) => e.documentId)).not.toContain(doc.documentId);
  });

  it('drops its cache when another instance announces a change (PostgreSQL NOTIFY), not before', async () => {
    const doc = await create(POLICY, '其他实例修改前');
    await release(app.strapi, POLICY, doc.documentId);
    const before = await consumerGet(app, site.token, `/policies/${doc.documentId}`);
    expect(before.body.data.title).toBe('其他实例修改前');
    // Another instance's write: straight to the database, so this instance learns of it only through the channel.
    const other = new Client({ ...databaseServer, database: app.databaseName });
    await other.connect();
    try {
      await other.query(`UPDATE policies SET title = '其他实例修改后' WHERE document_id = $1 AND published_at IS NOT NULL`, [doc.documentId]);
      expect((await consumerGet(app, site.token, `/policies/${doc.documentId}`)).body.data.title).toBe('其他实例修改前');
      await other.query(`SELECT pg_notify('gongkai_consumer', 'catalogue')`);
    } finally {
      await other.end();
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    const after = await consumerGet(app, site.token, `/policies/${doc.documentId}`, {}, { 'If-None-Match': before.headers.etag });
    expect(after.status).toBe(200);
    expect(after.body.data.title).toBe('其他实例修改后');
  });

  it('serves a release made by another app instance on its next request, not its cached answer (the sending side of NOTIFY)', async () => {
    // The other instance: a scheduler worker, the app booted in its own process on the same database.
    const workflow = workflowOf(app);
    const scheduler = app.strapi.plugin('disclosure').service('scheduler');
    const publisher = await createStaff(app, 'publisher', refs.org.id);
    const doc = await create(POLICY, '另一实例发布的政策');
    await workflow.transition({ uid: POLICY, documentId: doc.documentId, action: 'submit' }, 'system');
    for (let i = 0; i < workflow.stagesFor(POLICY).length; i += 1) await workflow.transition({ uid: POLICY, documentId: doc.documentId, action: 'approve' }, 'system');
    await scheduler.schedule('release', POLICY, doc.documentId, new Date(Date.now() - 1000), null, { userId: publisher.id, contentHash: await workflow.draftHash(POLICY, doc.documentId) });

    // Each job holds its transaction open this long, so this instance caches its answer while the release is under way.
    const worker = spawn(process.execPath, [path.join(__dirname, '..', '..', '..', 'scripts', 'scheduler-worker.js')], {
      env: { ...process.env, LOG_LEVEL: 'error', SCHEDULER_JOB_DELAY_MS: '1500' },
      stdio: 'ignore',
    });
    const exited = new Promise<number | null>((resolve) => worker.on('exit', (code) => resolve(code)));
    const jobs = () => app.strapi.db.connection('disclosure_jobs').where({ target_document_id: doc.documentId, kind: 'release' });
    const deadline = Date.now() + 60_000;
    while (!(await jobs().andWhere({ status: 'running', worker: `${hostname()}:${worker.pid}` }).first()) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const cached = await consumerGet(app, site.token, '/policies', { pageSize: 100 });
    expect(cached.body.data.map((e: any) => e.documentId)).not.toContain(doc.documentId);
    // Cached before the release committed: the job was still in hand.
    expect(await jobs().first()).toMatchObject({ status: 'running', worker: `${hostname()}:${worker.pid}` });
    expect(await exited).toBe(0);
    expect(await jobs().first()).toMatchObject({ status: 'done' });

    // The worker's commit notified this instance; give the notification a moment to arrive, no more.
    let seen: string[] = [];
    for (let i = 0; i < 20 && !seen.includes(doc.documentId); i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      seen = (await consumerGet(app, site.token, '/policies', { pageSize: 100 })).body.data.map((e: any) => e.documentId);
    }
    expect(seen).toContain(doc.documentId);
  }, 120_000);
});
