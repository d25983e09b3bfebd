import http from 'http';
import path from 'path';
import { AddressInfo } from 'net';
import { createRefs, payloads, Refs, release } from '../../helpers';
import { allowWebhookReceiver, consumerGet, createSite, Site, workflowOf } from '../../helpers/consumer';
import { createStaff } from '../../helpers/staff';
import { startApp, TestApp } from '../../helpers/strapi';
import { verify } from '../../../src/plugins/disclosure/server/src/domain/consumer/webhook-signature';

/**
 * A consumer site's endpoint is down for a while, then comes back: every event still arrives, exactly once per
 * idempotency key, signed with the site's secret.
 */
let app: TestApp;
let refs: Refs;
let site: Site;
let receiver: http.Server;
let disallowReceiver: (() => void) | undefined;
let up = false;
const accepted = new Map<string, number>();
const bodies: { body: string; signature: string; key: string; event: string }[] = [];
let refused = 0;

const ITEM = 'api::disclosure-item.disclosure-item';
const SITE = 'plugin::disclosure.consumer-site';
const webhooks = () => app.strapi.plugin('disclosure').service('webhooks');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  Object.assign(process.env, { WEBHOOK_BACKOFF_BASE_MS: '100', WEBHOOK_BACKOFF_CAP_MS: '400' });
  receiver = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      if (!up) {
        refused += 1;
        res.writeHead(503).end();
        return;
      }
      const key = String(req.headers['idempotency-key']);
      accepted.set(key, (accepted.get(key) ?? 0) + 1);
      bodies.push({ body, signature: String(req.headers['x-gongkai-signature']), key, event: String(req.headers['x-gongkai-event']) });
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  disallowReceiver = allowWebhookReceiver((receiver.address() as AddressInfo).port);
  app = await startApp();
  refs = await createRefs(app.strapi);
  site = await createSite(app, { organizations: [refs.org.documentId], webhookUrl: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook` });
});
afterAll(async () => {
  disallowReceiver?.();
  delete process.env.WEBHOOK_BACKOFF_BASE_MS;
  delete process.env.WEBHOOK_BACKOFF_CAP_MS;
  await app?.stop();
  receiver?.close();
});

async function releaseItem(title: string, extra: Record<string, unknown> = {}) {
  const doc = await app.strapi.documents(ITEM).create({ data: { ...payloads(refs)[ITEM](title), ...extra } });
  await release(app.strapi, ITEM, doc.documentId);
  return doc.documentId;
}

describe('webhooks', () => {
  it('retries while the endpoint is down, then delivers every event exactly once per idempotency key, signed', async () => {
    const released = [await releaseItem('推送一'), await releaseItem('推送二'), await releaseItem('推送三')];
    await workflowOf(app).transition({ uid: ITEM, documentId: released[2], action: 'withdraw', reason: '撤回测试' }, 'system');
    await releaseItem('其他机构的推送', { publishingOrganization: refs.otherOrg.documentId });

    // Down: every attempt fails and is rescheduled with backoff.
    expect(await webhooks().tick()).toBe(0);
    await sleep(150);
    await webhooks().tick();
    expect(refused).toBeGreaterThanOrEqual(4);
    const pending = await webhooks().list({ page: 1, pageSize: 50 });
    // The release of 推送三 was superseded by its withdrawal before it could go out: it is skipped, the withdrawal is sent.
    const superseded = pending.data.filter((d: any) => d.status === 'skipped');
    expect(superseded).toEqual([expect.objectContaining({ documentId: released[2], event: 'released', lastError: 'superseded' })]);
    const waiting = pending.data.filter((d: any) => d.status !== 'skipped');
    expect(waiting.length).toBe(3);
    expect(waiting.every((d: any) => d.status === 'pending' && d.attempts >= 1 && d.lastStatusCode === 503)).toBe(true);

    // Back up: two dispatchers at once (as two instances would); each delivery goes out once.
    up = true;
    await sleep(500);
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const { default: dispatcher } = require(path.join(__dirname, '../../../dist/src/plugins/disclosure/server/src/services/webhooks'));
    const [a, b] = await Promise.all([webhooks().tick(), dispatcher({ strapi: app.strapi }).tick()]);
    const feed = await consumerGet(app, site.token, '/feed', { limit: 500 });
    const expected = feed.body.data.filter((e: any) => released.includes(e.documentId)).map((e: any) => `${e.cursor}:${site.documentId}`);
    expect(expected.length).toBe(3);
    expect(a + b).toBe(expected.length);
    expect([...accepted.keys()].sort()).toEqual([...expected].sort());
    expect([...accepted.values()].every((n) => n === 1)).toBe(true);
    expect(bodies.map((b) => b.body)).not.toEqual(expect.arrayContaining([expect.stringContaining('其他机构的推送')]));
    expect(bodies.find((b) => b.event === 'withdrawn')).toBeDefined();

    const now = Math.floor(Date.now() / 1000);
    for (const delivery of bodies) {
      expect(verify(site.secret!, delivery.body, delivery.signature, now)).toEqual({ ok: true, timestamp: expect.any(Number) });
      expect(verify('whsec_wrong', delivery.body, delivery.signature, now)).toEqual({ ok: false, reason: 'mismatch' });
      expect(verify(site.secret!, delivery.body.replace('"event"', '"evenT"'), delivery.signature, now).ok).toBe(false);
      expect(verify(site.secret!, delivery.body, delivery.signature, now + 301)).toEqual({ ok: false, reason: 'expired' });
      const event = JSON.parse(delivery.body);
      expect(delivery.key).toBe(`${event.cursor}:${site.documentId}`);
    }
    // Nothing more to send: a later tick delivers nothing twice.
    expect(await webhooks().tick()).toBe(0);
  });

  it('dead-letters after the retry window, shows it to administrators, and redelivers on request', async () => {
    up = false;
    const window = app.strapi.config.get('plugin::disclosure.webhooks.retryWindowMs');
    app.strapi.config.set('plugin::disclosure.webhooks.retryWindowMs', 0);
    const documentId = await releaseItem('进入死信的推送');
    await webhooks().tick();
    const admin = await createStaff(app, 'sysadmin', null);
    const dead = await admin.get('/disclosure/webhooks/deliveries?status=dead');
    expect(dead.status).toBe(200);
    expect(dead.body.data.filter((d: any) => d.documentId === documentId)).toEqual([expect.objectContaining({ documentId, status: 'dead', attempts: 1, lastStatusCode: 503, site: expect.objectContaining({ documentId: site.documentId }) })]);

    const editor = await createStaff(app, 'editor', null);
    expect((await editor.get('/disclosure/webhooks/deliveries')).status).toBe(403);
    const deadId = dead.body.data.find((d: any) => d.documentId === documentId).id;
    expect((await editor.post(`/disclosure/webhooks/deliveries/${deadId}/redeliver`)).status).toBe(403);

    up = true;
    app.strapi.config.set('plugin::disclosure.webhooks.retryWindowMs', window);
    const again = await admin.post(`/disclosure/webhooks/deliveries/${deadId}/redeliver`);
    expect(again.status).toBe(200);
    expect(again.body.data).toMatchObject({ status: 'pending', attempts: 0 });
    expect((await admin.post(`/disclosure/webhooks/deliveries/${deadId}/redeliver`)).status).toBe(409);
    expect(await webhooks().tick()).toBe(1);
    expect(bodies.at(-1)!.body).toContain('进入死信的推送');
    expect((await admin.get('/disclosure/webhooks/deliveries?status=bogus')).status).toBe(400);
  });

  it('issues, rotates and revokes tokens and secrets only for administrators, showing them once', async () => {
    const admin = await createStaff(app, 'sysadmin', null);
    const issued = await admin.post(`/disclosure/consumer-sites/${site.documentId}/token`);
    expect(issued.status).toBe(201);
    expect(issued.body.data.token).toMatch(/^gks_/);
    expect((await consumerGet(app, issued.body.data.token, '/site')).status).toBe(200);
    expect((await consumerGet(app, site.token, '/site')).status).toBe(401);
    const record = await admin.get(`/content-manager/collection-types/plugin::disclosure.consumer-site/${site.documentId}`);
    expect(JSON.stringify(record.body)).not.toContain(issued.body.data.token);
    expect(JSON.stringify(record.body)).not.toContain('tokenHash');
    expect(JSON.stringify(record.body)).not.toContain(site.secret!);
    const reviewer = await createStaff(app, 'reviewer', null);
    expect((await reviewer.post(`/disclosure/consumer-sites/${site.documentId}/token`)).status).toBe(403);
    expect((await admin.post('/disclosure/consumer-sites/nonexistent/token')).status).toBe(404);
    const revoked = await admin.del(`/disclosure/consumer-sites/${site.documentId}/token`);
    expect(revoked.status).toBe(200);
    expect(revoked.body.data.tokenRevokedAt).toEqual(expect.any(String));
    expect((await consumerGet(app, issued.body.data.token, '/site')).status).toBe(401);
  });

  it('never targets this machine or the internal network: checked when a site is saved, whatever the entry point, and again at delivery', async () => {
    const admin = await createStaff(app, 'sysadmin', null);
    const cm = '/content-manager/collection-types/plugin::disclosure.consumer-site';
    const port = (receiver.address() as AddressInfo).port;
    const refused: [string, string][] = [
      ['http://169.254.169.254/latest/meta-data/', 'WEBHOOK_ADDRESS_NOT_ALLOWED'],
      ['http://10.0.0.5/hook', 'WEBHOOK_ADDRESS_NOT_ALLOWED'],
      ['http://192.168.1.10/hook', 'WEBHOOK_ADDRESS_NOT_ALLOWED'],
      ['http://[::1]/hook', 'WEBHOOK_ADDRESS_NOT_ALLOWED'],
      ['http://[fd00::1]/hook', 'WEBHOOK_ADDRESS_NOT_ALLOWED'],
      ['http://[fe80::1]/hook', 'WEBHOOK_ADDRESS_NOT_ALLOWED'],
      ['http://[::ffff:10.0.0.1]/hook', 'WEBHOOK_ADDRESS_NOT_ALLOWED'],
      ['http://127.0.0.1:5432/', 'WEBHOOK_PORT_NOT_ALLOWED'],
      ['https://example.org:8443/hook', 'WEBHOOK_PORT_NOT_ALLOWED'],
      ['http://user:pw@example.org/hook', 'WEBHOOK_URL_INVALID'],
    ];
    const before = await app.strapi.db.query(SITE).count();
    for (const [url, code] of refused) {
      const created = await admin.post(cm, { name: '内网探测', organizations: [], webhookUrl: url });
      expect([url, created.status, created.body.error?.details?.code, created.body.error?.details?.errors?.[0]?.path]).toEqual([url, 400, code, ['webhookUrl']]);
      expect(created.body.error.message).toMatch(/推送地址/);
    }
    // Moving an existing site's URL inward is refused the same way, and the stored URL stays.
    const moved = await admin.put(`${cm}/${site.documentId}`, { webhookUrl: 'http://169.254.169.254/' });
    expect([moved.status, moved.body.error?.details?.code]).toEqual([400, 'WEBHOOK_ADDRESS_NOT_ALLOWED']);
    // Through the document service (scripts) too.
    await expect(app.strapi.documents(SITE).create({ data: { name: '脚本', webhookUrl: 'http://10.1.1.1/' } })).rejects.toMatchObject({ details: { code: 'WEBHOOK_ADDRESS_NOT_ALLOWED' } });
    expect(await app.strapi.db.query(SITE).count()).toBe(before);
    const stored = await app.strapi.db.query(SITE).findOne({ where: { documentId: site.documentId } });
    expect(stored.webhookUrl).toBe(`http://127.0.0.1:${port}/hook`);

    // Without the allow-list entry, a name is refused by what it resolves to (localhost: loopback, IPv4 or IPv6).
    const allowed = app.strapi.config.get('plugin::disclosure.webhooks');
    app.strapi.config.set('plugin::disclosure.webhooks', { ...allowed, allowedAddresses: [], allowedPorts: [port] });
    try {
      const named = await admin.post(cm, { name: '本机名称', organizations: [], webhookUrl: `http://localhost:${port}/hook` });
      expect([named.status, named.body.error?.details?.code]).toEqual([400, 'WEBHOOK_ADDRESS_NOT_ALLOWED']);

      // At delivery the rules apply again: the stored URL is no longer allowed, so nothing is sent and the delivery
      // is dead-lettered at once (a configuration problem, not worth retrying).
      up = true;
      const sent = bodies.length;
      const documentId = await releaseItem('内网推送拦截');
      await webhooks().tick();
      expect(bodies.length).toBe(sent);
      const log = await admin.get('/disclosure/webhooks/deliveries');
      expect(log.body.data.find((d: any) => d.documentId === documentId)).toMatchObject({ status: 'dead', attempts: 1, lastStatusCode: null, lastError: expect.stringMatching(/内网|本机/) });
    } finally {
      app.strapi.config.set('plugin::disclosure.webhooks', allowed);
    }
  });

  it('sends nothing to a deactivated site: neither queued deliveries nor redeliveries', async () => {
    const admin = await createStaff(app, 'sysadmin', null);
    const cm = '/content-manager/collection-types/plugin::disclosure.consumer-site';
    up = true;
    const sent = bodies.length;
    const queued = await releaseItem('停用前排队的推送');
    const off = await admin.put(`${cm}/${site.documentId}`, { active: false });
    expect(off.status).toBe(200);
    await webhooks().tick();
    expect(bodies.length).toBe(sent);
    const log = await admin.get('/disclosure/webhooks/deliveries');
    const delivery = log.body.data.find((d: any) => d.documentId === queued);
    expect(delivery).toMatchObject({ status: 'skipped', lastError: 'site_inactive' });
    const again = await admin.post(`/disclosure/webhooks/deliveries/${delivery.id}/redeliver`);
    expect([again.status, again.body.error?.details?.code]).toEqual([409, 'CONSUMER_SITE_INACTIVE']);
    // Released while inactive: nothing is even queued for the site.
    const later = await releaseItem('停用后的发布');
    expect((await admin.get('/disclosure/webhooks/deliveries')).body.data.some((d: any) => d.documentId === later)).toBe(false);
    await webhooks().tick();
    expect(bodies.length).toBe(sent);
  });
});
