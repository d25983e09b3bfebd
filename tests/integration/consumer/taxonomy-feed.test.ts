import http from 'http';
import type { AddressInfo } from 'net';
import Ajv2020 from 'ajv/dist/2020';
import { createRefs, Refs } from '../../helpers';
import { allowWebhookReceiver, consumerGet, createSite, Site } from '../../helpers/consumer';
import { startApp, TestApp } from '../../helpers/strapi';
import { decodeCursor } from '../../../src/plugins/disclosure/server/src/domain/consumer/feed-cursor';
import { verify } from '../../../src/plugins/disclosure/server/src/domain/consumer/webhook-signature';
import { openApiDocument } from '../../../src/plugins/disclosure/server/src/openapi';
import { emptyTaxonomy, GongkaiClient, isTaxonomyEvent } from '../../../types/consumer-api/client';

/**
 * Organizations, categories and topics created, renamed, moved and deleted reach consumer sites as taxonomy events:
 * in the feed (include=taxonomy) in commit order, by webhook to sites that asked for them, and a replay gives the
 * lists the site reads.
 */
const ORG = 'api::organization.organization';
const CATEGORY = 'api::disclosure-category.disclosure-category';
const TOPIC = 'api::topic.topic';
const SITE = 'plugin::disclosure.consumer-site';

let app: TestApp;
let refs: Refs;
let root: { documentId: string };
/** Reads organizations under `root`, takes taxonomy webhooks. */
let site: Site;
/** The feed's end when `site` started taking taxonomy webhooks. */
let subscribedAt: string;
/** Reads `refs.otherOrg`, has a webhook but did not ask for taxonomy events. */
let other: Site;
let receiver: http.Server;
let disallowReceiver: (() => void) | undefined;
const received: { path: string; body: string; signature: string; key: string; event: string }[] = [];
const webhooks = () => app.strapi.plugin('disclosure').service('webhooks');

const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
ajv.addSchema(openApiDocument() as any, 'openapi');
const conforms = (schema: string, data: unknown) => {
  const ok = ajv.validate({ $ref: `openapi#/components/schemas/${schema}` }, data);
  if (!ok) throw new Error(`${schema}: ${JSON.stringify(ajv.errors)} ${JSON.stringify(data).slice(0, 400)}`);
};

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;
const orgCode = () => `X${unique().toUpperCase()}`.slice(0, 18).padEnd(10, '0');
const docs = (uid: string) => app.strapi.documents(uid as any);

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      received.push({ path: String(req.url), body, signature: String(req.headers['x-gongkai-signature']), key: String(req.headers['idempotency-key']), event: String(req.headers['x-gongkai-event']) });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const port = (receiver.address() as AddressInfo).port;
  disallowReceiver = allowWebhookReceiver(port);
  app = await startApp();
  refs = await createRefs(app.strapi);
  root = await docs(ORG).create({ data: { name: '测试市人民政府', code: orgCode(), kind: 'people_government' } });
  site = await createSite(app, { name: '市政府网站', organizations: [root.documentId], webhookUrl: `http://127.0.0.1:${port}/site` });
  await docs(SITE).update({ documentId: site.documentId, data: { taxonomyEvents: true } });
  subscribedAt = (await readAll(site.token)).cursor;
  other = await createSite(app, { name: '财政局网站', organizations: [refs.otherOrg.documentId], webhookUrl: `http://127.0.0.1:${port}/other` });
});
afterAll(async () => {
  disallowReceiver?.();
  await app?.stop();
  receiver?.close();
});

/** Everything after `since` (the end of the feed: undefined), as the site reads it. */
async function readAll(token: string, since?: string, taxonomy = true) {
  const events: any[] = [];
  let cursor = since;
  for (;;) {
    const res = await consumerGet(app, token, '/feed', { ...(cursor ? { since: cursor } : {}), limit: 500, ...(taxonomy ? { include: 'taxonomy' } : {}) });
    expect(res.status).toBe(200);
    events.push(...res.body.data);
    cursor = res.body.meta.cursor;
    if (!res.body.meta.hasMore) return { events, cursor: cursor as string };
  }
}

/** A site polling its feed: what each change added. */
function poller(token: string) {
  let cursor: string | undefined;
  return {
    async start() {
      cursor = (await readAll(token)).cursor;
      return cursor;
    },
    async next() {
      const page = await readAll(token, cursor);
      cursor = page.cursor;
      return page.events;
    },
  };
}

