import { createRefs, payloads, Refs, release } from '../../helpers';
import { consumerGet, createSite, Site } from '../../helpers/consumer';
import { startApp, TestApp } from '../../helpers/strapi';

const POLICY = 'api::policy.policy';
const DUAL = 'api::dual-publicity-record.dual-publicity-record';
// Small enough that a handful of entries exceed them: pages reach 4 rows, counts are exact up to 3.
const DEPTH = 4;
const COUNT_CAP = 3;

let app: TestApp;
let refs: Refs;
let site: Site;
let otherCategory: { documentId: string };

const create = (uid: string, title: string, extra: Record<string, unknown> = {}) =>
  app.strapi.documents(uid).create({ data: { ...payloads(refs)[uid](title), ...extra } });

const released = async (uid: string, title: string, extra: Record<string, unknown> = {}) => {
  const doc = await create(uid, title, extra);
  await release(app.strapi, uid, doc.documentId);
  return doc.documentId as string;
};

/** Follows nextCursor from the first page to the end, returning every page. */
async function walk(path: string, query: Record<string, unknown>) {
  const pages: any[] = [];
  let res = await consumerGet(app, site.token, path, query);
  for (;;) {
    expect(res.status).toBe(200);
    pages.push(res.body);
    const next = res.body.meta.pagination.nextCursor;
    if (!next) return pages;
    const rest = Object.fromEntries(Object.entries(query).filter(([key]) => key !== 'page'));
    res = await consumerGet(app, site.token, path, { ...rest, cursor: next });
  }
}

/** In-scope released rows of a table in released order, newest first, straight from the database. */
const releasedOrder = async (table: string, extra: (q: any) => void = () => {}) => {
  const q = app.strapi.db.connection(`${table} as e`)
    .join(`${table}_publishing_organization_lnk as ol`, 'ol.' + (table === 'policies' ? 'policy_id' : 'dual_publicity_record_id'), 'e.id')
    .join('organizations as o', 'o.id', 'ol.organization_id')
    .whereNotNull('e.published_at')
    .where('o.document_id', refs.org.documentId)
    .orderBy([{ column: 'e.published_at', order: 'desc' }, { column: 'e.id', order: 'desc' }])
    .select('e.document_id');
  extra(q);
  return (await q).map((r: any) => r.document_id as string);
};

beforeAll(async () => {
  process.env.CONSUMER_LIST_MAX_DEPTH = String(DEPTH);
  process.env.CONSUMER_LIST_COUNT_CAP = String(COUNT_CAP);
  app = await startApp();
  refs = await createRefs(app.strapi);
  otherCategory = await app.strapi.documents('api::disclosure-category.disclosure-category').create({ data: { name: '规划信息', code: `ghxx-${Date.now()}` } });
  site = await createSite(app, { organizations: [refs.org.documentId] });
  for (let i = 1; i <= 5; i++) await released(POLICY, `游标政策${i}`);
  for (let i = 1; i <= 3; i++) await released(POLICY, `游标规划政策${i}`, { category: otherCategory.documentId });
  await released(POLICY, '其他机构的政策', { publishingOrganization: refs.otherOrg.documentId });
  await create(POLICY, '游标不应读到的草稿');
  for (let i = 1; i <= 3; i++) await released(DUAL, `游标双公示${i}`);
});
afterAll(async () => {
  delete process.env.CONSUMER_LIST_MAX_DEPTH;
  delete process.env.CONSUMER_LIST_COUNT_CAP;
  await app?.stop();
});

