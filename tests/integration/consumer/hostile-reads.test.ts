import path from 'path';
import { createRefs, payloads, Refs, release } from '../../helpers';
import { consumerGet, createSite, Site } from '../../helpers/consumer';
import { startApp, TestApp } from '../../helpers/strapi';
import { toLegalDate } from '../../../src/plugins/disclosure/server/src/domain/legal-date';
import { decodeCursor } from '../../../src/plugins/disclosure/server/src/domain/consumer/feed-cursor';

/**
 * What a hostile reader can make one instance hold and do: the response cache stays within its byte budget whatever
 * the queries, lists stop at a maximum depth, one feed request examines a bounded number of events, and requests past
 * a site's or an address's budget are answered 429 with Retry-After. Budgets here are small, set the way an operator
 * would (environment variables read by config/plugins.ts).
 */
const CACHE_MAX_BYTES = 256 * 1024;
// The default list depth (consumer.listMaxDepth): page numbers for the first pages only, cursors beyond.
const LIST_MAX_DEPTH = 1000;
const FEED_MAX_SCAN = 5;
const DISTINCT_QUERIES = 10_000;
const SITE_POINTS = DISTINCT_QUERIES + 50;
const IP_POINTS = 30;

let app: TestApp;
let refs: Refs;
let reader: Site;
let other: Site;
let scoped: Site;

const POLICY = 'api::policy.policy';
const ITEM = 'api::disclosure-item.disclosure-item';

beforeAll(async () => {
  Object.assign(process.env, {
    CONSUMER_CACHE_MAX_BYTES: String(CACHE_MAX_BYTES),
    CONSUMER_FEED_MAX_SCAN: String(FEED_MAX_SCAN),
    RATE_LIMIT_SITE_POINTS: String(SITE_POINTS),
    RATE_LIMIT_SITE_DURATION: '3600',
    RATE_LIMIT_IP_POINTS: String(IP_POINTS),
    RATE_LIMIT_IP_DURATION: '3600',
  });
  app = await startApp();
  refs = await createRefs(app.strapi);
  for (let i = 0; i < 2; i++) {
    const doc = await app.strapi.documents(POLICY).create({ data: payloads(refs)[POLICY](`批量读取的政策${i}`) });
    await release(app.strapi, POLICY, doc.documentId);
  }
  reader = await createSite(app, { name: '大量读取的网站', organizations: [refs.org.documentId] });
  other = await createSite(app, { name: '另一个网站', organizations: [refs.org.documentId] });
  scoped = await createSite(app, { name: '只读财政局的网站', organizations: [refs.otherOrg.documentId] });
}, 120_000);
afterAll(async () => app?.stop());

const cache = () => app.strapi.plugin('disclosure').service('consumer-cache');

/** Runs `count` tasks, `width` at a time. */
async function pooled<T>(count: number, width: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < count) {
        const i = next++;
        results[i] = await task(i);
      }
    })
  );
  return results;
}

const daysAgo = (n: number) => toLegalDate(new Date(Date.now() - n * 86_400_000));

const expectRateLimited = (res: any) => {
  expect(res.status).toBe(429);
  const retryAfter = Number(res.headers['retry-after']);
  expect(Number.isInteger(retryAfter)).toBe(true);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(3600);
  expect(res.body.error).toMatchObject({ status: 429, details: { code: 'RATE_LIMITED', retryAfter } });
  expect(res.body.error.message).toMatch(/请求过于频繁/);
};

