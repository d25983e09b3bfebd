import type { Browser, Locator, Page } from 'playwright-core';
import { toLegalDate } from '../../../src/plugins/disclosure/server/src/domain/legal-date';
import { createRefs, Refs } from '../../helpers';
import { openAs, requireAdminBuild, serveAdmin, shot } from '../../helpers/admin-browser';
import { createHandler, onlineApplication } from '../../helpers/application-handler';
import type { Staff } from '../../helpers/staff';
import { startApp, TestApp } from '../../helpers/strapi';

/**
 * 依申请公开 in the built admin, as a handler works an application through: the list (applicant masked), the
 * application's page with the applicant, every date and the clock, a 补正 asked (a missing field refused next to
 * it) and received, a reply chosen from the annual report's outcomes and issued after its letter was previewed;
 * and a handler of another organization, who neither lists nor opens it. ADMIN_SCREENSHOT_DIR saves each step.
 */

const LIST = '/admin/plugins/disclosure-applications';
const REQUESTED = '2025年本市道路建设资金使用情况';
const LATE = '2024年城区供热管网改造验收报告';

let app: TestApp;
let refs: Refs;
let browser: Browser;
let base: string;
let handler: Staff;
let stranger: Staff;
let head: Staff;
let trackingCode: string;
let documentId: string;
let lateCode: string;

/** Waits for text inside the page's main area (not a menu or a toast). */
const inMain = (page: Page, text: string | RegExp) => page.locator('main').getByText(text).first().waitFor({ timeout: 30_000 });

/** The open dialog (Strapi's modal), where an action's fields are. */
const dialog = (page: Page): Locator => page.getByRole('dialog');

async function runAction(page: Page, button: string) {
  await page.locator('main').getByRole('button', { name: button, exact: true }).click();
  await dialog(page).waitFor();
}

async function stateIs(page: Page, label: string) {
  await dialog(page).waitFor({ state: 'detached', timeout: 30_000 });
  await page.locator('main').getByText(label, { exact: true }).first().waitFor({ timeout: 30_000 });
}

