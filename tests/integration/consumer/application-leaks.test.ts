import http from 'http';
import { AddressInfo } from 'net';
import { createRefs, GOVERNED, payloads, Refs, release } from '../../helpers';
import { allowWebhookReceiver, consumerGet, createSite, Site } from '../../helpers/consumer';
import { startApp, TestApp } from '../../helpers/strapi';
import { toLegalDate } from '../../../src/plugins/disclosure/server/src/domain/legal-date';

/**
 * 依申请公开 applications are private: whatever an applicant wrote — and the tracking codes and secrets — is looked
 * for in every consumer response (lists, details, search, the feed, the OpenAPI document and docs), every webhook
 * payload, the public form and the REST routes anyone can call, and must be in none of them.
 */
let app: TestApp;
let refs: Refs;
let site: Site;
let receiver: http.Server;
let disallowReceiver: (() => void) | undefined;
const received: string[] = [];

const APPLICANT = {
  applicantName: '欧阳泄测',
  contactPerson: '司马联系',
  idNumber: '659004199912310987',
  phone: '13899917777',
  email: 'ouyang.leaktest@example.cn',
  postalAddress: '五家渠市人民路泄露测试 17 号',
  postalCode: '831399',
  purpose: 'PURPOSE-LEAK-4417 用于家庭事务',
  requestedTitle: 'REQUEST-LEAK-5521 人民路拆迁补偿方案',
  requestedDescription: 'DESCRIPTION-LEAK-8830',
};
const secrets: string[] = [...Object.values(APPLICANT), '泄测', '99917777', '1999123109', 'LEAK-'];

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      received.push(body);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  disallowReceiver = allowWebhookReceiver((receiver.address() as AddressInfo).port);
  app = await startApp();
  refs = await createRefs(app.strapi);
  site = await createSite(app, { organizations: [refs.org.documentId], webhookUrl: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook` });

  // One application through the portal's form, one taken in at the office, linked to a released entry and replied
  // with a letter naming the applicant.
  const online = await app
    .http()
    .post('/api/disclosure/applications')
    .send({ ...APPLICANT, organization: refs.org.documentId, applicantKind: 'natural_person', idType: 'resident_id', preferredForm: 'electronic', deliveryMethod: 'email', requestedEntry: { uid: 'api::policy.policy', documentId: refs.policy.documentId } });
  expect(online.status).toBe(201);
  secrets.push(online.body.data.trackingCode, online.body.data.secret);
  const intake = app.strapi.plugin('disclosure').service('application-intake');
  const today = toLegalDate(new Date());
  const letter = await intake.create(
    {
      ...APPLICANT,
      organization: refs.org.documentId,
      applicantKind: 'legal_service_institution',
      idType: 'unified_social_credit_code',
      preferredForm: 'paper',
      deliveryMethod: 'post',
      requestedDocumentNumber: '泄测发〔2025〕9号',
      requestedEntry: null,
    },
    { channel: 'letter', receivedOn: today, actor: { actor: 'system', actorName: '测试' } }
  );
  secrets.push(letter.trackingCode, letter.secret, letter.documentId);
  await app.strapi.db.query('plugin::disclosure.application').update({
    where: { documentId: letter.documentId },
    data: { state: 'replied', repliedOn: today, outcome: 'disclose', replyLetter: `<p>${APPLICANT.applicantName}：你单位申请的信息予以公开。</p>` },
  });

  // Catalogue changes after the applications: the feed and the webhooks have something to say.
  const policy = await app.strapi.documents('api::policy.policy').create({ data: payloads(refs)['api::policy.policy']('人民路改造政策') });
  await release(app.strapi, 'api::policy.policy', policy.documentId);
  await app.strapi.plugin('disclosure').service('webhooks').tick();
});
afterAll(async () => {
  disallowReceiver?.();
  await app?.stop();
  receiver?.close();
});

const clean = (label: string, text: string) => {
  for (const secret of secrets) if (text.includes(secret)) throw new Error(`${label} leaks "${secret}": ${text.slice(0, 300)}`);
};

describe('no applicant data anywhere on the public side', () => {
  it('in the consumer API’s lists, details, searches, reference data and documentation', async () => {
    for (const path of ['/site', '/organizations', '/categories', '/topics', '/openapi.json', '/docs']) {
      const res = await consumerGet(app, site.token, path);
      expect(res.status).toBe(200);
      clean(path, res.text);
    }
    const all = await consumerGet(app, site.token, '/entries', { pageSize: 100 });
    expect(all.body.data.length).toBeGreaterThan(0);
    clean('/entries', all.text);
    for (const { plural } of GOVERNED) {
      const list = await consumerGet(app, site.token, `/${plural}`, { pageSize: 100 });
      expect(list.status).toBe(200);
      clean(`/${plural}`, list.text);
      for (const item of list.body.data) clean(`/${plural}/${item.documentId}`, (await consumerGet(app, site.token, `/${plural}/${item.documentId}`)).text);
    }
    for (const q of [APPLICANT.applicantName, '泄测', APPLICANT.idNumber, '99917777', 'LEAK', '人民路拆迁', 'ouyang']) {
      for (const path of ['/entries', '/policies']) {
        const res = await consumerGet(app, site.token, path, { q });
        expect(res.status).toBe(200);
        expect(res.body.data).toEqual([]);
        clean(`${path}?q=${q}`, res.text);
      }
    }
  });

  it('in the feed and the webhook payloads', async () => {
    const feed = await consumerGet(app, site.token, '/feed', { limit: 500 });
    expect(feed.status).toBe(200);
    expect(feed.body.data.length).toBeGreaterThan(0);
    clean('feed', feed.text);
    expect(feed.body.data.every((e: any) => e.type !== 'applications')).toBe(true);
    expect(received.length).toBeGreaterThan(0);
    for (const body of received) clean('webhook', body);
  });

  it('on the public form and the REST routes anyone can call', async () => {
    const form = await app.http().get('/api/disclosure/applications/form');
    expect(form.status).toBe(200);
    clean('form', form.text);
    for (const url of [
      '/api/applications',
      '/api/applications?populate=*',
      '/api/disclosure/applications',
      '/api/disclosure/application-cases',
      '/api/application-cases',
      '/api/organizations?populate=*',
      '/api/upload/files',
      '/api/policies?populate=*',
      '/api/disclosure/entries',
      '/api/disclosure/applications/status',
    ]) {
      const res = await app.http().get(url);
      clean(url, res.text);
      if (url.includes('application')) expect([400, 401, 403, 404, 405]).toContain(res.status);
    }
  });
});
