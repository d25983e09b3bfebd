import fs from 'fs';
import http from 'http';
import os from 'os';
import path from 'path';
import { AddressInfo } from 'net';
import { createRefs, Refs } from '../../../helpers';
import { startApp, TestApp } from '../../../helpers/strapi';
import { addMonths, toLegalDate } from '../../../../src/plugins/disclosure/server/src/domain/legal-date';

/**
 * The portal's 依申请公开 form and status lookup: what an applicant sends and gets back, what is refused (and that
 * nothing of a refused submission is stored), that a lookup cannot tell a wrong secret from an unknown code, the
 * form's own budgets, and the retention purge of personal data.
 */
let app: TestApp;
let refs: Refs;
const APPLICATION = 'plugin::disclosure.application';
const SUBMISSIONS = 40;
const LOOKUPS = 30;
const captchaFile = path.join(os.tmpdir(), `captcha-${process.pid}.js`);

beforeAll(async () => {
  // Enough submissions in the window for the refusals below; the last test exhausts it.
  process.env.APPLICATION_SUBMISSIONS_POINTS = String(SUBMISSIONS);
  process.env.APPLICATION_LOOKUPS_POINTS = String(LOOKUPS);
  fs.writeFileSync(captchaFile, "exports.verify = async (token) => token === 'solved';\n");
  app = await startApp();
  refs = await createRefs(app.strapi);
});
afterAll(async () => {
  delete process.env.APPLICATION_SUBMISSIONS_POINTS;
  delete process.env.APPLICATION_LOOKUPS_POINTS;
  fs.rmSync(captchaFile, { force: true });
  await app?.stop();
});

const valid = (overrides: Record<string, unknown> = {}) => ({
  organization: refs.org.documentId,
  applicantKind: 'natural_person',
  applicantName: '李明远',
  idType: 'resident_id',
  idNumber: '659004198805061234',
  phone: '0994-5812345',
  email: 'limingyuan@example.cn',
  postalAddress: '新疆五家渠市青湖路 88 号',
  postalCode: '831300',
  requestedTitle: '2024 年五家渠市老旧小区改造项目资金安排情况',
  requestedDescription: '包括各小区的改造内容和资金来源',
  purpose: '了解本人居住小区改造资金使用情况',
  preferredForm: 'electronic',
  deliveryMethod: 'email',
  ...overrides,
});
const submit = (body: unknown) => app.http().post('/api/disclosure/applications').send(body as object);
const status = (code: string, secret: string) => app.http().get('/api/disclosure/applications/status').query({ code, secret });
const rows = () => app.strapi.db.query(APPLICATION).count();
const fieldErrors = (res: any) => res.body.error.details.errors as { path: string[]; code: string; message: string }[];

describe('the form', () => {
  it('lists the organizations, the choices with their Chinese labels, and the length limits of the content type', async () => {
    const res = await app.http().get('/api/disclosure/applications/form');
    expect(res.status).toBe(200);
    expect(res.body.data.organizations).toEqual(expect.arrayContaining([{ documentId: refs.org.documentId, name: '测试市数据局' }]));
    expect(res.body.data.applicantKinds).toContainEqual({ value: 'natural_person', label: '自然人' });
    expect(res.body.data.idTypes).toContainEqual({ value: 'resident_id', label: '居民身份证' });
    expect(res.body.data.preferredForms).toContainEqual({ value: 'paper', label: '纸质' });
    expect(res.body.data.deliveryMethods).toContainEqual({ value: 'post', label: '邮寄' });
    expect(res.body.data.limits).toMatchObject({ applicantName: 100, idNumber: 40, phone: 30, requestedTitle: 300, requestedDescription: 2000, purpose: 1000 });
  });
});

