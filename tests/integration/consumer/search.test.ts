import Ajv2020 from 'ajv/dist/2020';
import { createRefs, Refs, release } from '../../helpers';
import { openApiDocument } from '../../../src/plugins/disclosure/server/src/openapi';
import { consumerGet, createSite, Site, workflowOf } from '../../helpers/consumer';
import { startApp, TestApp } from '../../helpers/strapi';
import { createEntry, storedFile, tinyPdf } from './search-fixtures';

/**
 * GET /api/disclosure/search on PostgreSQL: jieba words in a weighted tsvector plus pg_trgm substrings, over the
 * released, masked public text and the text of PDF attachments; ranked, scoped to the site, never showing what
 * the public representation hides.
 */
const POLICY = 'api::policy.policy';
const ITEM = 'api::disclosure-item.disclosure-item';
const DUAL = 'api::dual-publicity-record.dual-publicity-record';

const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
ajv.addSchema(openApiDocument() as any, 'openapi');

let app: TestApp;
let refs: Refs;
let site: Site;
let otherSite: Site;
const ids: Record<string, string> = {};

const released = async (key: string, uid: string, title: string, extra: Record<string, unknown> = {}) => {
  const doc = await createEntry(app, refs, uid, title, extra);
  await release(app.strapi, uid, doc.documentId);
  ids[key] = doc.documentId;
  return doc.documentId;
};
/** Released past the release checks (a reviewer let personal data through): what the masking must then hide. */
const releasedOverridden = async (key: string, uid: string, title: string, extra: Record<string, unknown> = {}) => {
  const wf = workflowOf(app);
  const { documentId } = await createEntry(app, refs, uid, title, extra);
  await wf.transition({ uid, documentId, action: 'submit', overrideReason: '经审核同意公开' }, 'system');
  for (let i = 0; i < wf.stagesFor(uid).length; i++) await wf.transition({ uid, documentId, action: 'approve' }, 'system');
  await wf.transition({ uid, documentId, action: 'release', overrideReason: '经审核同意公开' }, 'system');
  ids[key] = documentId;
};

const search = (query: Record<string, unknown>, token = site.token) => consumerGet(app, token, '/search', query);
const found = async (q: string, extra: Record<string, unknown> = {}, token = site.token) => {
  const res = await search({ q, ...extra }, token);
  expect(res.status).toBe(200);
  return res.body.data as any[];
};
const foundIds = async (q: string, extra: Record<string, unknown> = {}, token = site.token) => (await found(q, extra, token)).map((hit) => hit.documentId);

beforeAll(async () => {
  app = await startApp();
  refs = await createRefs(app.strapi);
  site = await createSite(app, { organizations: [refs.org.documentId] });
  otherSite = await createSite(app, { name: '另一网站', organizations: [refs.otherOrg.documentId] });

  await released('titleHit', POLICY, '关于加强数据安全管理的通知', { documentNumber: '国办发〔2024〕12号', body: '各有关单位：现就有关事项通知如下。' });
  await released('bodyHit', ITEM, '年度工作要点', { body: '今年重点推进数据安全工作，完善制度。' });
  await released('twoChars', ITEM, '养老服务补贴办法', { body: '补贴标准见下文。' });
  await released('threeChars', ITEM, '产业发展情况通报', { body: '推动新能源汽车产业发展，扩大应用。' });
  await released('sixChars', ITEM, '关于公共资源交易平台整合的意见', { body: '整合分散设立的平台。' });
  const pdf = await storedFile(app, '附件一.pdf', tinyPdf('Riverside culvert inspection ledger for 2026'));
  await released('pdf', ITEM, '附件发布的信息', { body: '详见附件。', attachments: [pdf.id] });
  await releasedOverridden('phone', ITEM, '联系方式公告', { body: '咨询电话13912345678，工作日受理。' });
  await releasedOverridden('person', DUAL, '对李建国作出的行政处罚决定', { subjectName: '李建国' });
  await released('otherOrg', ITEM, '数据安全检查通报', { publishingOrganization: refs.otherOrg.documentId, body: '检查结果通报。' });
  ids.draft = (await createEntry(app, refs, ITEM, '草稿专属标题甲乙', { body: '数据安全草稿' })).documentId;
  await released('withdrawn', ITEM, '撤回专属标题丙丁');
  await workflowOf(app).transition({ uid: ITEM, documentId: ids.withdrawn, action: 'withdraw', reason: '撤回' }, 'system');
});
afterAll(async () => app?.stop());

