import type { AddressInfo } from 'net';
import path from 'path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { APPLICATION_UID } from '../../../src/plugins/disclosure/server/src/constants';
import { catalog, createRefs, Refs, release } from '../../helpers';
import { createSite } from '../../helpers/consumer';
import { startApp, TestApp } from '../../helpers/strapi';

/**
 * 政府信息公开年报 on the reference portal, as a citizen reads it: the released reports, newest year first (a draft
 * never shows), and a report with its national tables from the figures frozen at release (an application entered
 * afterwards changes nothing), with its downloads.
 */

// eslint-disable-next-line @typescript-eslint/no-var-requires
const { launchBrowser } = require('../../../scripts/lib/browser') as { launchBrowser: () => Promise<Browser> };
const UID = 'api::annual-report.annual-report';

let app: TestApp;
let refs: Refs;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let portal: string;
let orgId: number;
const ids = {} as Record<'r2025' | 'r2024' | 'draft2023', string>;
const pageErrors: string[] = [];
let sequence = 0;

/** Screenshots go to PORTAL_SCREENSHOT_DIR or ADMIN_SCREENSHOT_DIR when set (to look at; CI takes none). */
async function screenshot(target: Page, name: string) {
  const dir = process.env.PORTAL_SCREENSHOT_DIR ?? process.env.ADMIN_SCREENSHOT_DIR;
  if (dir) await target.screenshot({ path: path.join(dir, `portal-${name}.png`), fullPage: true });
}

async function go(route: string) {
  const hash = `#${route}`;
  if (new URL(page.url()).hash === hash) await page.reload();
  else await page.goto(`${portal}${hash}`);
  await page.waitForFunction((expected) => document.getElementById('view')?.getAttribute('data-rendered') === expected && !document.getElementById('view')?.hasAttribute('aria-busy'), hash, { timeout: 15000 });
}

async function application(applicantKind: string, receivedOn: string, closedOn: string | null, outcome: string | null) {
  sequence += 1;
  await app.strapi.db.query(APPLICATION_UID).create({
    data: {
      trackingCode: `YSQ-MH-${Date.now().toString(36).toUpperCase()}-${sequence}`,
      channel: 'online',
      submittedAt: `${receivedOn}T09:00:00+08:00`,
      receivedOn,
      applicantKind,
      applicantName: `门户申请人${sequence}`,
      requestedTitle: `门户年报测试申请${sequence}`,
      receivingOrganization: orgId,
      state: closedOn ? 'replied' : 'in_progress',
      closedOn,
      outcome,
      ...(closedOn ? { repliedOn: closedOn } : {}),
    },
  });
}

async function report(year: number, released: boolean) {
  const { category: _category, ...fields } = catalog({ ...refs, org: refs.otherOrg }, `测试市财政局${year}年政府信息公开工作年度报告`);
  const doc = await app.strapi.documents(UID).create({
    data: { ...fields, year, scope: 'subtree', feesWanYuan: 0, overview: `${year}年，本机关认真贯彻落实《政府信息公开条例》。`, problems: '主动公开的及时性有待提高。' },
  });
  if (released) await release(app.strapi, UID, doc.documentId);
  return doc.documentId as string;
}