describe('submitting and looking up', () => {
  let code: string;
  let secret: string;

  it('answers 201 with the tracking code and the secret, and stores only the secret’s scrypt hash', async () => {
    const before = await rows();
    const res = await submit(valid());
    expect(res.status).toBe(201);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(Object.keys(res.body.data).sort()).toEqual(['secret', 'state', 'stateLabel', 'submittedAt', 'trackingCode']);
    ({ trackingCode: code, secret } = res.body.data);
    expect(code).toMatch(/^YSQ\d{4}[A-Z2-7]{10}$/);
    expect(secret).toMatch(/^[A-Z2-7]{26}$/);
    expect(res.body.data).toMatchObject({ state: 'submitted', stateLabel: '待确认收到' });
    expect(await rows()).toBe(before + 1);

    const row = await app.strapi.db.query(APPLICATION).findOne({ where: { trackingCode: code }, populate: ['receivingOrganization'] });
    // Online: not received until the office confirms (条例 第三十一条), so no clock yet.
    expect(row).toMatchObject({ channel: 'online', state: 'submitted', receivedOn: null, dueOn: null, applicantName: '李明远', phone: '0994-5812345' });
    expect(row.receivingOrganization.documentId).toBe(refs.org.documentId);
    expect(row.secretHash).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(row.secretHash).not.toContain(secret);

    // Audited, without the applicant's personal data.
    const events = await app.strapi.db.connection('disclosure_audit_events').where({ action: 'application.submitted', target_document_id: row.documentId });
    expect(events).toHaveLength(1);
    expect(events[0].actor).toBe('applicant');
    for (const personal of ['李明远', '659004198805061234', '5812345', 'limingyuan', '青湖路', '831300', '小区改造资金使用']) expect(JSON.stringify(events[0])).not.toContain(personal);
  });

  it('gives a fresh code and secret each time', async () => {
    const again = await submit(valid());
    expect(again.status).toBe(201);
    expect(again.body.data.trackingCode).not.toBe(code);
    expect(again.body.data.secret).not.toBe(secret);
  });

  it('shows the state and key dates with the right secret, in any case and grouping, and nothing personal', async () => {
    const res = await status(code, secret);
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body.data).toEqual({
      trackingCode: code,
      state: 'submitted',
      stateLabel: '待确认收到',
      submittedAt: expect.any(String),
      receivedOn: null,
      dueOn: null,
      extended: false,
      correction: null,
      repliedOn: null,
      outcome: null,
      outcomeLabel: null,
      closedOn: null,
      replyLetter: null,
    });
    for (const personal of ['李明远', '659004198805061234', '5812345', 'limingyuan', '青湖路', '831300']) expect(res.text).not.toContain(personal);

    const grouped = secret.toLowerCase().match(/.{1,4}/g)!.join('-');
    expect((await status(code.toLowerCase(), grouped)).status).toBe(200);
  });

  it('keeps the secret out of the server log', async () => {
    const logged = jest.spyOn(app.strapi.log, 'http');
    try {
      expect((await status(code, secret)).status).toBe(200);
      expect((await status(code, 'WRONG-SECRET')).status).toBe(404);
      const lines = logged.mock.calls.map((call) => String(call[0])).filter((line) => line.includes('/applications/status'));
      expect(lines).toHaveLength(2);
      for (const line of lines) {
        expect(line).toContain('secret=[redacted]');
        expect(line).not.toContain(secret);
        expect(line).not.toContain('WRONG-SECRET');
      }
    } finally {
      logged.mockRestore();
    }
  });

  it('shows the correction asked for while it is awaited, and the reply letter once issued', async () => {
    const today = toLegalDate(new Date());
    await app.strapi.db.query(APPLICATION).update({
      where: { trackingCode: code },
      data: { state: 'correction_requested', receivedOn: today, correctionRequestedOn: today, correctionDueOn: today, correctionRequest: '请说明所需信息的年份' },
    });
    expect((await status(code, secret)).body.data).toMatchObject({ state: 'correction_requested', stateLabel: '待补正', correction: { request: '请说明所需信息的年份', dueOn: today } });

    await app.strapi.db.query(APPLICATION).update({
      where: { trackingCode: code },
      data: { state: 'replied', receivedOn: today, dueOn: today, correctionRequestedOn: today, correctionDueOn: today, correctionRequest: '请说明所需信息的年份', repliedOn: today, outcome: 'disclose', replyLetter: '<html>答复告知书</html>' },
    });
    const res = await status(code, secret);
    expect(res.body.data).toMatchObject({
      state: 'replied',
      stateLabel: '已答复',
      repliedOn: today,
      outcome: 'disclose',
      outcomeLabel: '予以公开',
      // Answered: nothing is asked of the applicant any more.
      correction: null,
      replyLetter: '<html>答复告知书</html>',
    });
  });

  it('answers a wrong secret exactly like an unknown code, after the same scrypt work', async () => {
    const unknownCode = `YSQ2026${'A'.repeat(10)}`;
    const wrong = await status(code, 'A'.repeat(26));
    const unknown = await status(unknownCode, secret);
    expect(wrong.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(wrong.body.error.details.code).toBe('APPLICATION_NOT_FOUND');
    // Byte for byte: the answer says nothing about which half was wrong.
    expect(unknown.text).toBe(wrong.text);
    expect(unknown.text).not.toContain(code);
    // Headers alike too, but for those of every response: the time, the duration and the request's own id.
    const PER_REQUEST = new Set(['date', 'x-response-time', 'x-request-id']);
    expect(Object.keys(wrong.headers).filter((h) => !PER_REQUEST.has(h)).map((h) => [h, wrong.headers[h]])).toEqual(
      Object.keys(unknown.headers).filter((h) => !PER_REQUEST.has(h)).map((h) => [h, unknown.headers[h]])
    );

    // Both run one scrypt check (tens of milliseconds): their medians are of the same order, and well above a lookup
    // that does no scrypt at all (a missing secret is refused before any lookup).
    const median = async (request: () => Promise<unknown>) => {
      const times: number[] = [];
      for (let i = 0; i < 7; i++) {
        const start = process.hrtime.bigint();
        await request();
        times.push(Number(process.hrtime.bigint() - start) / 1e6);
      }
      return times.sort((a, b) => a - b)[3];
    };
    const wrongMs = await median(() => status(code, 'B'.repeat(26)));
    const unknownMs = await median(() => status(unknownCode, 'B'.repeat(26)));
    expect(wrongMs / unknownMs).toBeGreaterThan(0.25);
    expect(wrongMs / unknownMs).toBeLessThan(4);
  });

  it('asks for both the code and the secret', async () => {
    const res = await app.http().get('/api/disclosure/applications/status').query({ code });
    expect(res.status).toBe(400);
    expect(fieldErrors(res)[0]).toMatchObject({ path: ['secret'], code: 'REQUIRED', message: '请填写查询码' });
  });
});

