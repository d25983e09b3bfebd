import { createRefs, payloads, Refs, release } from '../../helpers';
import { consumerGet, createSite, Site } from '../../helpers/consumer';
import { startApp, TestApp } from '../../helpers/strapi';

const POLICY = 'api::policy.policy';

let app: TestApp;
let refs: Refs;
let site: Site;

beforeAll(async () => {
  app = await startApp({ client: 'sqlite' });
  refs = await createRefs(app.strapi);
  site = await createSite(app, { organizations: [refs.org.documentId] });
  for (let i = 1; i <= 4; i++) {
    const doc = await app.strapi.documents(POLICY).create({ data: payloads(refs)[POLICY](`SQLite游标政策${i}`) });
    await release(app.strapi, POLICY, doc.documentId);
  }
});
afterAll(async () => app?.stop());

describe('consumer API on SQLite: lists paged with a cursor', () => {
  it('walks every released entry once, in released order, and refuses an edited cursor', async () => {
    const seen: string[] = [];
    let res = await consumerGet(app, site.token, '/policies', { pageSize: 2 });
    let cursor: string | null = null;
    for (;;) {
      expect(res.status).toBe(200);
      seen.push(...res.body.data.map((e: any) => e.documentId));
      const next = res.body.meta.pagination.nextCursor;
      if (!next) break;
      cursor = next;
      res = await consumerGet(app, site.token, '/policies', { pageSize: 2, cursor: next });
    }
    const expected = (
      await app.strapi.db.connection('policies').whereNotNull('published_at').orderBy([{ column: 'published_at', order: 'desc' }, { column: 'id', order: 'desc' }]).select('document_id')
    ).map((r: any) => r.document_id);
    expect(expected).toHaveLength(5);
    expect(seen).toEqual(expected);

    const [prefix, body, mac] = cursor!.split('.');
    const edited = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    edited[1] = Number(edited[1]) + 1;
    const bad = await consumerGet(app, site.token, '/policies', { pageSize: 2, cursor: `${prefix}.${Buffer.from(JSON.stringify(edited)).toString('base64url')}.${mac}` });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.code).toBe('INVALID_CURSOR');
  });
});
