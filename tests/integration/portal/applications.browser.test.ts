import fs from 'fs';
import type { AddressInfo } from 'net';
import os from 'os';
import path from 'path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { APPLICATION_UID } from '../../../src/plugins/disclosure/server/src/constants';
import { toLegalDate } from '../../../src/plugins/disclosure/server/src/domain/legal-date';
import { createRefs, Refs } from '../../helpers';
import { createHandler, onlineApplication } from '../../helpers/application-handler';
import type { Staff } from '../../helpers/staff';
import { startApp, TestApp } from '../../helpers/strapi';

/**
 * 依申请公开 on the reference portal, as a citizen meets it in a browser (no site token: anyone may apply): the form
 * with the server's field errors next to the fields, the tracking code and secret shown once, the progress lookup
 * with the reply letter, and a wrong secret that reveals nothing.
 */

// eslint-disable-next-line @typescript-eslint/no-var-requires
const { launchBrowser } = require('../../../scripts/lib/browser') as { launchBrowser: () => Promise<Browser> };

let app: TestApp;
let refs: Refs;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let portal: string;
let handler: Staff;
const pageErrors: string[] = [];
const REQUESTED = '门户测试：2025年本市道路建设资金使用情况';
let credentials: { code: string; secret: string };

async function screenshot(target: Page, name: string) {
  const dir = process.env.PORTAL_SCREENSHOT_DIR;
  if (dir) await target.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

async function go(route: string, target: Page = page) {
  const hash = `#${route}`;
  if (new URL(target.url()).hash === hash) await target.reload();
  else await target.goto(`${portal}${hash}`);
  await target.waitForFunction((expected) => document.getElementById('view')?.getAttribute('data-rendered') === expected && !document.getElementById('view')?.hasAttribute('aria-busy'), hash, {
    timeout: 15000,
  });
}

const stored = () => app.strapi.db.query(APPLICATION_UID).findMany({ where: { requestedTitle: REQUESTED } });

/** Fills the online form as a citizen does (the organization and lists by their visible labels). */
async function fillForm(target: Page, values: Record<string, string>) {
  for (const [key, value] of Object.entries(values)) {
    const field = target.locator(`#apply-${key}`);
    if ((await field.evaluate((el) => el.tagName)) === 'SELECT') await field.selectOption({ label: value });
    else await field.fill(value);
  }
}

const application = onlineApplication('', REQUESTED);
const FORM_VALUES = {
  organization: '测试市数据局',
  applicantKind: '自然人',
  applicantName: application.applicantName,
  idType: '居民身份证',
  idNumber: application.idNumber,
  email: application.email,
  postalAddress: application.postalAddress,
  requestedTitle: REQUESTED,
  requestedDescription: application.requestedDescription,
  preferredForm: '电子',
  deliveryMethod: '电子邮件',
};

beforeAll(async () => {
  app = await startApp();
  refs = await createRefs(app.strapi);
  const org = await app.strapi.db.query('api::organization.organization').findOne({ where: { documentId: refs.org.documentId } });
  handler = await createHandler(app, org.id, '刘洋');
  await new Promise<void>((resolve) => app.strapi.server.httpServer.listen(0, '127.0.0.1', () => resolve()));
  const { port } = app.strapi.server.httpServer.address() as AddressInfo;
  portal = `http://127.0.0.1:${port}/portal/index.html`;
  browser = await launchBrowser();
  context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) pageErrors.push(message.text());
  });
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

afterEach(() => {
  expect(pageErrors).toEqual([]);
});