describe('bad input is refused with field messages, and nothing is stored', () => {
  let before: number;
  beforeEach(async () => {
    before = await rows();
  });
  afterEach(async () => {
    expect(await rows()).toBe(before);
  });

  it('a missing phone', async () => {
    const { phone: _phone, ...body } = valid();
    const res = await submit(body);
    expect(res.status).toBe(400);
    expect(res.body.error.details.code).toBe('VALIDATION_FAILED');
    expect(fieldErrors(res)).toContainEqual(expect.objectContaining({ path: ['phone'], code: 'REQUIRED', message: '请填写联系电话' }));
  });

  it('several problems at once, one message per field', async () => {
    const res = await submit(valid({ applicantKind: 'alien', channel: 'pigeon', applicantName: '名'.repeat(5000), postalCode: '83130', email: 'not-an-email', deliveryMethod: 'post', postalAddress: '  ' }));
    expect(res.status).toBe(400);
    const byField = Object.fromEntries(fieldErrors(res).map((e) => [e.path.join('.'), e]));
    expect(byField.applicantKind).toMatchObject({ code: 'INVALID_CHOICE', message: '申请人类型的选项无效' });
    expect(byField.channel).toMatchObject({ code: 'INVALID_CHOICE', message: '申请渠道的选项无效' });
    expect(byField.applicantName).toMatchObject({ code: 'TOO_LONG', message: '申请人姓名或名称不能超过 100 个字' });
    expect(byField.postalCode).toMatchObject({ code: 'INVALID_FORMAT', message: '邮政编码的格式不正确' });
    expect(byField.email).toMatchObject({ code: 'INVALID_FORMAT' });
  });

  it('a 5,000-character name alone', async () => {
    const res = await submit(valid({ applicantName: '张'.repeat(5000) }));
    expect(res.status).toBe(400);
    expect(fieldErrors(res)).toEqual([expect.objectContaining({ path: ['applicantName'], code: 'TOO_LONG', message: '申请人姓名或名称不能超过 100 个字' })]);
  });

  it('an organization without a contact person, a letter by post without an address', async () => {
    const res = await submit(valid({ applicantKind: 'commercial_enterprise', idType: 'unified_social_credit_code', deliveryMethod: 'post', postalAddress: null }));
    expect(res.status).toBe(400);
    expect(fieldErrors(res).map((e) => e.path[0]).sort()).toEqual(['contactPerson', 'postalAddress']);
    expect(fieldErrors(res).every((e) => e.message.startsWith('请填写'))).toBe(true);
  });

  it('an unknown field, an unknown organization', async () => {
    const extra = await submit(valid({ secretHash: 'x' }));
    expect(extra.status).toBe(400);
    expect(fieldErrors(extra)[0]).toMatchObject({ path: ['secretHash'], code: 'UNKNOWN_FIELD' });
    const org = await submit(valid({ organization: 'no-such-organization' }));
    expect(org.status).toBe(400);
    expect(fieldErrors(org)[0]).toMatchObject({ path: ['organization'], code: 'UNKNOWN_ORGANIZATION', message: '受理机关不存在，请从列表中选择' });
  });

  it('a 10 MB body: 413 BODY_TOO_LARGE', async () => {
    const res = await submit(valid({ requestedDescription: 'x'.repeat(10 * 1024 * 1024) }));
    expect(res.status).toBe(413);
    expect(res.body.error).toMatchObject({ status: 413, name: 'PayloadTooLargeError', details: { code: 'BODY_TOO_LARGE' } });
    expect(fieldErrors(res)[0]).toMatchObject({ path: ['body'], code: 'BODY_TOO_LARGE' });
  });

  it('an oversized body streamed without a length: cut off at the limit', async () => {
    // A server of its own on the app's handler: supertest cannot send a body without a length.
    const server = http.createServer(app.strapi.server.app.callback());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const answer = await new Promise<{ status: number; body: any }>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/api/disclosure/applications', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } }, (res) => {
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text) }));
      });
      req.on('error', reject);
      const chunk = `{"purpose":"${'y'.repeat(16 * 1024)}`;
      let sent = 0;
      const write = () => {
        while (sent < 64) {
          sent++;
          if (!req.write(chunk)) return void req.once('drain', write);
        }
        req.end('"}');
      };
      write();
    }).finally(() => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    });
    expect(answer.status).toBe(413);
    expect(answer.body.error.details.code).toBe('BODY_TOO_LARGE');
  });

  it('a body that is not JSON', async () => {
    const res = await app.http().post('/api/disclosure/applications').set('Content-Type', 'application/json').send('{"applicantName": ');
    expect(res.status).toBe(400);
    expect(res.body.error.details.code).toBe('INVALID_BODY');
  });
});

