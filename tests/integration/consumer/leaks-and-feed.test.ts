import http from 'http';
import { AddressInfo } from 'net';
import Ajv2020 from 'ajv/dist/2020';
import { createRefs, GOVERNED, payloads, Refs, release } from '../../helpers';
import { allowWebhookReceiver, consumerGet, createSite, Site, workflowOf } from '../../helpers/consumer';
import { startApp, TestApp } from '../../helpers/strapi';
import { openApiDocument } from '../../../src/plugins/disclosure/server/src/openapi';

/**
 * The leak suite: whatever must not be public — private fields, reviewer comments, workflow data, and every entry
 * that is unreleased, withdrawn, 不予公开 or outside the site's scope — is looked for in every list, detail, search,
 * the whole feed and every webhook payload. And the feed replayed from the start reproduces the catalogue.
 */
let app: TestApp;
let refs: Refs;
let site: Site;
let receiver: http.Server;
let disallowReceiver: (() => void) | undefined;
const received: { body: string }[] = [];

const POLICY = 'api::policy.policy';
const INTERPRETATION = 'api::interpretation.interpretation';
const DUAL = 'api::dual-publicity-record.dual-publicity-record';
const ITEM = 'api::disclosure-item.disclosure-item';

/** Strings that must never appear in anything the consumer side receives. */
const SECRETS = ['110101199003071234', '王某某', 'REVIEWER-COMMENT-7731', 'OVERRIDE-REASON-7731', 'approvals', 'submittedHash', 'approvedHash', 'stageIndex', 'idNumber', 'LEAK-'];
/** Personal data written into released entries' title, summary and keywords: shown masked, never found by search. */
const MOBILE = '13912345678';
const PERSON = '张三丰';
const GROUPED_MOBILE = '139-1234-5678';
SECRETS.push(MOBILE, GROUPED_MOBILE, PERSON, 'publicSearchText', 'zhang-san-feng');
/** Every substring of length ≥ 2: what a search oracle would try, digit by digit, the digits the mask shows included. */
const fragments = (secret: string) => {
  const chars = Array.from(secret);
  const out = new Set<string>();
  for (let i = 0; i < chars.length; i++) for (let j = i + 2; j <= chars.length; j++) out.add(chars.slice(i, j).join(''));
  return [...out];
};

