import type { Browser, Page } from 'playwright-core';
import { APPLICATION_UID } from '../../../src/plugins/disclosure/server/src/constants';
import { catalog, createRefs, Refs } from '../../helpers';
import { openAs, requireAdminBuild, serveAdmin, shot } from '../../helpers/admin-browser';
import { createStaff, type Staff } from '../../helpers/staff';
import { startApp, TestApp } from '../../helpers/strapi';

/**
 * 年度报告 in the built admin, as the office's editor prepares the 2025 report: the list with its state, due date
 * and open problems; the report's tables with the numbers of a small data set (national layout); a violation (an
 * application closed without an outcome breaks 一＋二＝三＋四) listed with the application and explained; and after
 * a late application is entered, 重新生成 names the cells that changed. ADMIN_SCREENSHOT_DIR saves each step.
 */

const UID = 'api::annual-report.annual-report';
const YEAR = 2025;

let app: TestApp;
let refs: Refs;
let browser: Browser;
let base: string;
let editor: Staff;
let orgId: number;
let reportId: string;
let sequence = 0;

/** An application received (and maybe closed) by the organization, written as the handling would leave it. */
async function application(applicantKind: string, receivedOn: string, closedOn: string | null, outcome: string | null) {
  sequence += 1;
  const trackingCode = `YSQ-NB-${Date.now().toString(36).toUpperCase()}-${sequence}`;
  await app.strapi.db.query(APPLICATION_UID).create({
    data: {
      trackingCode,
      channel: 'letter',
      submittedAt: `${receivedOn}T09:00:00+08:00`,
      receivedOn,
      applicantKind,
      applicantName: `申请人${sequence}`,
      requestedTitle: `年报测试申请${sequence}`,
      receivingOrganization: orgId,
      state: closedOn ? (outcome ? 'replied' : 'closed') : 'in_progress',
      closedOn,
      outcome,
      ...(outcome && closedOn ? { repliedOn: closedOn } : {}),
    },
  });
  return trackingCode;
}

let broken: string;