/** Per taxonomy: two parents and a node created under the first, renamed, moved to the second, deleted. */
const cases = [
  {
    taxonomy: 'organizations',
    uid: ORG,
    list: '/organizations',
    data: (name: string, parent: string | null) => ({ name, code: orgCode(), kind: 'work_department', parent }),
    parentOf: () => root.documentId,
  },
  { taxonomy: 'categories', uid: CATEGORY, list: '/categories', data: (name: string, parent: string | null) => ({ name, code: `c-${unique()}`, parent }), parentOf: () => null },
  { taxonomy: 'topics', uid: TOPIC, list: '/topics', data: (name: string, parent: string | null) => ({ name, code: `t-${unique()}`, parent }), parentOf: () => null },
] as const;

describe('taxonomy events', () => {
  const deleted: Record<string, string> = {};

  it.each(cases)('$taxonomy: created, renamed, moved and deleted — each in the feed, in order, with the public representation', async ({ taxonomy, uid, list, data, parentOf }) => {
    const feed = poller(site.token);
    const start = await feed.start();
    const first = await docs(uid).create({ data: data('第一上级', parentOf()) });
    const second = await docs(uid).create({ data: data('第二上级', parentOf()) });
    expect((await feed.next()).map((e) => [e.event, e.documentId])).toEqual([
      ['taxonomy.created', first.documentId],
      ['taxonomy.created', second.documentId],
    ]);

    const node = await docs(uid).create({ data: data('原名称', first.documentId) });
    const [created] = await feed.next();
    expect(created).toEqual({
      cursor: expect.any(String),
      event: 'taxonomy.created',
      taxonomy,
      documentId: node.documentId,
      occurredAt: expect.any(String),
      item: expect.objectContaining({ documentId: node.documentId, name: '原名称', parent: first.documentId }),
      changes: [],
    });
    // The item is what the list shows.
    const listed = (await consumerGet(app, site.token, list)).body.data.find((i: any) => i.documentId === node.documentId);
    expect(created.item).toEqual(listed);

    await docs(uid).update({ documentId: node.documentId, data: { name: '新名称' } });
    const renamed = await feed.next();
    expect(renamed).toEqual([expect.objectContaining({ event: 'taxonomy.updated', taxonomy, documentId: node.documentId, changes: ['name'], item: { ...listed, name: '新名称' } })]);

    await docs(uid).update({ documentId: node.documentId, data: { parent: second.documentId } });
    const moved = await feed.next();
    expect(moved).toEqual([expect.objectContaining({ event: 'taxonomy.updated', documentId: node.documentId, changes: ['parent'], item: { ...listed, name: '新名称', parent: second.documentId } })]);

    // A save that changes nothing a consumer sees is no event.
    await docs(uid).update({ documentId: node.documentId, data: { name: '新名称' } });
    expect(await feed.next()).toEqual([]);

    await docs(uid).delete({ documentId: node.documentId });
    const gone = await feed.next();
    expect(gone).toEqual([{ cursor: expect.any(String), event: 'taxonomy.deleted', taxonomy, documentId: node.documentId, occurredAt: expect.any(String), item: null, changes: [] }]);
    deleted[taxonomy] = node.documentId;

    // Commit order, every event conforming to the published schema.
    const all = [created, ...renamed, ...moved, ...gone];
    const ids = all.map((e) => decodeCursor(e.cursor)!);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(ids.length);
    for (const event of all) conforms('TaxonomyEvent', event);

    // Read later from the same point: the deletion superseded the node's earlier events; the parents remain.
    const replay = (await readAll(site.token, start)).events;
    expect(replay.map((e) => [e.event, e.documentId])).toEqual([
      ['taxonomy.created', first.documentId],
      ['taxonomy.created', second.documentId],
      ['taxonomy.deleted', node.documentId],
    ]);
    conforms('FeedPage', { data: replay, meta: { cursor: 'c1.1', hasMore: false } });
    // Without include=taxonomy the feed is what it always was: nothing of this, and the cursor moves past it.
    const plain = await readAll(site.token, start, false);
    expect(plain.events).toEqual([]);
    expect(plain.cursor).toBe((await readAll(site.token, start)).cursor);
  });

  it('deleting a node tells its children they moved; a site that saw them through it reads them as deleted', async () => {
    const parent = await docs(ORG).create({ data: { name: '将撤销的机构', code: orgCode(), kind: 'work_department', parent: root.documentId } });
    const child = await docs(ORG).create({ data: { name: '其下属单位', code: orgCode(), kind: 'other', parent: parent.documentId } });
    const feed = poller(site.token);
    await feed.start();
    await docs(ORG).delete({ documentId: parent.documentId });
    expect((await feed.next()).map((e) => [e.event, e.documentId, e.item])).toEqual([
      ['taxonomy.deleted', parent.documentId, null],
      ['taxonomy.deleted', child.documentId, null],
    ]);
    // In the database the child is now a root: a site reading every organization below it would see it as moved.
    const row = await app.strapi.db.connection('disclosure_feed_events').where({ target_document_id: child.documentId }).orderBy('id', 'desc').first();
    expect(row.event).toBe('taxonomy.updated');
    const stored = typeof row.entry === 'string' ? JSON.parse(row.entry) : row.entry;
    expect(stored).toEqual({ item: expect.objectContaining({ documentId: child.documentId, parent: null }), changes: ['parent'] });
  });

  it('an organization moved out of a site’s scope reads as deleted there and as moved in for the site it joined', async () => {
    const mine = poller(site.token);
    const theirs = poller(other.token);
    const node = await docs(ORG).create({ data: { name: '将划转的单位', code: orgCode(), kind: 'other', parent: root.documentId } });
    await mine.start();
    await theirs.start();
    await docs(ORG).update({ documentId: node.documentId, data: { parent: refs.otherOrg.documentId } });
    expect(await mine.next()).toEqual([expect.objectContaining({ event: 'taxonomy.deleted', documentId: node.documentId, item: null, changes: [] })]);
    expect(await theirs.next()).toEqual([expect.objectContaining({ event: 'taxonomy.updated', documentId: node.documentId, changes: ['parent'], item: expect.objectContaining({ parent: refs.otherOrg.documentId }) })]);
    // Out of scope from the start: an organization created elsewhere is not in this site's feed at all.
    await docs(ORG).create({ data: { name: '无关机构', code: orgCode(), kind: 'other' } });
    expect(await mine.next()).toEqual([]);
  });

  it('a site that asked for taxonomy events gets each one it can see by webhook, signed; a site that did not gets none', async () => {
    while ((await webhooks().tick()) > 0);
    const mine = received.filter((r) => r.path === '/site');
    expect(received.filter((r) => r.path === '/other')).toEqual([]);
    // Every event the site's feed shows since it subscribed, each delivered once — and events superseded before
    // they went out (a node deleted before delivery) skipped, the deletion sent.
    const { events } = await readAll(site.token, subscribedAt);
    expect(events.length).toBeGreaterThan(10);
    const keys = new Set(mine.map((r) => r.key));
    expect(keys.size).toBe(mine.length);
    for (const event of events.filter((e) => isTaxonomyEvent(e))) expect(keys).toContain(`${event.cursor}:${site.documentId}`);
    for (const taxonomy of ['organizations', 'categories', 'topics']) {
      expect(mine.map((r) => JSON.parse(r.body))).toContainEqual(expect.objectContaining({ event: 'taxonomy.deleted', taxonomy, documentId: deleted[taxonomy] }));
    }
    const now = Math.floor(Date.now() / 1000);
    for (const delivery of mine) {
      expect(verify(site.secret!, delivery.body, delivery.signature, now).ok).toBe(true);
      const body = JSON.parse(delivery.body);
      expect(delivery.event).toBe(body.event);
      expect(delivery.event).toMatch(/^taxonomy\./);
      conforms('TaxonomyEvent', body);
    }
  });

  it('replaying the feed with the SDK yields the site’s organizations, categories and topics exactly', async () => {
    await new Promise<void>((resolve) => app.strapi.server.httpServer.listen(0, '127.0.0.1', resolve));
    const client = new GongkaiClient({ baseUrl: `http://127.0.0.1:${(app.strapi.server.httpServer.address() as AddressInfo).port}`, token: site.token });
    const { taxonomy, cursor } = await client.replayTaxonomy();
    const byId = (items: { documentId: string }[]) => new Map(items.map((i) => [i.documentId, i]));
    expect(taxonomy.organizations).toEqual(byId((await client.organizations()).data));
    expect(taxonomy.categories).toEqual(byId((await client.categories()).data));
    expect(taxonomy.topics).toEqual(byId((await client.topics()).data));
    expect(taxonomy.organizations.size).toBeGreaterThan(1);

    // replayFeed with a state applies taxonomy events as it yields them; without options it yields entry events only.
    const state = emptyTaxonomy();
    const seen: string[] = [];
    for await (const event of client.replayFeed(undefined, 7, { taxonomy: state, onTaxonomy: (e) => seen.push(e.event) })) expect(event.cursor).toEqual(expect.any(String));
    expect(state).toEqual(taxonomy);
    expect(seen.length).toBeGreaterThan(5);
    for await (const event of client.replayFeed(undefined, 50)) expect(isTaxonomyEvent(event)).toBe(false);

    // Continuing from the cursor: a later rename arrives and updates the state in place.
    const topic = (await client.topics()).data[0];
    await docs(TOPIC).update({ documentId: topic.documentId, data: { name: `${topic.name}（调整）` } });
    const next = await client.replayTaxonomy(cursor, taxonomy);
    expect(next.taxonomy.topics.get(topic.documentId)?.name).toBe(`${topic.name}（调整）`);
  });
});
