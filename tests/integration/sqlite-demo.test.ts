import { demoPortalToken, seedDemo } from '../../src/seed';
import { consumerGet } from '../helpers/consumer';
import { startApp, TestApp } from '../helpers/strapi';

/**
 * The embedded default a newcomer tries first (npm run demo): SQLite, whose pool holds a single connection, so any
 * query that does not join the release's transaction would wait for it forever. The demo seed releases through the
 * workflow (feed, outbox, scheduled jobs) and the consumer API and portal token work on it.
 */
let app: TestApp;
let token: string;

beforeAll(async () => {
  app = await startApp({ client: 'sqlite' });
  await seedDemo(app.strapi, { withAdmin: false });
  token = (await demoPortalToken(app.strapi))!;
});
afterAll(async () => app?.stop());

describe('the demo on SQLite', () => {
  it('serves the seeded released content, search, details and the feed through the consumer API', async () => {
    const policies = await consumerGet(app, token, '/policies');
    expect(policies.status).toBe(200);
    expect(policies.body.data.map((p: any) => p.title)).toEqual(expect.arrayContaining([expect.stringContaining('充电基础设施专项规划')]));
    const plan = policies.body.data.find((p: any) => p.title.includes('充电基础设施专项规划'));
    expect(plan.interpretations.length).toBeGreaterThan(0);

    const search = await consumerGet(app, token, '/entries', { q: '充电' });
    expect(search.status).toBe(200);
    expect(search.body.data.length).toBeGreaterThan(0);
    const detail = await consumerGet(app, token, `/policies/by-slug/${plan.slug}`);
    expect(detail.status).toBe(200);
    expect(detail.body.data.documentId).toBe(plan.documentId);

    const feed = await consumerGet(app, token, '/feed', { limit: 500 });
    expect(feed.status).toBe(200);
    expect(feed.body.data.length).toBeGreaterThan(3);
    const dual = await consumerGet(app, token, '/dual-publicity-records', { pageSize: 100 });
    // The seeded penalty on a natural person (张某某) shows the name masked and nothing else that identifies them.
    // (Its 文书号 carries the year the seed dates the decision in.)
    const penalty = dual.body.data.find((r: any) => /^师市市监处罚〔\d{4}〕21号$/.test(r.decisionNumber));
    expect(penalty).toMatchObject({ subjectType: 'natural_person', subjectName: '张*某', legalRepresentative: null, unifiedSocialCreditCode: null });
    expect(penalty).not.toHaveProperty('idNumber');
    expect(JSON.stringify(penalty)).not.toContain('张某某');
  });

  it('withdraws an entry: 410 with a tombstone, and the feed says so', async () => {
    const item = (await consumerGet(app, token, '/disclosure-items', { pageSize: 1 })).body.data[0];
    await app.strapi.plugin('disclosure').service('workflow').transition({ uid: 'api::disclosure-item.disclosure-item', documentId: item.documentId, action: 'withdraw', reason: '演示撤回' }, 'system');
    const gone = await consumerGet(app, token, `/disclosure-items/${item.documentId}`);
    expect(gone.status).toBe(410);
    const feed = await consumerGet(app, token, '/feed', { limit: 500 });
    expect(feed.body.data.at(-1)).toMatchObject({ event: 'withdrawn', documentId: item.documentId });
  });
});
