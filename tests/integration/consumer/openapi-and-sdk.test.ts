import { execFileSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import type { AddressInfo } from 'net';
import Ajv2020 from 'ajv/dist/2020';
import { createRefs, payloads, Refs, release } from '../../helpers';
import { createSite, Site, workflowOf } from '../../helpers/consumer';
import { startApp, TestApp } from '../../helpers/strapi';
import { GongkaiApiError, GongkaiClient } from '../../../types/consumer-api/client';

/** The OpenAPI document is served, the SDK's generated types match it, and the SDK works against a live server. */
let app: TestApp;
let refs: Refs;
let site: Site;
let client: GongkaiClient;
let origin: string;

const SDK_DIR = path.join(__dirname, '../../../types/consumer-api');

beforeAll(async () => {
  app = await startApp();
  refs = await createRefs(app.strapi);
  site = await createSite(app, { organizations: [refs.org.documentId] });
  await new Promise<void>((resolve) => app.strapi.server.httpServer.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(app.strapi.server.httpServer.address() as AddressInfo).port}`;
  client = new GongkaiClient({ baseUrl: origin, token: site.token });
});
afterAll(async () => app?.stop());

describe('OpenAPI document', () => {
  it('is served as OpenAPI 3.1 without a token, with a docs page, and is a valid JSON-schema container', async () => {
    const res = await app.http().get('/api/disclosure/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/feed', '/entries', '/policies', '/policies/{key}', '/policies/by-slug/{key}', '/policies/by-index-number/{key}']));
    const ajv = new Ajv2020({ strict: false, validateFormats: false });
    ajv.addSchema(res.body, 'doc');
    for (const name of Object.keys(res.body.components.schemas)) expect(ajv.getSchema(`doc#/components/schemas/${name}`)).toBeDefined();
    const docs = await app.http().get('/api/disclosure/docs');
    expect(docs.status).toBe(200);
    expect(docs.headers['content-type']).toMatch(/text\/html/);
    expect(docs.text).toContain('openapi.json');
    expect(docs.text).toContain('/api/disclosure/feed');
    expect(docs.text).not.toContain('<script');
  });

  it('is the document the SDK was generated from, and its generated types are current', async () => {
    const served = (await app.http().get('/api/disclosure/openapi.json')).body;
    expect(JSON.parse(fs.readFileSync(path.join(SDK_DIR, 'openapi.json'), 'utf8'))).toEqual(served);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-sdk-'));
    fs.writeFileSync(path.join(dir, 'openapi.json'), `${JSON.stringify(served, null, 2)}\n`);
    execFileSync(path.join(__dirname, '../../../node_modules/.bin/openapi-typescript'), ['openapi.json', '-o', 'schema.d.ts'], { cwd: dir, stdio: 'pipe' });
    expect(fs.readFileSync(path.join(dir, 'schema.d.ts'), 'utf8')).toBe(fs.readFileSync(path.join(SDK_DIR, 'schema.d.ts'), 'utf8'));
  });
});

describe('typed SDK against the running server', () => {
  it('lists, finds by documentId, slug and 索引号, searches and reads the site', async () => {
    const doc = await app.strapi.documents('api::policy.policy').create({ data: payloads(refs)['api::policy.policy']('SDK 读取的政策') });
    await release(app.strapi, 'api::policy.policy', doc.documentId);
    const page = await client.list('policies', { pageSize: 10, validity: 'valid' });
    expect(page.data.map((p) => p.title)).toContain('SDK 读取的政策');
    const policy = await client.entry('policies', doc.documentId);
    expect(policy.documentNumber).toBe('测试发〔2025〕1号');
    expect(await client.entryBySlug('policies', policy.slug!)).toEqual(policy);
    expect(await client.entryByIndexNumber('policies', policy.indexNumber!)).toEqual(policy);
    expect((await client.entries({ q: 'SDK 读取' })).data.map((e) => e.documentId)).toEqual([doc.documentId]);
    expect((await client.site()).data.name).toBe('测试网站');
    expect((await client.organizations()).data.map((o) => o.documentId)).toEqual([refs.org.documentId]);
    expect((await client.topics()).data.length).toBeGreaterThan(0);
    expect((await client.categories()).data.length).toBeGreaterThan(0);
  });

  it('revalidates with If-None-Match and sees a withdrawal as GongkaiApiError 410 with the tombstone', async () => {
    const seen: number[] = [];
    const counting = new GongkaiClient({
      baseUrl: origin,
      token: site.token,
      fetch: async (input, init) => {
        const response = await fetch(input, init);
        seen.push(response.status);
        return response;
      },
    });
    const doc = await app.strapi.documents('api::policy.policy').create({ data: payloads(refs)['api::policy.policy']('SDK 撤回测试') });
    await release(app.strapi, 'api::policy.policy', doc.documentId);
    const first = await counting.entry('policies', doc.documentId);
    expect(await counting.entry('policies', doc.documentId)).toEqual(first);
    expect(seen).toEqual([200, 304]);
    await workflowOf(app).transition({ uid: 'api::policy.policy', documentId: doc.documentId, action: 'withdraw', reason: '测试' }, 'system');
    const error = await counting.entry('policies', doc.documentId).catch((e) => e);
    expect(error).toBeInstanceOf(GongkaiApiError);
    expect(error).toMatchObject({ status: 410, code: 'ENTRY_WITHDRAWN', tombstone: { documentId: doc.documentId, type: 'policies' } });
    const bad = await new GongkaiClient({ baseUrl: origin, token: 'gks_wrong' }).site().catch((e) => e);
    expect(bad).toMatchObject({ status: 401, code: 'CONSUMER_TOKEN_INVALID' });
  });

  it('replays the whole feed page by page', async () => {
    const events = [];
    for await (const event of client.replayFeed(undefined, 2)) events.push(event);
    expect(events.length).toBeGreaterThanOrEqual(3);
    expect(events.at(-1)).toMatchObject({ event: 'withdrawn', entry: null });
    expect(new Set(events.map((e) => e.cursor)).size).toBe(events.length);
  });
});
