import path from 'path';
import os from 'os';
import fs from 'fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createRefs, Refs } from '../../helpers';
import { createSite } from '../../helpers/consumer';
import { createStaff, Staff } from '../../helpers/staff';
import { requireAdminBuild, serveAdmin, shot, signIn } from '../../helpers/admin-browser';
import { startApp, TestApp } from '../../helpers/strapi';

/**
 * The whole flow in the real admin (needs `npm run build`), as the four people who do it: a system administrator
 * invites an editor, a reviewer and a publisher of one department and gives them their organization; the editor
 * writes a 政策文件 with an attachment and submits it; the reviewer approves 部门初审 and 保密审查 with a 审核意见;
 * the publisher signs off and releases after a confirmation naming the consumer site; the editor corrects it with a
 * reason and resubmits; the reviewer returns it with a reason; the editor finds the reason in 待我处理 and the history.
 * One browser, one context per person; in-app navigation where the admin allows it.
 * ADMIN_SCREENSHOT_DIR=/some/dir saves a PNG of each step.
 */

const POLICY = 'api::policy.policy';
/** How long a step may take to show: every workflow action reloads the edit view, slow when another test file runs beside it. */
const WAIT = 60_000;
const CALENDAR_DAY = 'plugin::disclosure.calendar-day';
const TITLE = '关于印发2027年数据开放工作要点的通知';
const PASSWORD = 'Walk-Passw0rd-2026';
const PEOPLE = {
  editor: { name: '张明', role: '编辑' },
  reviewer: { name: '李华', role: '审核员' },
  publisher: { name: '王芳', role: '签发人/发布管理员' },
} as const;
type Person = keyof typeof PEOPLE;

let app: TestApp;
let refs: Refs;
let browser: Browser;
let base: string;
let sysadmin: Staff;
let admin: Page;
const pages = {} as Record<Person, Page>;
let attachment: string;

const button = (page: Page, name: string | RegExp) => page.getByRole('button', { name, exact: typeof name === 'string' });
const dialog = (page: Page) => page.getByRole('alertdialog');
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The 审核流程 panel's state line, e.g. 待审核（部门初审）. */
const stateIs = (page: Page, text: string | RegExp) =>
  page.locator('p').filter({ hasText: typeof text === 'string' ? new RegExp(`^${escapeRegExp(text)}$`) : text }).first().waitFor({ timeout: WAIT });
/** A line of the 审核记录, e.g. “李华 通过（部门初审），转“保密审查””. */
const historyLine = (page: Page, text: RegExp) => page.locator('ol > li').filter({ hasText: text }).first();

/** A menu entry of the admin's main navigation (no reload). */
async function menu(page: Page, name: string) {
  await page.getByRole('navigation').getByRole('link', { name, exact: true }).first().click();
}

/** The entry's row in 待我处理 (its status, what waits, any return or correction reason). */
async function inboxRow(page: Page) {
  await menu(page, '待我处理');
  const row = page.getByRole('row').filter({ hasText: TITLE });
  await row.waitFor({ timeout: WAIT });
  return row;
}

/** Opens the entry from 待我处理, as its people find it; answers what its row said. */
async function openFromInbox(page: Page): Promise<string> {
  const row = await inboxRow(page);
  const text = (await row.innerText()).replace(/\s+/g, ' ');
  await row.getByRole('link', { name: TITLE }).click();
  await page.getByText('审核记录').waitFor({ timeout: WAIT });
  return text;
}

/** The system administrator invites a newcomer with a role; the newcomer registers through the link and is signed in. */
async function invite(person: Person): Promise<Page> {
  const { name, role } = PEOPLE[person];
  await button(admin, '邀请新用户').first().click();
  const form = admin.getByRole('dialog');
  await form.locator('input[name="firstname"]').fill(name);
  await form.locator('input[name="email"]').fill(`${person}-${Date.now()}@example.gov.cn`);
  await form.getByRole('combobox', { name: '用户的角色' }).click();
  await admin.getByRole('option', { name: role, exact: true }).click();
  await admin.keyboard.press('Escape');
  await form.getByRole('button', { name: '邀请用户' }).click();
  await form.getByText(/\/admin\/auth\/register\?registrationToken=/).waitFor({ timeout: WAIT });
  await shot(admin, `01-admin-invited-${person}`, 300);
  await form.getByRole('button', { name: '复制到剪贴板' }).click();
  const link = await admin.evaluate(() => navigator.clipboard.readText());
  expect(link).toMatch(new RegExp(`^${base}/admin/auth/register\\?registrationToken=\\w+$`));
  await form.getByRole('button', { name: '完成' }).click();

  const context: BrowserContext = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 1000 } });
  const page = await context.newPage();
  await page.goto(link);
  await page.locator('input[name="password"]').fill(PASSWORD);
  await page.locator('input[name="confirmPassword"]').fill(PASSWORD);
  expect(await page.locator('input[name="firstname"]').inputValue()).toBe(name);
  await button(page, '让我们开始吧').click();
  await page.getByText(`您好，${name}`).waitFor({ timeout: WAIT });
  return page;
}