describe('the captcha hook', () => {
  afterAll(() => app.strapi.config.set('plugin::disclosure.applications.captchaModule', null));

  it('when configured, refuses a submission whose captcha the module does not accept', async () => {
    app.strapi.config.set('plugin::disclosure.applications.captchaModule', captchaFile);
    const before = await rows();
    const refused = await submit(valid({ captcha: 'guess' }));
    expect(refused.status).toBe(400);
    expect(fieldErrors(refused)[0]).toMatchObject({ path: ['captcha'], code: 'CAPTCHA_FAILED' });
    expect(await rows()).toBe(before);
    expect((await app.http().get('/api/disclosure/applications/form')).body.data.captcha).toBe(true);
    expect((await submit(valid({ captcha: 'solved' }))).status).toBe(201);
  });
});

describe('applications are not readable through any other route', () => {
  it.each([
    ['GET', '/api/applications'],
    ['GET', '/api/disclosure/applications'],
    ['GET', '/api/disclosure/applications/form/x'],
    ['PUT', '/api/disclosure/applications'],
    ['DELETE', '/api/disclosure/applications'],
    ['GET', '/api/disclosure/application'],
    ['GET', '/api/disclosure/entries?type=applications'],
  ])('%s %s', async (method, url) => {
    const res = await (app.http() as any)[method.toLowerCase()](url);
    expect([400, 401, 404, 405]).toContain(res.status);
    expect(res.text).not.toContain('李明远');
  });

  it('not by documentId either', async () => {
    const row = await app.strapi.db.query(APPLICATION).findOne({ where: { applicantName: '李明远' } });
    for (const url of [`/api/disclosure/applications/${row.documentId}`, `/api/applications/${row.documentId}`]) {
      const res = await app.http().get(url);
      expect([401, 404, 405]).toContain(res.status);
      expect(res.text).not.toContain('李明远');
    }
  });
});