describe('hostile reads', () => {
  it('10,000 distinct valid list queries leave the response cache full but within its byte budget; past its budget the site gets 429 with Retry-After', async () => {
    expect(cache().usable()).toBe(true);
    // Every query is distinct (its own date range) and returns the whole list: three full entries.
    const statuses = await pooled(DISTINCT_QUERIES, 8, async (i) => {
      const res = await consumerGet(app, reader.token, '/policies', { from: daysAgo(i + 1), pageSize: 100 });
      if (res.status !== 200 || res.body.data.length !== 3) throw new Error(`query ${i}: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
      return res.status;
    });
    expect(statuses.filter((s) => s === 200)).toHaveLength(DISTINCT_QUERIES);

    const { entries, bytes, maxBytes } = cache().stats();
    expect(maxBytes).toBe(CACHE_MAX_BYTES);
    expect(bytes).toBeLessThanOrEqual(CACHE_MAX_BYTES);
    // It did fill up, and evicted: far fewer entries than queries, yet more than half the budget in use.
    expect(bytes).toBeGreaterThan(CACHE_MAX_BYTES / 2);
    expect(entries).toBeGreaterThan(1);
    expect(entries).toBeLessThan(DISTINCT_QUERIES);

    // The site's remaining budget runs out within the next few dozen requests, cached answers included.
    let refused: any = null;
    for (let i = 0; i < 60 && !refused; i++) {
      const res = await consumerGet(app, reader.token, '/policies', { from: daysAgo(1), pageSize: 100 });
      if (res.status === 429) refused = res;
      else expect(res.status).toBe(200);
    }
    expect(refused).not.toBeNull();
    expectRateLimited(refused);
    // The budget is the site's: another site reading from the same address is served.
    expect((await consumerGet(app, other.token, '/policies')).status).toBe(200);
    // And it is kept in the database, so a second instance draws on the same budget.
    const factory = require(path.join(__dirname, '..', '..', '..', 'dist', 'src', 'plugins', 'disclosure', 'server', 'src', 'services', 'rate-limit')).default;
    const secondInstance = factory({ strapi: app.strapi });
    await secondInstance.init();
    const site = await app.strapi.plugin('disclosure').service('consumer-sites').authenticate(`Bearer ${reader.token}`);
    expect((await secondInstance.consume('site', String(site.id))).retryAfter).toBeGreaterThanOrEqual(1);
  }, 480_000);

  it('refuses list pages deeper than the maximum depth with 400 PAGE_TOO_DEEP on page, pointing to filters and the feed', async () => {
    expect((await consumerGet(app, other.token, '/policies', { page: 10, pageSize: 100 })).status).toBe(200);
    for (const [route, query] of [
      ['/policies', { page: 11, pageSize: 100 }],
      ['/policies', { page: 51 }],
      ['/entries', { page: 1001, pageSize: 1 }],
      ['/entries', { page: 100_000, pageSize: 100, type: 'policies' }],
    ] as const) {
      const res = await consumerGet(app, other.token, route, query);
      expect(res.status).toBe(400);
      expect(res.body.error.details.code).toBe('PAGE_TOO_DEEP');
      expect(res.body.error.details.errors[0]).toMatchObject({ path: ['page'], code: 'PAGE_TOO_DEEP' });
      expect(res.body.error.message).toContain(String(LIST_MAX_DEPTH));
      expect(res.body.error.message).toContain('/feed');
    }
  });

  it('examines a bounded number of feed events per request, answering a cursor to continue; reading on still yields every event once', async () => {
    // The scoped site sees only the other organization's entries, recorded after many it must not see.
    for (let i = 0; i < 8; i++) {
      const hidden = await app.strapi.documents(ITEM).create({ data: payloads(refs)[ITEM](`数据局公开信息${i}`) });
      await release(app.strapi, ITEM, hidden.documentId);
    }
    const visible: string[] = [];
    for (const title of ['财政局公开信息一', '财政局公开信息二']) {
      const doc = await app.strapi.documents(ITEM).create({ data: { ...payloads(refs)[ITEM](title), publishingOrganization: refs.otherOrg.documentId } });
      await release(app.strapi, ITEM, doc.documentId);
      visible.push(doc.documentId);
    }
    const live = (after: number, upTo: number) =>
      app.strapi.db.connection('disclosure_feed_events').where('id', '>', after).andWhere('id', '<=', upTo).andWhere('superseded', false).count({ n: '*' }).first();
    expect(Number((await live(0, 2 ** 31 - 1)).n)).toBeGreaterThan(2 * FEED_MAX_SCAN);

    const first = await consumerGet(app, scoped.token, '/feed', { limit: 100 });
    expect(first.status).toBe(200);
    expect(first.body.data).toEqual([]);
    expect(first.body.meta.hasMore).toBe(true);

    const seen: string[] = [];
    let after = 0;
    let cursor: string | undefined;
    for (let page = 0; page < 100; page++) {
      const res = await consumerGet(app, scoped.token, '/feed', cursor ? { since: cursor, limit: 100 } : { limit: 100 });
      expect(res.status).toBe(200);
      const reached = decodeCursor(res.body.meta.cursor)!;
      expect(Number((await live(after, reached)).n)).toBeLessThanOrEqual(FEED_MAX_SCAN);
      seen.push(...res.body.data.map((e: any) => e.documentId));
      after = reached;
      cursor = res.body.meta.cursor;
      if (!res.body.meta.hasMore) break;
    }
    expect(seen).toEqual(visible);
    expect((await consumerGet(app, scoped.token, '/feed', { since: cursor })).body).toEqual({ data: [], meta: { cursor, hasMore: false } });
  });

  it('limits anonymous callers per address — API, docs and portal alike, bad tokens included, X-Forwarded-For ignored — while a valid token draws on its site', async () => {
    const anonymous = [
      () => app.http().get('/api/disclosure/openapi.json'),
      () => app.http().get('/portal/'),
      () => consumerGet(app, 'gks_not-a-real-token', '/policies'),
      () => app.http().get('/api/policies'),
    ];
    let refused: any = null;
    for (let i = 0; i < IP_POINTS + 5 && !refused; i++) {
      const res = await anonymous[i % anonymous.length]().set('X-Forwarded-For', `203.0.113.${i}`);
      if (res.status === 429) refused = res;
    }
    expect(refused).not.toBeNull();
    expectRateLimited(refused);
    for (const request of anonymous) expectRateLimited(await request());
    expect((await consumerGet(app, scoped.token, '/site')).status).toBe(200);
    expect((await app.http().get('/_health')).status).toBe(204);
  });
});