beforeAll(async () => {
  requireAdminBuild();
  app = await startApp({ serveAdmin: true });
  refs = await createRefs(app.strapi);
  orgId = (await app.strapi.db.query('api::organization.organization').findOne({ where: { documentId: refs.org.documentId } })).id;
  editor = await createStaff(app, 'editor', orgId);
  await app.strapi.db.query('admin::user').update({ where: { id: editor.id }, data: { firstname: '李明', lastname: '' } });

  // The data set (hand-computed below): 自然人 three new in 2025 (one replied, one carried out, one closed without an
  // outcome: the violation) and one carried in from 2024; 商业企业 one new, withheld as a state secret.
  await application('natural_person', '2025-03-01', '2025-03-20', 'disclose');
  await application('natural_person', '2025-12-25', null, null);
  broken = await application('natural_person', '2025-06-01', '2025-06-05', null);
  await application('natural_person', '2024-12-20', '2025-01-10', 'unable.not_held');
  await application('commercial_enterprise', '2025-05-01', '2025-05-10', 'withhold.state_secret');

  const { category: _category, ...fields } = catalog(refs, '测试市数据局2025年政府信息公开工作年度报告');
  const report = await app.strapi.documents(UID).create({ data: { ...fields, year: YEAR, scope: 'subtree' } });
  reportId = report.documentId;
  const generated = await editor.post(`/disclosure/annual-reports/${reportId}/generate`);
  expect(generated.status).toBe(200);
  ({ base, browser } = await serveAdmin(app));
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const pageErrors: string[] = [];
afterEach(() => {
  expect(pageErrors).toEqual([]);
});

/** The numbers of a section 三 row, in column order (自然人 … 其他, 总计). */
const row3 = (page: Page, row: string) => page.locator(`table[data-section="3"] tr[data-row="${row}"] td[data-column]`).allTextContents();

describe('年度报告 in the admin', () => {
  let page: Page;
  afterAll(async () => {
    await page?.context().close();
  });

  it('lists the organization\'s report with its state, due date and open problems', async () => {
    page = await openAs(browser, base, editor, '/admin');
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    await page.getByRole('navigation').getByRole('link', { name: '年度报告', exact: true }).first().click();
    const row = page.locator(`tr[data-report="${reportId}"]`);
    await row.waitFor({ timeout: 30_000 });
    await shot(page, 'annual-reports-list');
    const text = await row.textContent();
    expect(text).toContain('测试市数据局');
    expect(text).toContain('2025 年');
    expect(text).toContain('草稿');
    // A 工作部门 reports by 31 January of the next year (条例 第四十九条).
    expect(text).toContain('2026-01-31');
    expect(text).toMatch(/\d+ 项，\d+ 项未说明/);
    expect(await row.getByRole('link', { name: '编辑报告正文' }).getAttribute('href')).toContain(`/content-manager/collection-types/${UID}/${reportId}`);
  });

  it('shows the tables with the numbers of the data set, in the national layout', async () => {
    await page.locator(`tr[data-report="${reportId}"]`).getByRole('link', { name: '测试市数据局' }).click();
    await page.locator('table[data-section="3"]').waitFor({ timeout: 30_000 });
    await shot(page, 'annual-report-tables');
    const zeros = (n: number) => Array.from({ length: n }, () => '0');
    expect(await row3(page, 'new')).toEqual(['3', '1', ...zeros(4), '4']);
    expect(await row3(page, 'carriedIn')).toEqual(['1', ...zeros(5), '1']);
    expect(await row3(page, 'disclose')).toEqual(['1', ...zeros(5), '1']);
    expect(await row3(page, 'withhold.state_secret')).toEqual(['0', '1', ...zeros(4), '1']);
    expect(await row3(page, 'withholdTotal')).toEqual(['0', '1', ...zeros(4), '1']);
    expect(await row3(page, 'unable.not_held')).toEqual(['1', ...zeros(5), '1']);
    expect(await row3(page, 'total')).toEqual(['2', '1', ...zeros(4), '3']);
    expect(await row3(page, 'carriedOut')).toEqual(['1', ...zeros(5), '1']);
    // The template's labels and columns.
    const table3 = await page.locator('table[data-section="3"]').textContent();
    for (const label of ['一、本年新收政府信息公开申请数量', '（三）不予公开', '1．属于国家秘密', '（七）总计', '四、结转下年度继续办理', '法人或其他组织', '社会公益组织']) expect(table3).toContain(label);
    // Section 二: the reference policy (a 行政规范性文件 written 2025-03-01, released, in force).
    expect(await page.locator('table[data-section="2"] tr[data-row="normativeDocuments"] td').allTextContents()).toEqual(['行政规范性文件', '1', '0', '1']);
    expect(await page.locator('table[data-section="4"] td[data-cell="review.total"]').textContent()).toBe('0');
  });

  it('lists the violation with the application involved, and records an explanation', async () => {
    const balance = page.locator('[data-violation="balance:natural_person"]');
    await balance.waitFor();
    expect(await balance.textContent()).toContain('BALANCE_MISMATCH');
    const inconsistent = page.locator(`[data-violation="application:${broken}"]`);
    expect(await inconsistent.textContent()).toContain(broken);
    await balance.getByRole('textbox', { name: '说明' }).fill('该申请已于6月5日由申请人撤回，办结结果补录中');
    await balance.getByRole('button', { name: '记录说明' }).click();
    await balance.getByText('已说明：该申请已于6月5日由申请人撤回').waitFor({ timeout: 30_000 });
    expect(await balance.textContent()).toContain('李明');
    await shot(page, 'annual-report-explained', 400);
    // Recorded on the report: the server has it.
    const draft = await app.strapi.db.query(UID).findOne({ where: { documentId: reportId, publishedAt: null } });
    const notes = typeof draft.violationNotes === 'string' ? JSON.parse(draft.violationNotes) : draft.violationNotes;
    expect(notes['balance:natural_person'].note).toContain('撤回');
  });

  it('重新生成 shows which cells changed since the last version', async () => {
    // A letter from a company, entered late: one more 商业企业 application received and disclosed in 2025.
    await application('commercial_enterprise', '2025-07-01', '2025-07-08', 'disclose');
    await page.locator('main').getByRole('button', { name: '重新生成', exact: true }).click();
    const diff = page.locator('section[aria-label="与上一版本的差异"]');
    await diff.waitFor({ timeout: 30_000 });
    await shot(page, 'annual-report-diff', 400);
    const text = await diff.textContent();
    expect(text).toContain('一、本年新收政府信息公开申请数量 · 商业企业：1 → 2');
    expect(text).toContain('（一）予以公开 · 商业企业：0 → 1');
    expect(text).toContain('（七）总计 · 总计：3 → 4');
    expect(await row3(page, 'new')).toEqual(['3', '2', '0', '0', '0', '0', '5']);
  });
});