beforeAll(async () => {
  app = await startApp();
  refs = await createRefs(app.strapi);
  orgId = (await app.strapi.db.query('api::organization.organization').findOne({ where: { documentId: refs.otherOrg.documentId } })).id;
  // 2024: one application carried into 2025; 2025: two received (自然人 disclosed, 法律服务机构 not held).
  await application('natural_person', '2024-12-28', '2025-01-15', 'disclose');
  await application('natural_person', '2025-04-02', '2025-04-20', 'disclose');
  await application('legal_service_institution', '2025-08-11', '2025-08-30', 'unable.not_held');
  ids.r2024 = await report(2024, true);
  ids.r2025 = await report(2025, true);
  ids.draft2023 = await report(2023, false);
  // After release: the released report's figures are frozen.
  await application('natural_person', '2025-09-01', '2025-09-10', 'disclose');

  const site = await createSite(app, { name: '测试市财政局门户网站', organizations: [refs.otherOrg.documentId] });
  await new Promise<void>((resolve) => app.strapi.server.httpServer.listen(0, '127.0.0.1', () => resolve()));
  const { port } = app.strapi.server.httpServer.address() as AddressInfo;
  portal = `http://127.0.0.1:${port}/portal/index.html`;
  browser = await launchBrowser();
  context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) pageErrors.push(message.text());
  });
  await page.goto(`${portal}#/annual-reports?token=${encodeURIComponent(site.token)}`);
  await page.waitForFunction(() => document.getElementById('view')?.hasAttribute('data-rendered') && !document.getElementById('view')?.hasAttribute('aria-busy'), null, { timeout: 15000 });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

afterEach(() => {
  expect(pageErrors).toEqual([]);
});

describe('政府信息公开年报 on the portal', () => {
  it('lists the released reports, newest year first, and not a draft', async () => {
    await go('/annual-reports');
    await screenshot(page, 'annual-reports');
    const listed = await page.$$eval('#annual-reports .report-list a[data-document-id]', (links) => links.map((a) => a.getAttribute('data-document-id')));
    expect(listed).toEqual([ids.r2025, ids.r2024]);
    expect(await page.textContent('#annual-reports')).not.toContain('2023年政府信息公开工作年度报告');
    expect(await page.textContent(`[data-entry-id="${ids.r2025}"]`)).toContain('报告年度：2025年');
  });

  it('shows a released report as the national tables, frozen at release', async () => {
    await page.click(`a[data-document-id="${ids.r2025}"]`);
    await page.waitForFunction((id) => document.getElementById('view')?.getAttribute('data-rendered') === `#/annual-reports/${id}` && !document.getElementById('view')?.hasAttribute('aria-busy'), ids.r2025, { timeout: 15000 });
    await screenshot(page, 'annual-report-2025');
    const cells = (row: string) => page.$$eval(`table[data-section="3"] tr[data-row="${row}"] td`, (tds) => tds.map((td) => td.textContent));
    // The 2025-09-01 application came after release: still 2 new, not 3.
    expect(await cells('new')).toEqual(['1', '0', '0', '0', '1', '0', '2']);
    expect(await cells('carriedIn')).toEqual(['1', '0', '0', '0', '0', '0', '1']);
    expect(await cells('disclose')).toEqual(['2', '0', '0', '0', '0', '0', '2']);
    expect(await cells('unable.not_held')).toEqual(['0', '0', '0', '0', '1', '0', '1']);
    expect(await cells('total')).toEqual(['2', '0', '0', '0', '1', '0', '3']);
    expect(await cells('carriedOut')).toEqual(['0', '0', '0', '0', '0', '0', '0']);
    const article = await page.textContent('#entry');
    for (const text of ['一、总体情况', '2025年，本机关认真贯彻落实', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况', '五、存在的主要问题及改进情况', '六、其他需要报告的事项', '法律服务机构']) {
      expect(article).toContain(text);
    }
    expect(await page.textContent('table[data-section="2"] tr[data-row="fees"] td')).toBe('0');
  });

  it('downloads the report as printable HTML', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('.report-exports button[data-format="html"]')]);
    expect(download.suggestedFilename()).toBe('测试市财政局2025年政府信息公开工作年度报告.html');
    const file = await download.path();
    const html = require('fs').readFileSync(file!, 'utf8') as string;
    expect(html).toContain('收到和处理政府信息公开申请情况');
  });

  it('does not open a draft report', async () => {
    await go(`/annual-reports/${ids.draft2023}`);
    expect(await page.textContent('#view')).toContain('未找到该信息');
  });
});