beforeAll(async () => {
  requireAdminBuild();
  app = await startApp({ serveAdmin: true });
  refs = await createRefs(app.strapi);
  const orgId = async (documentId: string) => (await app.strapi.db.query('api::organization.organization').findOne({ where: { documentId } })).id;
  handler = await createHandler(app, await orgId(refs.org.documentId), '刘洋');
  stranger = await createHandler(app, await orgId(refs.otherOrg.documentId), '陈静');
  head = await createHandler(app, await orgId(refs.org.documentId), '王建国', 'applicationHead');
  const submitted = await app.http().post('/api/disclosure/applications').send(onlineApplication(refs.org.documentId, REQUESTED));
  expect(submitted.status).toBe(201);
  trackingCode = submitted.body.data.trackingCode;
  // Three more applicants ask for the same information, received: three make a 第四十四条 suggestion.
  for (const applicantName of ['赵六', '钱七', '孙八']) {
    const more = await app.http().post('/api/disclosure/applications').send({ ...onlineApplication(refs.org.documentId, REQUESTED), applicantName });
    const row = await app.strapi.db.query('plugin::disclosure.application').findOne({ where: { trackingCode: more.body.data.trackingCode } });
    expect((await handler.post(`/disclosure/applications/${row.documentId}/actions`, { action: 'confirm_receipt', receivedOn: toLegalDate(new Date()) })).status).toBe(200);
  }
  documentId = (await app.strapi.db.query('plugin::disclosure.application').findOne({ where: { trackingCode } })).documentId;
  // A letter received two months ago and never answered: overdue.
  const late = await handler.post('/disclosure/applications', {
    ...onlineApplication(refs.org.documentId, LATE),
    applicantName: '周九',
    channel: 'letter',
    receivedOn: toLegalDate(new Date(Date.now() - 60 * 86_400_000)),
  });
  expect(late.status).toBe(201);
  lateCode = late.body.data.trackingCode;
  ({ base, browser } = await serveAdmin(app));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const pageErrors: string[] = [];
afterEach(() => {
  expect(pageErrors).toEqual([]);
});

describe('依申请公开 in the admin', () => {
  let page: Page;
  afterAll(async () => {
    await page?.context().close();
  });

  it('lists the organization\'s applications, the applicant masked', async () => {
    page = await openAs(browser, base, handler, '/admin');
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    await page.getByRole('navigation').getByRole('link', { name: '依申请公开', exact: true }).first().click();
    await inMain(page, trackingCode);
    await shot(page, 'applications-list');
    const row = page.locator(`tr[data-application="${trackingCode}"]`);
    const text = await row.textContent();
    expect(text).toContain('张**');
    expect(text).not.toContain('张三丰');
    expect(text).toContain(REQUESTED);
    expect(text).toContain('测试市数据局');
    expect(text).toContain('待确认收到');
    expect(text).toContain('未指派');
    for (const header of ['申请编号', '申请人', '所需信息', '受理机关', '状态', '收到日期', '答复期限', '承办人']) {
      expect(await page.locator('thead').textContent()).toContain(header);
    }
    // Past its 答复期限: highlighted, with how late it is.
    const late = page.locator(`tr[data-application="${lateCode}"]`);
    expect(await late.getAttribute('data-deadline')).toBe('overdue');
    expect(await late.textContent()).toMatch(/超期 \d+ 个工作日/);
    expect(await late.textContent()).toContain('信函');
    // 条例 第四十四条: the same information asked for three times is suggested for 主动公开.
    const suggestion = page.locator('section[aria-label="建议主动公开"]');
    expect(await suggestion.textContent()).toContain(REQUESTED);
    expect(await suggestion.textContent()).toContain('3 件');
    expect(await suggestion.getByRole('link').count()).toBe(3);
  });

  it('opens the application: the applicant, what is asked, the dates and the clock', async () => {
    await page.locator(`tr[data-application="${trackingCode}"]`).getByRole('link', { name: trackingCode }).click();
    await inMain(page, '张三丰').catch(async (error) => {
      await shot(page, 'application-failed');
      throw error;
    });
    await shot(page, 'application-submitted');
    const main = (await page.locator('main').textContent())!;
    for (const text of ['申请人', '所需信息', '办理日期', '答复期限', '暂停的工作日', '剩余工作日', '办理记录', '行政复议、行政诉讼', '13800138000', '110101199003074514', REQUESTED, '待确认收到']) {
      expect([text, main.includes(text)]).toEqual([text, true]);
    }
  });

  it('confirms receipt, and the clock starts', async () => {
    await runAction(page, '确认收到申请');
    await dialog(page).getByRole('button', { name: '确认收到申请' }).click();
    await stateIs(page, '已收到');
    const clock = (await page.locator('[data-clock]').textContent())!;
    expect(clock).toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(clock).toMatch(/剩余 \d+ 个工作日/);
    // An extension needs the head of the office: offered, but not to this handler, who is told why.
    expect(await page.locator('main').getByRole('button', { name: '延长答复期限' }).isDisabled()).toBe(true);
    expect(await page.locator('#why-extend').textContent()).toContain('政府信息公开工作机构负责人');
  });

  it('asks for a 补正: a missing request is refused next to its field, then sent', async () => {
    await runAction(page, '通知补正');
    await dialog(page).getByRole('button', { name: '通知补正' }).click();
    // The server's field error, in Chinese, under the field; the dialog stays open with what was entered.
    await dialog(page).getByText('请填写需要补正的事项').first().waitFor();
    await shot(page, 'correction-refused', 300);
    await dialog(page).getByLabel('需要补正的事项').fill('请补充所需信息的文号或形成时间，便于查找。');
    await dialog(page).getByRole('button', { name: '通知补正' }).click();
    await stateIs(page, '待补正');
    const main = (await page.locator('main').textContent())!;
    expect(main).toContain('请补充所需信息的文号或形成时间');
    expect(main).toContain('补正期限');
    expect(main).toContain('补正通知期限');
    await shot(page, 'correction-requested');
  });

  it('records the correction, and the clock restarts from it', async () => {
    await runAction(page, '收到补正');
    await dialog(page).getByRole('button', { name: '收到补正' }).click();
    await stateIs(page, '办理中');
    expect(await page.locator('main').textContent()).toContain('收到补正');
    expect(await page.locator('[data-clock]').textContent()).toMatch(/剩余 \d+ 个工作日/);
  });

  it('replies with an outcome from the annual report\'s groups, only after previewing the letter', async () => {
    await runAction(page, '答复');
    const outcome = dialog(page).locator('select[name="outcome"]');
    expect(await outcome.locator('optgroup').evaluateAll((groups) => groups.map((g) => g.getAttribute('label')!.slice(0, 4)))).toEqual(['（一）予', '（二）部', '（三）不', '（四）无', '（五）不', '（六）其']);
    await outcome.selectOption('disclose');
    await dialog(page).getByLabel('已主动公开的获取方式（选填）').fill('本机关门户网站“统计信息”栏目');
    // Issuing waits for the preview.
    expect(await dialog(page).getByRole('button', { name: '确认答复' }).isDisabled()).toBe(true);
    await dialog(page).getByRole('button', { name: '预览答复告知书' }).click();
    const preview = dialog(page).frameLocator('iframe[title="答复告知书预览"]');
    await preview.locator('body').getByText(trackingCode).first().waitFor({ timeout: 30_000 });
    expect(await preview.locator('body').textContent()).toContain('行政复议');
    await shot(page, 'reply-preview', 300);
    await dialog(page).getByRole('button', { name: '确认答复' }).click();
    await stateIs(page, '已答复');
    expect(await page.locator('main').textContent()).toContain('予以公开');
    await shot(page, 'application-replied');

    await page.locator('main').getByRole('button', { name: '查看答复告知书' }).click();
    const letter = dialog(page).frameLocator('iframe[title="答复告知书"]');
    await letter.locator('body').getByText(trackingCode).first().waitFor({ timeout: 30_000 });
    await shot(page, 'reply-letter', 300);
    await page.keyboard.press('Escape');

    // The history says who did what.
    const history = page.locator('section[aria-label="办理记录"]');
    expect(await history.textContent()).toContain('刘洋');
    await page.locator('section[aria-label="答复"]').scrollIntoViewIfNeeded();
    await shot(page, 'application-replied-lower', 300);
    // A handler without the cases permission is told who records them, not offered a button that would be refused.
    const cases = page.locator('section[aria-label="行政复议、行政诉讼"]');
    expect(await cases.textContent()).toContain('登记案件需要');
    expect(await cases.getByRole('button').count()).toBe(0);
  });

  it('lets the head of the disclosure office record a 行政复议 against the reply', async () => {
    const office = await openAs(browser, base, head, `${LIST}/${documentId}`);
    try {
      office.on('pageerror', (error) => pageErrors.push(String(error)));
      await inMain(office, '张三丰');
      const cases = office.locator('section[aria-label="行政复议、行政诉讼"]');
      await cases.getByRole('button', { name: '登记行政复议或诉讼' }).click();
      await dialog(office).getByLabel('申请复议或起诉日期').fill(toLegalDate(new Date()));
      await dialog(office).getByLabel('案号').fill('五复字〔2026〕1号');
      await dialog(office).getByRole('button', { name: '保存' }).click();
      await dialog(office).waitFor({ state: 'detached' });
      await cases.getByText('五复字〔2026〕1号').waitFor();
      expect(await cases.textContent()).toContain('行政复议');
      expect(await cases.textContent()).toContain('尚未审结');
      await cases.scrollIntoViewIfNeeded();
      await shot(office, 'application-case', 300);
    } finally {
      await office.context().close();
    }
  });

  it('lets the head of the office extend the period with a reason, and a third party be consulted', async () => {
    const office = await openAs(browser, base, head, LIST);
    try {
      office.on('pageerror', (error) => pageErrors.push(String(error)));
      await office.locator('tbody tr', { hasText: '赵*' }).getByRole('link').click({ timeout: 30_000 });
      await inMain(office, '赵六');
      await runAction(office, '延长答复期限');
      await dialog(office).getByRole('button', { name: '延长答复期限' }).click();
      await dialog(office).getByText('请填写延期理由').first().waitFor();
      await dialog(office).getByLabel('延期理由').fill('所需信息涉及多个年度的档案，需调阅整理');
      await dialog(office).getByRole('button', { name: '延长答复期限' }).click();
      await dialog(office).waitFor({ state: 'detached', timeout: 30_000 });
      await office.locator('[data-clock]').getByText('已延长').waitFor();
      expect(await office.locator('main').textContent()).toContain('所需信息涉及多个年度的档案，需调阅整理');

      await runAction(office, '征求第三方或其他机关意见');
      await dialog(office).getByLabel('征求意见对象').fill('五家渠市城市建设投资有限公司');
      await dialog(office).getByRole('button', { name: '征求第三方或其他机关意见' }).click();
      await stateIs(office, '征求意见中');
      expect(await office.locator('main').textContent()).toContain('五家渠市城市建设投资有限公司');
      await shot(office, 'application-consultation');
      await runAction(office, '收到征求意见答复');
      await dialog(office).getByLabel('意见内容').fill('同意公开');
      await dialog(office).getByRole('button', { name: '收到征求意见答复' }).click();
      await stateIs(office, '办理中');
      expect(await office.locator('main').textContent()).toContain('同意公开');
    } finally {
      await office.context().close();
    }
  });

  it('registers an application handed in at the counter, received the same day', async () => {
    await page.locator('main').getByRole('link', { name: '返回申请列表' }).click();
    await page.locator('main').getByRole('button', { name: '登记申请' }).click();
    await inMain(page, '登记以信函');
    await page.getByLabel('申请人姓名或名称').fill('李四');
    await page.getByLabel('证件号码').fill('650101198001010018');
    await page.getByLabel('联系电话').fill('0994-5812345');
    await page.getByLabel('通信地址').fill('五家渠市青湖路2号');
    await page.getByLabel('所需信息的名称').fill('青湖路改造工程招标文件');
    await shot(page, 'intake-filled');
    await page.locator('main').getByRole('button', { name: '登记', exact: true }).click();
    await inMain(page, '青湖路改造工程招标文件');
    await page.locator('main').getByText('李四', { exact: true }).waitFor();
    const main = (await page.locator('main').textContent())!;
    expect(main).toContain('当面');
    expect(main).toContain('已收到');
    expect(await page.locator('[data-clock]').textContent()).toMatch(/剩余 \d+ 个工作日/);
  });

  it('charges a fee by the page, waives it with a reason, and records the applicant\'s withdrawal', async () => {
    await runAction(page, '发出收费通知');
    await dialog(page).getByRole('combobox', { name: '收费方式' }).click();
    await page.getByRole('option', { name: '按量计收' }).click();
    await dialog(page).getByLabel('页数').fill('45');
    await dialog(page).getByRole('button', { name: '发出收费通知' }).click();
    await stateIs(page, '待缴费');
    // 按量: pages 31–45 at 10 元 each (国办函〔2020〕109号).
    expect(await page.locator('main').textContent()).toMatch(/收费金额\s*150(\.00?)? 元/);
    await shot(page, 'application-fee-notice');

    await runAction(page, '减免信息处理费');
    await dialog(page).getByLabel('减免理由').fill('申请人为低保户，依规减免');
    await dialog(page).getByRole('button', { name: '减免信息处理费' }).click();
    await stateIs(page, '办理中');
    expect(await page.locator('main').textContent()).toContain('已减免：申请人为低保户，依规减免');

    await runAction(page, '申请人撤回申请');
    await dialog(page).getByLabel('撤回说明').fill('申请人来电撤回申请');
    await dialog(page).getByRole('button', { name: '申请人撤回申请' }).click();
    await stateIs(page, '已办结（未答复）');
    await shot(page, 'application-withdrawn');
  });

  it('lists the overdue application on 公开时限, linked to its page', async () => {
    await page.getByRole('navigation').getByRole('link', { name: '公开时限', exact: true }).first().click();
    const link = page.locator('main').getByRole('link', { name: new RegExp(lateCode) });
    await link.waitFor({ timeout: 30_000 });
    expect(await link.textContent()).toContain(LATE);
    await shot(page, 'deadlines-with-application');
    await link.click();
    await inMain(page, '周九');
  });

  it('does not show it to a handler of another organization, in the list or at its address', async () => {
    const other = await openAs(browser, base, stranger, LIST);
    try {
      await inMain(other, /没有符合条件的申请|共 \d+ 件/);
      expect(await other.locator('main').textContent()).not.toContain(trackingCode);
      await other.goto(`${base}${LIST}/${documentId}`);
      await inMain(other, '无法打开该申请');
      const main = (await other.locator('main').textContent())!;
      expect(main).not.toContain('张三丰');
      expect(main).not.toContain('13800138000');
      await shot(other, 'application-other-organization');
    } finally {
      await other.context().close();
    }
  });
});