describe('search: Chinese words and substrings', () => {
  it('finds a 2-, 3- and 6-character query', async () => {
    expect(await foundIds('养老')).toEqual([ids.twoChars]);
    expect(await foundIds('新能源')).toEqual([ids.threeChars]);
    expect(await foundIds('公共资源交易')).toEqual([ids.sixChars]);
  });

  it('finds a 文号 with its 〔〕 brackets, as typed', async () => {
    const hits = await found('国办发〔2024〕12号');
    expect(hits.map((h) => h.documentId)).toEqual([ids.titleHit]);
  });

  it('finds a phrase that occurs only in a PDF attachment, with a highlighted snippet from it', async () => {
    const hits = await found('culvert inspection');
    expect(hits.map((h) => h.documentId)).toEqual([ids.pdf]);
    expect(hits[0].snippet).toContain('<mark>culvert inspection</mark>');
  });

  it('ranks a title hit above a body hit, and answers the documented shape', async () => {
    const res = await search({ q: '数据安全' });
    expect(res.status).toBe(200);
    expect(res.body.data.map((h: any) => h.documentId)).toEqual([ids.titleHit, ids.bodyHit]);
    const [first, second] = res.body.data;
    expect(first.score).toBeGreaterThan(second.score);
    expect(first).toEqual({
      type: 'policies',
      documentId: ids.titleHit,
      title: '关于加强数据安全管理的通知',
      indexNumber: expect.stringMatching(/\/\d{4}-\d{5}$/),
      releasedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      organization: { documentId: refs.org.documentId, name: '测试市数据局', code: refs.org.code },
      snippet: expect.any(String),
      score: expect.any(Number),
    });
    expect(second.snippet).toBe('今年重点推进<mark>数据安全</mark>工作，完善制度。');
    expect(res.body.meta).toEqual({ pagination: { page: 1, pageSize: 20, total: 2, pageCount: 1 } });
    // The OpenAPI document describes exactly this (closed schemas: no field it does not list).
    for (const hit of res.body.data) expect(ajv.validate({ $ref: 'openapi#/components/schemas/SearchHit' }, hit) || ajv.errors).toBe(true);
    expect(ajv.validate({ $ref: 'openapi#/components/schemas/SearchPagination' }, res.body.meta.pagination) || ajv.errors).toBe(true);
  });

  it('filters by type, organization, category and release date', async () => {
    expect(await foundIds('数据安全', { type: 'policies' })).toEqual([ids.titleHit]);
    expect(await foundIds('数据安全', { organization: refs.org.code })).toEqual([ids.titleHit, ids.bodyHit]);
    expect(await foundIds('数据安全', { category: refs.category.documentId })).toEqual([ids.titleHit, ids.bodyHit]);
    expect(await foundIds('数据安全', { from: '2000-01-01', to: '2000-12-31' })).toEqual([]);
    const unknown = await search({ q: '数据安全', organization: 'NO-SUCH-ORG' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details.code).toBe('UNKNOWN_REFERENCE');
  });
});

describe('search: what it never finds', () => {
  it('keeps to the site’s scope: another site finds its own entries and not these', async () => {
    expect(await foundIds('数据安全检查')).toEqual([]);
    expect(await foundIds('数据安全', {}, otherSite.token)).toEqual([ids.otherOrg]);
    expect(await foundIds('养老', {}, otherSite.token)).toEqual([]);
  });

  it('never finds a draft or a withdrawn entry', async () => {
    expect(await foundIds('草稿专属标题甲乙')).toEqual([]);
    expect(await foundIds('撤回专属标题丙丁')).toEqual([]);
    const rows = await app.strapi.db.connection('disclosure_search_documents').whereIn('document_id', [ids.draft, ids.withdrawn]);
    expect(rows).toEqual([]);
  });

  it('never finds masked personal data, by any part of it, nor shows it in a snippet', async () => {
    for (const q of ['李建国', '建国', '13912345678', '12345678', '5678']) expect(await foundIds(q)).toEqual([]);
    const hits = await found('行政处罚决定');
    expect(hits.map((h) => h.documentId)).toEqual([ids.person]);
    expect(hits[0].title).toBe('对李*国作出的行政处罚决定');
    expect(JSON.stringify(hits)).not.toContain('李建国');
    const phone = await found('咨询电话');
    expect(phone.map((h) => h.documentId)).toEqual([ids.phone]);
    expect(`${phone[0].title} ${phone[0].snippet}`).not.toMatch(/139|5678/);
    expect(phone[0].snippet).toBe('<mark>咨询电话</mark> ，工作日受理。');
  });
});

describe('search: parameters and upkeep', () => {
  it('refuses a missing, blank or over-long q and a deep page, naming the field', async () => {
    for (const [query, code] of [
      [{}, 'MISSING_PARAMETER'],
      [{ q: ' ' }, 'MISSING_PARAMETER'],
      [{ q: '字'.repeat(101) }, 'OUT_OF_RANGE'],
    ] as const) {
      const res = await search(query);
      expect(res.status).toBe(400);
      expect(res.body.error.details.code).toBe(code);
      expect(res.body.error.details.errors[0].path).toEqual(['q']);
    }
    const deep = await search({ q: '数据', page: 51, pageSize: 20 });
    expect(deep.status).toBe(400);
    expect(deep.body.error.details.code).toBe('PAGE_TOO_DEEP');
    expect((await consumerGet(app, null, '/search', { q: '数据' })).status).toBe(401);
  });

  it('rebuilds a missing row at boot (backfill), and drops a row whose entry is no longer released', async () => {
    const table = () => app.strapi.db.connection('disclosure_search_documents');
    await table().where({ document_id: ids.twoChars }).del();
    await app.strapi.db.connection('disclosure_search_documents').insert({ type: 'disclosure-items', document_id: ids.draft, organization_id: null, title: '孤儿', tokens: app.strapi.db.connection.raw(`''::tsvector`) });
    await app.strapi.plugin('disclosure').service('search').backfill();
    expect(await table().where({ document_id: ids.twoChars }).count({ n: '*' })).toEqual([{ n: '1' }]);
    expect(await table().where({ document_id: ids.draft }).count({ n: '*' })).toEqual([{ n: '0' }]);
    expect(await foundIds('养老')).toEqual([ids.twoChars]);
  });

  it('reports no locale problem on a UTF-8 database', async () => {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const { searchLocaleProblem } = require('../../../dist/src/plugins/disclosure/server/src/services/search');
    const { rows } = await app.strapi.db.connection.raw('SELECT datctype FROM pg_database WHERE datname = current_database()');
    expect(rows[0].datctype).toMatch(/utf-?8/i);
    expect(searchLocaleProblem()).toBeNull();
  });
});