describe('依申请公开 on the portal', () => {
  it('marks the required fields, shows the server\'s field error next to its field, and stores nothing', async () => {
    await go('/apply');
    expect(await page.textContent('#apply')).toContain('如何申请');
    // Required in words for screen readers, a star for the eye; optional fields say so.
    expect(await page.textContent('.form-field[data-field="applicantName"] label')).toContain('（必填）');
    expect(await page.getAttribute('#apply-applicantName', 'aria-required')).toBe('true');
    expect(await page.textContent('.form-field[data-field="postalCode"] label')).toContain('（选填）');
    // The server's length limit is the input's.
    expect(Number(await page.getAttribute('#apply-applicantName', 'maxlength'))).toBeGreaterThan(0);

    await fillForm(page, FORM_VALUES); // no phone: the applicant's contact is missing
    await page.getByRole('button', { name: '提交申请' }).click();
    const error = page.locator('.form-field[data-field="phone"] .field-error');
    await error.waitFor({ state: 'visible' });
    await screenshot(page, 'apply-field-error');
    expect(await error.textContent()).toMatch(/[\u4e00-\u9fa5]/);
    expect(await page.getAttribute('#apply-phone', 'aria-invalid')).toBe('true');
    expect(await page.getAttribute('#apply-phone', 'aria-describedby')).toContain('apply-phone-error');
    // The summary is announced and holds the focus; its link leads to the field.
    expect(await page.getAttribute('#apply-errors', 'role')).toBe('alert');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('apply-errors');
    await page.locator('#apply-errors a').first().click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('apply-phone');
    // What was typed stays.
    expect(await page.inputValue('#apply-applicantName')).toBe(FORM_VALUES.applicantName);
    expect(await stored()).toHaveLength(0);
  });

  it('submits, then shows the tracking code and the secret once, with a note to keep them', async () => {
    await page.fill('#apply-phone', '13800138000');
    await page.getByRole('button', { name: '提交申请' }).click();
    await page.locator('#apply-done').waitFor();
    await screenshot(page, 'apply-done');
    const code = (await page.textContent('#apply-done [data-field="trackingCode"] dd'))!.trim();
    const secret = (await page.textContent('#apply-done [data-field="secret"] dd'))!.trim();
    expect(code).not.toBe('');
    expect(secret).not.toBe('');
    expect(await page.textContent('#apply-done')).toContain('请妥善保存');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('apply-done-title');
    expect(await page.locator('#apply-errors').count()).toBe(0);
    const rows = await stored();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ trackingCode: code, channel: 'online', applicantName: FORM_VALUES.applicantName, phone: '13800138000' });
    // Only its hash is kept.
    expect(JSON.stringify(rows[0])).not.toContain(secret);
    credentials = { code, secret };

    // Shown once: going back to the form shows an empty form, not the secret.
    await go('/apply');
    expect(await page.textContent('#view')).not.toContain(secret);
  });

  it('looks up the progress with the code and the secret', async () => {
    await go('/apply/status');
    await page.getByLabel('申请编号').fill(credentials.code);
    await page.getByLabel('查询密码').fill(credentials.secret);
    await page.getByRole('button', { name: '查询' }).click();
    await page.locator('.status-view').waitFor();
    await screenshot(page, 'status-submitted');
    expect(await page.textContent('.status-view [data-field="trackingCode"] dd')).toBe(credentials.code);
    expect(await page.textContent('.status-view [data-field="state"] dd')).toBe('待确认收到');
    expect(await page.textContent('.status-view [data-field="receivedOn"] dd')).toContain('尚未确认收到');
    expect(await page.locator('.letter-frame').count()).toBe(0);
    // Personal data is not shown on the lookup.
    expect(await page.textContent('#view')).not.toContain(FORM_VALUES.applicantName);
  });

  it('tells the applicant what to correct, and by when', async () => {
    const [row] = await stored();
    const act = (body: Record<string, unknown>) => handler.post(`/disclosure/applications/${row.documentId}/actions`, body);
    expect((await act({ action: 'confirm_receipt', receivedOn: toLegalDate(new Date()) })).status).toBe(200);
    const asked = await act({ action: 'request_correction', request: '请注明所需信息的年份和项目名称' });
    expect(asked.status).toBe(200);
    await page.getByRole('button', { name: '查询' }).click();
    await page.locator('.status-view[data-state="correction_requested"]').waitFor();
    const text = (await page.textContent('.status-view'))!;
    expect(text).toContain('需要补正申请');
    expect(text).toContain('请注明所需信息的年份和项目名称');
    expect(text).toContain(`请于 ${asked.body.data.correction.dueOn} 前补正`);
    await screenshot(page, 'status-correction');
    expect((await act({ action: 'receive_correction', receivedOn: toLegalDate(new Date()) })).status).toBe(200);
  });

  it('shows the reply letter, sandboxed, once the application is answered', async () => {
    const [row] = await stored();
    const act = (body: Record<string, unknown>) => handler.post(`/disclosure/applications/${row.documentId}/actions`, body);
    const replied = await act({ action: 'reply', outcome: 'disclose', details: { publishedAt: '本机关门户网站“统计信息”栏目' } });
    expect(replied.status).toBe(200);

    await page.getByRole('button', { name: '查询' }).click();
    await page.locator('.status-view[data-state="replied"]').waitFor();
    expect(await page.textContent('.status-view [data-field="outcome"] dd')).toBe('予以公开');
    // The correction came in long ago: nothing is asked of the applicant any more.
    expect(await page.textContent('.status-view')).not.toContain('需要补正申请');
    const frame = page.locator('iframe.letter-frame');
    expect(await frame.getAttribute('sandbox')).toBe('');
    const letter = page.frameLocator('iframe.letter-frame');
    await letter.locator('body').waitFor();
    expect(await letter.locator('body').textContent()).toContain(credentials.code);
    expect(await letter.locator('body').textContent()).toContain('行政复议');
    // A copy to keep and print.
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: /下载答复告知书/ }).click();
    expect((await download).suggestedFilename()).toBe(`答复告知书-${credentials.code}.html`);
    await screenshot(page, 'status-replied');
  });

  it('answers a wrong secret and an unknown code alike: 未找到该申请或查询密码不正确', async () => {
    for (const [code, secret] of [
      [credentials.code, `${credentials.secret}x`],
      ['GK-NO-SUCH-CODE', credentials.secret],
    ]) {
      await go('/apply/status');
      await page.getByLabel('申请编号').fill(code);
      await page.getByLabel('查询密码').fill(secret);
      await page.getByRole('button', { name: '查询' }).click();
      const alert = page.locator('#status-result [role="alert"]');
      await alert.waitFor();
      expect(await alert.textContent()).toContain('未找到该申请或查询密码不正确');
      expect(await page.locator('.status-view').count()).toBe(0);
    }
    await screenshot(page, 'status-not-found');
  });

  it('asks for a 验证码 when the server has a captcha module, and shows its refusal next to it', async () => {
    const module = path.join(os.tmpdir(), `portal-captcha-${process.pid}.js`);
    fs.writeFileSync(module, "exports.verify = async (token) => token === '7 + 5 = 12';\n");
    app.strapi.config.set('plugin::disclosure.applications.captchaModule', module);
    try {
      await go('/apply');
      await fillForm(page, { ...FORM_VALUES, phone: '13900139000', requestedTitle: `${REQUESTED}（验证码）` });
      await page.getByLabel('验证码').fill('12');
      await page.getByRole('button', { name: '提交申请' }).click();
      const error = page.locator('.form-field[data-field="captcha"] .field-error');
      await error.waitFor({ state: 'visible' });
      expect(await error.textContent()).toContain('验证码不正确');
      expect(await page.getAttribute('#apply-captcha', 'aria-invalid')).toBe('true');
      await page.getByLabel('验证码').fill('7 + 5 = 12');
      await page.getByRole('button', { name: '提交申请' }).click();
      await page.locator('#apply-done').waitFor();
    } finally {
      app.strapi.config.set('plugin::disclosure.applications.captchaModule', null);
      fs.rmSync(module, { force: true });
    }
  });

  it('fits a phone: no sideways scrolling, the form and the lookup one column', async () => {
    const phone = await browser.newContext({ locale: 'zh-CN', viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
    try {
      const small = await phone.newPage();
      for (const route of ['/apply', '/apply/status']) {
        await go(route, small);
        expect(await small.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
        await screenshot(small, `phone-${route.replace(/\W+/g, '-')}`);
      }
      const [code, secret] = await Promise.all([small.locator('#status-code').boundingBox(), small.locator('#status-secret').boundingBox()]);
      expect(secret!.y).toBeGreaterThan(code!.y + code!.height - 1);
    } finally {
      await phone.close();
    }
  });

  it('passes axe-core\'s WCAG 2.1 A and AA rules on the form, its errors, the receipt and the lookup', async () => {
    // axe is injected inline, which the app's Content-Security-Policy refuses: bypassed for the audit only.
    const audit = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 }, bypassCSP: true });
    const violations: string[] = [];
    try {
      const target = await audit.newPage();
      const check = async (name: string) => {
        await target.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
        const result = await target.evaluate(() => (window as any).axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }));
        for (const v of result.violations as { id: string; nodes: { target: string[] }[] }[]) violations.push(`${name}: ${v.id} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      };
      await go('/apply', target);
      await check('form');
      await target.getByRole('button', { name: '提交申请' }).click();
      await target.locator('#apply-errors').waitFor({ state: 'visible' });
      await check('form with errors');
      await go('/apply/status', target);
      await target.getByLabel('申请编号').fill(credentials.code);
      await target.getByLabel('查询密码').fill(credentials.secret);
      await target.getByRole('button', { name: '查询' }).click();
      await target.locator('.status-view').waitFor();
      await check('status');
    } finally {
      await audit.close();
    }
    expect(violations).toEqual([]);
  });
});