describe('consumer API: lists paged with a cursor', () => {
  it('returns every in-scope released entry exactly once, in released order, across cursor pages', async () => {
    const pages = await walk('/policies', { pageSize: 2 });
    const seen = pages.flatMap((p) => p.data.map((e: any) => e.documentId));
    const expected = await releasedOrder('policies');
    expect(expected).toHaveLength(9); // the reference policy, five, three in the other category
    expect(seen).toEqual(expected);
    expect(pages.map((p) => p.meta.pagination.page)).toEqual([1, 2, 3, 4, 5]);
    expect(pages[pages.length - 1].meta.pagination.nextCursor).toBeNull();
  });

  it('keeps the filters along the cursor pages, and walks the oldest first too', async () => {
    const pages = await walk('/policies', { pageSize: 2, category: otherCategory.documentId, sort: 'releasedAt:asc' });
    const seen = pages.flatMap((p) => p.data.map((e: any) => e.title));
    expect(seen).toEqual(['游标规划政策1', '游标规划政策2', '游标规划政策3']);
  });

  it('pages across types on /entries, each entry once', async () => {
    const pages = await walk('/entries', { pageSize: 3 });
    const seen = pages.flatMap((p) => p.data.map((e: any) => `${e.type}:${e.documentId}`));
    expect(new Set(seen).size).toBe(seen.length);
    const expected = [...(await releasedOrder('policies')).map((d) => `policies:${d}`), ...(await releasedOrder('dual_publicity_records')).map((d) => `dual-publicity-records:${d}`)];
    expect([...seen].sort()).toEqual([...expected].sort());
    const times = pages.flatMap((p) => p.data.map((e: any) => Date.parse(e.releasedAt)));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('refuses an edited or forged cursor, one from another query, and a cursor with a page number', async () => {
    const first = await consumerGet(app, site.token, '/policies', { pageSize: 2 });
    const cursor: string = first.body.meta.pagination.nextCursor;
    const [prefix, body, mac] = cursor.split('.');
    const edited = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    edited[2] = 4;
    const tampered = [
      `${prefix}.${Buffer.from(JSON.stringify(edited)).toString('base64url')}.${mac}`,
      `${prefix}.${body}.${mac.slice(0, -1)}${mac.endsWith('A') ? 'B' : 'A'}`,
      'l1.e30.AAAAAAAAAAAAAAAAAAAAAA',
      'not-a-cursor',
    ];
    for (const bad of tampered) {
      const res = await consumerGet(app, site.token, '/policies', { pageSize: 2, cursor: bad });
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ status: 400, details: { code: 'INVALID_CURSOR', errors: [expect.objectContaining({ path: ['cursor'] })] } });
    }
    const otherQuery = await consumerGet(app, site.token, '/policies', { pageSize: 2, category: otherCategory.documentId, cursor });
    expect(otherQuery.status).toBe(400);
    expect(otherQuery.body.error.details.code).toBe('INVALID_CURSOR');
    const otherSort = await consumerGet(app, site.token, '/policies', { pageSize: 2, sort: 'title:asc', cursor });
    expect(otherSort.body.error.details.code).toBe('INVALID_CURSOR');
    const withPage = await consumerGet(app, site.token, '/policies', { pageSize: 2, page: 2, cursor });
    expect(withPage.status).toBe(400);
    expect(withPage.body.error.details.errors[0].path).toEqual(['page']);
  });

  it('counts exactly up to the count cap, then says the total is capped', async () => {
    const all = await consumerGet(app, site.token, '/policies', { pageSize: 2 });
    expect(all.body.meta.pagination).toEqual({ page: 1, pageSize: 2, total: COUNT_CAP, pageCount: 2, totalCapped: true, nextCursor: expect.any(String) });
    const few = await consumerGet(app, site.token, '/policies', { pageSize: 2, category: otherCategory.documentId });
    expect(few.body.meta.pagination).toEqual({ page: 1, pageSize: 2, total: 3, pageCount: 2, nextCursor: expect.any(String) });
    const one = await consumerGet(app, site.token, '/policies', { pageSize: 2, category: otherCategory.documentId, q: '游标规划政策2' });
    expect(one.body.meta.pagination).toEqual({ page: 1, pageSize: 2, total: 1, pageCount: 1, nextCursor: null });
    const entries = await consumerGet(app, site.token, '/entries', { pageSize: 2 });
    expect(entries.body.meta.pagination).toMatchObject({ total: COUNT_CAP, totalCapped: true });
  });

  it('shares one total across page sizes and orders of a query, follows releases and withdrawals at once, and keeps each site its own', async () => {
    const total = async (token: string, query: Record<string, unknown>) => {
      const res = await consumerGet(app, token, '/policies', query);
      expect(res.status).toBe(200);
      return res.body.meta.pagination.total;
    };
    const filter = { category: otherCategory.documentId };
    const stranger = await createSite(app, { organizations: [refs.otherOrg.documentId] });
    expect(await total(site.token, { ...filter, pageSize: 2 })).toBe(3);
    // A site whose scope holds none of these rows asks the same query: its own total, not the first site's.
    expect(await total(stranger.token, { ...filter, pageSize: 2 })).toBe(0);

    const documentId = await released(POLICY, '游标规划政策4', filter);
    expect(await total(site.token, { ...filter, pageSize: 3, sort: 'releasedAt:asc' })).toBe(COUNT_CAP);
    expect((await consumerGet(app, site.token, '/policies', { ...filter, pageSize: 3 })).body.meta.pagination.totalCapped).toBe(true);
    await app.strapi.plugin('disclosure').service('workflow').transition({ uid: POLICY, documentId, action: 'withdraw', reason: '测试撤回' }, 'system');
    expect(await total(site.token, { ...filter, pageSize: 2 })).toBe(3);
    expect(await total(site.token, { ...filter, pageSize: 4, sort: 'releasedAt:asc' })).toBe(3);
  });

  it('refuses a page past the depth cap and points to the cursor, which goes on past it', async () => {
    const deep = await consumerGet(app, site.token, '/policies', { pageSize: 2, page: 3 });
    expect(deep.status).toBe(400);
    expect(deep.body.error.details.code).toBe('PAGE_TOO_DEEP');
    expect(deep.body.error.message).toContain('cursor');
    const pages = await walk('/policies', { pageSize: 2 });
    expect(pages.length).toBeGreaterThan(DEPTH / 2);
  });
});