const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
ajv.addSchema(openApiDocument() as any, 'openapi');
const conforms = (schema: string, data: unknown) => {
  const ok = ajv.validate({ $ref: `openapi#/components/schemas/${schema}` }, data);
  if (!ok) throw new Error(`${schema}: ${JSON.stringify(ajv.errors)} ${JSON.stringify(data).slice(0, 400)}`);
};

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      received.push({ body });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  disallowReceiver = allowWebhookReceiver((receiver.address() as AddressInfo).port);
  app = await startApp();
  refs = await createRefs(app.strapi);
  const other = await app.strapi.documents('api::disclosure-category.disclosure-category').create({ data: { name: '其他分类', code: 'qtfl-leak' } });
  (refs as any).otherCategory = other;
  site = await createSite(app, {
    organizations: [refs.org.documentId],
    categories: [refs.category.documentId, refs.reportCategory.documentId],
    webhookUrl: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`,
  });
});
afterAll(async () => {
  disallowReceiver?.();
  await app?.stop();
  receiver?.close();
});

const create = (uid: string, title: string, extra: Record<string, unknown> = {}) => app.strapi.documents(uid).create({ data: { ...payloads(refs)[uid](title), ...extra } });
const wf = () => workflowOf(app);

describe('leak suite', () => {
  const visible: { uid: string; plural: string; documentId: string }[] = [];
  const personal: { plural: string; documentId: string; secret: string }[] = [];

  beforeAll(async () => {
    // Released and in scope, carrying private data that must be masked or dropped.
    for (const { uid, plural } of GOVERNED) {
      const doc = await create(uid, `可见的${plural}`);
      await wf().transition({ uid, documentId: doc.documentId, action: 'submit' }, 'system');
      await wf().transition({ uid, documentId: doc.documentId, action: 'return', reason: 'REVIEWER-COMMENT-7731' }, 'system');
      await release(app.strapi, uid, doc.documentId);
      visible.push({ uid, plural, documentId: doc.documentId });
    }
    // Must never be seen: every state short of release, withdrawn, 不予公开, out of scope (organization and category).
    await create(POLICY, 'LEAK-草稿');
    const inReview = await create(POLICY, 'LEAK-审核中');
    await wf().transition({ uid: POLICY, documentId: inReview.documentId, action: 'submit' }, 'system');
    const approved = await create(ITEM, 'LEAK-待发布');
    await wf().transition({ uid: ITEM, documentId: approved.documentId, action: 'submit' }, 'system');
    for (let i = 0; i < wf().stagesFor(ITEM).length; i++) await wf().transition({ uid: ITEM, documentId: approved.documentId, action: 'approve' }, 'system');
    const withdrawn = await create(POLICY, 'LEAK-已撤回');
    await release(app.strapi, POLICY, withdrawn.documentId);
    await wf().transition({ uid: POLICY, documentId: withdrawn.documentId, action: 'withdraw', reason: '撤回' }, 'system');
    await create(ITEM, 'LEAK-不予公开', { disclosureAttribute: 'exempt', exemptionReason: 'process_information' });
    const otherOrg = await create(ITEM, 'LEAK-其他机构', { publishingOrganization: refs.otherOrg.documentId });
    await release(app.strapi, ITEM, otherOrg.documentId);
    // An interpretation of an in-scope policy, published by an out-of-scope organization: not even its title shows.
    const foreignInterpretation = await create(INTERPRETATION, 'LEAK-其他机构的解读', { publishingOrganization: refs.otherOrg.documentId });
    await release(app.strapi, INTERPRETATION, foreignInterpretation.documentId);
    const otherCategory = await create(ITEM, 'LEAK-其他分类', { category: (refs as any).otherCategory.documentId });
    await release(app.strapi, ITEM, otherCategory.documentId);
    // A correction in progress: its new text must not show while the released version does.
    const corrected = await create(ITEM, '更正中的信息');
    await release(app.strapi, ITEM, corrected.documentId);
    await wf().transition({ uid: ITEM, documentId: corrected.documentId, action: 'correct', reason: '更正错误内容' }, 'system');
    await app.strapi.documents(ITEM).update({ documentId: corrected.documentId, data: { body: 'LEAK-未发布的更正正文' } });
    // A release-check override reason is internal too.
    const overridden = await create(ITEM, '放行的信息', { body: '联系电话 13912345678' });
    await wf().transition({ uid: ITEM, documentId: overridden.documentId, action: 'submit', overrideReason: 'OVERRIDE-REASON-7731' }, 'system');
    for (let i = 0; i < wf().stagesFor(ITEM).length; i++) await wf().transition({ uid: ITEM, documentId: overridden.documentId, action: 'approve' }, 'system');
    await wf().transition({ uid: ITEM, documentId: overridden.documentId, action: 'release', overrideReason: 'OVERRIDE-REASON-7731' }, 'system');
    // Personal data in the catalogue text of released, in-scope entries (a reviewer let the mobile number through).
    const overrideRelease = async (uid: string, documentId: string) => {
      await wf().transition({ uid, documentId, action: 'submit', overrideReason: '经审核同意公开' }, 'system');
      for (let i = 0; i < wf().stagesFor(uid).length; i++) await wf().transition({ uid, documentId, action: 'approve' }, 'system');
      await wf().transition({ uid, documentId, action: 'release', overrideReason: '经审核同意公开' }, 'system');
    };
    const withMobile = { summary: `咨询电话${MOBILE}`, keywords: `热线 ${MOBILE} 或 ${GROUPED_MOBILE}` };
    const mobilePolicy = await create(POLICY, `联系人手机${MOBILE}的政策`, withMobile);
    await overrideRelease(POLICY, mobilePolicy.documentId);
    const mobileInterpretation = await create(INTERPRETATION, `手机${MOBILE}政策的解读`, { ...withMobile, policy: mobilePolicy.documentId });
    await overrideRelease(INTERPRETATION, mobileInterpretation.documentId);
    const personRecord = await create(DUAL, `${PERSON}占道经营行政处罚决定`, {
      subjectName: PERSON,
      summary: `对${PERSON}作出罚款决定`,
      keywords: `${PERSON} 占道经营`,
      matterName: `${PERSON}占道经营`,
      decisionContent: `当事人${PERSON}占道经营，责令${PERSON}改正`,
    });
    await release(app.strapi, DUAL, personRecord.documentId);
    personal.push(
      { plural: 'policies', documentId: mobilePolicy.documentId, secret: MOBILE },
      { plural: 'interpretations', documentId: mobileInterpretation.documentId, secret: MOBILE },
      { plural: 'dual-publicity-records', documentId: personRecord.documentId, secret: PERSON }
    );
    await app.strapi.plugin('disclosure').service('webhooks').tick();
  });

  const noSecrets = (label: string, body: unknown) => {
    const text = JSON.stringify(body);
    for (const secret of SECRETS) if (text.includes(secret)) throw new Error(`${label} leaks "${secret}": ${text.slice(0, 300)}`);
  };

  it('lists, searches and details show only what is released, in scope and public, in the documented shape', async () => {
    const pascal = (t: string) => t.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase());
    for (const { plural } of GOVERNED) {
      const list = await consumerGet(app, site.token, `/${plural}`, { pageSize: 100 });
      expect(list.status).toBe(200);
      noSecrets(`list ${plural}`, list.body);
      for (const item of list.body.data) conforms(`${pascal(plural)}Item`, item);
      for (const item of list.body.data) {
        for (const path of [`/${plural}/${item.documentId}`, `/${plural}/by-slug/${item.slug}`, `/${plural}/by-index-number/${encodeURIComponent(item.indexNumber)}`]) {
          const detail = await consumerGet(app, site.token, path);
          expect(detail.status).toBe(200);
          noSecrets(`detail ${path}`, detail.body);
          conforms(`${pascal(plural)}Detail`, detail.body.data);
        }
      }
    }
    for (const q of ['LEAK', '未发布的更正', '审核中', '草稿', '撤回', '不予公开', '其他机构', '其他分类', '王某某', '1101011990']) {
      const search = await consumerGet(app, site.token, '/entries', { q, pageSize: 100 });
      expect(search.status).toBe(200);
      expect(search.body.data).toEqual([]);
    }
    const all = await consumerGet(app, site.token, '/entries', { pageSize: 100 });
    noSecrets('entries', all.body);
    for (const item of all.body.data) conforms('EntrySummary', item);
    expect(all.body.data.map((e: any) => e.documentId)).toEqual(expect.arrayContaining(visible.map((v) => v.documentId)));
    const masked = (await consumerGet(app, site.token, `/dual-publicity-records/${visible[2].documentId}`)).body.data;
    expect(masked.subjectName).toBe('王*某');
    const overridden = all.body.data.find((e: any) => e.title === '放行的信息');
    const detail = await consumerGet(app, site.token, `/disclosure-items/${overridden.documentId}`);
    expect(detail.body.data.body).toBe('联系电话 139****5678');
  });

  it('never finds a masked mobile number or a natural person’s name by any fragment of it, nor shows it anywhere', async () => {
    for (const { plural, documentId, secret } of personal) {
      const shown = (await consumerGet(app, site.token, `/${plural}/${documentId}`)).body.data;
      expect(shown.title).toContain(secret === MOBILE ? '139****5678' : '张*丰');
      noSecrets(`detail ${plural}`, shown);
      // The entry's other searchable public text holds digits too (索引号, 文号): there it may be found, nowhere else.
      const elsewhere = [shown.indexNumber, shown.documentNumber].filter(Boolean).join('\n');
      for (const q of fragments(secret)) {
        for (const path of ['/entries', `/${plural}`]) {
          const res = await consumerGet(app, site.token, path, { q, pageSize: 100 });
          expect(res.status).toBe(200);
          noSecrets(`search ${path}?q=${q}`, res.body);
          const found = res.body.data.some((e: any) => e.documentId === documentId);
          if (found !== elsewhere.includes(q)) throw new Error(`${path}?q=${q} ${found ? 'finds' : 'misses'} ${plural}/${documentId}`);
        }
      }
    }
    // The cross-references carry the other entry's title masked too.
    const policy = (await consumerGet(app, site.token, `/policies/${personal[0].documentId}`)).body.data;
    expect(policy.interpretations.map((i: any) => i.title)).toEqual(['手机139****5678政策的解读']);
    const interpretation = (await consumerGet(app, site.token, `/interpretations/${personal[1].documentId}`)).body.data;
    expect(interpretation.policy.title).toBe('联系人手机139****5678的政策');
    const record = (await consumerGet(app, site.token, `/dual-publicity-records/${personal[2].documentId}`)).body.data;
    expect(record).toMatchObject({ title: '张*丰占道经营行政处罚决定', summary: '对张*丰作出罚款决定', matterName: '张*丰占道经营', decisionContent: '当事人张*丰占道经营，责令张*丰改正' });
  });

  it('the feed and every webhook payload carry nothing that must not be public', async () => {
    const feed = await consumerGet(app, site.token, '/feed', { limit: 500 });
    expect(feed.status).toBe(200);
    noSecrets('feed', feed.body);
    conforms('FeedPage', feed.body);
    // The withdrawn policy may appear as a tombstone only after its release event — which, being in scope, did go
    // out; everything it carried then was public. What matters: nothing out of scope or unreleased is there at all.
    expect(received.length).toBeGreaterThan(0);
    for (const { body } of received) {
      noSecrets('webhook', JSON.parse(body));
      conforms('FeedEvent', JSON.parse(body));
    }
  });
});

describe('change feed', () => {
  it('replayed from the start in small pages, reproduces the catalogue exactly, withdrawals included', async () => {
    // More history: a correction, a withdrawal and re-release, an interpretation, an expiry.
    const policy = await create(POLICY, '将被更正的政策');
    await release(app.strapi, POLICY, policy.documentId);
    await wf().transition({ uid: POLICY, documentId: policy.documentId, action: 'correct', reason: '更正错误内容' }, 'system');
    await app.strapi.documents(POLICY).update({ documentId: policy.documentId, data: { title: '更正后的政策' } });
    await release(app.strapi, POLICY, policy.documentId);
    const interpretation = await create(INTERPRETATION, '更正后政策的解读', { policy: policy.documentId });
    await release(app.strapi, INTERPRETATION, interpretation.documentId);
    const back = await create(ITEM, '撤回后重新发布');
    await release(app.strapi, ITEM, back.documentId);
    await wf().transition({ uid: ITEM, documentId: back.documentId, action: 'withdraw', reason: '暂时撤回' }, 'system');
    await wf().transition({ uid: ITEM, documentId: back.documentId, action: 'correct', reason: '更正错误内容' }, 'system');
    await release(app.strapi, ITEM, back.documentId);
    await wf().expire(POLICY, refs.policy.documentId, '有效期届满');
    const gone = await create(DUAL, '最终撤下的许可', { kind: 'administrative_license' });
    await release(app.strapi, DUAL, gone.documentId);
    await wf().transition({ uid: DUAL, documentId: gone.documentId, action: 'withdraw', reason: '信用修复', creditRepair: true }, 'system');

    const mirror = new Map<string, any>();
    let cursor: string | undefined;
    let pages = 0;
    const seen: string[] = [];
    for (;;) {
      const page = await consumerGet(app, site.token, '/feed', cursor ? { since: cursor, limit: 3 } : { limit: 3 });
      expect(page.status).toBe(200);
      for (const event of page.body.data) {
        seen.push(event.cursor);
        const key = `${event.type}/${event.documentId}`;
        if (event.event === 'withdrawn') mirror.delete(key);
        else mirror.set(key, event.entry);
      }
      cursor = page.body.meta.cursor;
      pages += 1;
      if (!page.body.meta.hasMore) break;
    }
    expect(pages).toBeGreaterThan(3);
    expect(new Set(seen).size).toBe(seen.length);

    const catalogue = new Map<string, any>();
    for (const { plural } of GOVERNED) {
      const list = await consumerGet(app, site.token, `/${plural}`, { pageSize: 100 });
      for (const item of list.body.data) catalogue.set(`${plural}/${item.documentId}`, (await consumerGet(app, site.token, `/${plural}/${item.documentId}`)).body.data);
    }
    expect([...mirror.keys()].sort()).toEqual([...catalogue.keys()].sort());
    for (const [key, entry] of catalogue) expect(mirror.get(key)).toEqual(entry);
    expect(mirror.get(`policies/${policy.documentId}`).title).toBe('更正后的政策');
    expect(mirror.get(`policies/${policy.documentId}`).interpretations.map((i: any) => i.documentId)).toEqual([interpretation.documentId]);
    expect(mirror.get(`policies/${refs.policy.documentId}`).validity).toBe('expired');
    expect(mirror.has(`dual-publicity-records/${gone.documentId}`)).toBe(false);
    expect(mirror.has(`disclosure-items/${back.documentId}`)).toBe(true);

    const empty = await consumerGet(app, site.token, '/feed', { since: cursor });
    expect(empty.body).toEqual({ data: [], meta: { cursor, hasMore: false } });
  });

  it('turns an entry moved out of the site’s scope by a correction into a withdrawal for that site', async () => {
    const doc = await create(ITEM, '将转到其他机构的信息');
    await release(app.strapi, ITEM, doc.documentId);
    const before = (await consumerGet(app, site.token, '/feed', { limit: 500 })).body.meta.cursor;
    await wf().transition({ uid: ITEM, documentId: doc.documentId, action: 'correct', reason: '更正错误内容' }, 'system');
    await app.strapi.documents(ITEM).update({ documentId: doc.documentId, data: { publishingOrganization: refs.otherOrg.documentId } });
    await release(app.strapi, ITEM, doc.documentId);
    const after = await consumerGet(app, site.token, '/feed', { since: before });
    expect(after.body.data).toEqual([expect.objectContaining({ event: 'withdrawn', documentId: doc.documentId, entry: null, tombstone: expect.objectContaining({ documentId: doc.documentId }) })]);
    expect((await consumerGet(app, site.token, `/disclosure-items/${doc.documentId}`)).status).toBe(404);
  });

  it('writes feed events and webhook deliveries only with the transaction that releases: a rollback leaves neither', async () => {
    const count = async (table: string) => Number((await app.strapi.db.connection(table).count({ n: '*' }).first()).n);
    const [events, deliveries] = [await count('disclosure_feed_events'), await count('disclosure_webhook_deliveries')];
    const doc = await create(ITEM, '发布后回滚的信息');
    await wf().transition({ uid: ITEM, documentId: doc.documentId, action: 'submit' }, 'system');
    for (let i = 0; i < wf().stagesFor(ITEM).length; i++) await wf().transition({ uid: ITEM, documentId: doc.documentId, action: 'approve' }, 'system');
    await expect(
      app.strapi.db.transaction(async () => {
        await wf().transition({ uid: ITEM, documentId: doc.documentId, action: 'release', reason: '回滚测试' }, 'system');
        throw new Error('something after the release failed');
      })
    ).rejects.toThrow('something after the release failed');
    expect(await count('disclosure_feed_events')).toBe(events);
    expect(await count('disclosure_webhook_deliveries')).toBe(deliveries);
    expect((await consumerGet(app, site.token, `/disclosure-items/${doc.documentId}`)).status).toBe(404);
    await wf().transition({ uid: ITEM, documentId: doc.documentId, action: 'release', reason: '正式发布' }, 'system');
    expect(await count('disclosure_feed_events')).toBe(events + 1);
    expect(await count('disclosure_webhook_deliveries')).toBe(deliveries + 1);
  });

  it('refuses a malformed cursor and a limit outside 1–500', async () => {
    for (const [query, code] of [
      [{ since: 'garbage' }, 'INVALID_CURSOR'],
      [{ since: 'c1.!!' }, 'INVALID_CURSOR'],
      [{ limit: 0 }, 'OUT_OF_RANGE'],
      [{ limit: 10000 }, 'OUT_OF_RANGE'],
      [{ cursor: 'c1.1' }, 'UNKNOWN_PARAMETER'],
    ] as const) {
      const res = await consumerGet(app, site.token, '/feed', query);
      expect(res.status).toBe(400);
      expect(res.body.error.details.code).toBe(code);
    }
  });
});
