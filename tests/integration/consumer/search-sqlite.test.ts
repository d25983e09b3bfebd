import { createRefs, Refs, release } from '../../helpers';
import { consumerGet, createSite, Site, workflowOf } from '../../helpers/consumer';
import { startApp, TestApp } from '../../helpers/strapi';
import { createEntry, storedFile, tinyPdf } from './search-fixtures';

/** GET /api/disclosure/search on SQLite: FTS5 with the trigram tokenizer, LIKE under 3 characters. */
const POLICY = 'api::policy.policy';
const ITEM = 'api::disclosure-item.disclosure-item';

let app: TestApp;
let refs: Refs;
let site: Site;
const ids: Record<string, string> = {};

const released = async (key: string, uid: string, title: string, extra: Record<string, unknown> = {}) => {
  const doc = await createEntry(app, refs, uid, title, extra);
  await release(app.strapi, uid, doc.documentId);
  ids[key] = doc.documentId;
};
const foundIds = async (q: string, token = site.token) => {
  const res = await consumerGet(app, token, '/search', { q });
  expect(res.status).toBe(200);
  return res.body.data.map((hit: any) => hit.documentId);
};

beforeAll(async () => {
  app = await startApp({ client: 'sqlite' });
  refs = await createRefs(app.strapi);
  site = await createSite(app, { organizations: [refs.org.documentId] });
  await released('titleHit', POLICY, '关于加强数据安全管理的通知', { documentNumber: '国办发〔2024〕12号' });
  await released('bodyHit', ITEM, '年度工作要点', { body: '今年重点推进数据安全工作。' });
  await released('twoChars', ITEM, '养老服务补贴办法');
  const pdf = await storedFile(app, 'annex.pdf', tinyPdf('Riverside culvert inspection ledger'));
  await released('pdf', ITEM, '附件发布的信息', { body: '详见附件。', attachments: [pdf.id] });
  await released('otherOrg', ITEM, '数据安全检查通报', { publishingOrganization: refs.otherOrg.documentId });
  await released('withdrawn', ITEM, '撤回专属标题丙丁');
  await workflowOf(app).transition({ uid: ITEM, documentId: ids.withdrawn, action: 'withdraw', reason: '撤回' }, 'system');
});
afterAll(async () => app?.stop());

describe('search on SQLite', () => {
  it('finds 2 characters (LIKE), 6 characters and a 文号 (trigrams), and an attachment phrase', async () => {
    expect(await foundIds('养老')).toEqual([ids.twoChars]);
    expect(await foundIds('数据安全管理')).toEqual([ids.titleHit]);
    expect(await foundIds('国办发〔2024〕12号')).toEqual([ids.titleHit]);
    expect(await foundIds('culvert inspection')).toEqual([ids.pdf]);
  });

  it('ranks a title hit above a body hit, keeps to the scope and drops withdrawn entries', async () => {
    expect(await foundIds('数据安全')).toEqual([ids.titleHit, ids.bodyHit]);
    expect(await foundIds('数据安全检查')).toEqual([]);
    expect(await foundIds('撤回专属标题丙丁')).toEqual([]);
    // Under 3 characters too (the LIKE path).
    expect(await foundIds('数据')).toEqual([ids.titleHit, ids.bodyHit]);
  });
});