describe('the retention purge', () => {
  it('removes the personal data of applications that ended long enough ago and keeps their statistics', async () => {
    const intake = app.strapi.plugin('disclosure').service('application-intake');
    const today = toLegalDate(new Date());
    const make = async (name: string) => {
      const created = await intake.create(valid({ applicantName: name }), { channel: 'letter', receivedOn: addMonths(today, -80), actor: { actor: 'system', actorName: '测试' } });
      return created.documentId as string;
    };
    const old = await make('陈旧申请人');
    const recent = await make('近期申请人');
    const open = await make('在办申请人');
    const ended = (months: number) => addMonths(today, -months);
    const update = (documentId: string, data: Record<string, unknown>) => app.strapi.db.query(APPLICATION).update({ where: { documentId }, data });
    await update(old, { state: 'replied', repliedOn: ended(61), outcome: 'partial', feeMethod: 'volume', feePages: 120, feeAmountYuan: 1100, replyLetter: '<p>陈旧申请人：</p>' });
    await update(recent, { state: 'closed', closedOn: ended(59), outcome: 'other.no_correction' });
    await update(open, { state: 'in_progress' });

    // With the daily digest, as the cron runs it.
    const scheduler = app.strapi.plugin('disclosure').service('scheduler');
    await scheduler.enqueueDigest(today);
    await scheduler.tick();

    const row = (documentId: string) => app.strapi.db.query(APPLICATION).findOne({ where: { documentId } });
    const purged = await row(old);
    for (const field of ['applicantName', 'contactPerson', 'idType', 'idNumber', 'phone', 'email', 'postalAddress', 'postalCode', 'purpose', 'replyLetter']) expect(purged[field]).toBeNull();
    expect(purged.personalDataPurgedAt).not.toBeNull();
    expect(purged).toMatchObject({ state: 'replied', channel: 'letter', applicantKind: 'natural_person', repliedOn: ended(61), outcome: 'partial', feeMethod: 'volume', feePages: 120, requestedTitle: valid().requestedTitle });
    expect(Number(purged.feeAmountYuan)).toBe(1100);
    expect(await row(recent)).toMatchObject({ applicantName: '近期申请人', personalDataPurgedAt: null });
    expect(await row(open)).toMatchObject({ applicantName: '在办申请人', personalDataPurgedAt: null });

    const events = await app.strapi.db.connection('disclosure_audit_events').where({ action: 'application.personal_data_purged' });
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0].data)).toMatchObject({ count: 1, asOf: today });
    expect(JSON.stringify(events[0])).not.toContain('陈旧申请人');

    // A second run has nothing left to purge and writes nothing.
    expect(await intake.purgePersonalData(today)).toMatchObject({ purged: 0 });
    expect(await app.strapi.db.connection('disclosure_audit_events').where({ action: 'application.personal_data_purged' })).toHaveLength(1);
  });
});

describe('the form’s budget', () => {
  it('refuses submissions past the per-address budget with 429 and Retry-After', async () => {
    let res: any;
    for (let i = 0; i <= SUBMISSIONS; i++) {
      res = await submit({});
      if (res.status === 429) break;
      expect(res.status).toBe(400);
    }
    expect(res.status).toBe(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(res.body.error.details.code).toBe('RATE_LIMITED');
    // The budget is the form's own: the rest of the API still answers.
    expect((await app.http().get('/api/disclosure/applications/form')).status).toBe(200);
  });

  it('refuses status lookups past their own per-address budget: guessing codes and secrets stops there', async () => {
    let res: any;
    for (let i = 0; i <= LOOKUPS; i++) {
      res = await status(`YSQ2026${'C'.repeat(10)}`, 'D'.repeat(26));
      if (res.status === 429) break;
      expect(res.status).toBe(404);
    }
    expect(res.status).toBe(429);
    expect(res.body.error.details.code).toBe('RATE_LIMITED');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  });
});
