import { createRefs, payloads, Refs } from '../../helpers';
import { consumerGet, createSite, Site, workflowOf } from '../../helpers/consumer';
import { startApp, TestApp } from '../../helpers/strapi';

/**
 * A consumer site mirrors the catalogue by polling the feed with the cursor it last saw. That is only safe if an
 * event never becomes visible behind a cursor already handed out: feed ids must be assigned in commit order. The
 * releases here run in parallel while a reader polls; the reader must end up with exactly the events a replay from
 * the start shows, in the same order, each release once.
 */
let app: TestApp;
let refs: Refs;
let site: Site;

const ITEM = 'api::disclosure-item.disclosure-item';
const PARALLEL = 20;

beforeAll(async () => {
  app = await startApp();
  refs = await createRefs(app.strapi);
  site = await createSite(app, { organizations: [refs.org.documentId] });
});
afterAll(async () => app?.stop());

async function approvedItem(title: string) {
  const workflow = workflowOf(app);
  const doc = await app.strapi.documents(ITEM).create({ data: payloads(refs)[ITEM](title) });
  await workflow.transition({ uid: ITEM, documentId: doc.documentId, action: 'submit' }, 'system');
  for (let i = 0; i < workflow.stagesFor(ITEM).length; i += 1) await workflow.transition({ uid: ITEM, documentId: doc.documentId, action: 'approve' }, 'system');
  return doc.documentId as string;
}

async function readSince(cursor: string | undefined) {
  const res = await consumerGet(app, site.token, '/feed', cursor ? { since: cursor, limit: 100 } : { limit: 100 });
  expect(res.status).toBe(200);
  return res.body as { data: { cursor: string; event: string; documentId: string }[]; meta: { cursor: string; hasMore: boolean } };
}

describe('the feed under parallel releases', () => {
  it('replays in commit order: a reader polling during the releases misses nothing and sees each release once', async () => {
    const ids: string[] = [];
    for (let i = 0; i < PARALLEL; i += 1) ids.push(await approvedItem(`并发发布 ${i + 1}`));
    const start = (await readSince(undefined)).meta.cursor;

    // The reader polls as a consumer site would, from the cursor it last saw, while the releases run.
    const polled: string[] = [];
    let cursor = start;
    let releasing = true;
    const reader = (async () => {
      for (;;) {
        const done = !releasing;
        const page = await readSince(cursor);
        polled.push(...page.data.map((e) => e.cursor));
        cursor = page.meta.cursor;
        if (done && !page.meta.hasMore) return;
      }
    })();
    const outcomes = await Promise.all(ids.map((documentId) => workflowOf(app).transition({ uid: ITEM, documentId, action: 'release', reason: '并发发布' }, 'system')));
    releasing = false;
    await reader;
    expect(outcomes).toHaveLength(PARALLEL);

    const replay = await readSince(start);
    expect(replay.meta.hasMore).toBe(false);
    expect(replay.data.map((e) => e.event)).toEqual(Array(PARALLEL).fill('released'));
    expect(replay.data.map((e) => e.documentId).sort()).toEqual([...ids].sort());
    // Ids strictly increasing in the order the database committed them, and the reader saw exactly that sequence.
    const rows = await app.strapi.db.connection('disclosure_feed_events').whereIn('target_document_id', ids).orderBy('id').select('id', 'target_document_id');
    expect(rows.map((r: any) => r.target_document_id)).toEqual(replay.data.map((e) => e.documentId));
    expect(polled).toEqual(replay.data.map((e) => e.cursor));
  });
});