/** Types a day into the 形成或变更日期 field (a date picker: the law counts days, not times of day). */
async function fillFormationDate(page: Page, date: string) {
  const field = page.getByLabel('形成或变更日期').first();
  await field.fill(date);
  await field.blur();
}

/**
 * Chooses an option in a relation field of the edit view. The option list re-renders while its first page loads
 * (under load an option can be detached between being found and clicked): close the list and open it again.
 */
async function choose(page: Page, field: string, option: string) {
  for (let attempt = 1; ; attempt++) {
    try {
      await page.locator(`main input[name="${field}"]`).click({ timeout: WAIT });
      await page.getByRole('option', { name: option }).first().click({ timeout: 15_000 });
      return;
    } catch (error) {
      if (attempt === 4) throw error;
      await page.keyboard.press('Escape');
    }
  }
}

beforeAll(async () => {
  requireAdminBuild();
  app = await startApp({ serveAdmin: true });
  refs = await createRefs(app.strapi);
  sysadmin = await createStaff(app, 'sysadmin', null);
  await createSite(app, { name: '市政府门户网站', organizations: [refs.org.documentId] });
  // A department with one reviewer: both review stages may be approved by the same person (config workflow.distinctApprovers).
  Object.assign(app.strapi.plugin('disclosure').config('workflow'), { distinctApprovers: { default: false } });
  // Next year's holiday notice not entered yet, whenever the suite runs: 公开时限 shows its banner.
  const nextYear = new Date().getFullYear() + 1;
  await app.strapi.db.query(CALENDAR_DAY).deleteMany({ where: { date: { $gte: `${nextYear}-01-01`, $lte: `${nextYear}-12-31` } } });
  app.strapi.plugin('disclosure').service('calendar').invalidate();
  attachment = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'walk-')), '数据开放工作要点.pdf');
  fs.writeFileSync(attachment, '%PDF-1.4\n% 数据开放工作要点\n%%EOF\n');
  ({ base, browser } = await serveAdmin(app));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('the whole flow, as four people', () => {
  it('the system administrator invites an editor, a reviewer and a publisher and gives them their organization', async () => {
    admin = await signIn(browser, base, sysadmin);
    await admin.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
    await admin.goto(`${base}/admin/settings/users`);
    await button(admin, '邀请新用户').first().waitFor({ timeout: WAIT });
    for (const person of Object.keys(PEOPLE) as Person[]) pages[person] = await invite(person);

    await admin.getByRole('link', { name: '人员与机构' }).click();
    for (const person of Object.keys(PEOPLE) as Person[]) {
      const { name } = PEOPLE[person];
      await admin.getByRole('combobox', { name: `${name}的所属机构` }).click({ timeout: WAIT });
      await admin.getByRole('option', { name: '测试市数据局', exact: true }).click();
      await admin.getByText(`${name}的所属机构设为“测试市数据局”`).first().waitFor({ timeout: 10_000 });
    }
    await shot(admin, '02-admin-staff-organizations', 300);
    const users = await app.strapi.db.query('admin::user').findMany({ where: { firstname: { $in: Object.values(PEOPLE).map((p) => p.name) } }, populate: ['roles', 'disclosureOrganization'] });
    expect(users.map((u: any) => [u.firstname, u.roles.map((r: any) => r.name), u.disclosureOrganization?.name]).sort()).toEqual(
      (Object.values(PEOPLE) as { name: string; role: string }[]).map((p) => [p.name, [p.role], '测试市数据局']).sort()
    );
  }, 420_000);

  it('the editor writes a 政策文件 with an attachment; 待我处理 lists it to submit; they submit it after a confirmation', async () => {
    const page = pages.editor;
    await menu(page, '内容管理');
    await page.getByRole('link', { name: '政策文件', exact: true }).click();
    await page.getByRole('link', { name: /新建条目|创建新条目/ }).first().click();
    // 发布机构 starts as the editor's own organization (checked in what is saved below); wait for it so that the
    // default does not land while another field's list is open.
    await page.getByText('发布机构默认为您所在机构“测试市数据局”').waitFor({ timeout: WAIT });
    await page.locator('main input[name="title"]').fill(TITLE, { timeout: WAIT });
    await choose(page, 'issuingOrganizations', '测试市数据局');
    await fillFormationDate(page, '2026/11/20');
    await page.locator('main input[name="documentNumber"]').fill('测数发〔2026〕3号');

    await page.getByText('点击添加素材').first().click();
    const media = page.getByRole('dialog');
    await button(media, /添加新素材|添加更多的素材/).first().click();
    await media.locator('input[type="file"]').setInputFiles(attachment);
    await button(media, /上传 1 个素材/).click();
    await button(media, '完成').click();
    await page.locator('main').getByText('数据开放工作要点.pdf').first().waitFor({ timeout: WAIT });

    await button(page, '保存').click();
    await page.getByText('审核记录').waitFor({ timeout: WAIT });
    await stateIs(page, '草稿');
    await historyLine(page, /张明 新建/).waitFor();
    await shot(page, '03-editor-saved', 300);
    const saved = await app.strapi.db.query(POLICY).findOne({ where: { title: TITLE, publishedAt: null }, populate: ['publishingOrganization', 'attachments'] });
    expect(saved).toMatchObject({ formedOrChangedAt: '2026-11-20', publishingOrganization: { name: '测试市数据局' } });
    expect(saved.attachments.map((file: any) => file.name)).toEqual(['数据开放工作要点.pdf']);

    // Not submitted yet: waiting for its editor.
    expect(await openFromInbox(page)).toMatch(/草稿.*提交审核/);

    await button(page, '提交审核').click();
    await dialog(page).getByText('提交后进入“部门初审”').waitFor();
    await dialog(page).getByRole('button', { name: '确认提交审核' }).click();
    await stateIs(page, '待审核（部门初审）');
    await historyLine(page, /张明 提交审核，进入“部门初审”/).waitFor();
    await shot(page, '04-editor-submitted', 300);
  }, 420_000);

  it('the reviewer finds it in 待我处理 and approves 部门初审 and 保密审查, each with a 审核意见', async () => {
    const page = pages.reviewer;
    expect(await openFromInbox(page)).toMatch(/待审核（部门初审）.*审核/);
    await page.getByText('数据开放工作要点.pdf').first().waitFor();
    for (const [stage, next, comment] of [
      ['部门初审', '保密审查', '内容准确，同意公开'],
      ['保密审查', '签发', '不涉及国家秘密'],
    ]) {
      await button(page, `通过（${stage}）`).click();
      await dialog(page).getByText(`通过后转入“${next}”`).waitFor();
      await dialog(page).getByRole('textbox').fill(comment);
      await dialog(page).getByRole('button', { name: '确认通过' }).click();
      await stateIs(page, `待审核（${next}）`);
      await historyLine(page, new RegExp(`李华 通过（${stage}），转“${next}”`)).getByText(`审核意见：${comment}`).waitFor();
    }
    await page.getByText(/您没有签发权限/).waitFor();
    await shot(page, '05-reviewer-approved', 300);
  }, 420_000);

  it('the publisher signs off with a 审核意见 and releases after a confirmation naming what goes public and where', async () => {
    const page = pages.publisher;
    expect(await openFromInbox(page)).toMatch(/待审核（签发）.*审核/);
    await button(page, '通过（签发）').click();
    await dialog(page).getByText('这是最后一个审核环节，通过后等待发布。').waitFor();
    await dialog(page).getByRole('textbox').fill('同意发布');
    await dialog(page).getByRole('button', { name: '确认通过' }).click();
    await stateIs(page, /^待发布/);
    await historyLine(page, /王芳 通过（签发）/).getByText('审核意见：同意发布').waitFor();

    await button(page, '发布').first().click();
    const confirm = dialog(page);
    await confirm.getByText('发布后以下信息将对外公开：').waitFor({ timeout: WAIT });
    await confirm.getByText(TITLE).waitFor();
    await confirm.getByText(/索引号：\S+ · 类型：政策文件 · 发布机构：测试市数据局/).waitFor();
    await confirm.getByText('市政府门户网站').waitFor();
    await shot(page, '06-publisher-release-confirm', 300);
    await confirm.getByRole('button', { name: '确认发布' }).click();
    await stateIs(page, /^已发布/);
    await historyLine(page, /王芳 发布/).waitFor();
    await shot(page, '07-publisher-released', 300);
  }, 420_000);

  it('the editor corrects it with a reason, edits and resubmits; the reviewer returns it with a reason; the editor sees why', async () => {
    const editor = pages.editor;
    await editor.reload();
    await stateIs(editor, /^已发布/);
    // Every step so far, in the editor's history, with its stage and 审核意见.
    await historyLine(editor, /李华 通过（部门初审）/).getByText('审核意见：内容准确，同意公开').waitFor();
    await historyLine(editor, /李华 通过（保密审查）/).getByText('审核意见：不涉及国家秘密').waitFor();
    await historyLine(editor, /王芳 通过（签发）/).getByText('审核意见：同意发布').waitFor();

    await button(editor, '更正').click();
    expect(await dialog(editor).getByRole('button', { name: '确认更正' }).isDisabled()).toBe(true);
    await dialog(editor).getByRole('textbox').fill('文号填写有误');
    await dialog(editor).getByRole('button', { name: '确认更正' }).click();
    await historyLine(editor, /张明 更正/).getByText('理由：文号填写有误').waitFor({ timeout: WAIT });
    await stateIs(editor, '草稿 · 已发布版本仍对外公开');

    await editor.locator('main input[name="documentNumber"]').fill('测数发〔2026〕4号');
    await button(editor, '保存').click();
    await editor.getByText('已保存').first().waitFor({ timeout: WAIT });
    await button(editor, '提交审核').click();
    await dialog(editor).getByRole('button', { name: '确认提交审核' }).click();
    await stateIs(editor, '待审核（部门初审） · 已发布版本仍对外公开');
    await historyLine(editor, /张明 保存修改/).waitFor();

    const reviewer = pages.reviewer;
    expect(await openFromInbox(reviewer)).toContain('更正理由：文号填写有误（已发布版本仍对外公开）');
    await button(reviewer, '退回').click();
    expect(await dialog(reviewer).getByRole('button', { name: '确认退回' }).isDisabled()).toBe(true);
    await dialog(reviewer).getByRole('textbox').fill('附件缺少盖章页');
    await dialog(reviewer).getByRole('button', { name: '确认退回' }).click();
    await historyLine(reviewer, /李华 退回/).getByText('理由：附件缺少盖章页').waitFor({ timeout: WAIT });
    await shot(reviewer, '08-reviewer-returned', 300);

    const returned = await inboxRow(editor);
    await returned.getByText('退回理由：附件缺少盖章页').waitFor();
    await returned.getByText('已退回').waitFor();
    await shot(editor, '09-editor-inbox-returned', 300);
    await returned.getByRole('link', { name: TITLE }).click();
    await stateIs(editor, '草稿 · 已发布版本仍对外公开');
    await historyLine(editor, /李华 退回/).getByText('理由：附件缺少盖章页').waitFor({ timeout: WAIT });
    await shot(editor, '10-editor-returned-history', 300);
  }, 540_000);

  it('公开时限 links to 节假日安排 for the system administrator and tells the editor whom to ask', async () => {
    await menu(pages.editor, '公开时限');
    const banner = pages.editor.getByText(/年节假日安排尚未录入/);
    await banner.waitFor({ timeout: WAIT });
    expect(await banner.innerText()).toContain('请联系系统管理员录入');
    expect(await banner.getByRole('link').count()).toBe(0);
    await shot(pages.editor, '11-editor-deadlines-banner', 300);

    await menu(admin, '公开时限');
    const adminBanner = admin.getByText(/年节假日安排尚未录入/);
    await adminBanner.waitFor({ timeout: WAIT });
    expect(await adminBanner.innerText()).not.toContain('请联系系统管理员');
    await adminBanner.getByRole('link', { name: '节假日安排' }).click();
    await admin.waitForURL((url) => url.pathname.endsWith(`/content-manager/collection-types/${CALENDAR_DAY}`), { timeout: WAIT });
    await admin.getByRole('heading', { name: '节假日安排' }).waitFor({ timeout: WAIT });
    await admin.getByText(/共 \d+ 条/).waitFor({ timeout: WAIT });
    await shot(admin, '12-admin-calendar-days', 300);
  }, 120_000);
});
