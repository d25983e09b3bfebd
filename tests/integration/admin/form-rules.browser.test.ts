import type { Browser, Page } from 'playwright-core';
import { payloads } from '../../helpers/fixtures';
import { requireAdminBuild, serveAdmin, shot, signIn } from '../../helpers/admin-browser';
import { startApp, TestApp } from '../../helpers/strapi';
import { createTeam, driveTo, Team } from '../../helpers/workflow';

/**
 * The content manager's form follows the disclosure rules (issue 11 §6), in the real admin (needs `npm run build`),
 * as an editor and a reviewer: it opens on 政策文件, a new entry's 发布机构 is the editor's organization, computed
 * fields are read-only, the policy relations say which is which, an entry in review or released is locked with the
 * reason, and the status badges say the workflow state. ADMIN_SCREENSHOT_DIR=/some/dir saves a PNG of each step.
 */

const POLICY = 'api::policy.policy';
const CM_POLICIES = `/admin/content-manager/collection-types/${POLICY}`;

let app: TestApp;
let team: Team;
let browser: Browser;
let base: string;
let organizationName: string;
const ids = {} as Record<'draft' | 'inReview' | 'released', string>;

beforeAll(async () => {
  requireAdminBuild();
  app = await startApp({ serveAdmin: true });
  team = await createTeam(app);
  organizationName = (await app.strapi.db.query('api::organization.organization').findOne({ where: { id: team.orgId } })).name;
  const create = async (title: string) => (await app.strapi.documents(POLICY).create({ data: payloads(team.refs)[POLICY](title) as any })).documentId;
  ids.draft = await create('表单规则：草稿中的政策文件');
  ids.inReview = await create('表单规则：审核中的政策文件');
  ids.released = await create('表单规则：已发布的政策文件');
  await driveTo(app, ids.inReview, 'in_review', 0, POLICY);
  await driveTo(app, ids.released, 'released', null, POLICY);
  ({ base, browser } = await serveAdmin(app));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

async function openEntry(page: Page, documentId: string) {
  await page.goto(`${base}${CM_POLICIES}/${documentId}`);
  await page.getByText('审核记录').waitFor({ timeout: 30_000 });
}

/** The edit view header's status badge (the first status in the form: the header comes before the fields). */
const headerStatus = (page: Page) => page.locator('form [role="status"]').first().innerText();
/** Whether the field is in a part of the form nothing can be typed into or clicked. */
const locked = (page: Page, selector: string) => page.locator(selector).first().evaluate((el) => el.closest('[inert]') !== null);
const saveButton = (page: Page) => page.getByRole('button', { name: '保存', exact: true });

describe('as an editor', () => {
  let page: Page;
  beforeAll(async () => {
    page = await signIn(browser, base, team.author);
  }, 60_000);
  afterAll(async () => page?.context().close());

  it('the content manager opens on 政策文件, not on 错敏词', async () => {
    await page.goto(`${base}/admin/content-manager`);
    await page.waitForURL((url) => url.pathname.endsWith(`/collection-types/${POLICY}`), { timeout: 30_000 });
    await page.getByRole('heading', { name: '政策文件' }).waitFor({ timeout: 30_000 });
    await shot(page, 'form-01-landing', 500);
  }, 60_000);

  it('lists entries with their workflow state: 待审核 and 已发布, never 草稿 for one in review or 已修改 for one released', async () => {
    await page.goto(`${base}${CM_POLICIES}`);
    const row = (title: string) => page.getByRole('row').filter({ hasText: title });
    await row('表单规则：审核中的政策文件').waitFor({ timeout: 30_000 });
    expect(await row('表单规则：草稿中的政策文件').getByRole('status').innerText()).toBe('草稿');
    expect(await row('表单规则：审核中的政策文件').getByRole('status').innerText()).toBe('待审核');
    expect(await row('表单规则：已发布的政策文件').getByRole('status').innerText()).toBe('已发布');
    await shot(page, 'form-02-list', 500);
  }, 60_000);

  it('a new entry has 发布机构 prefilled with their organization; computed fields are read-only; the relations say which is which', async () => {
    await page.goto(`${base}${CM_POLICIES}/create`);
    await page.getByText(`发布机构默认为您所在机构“${organizationName}”`).waitFor({ timeout: 30_000 });
    await shot(page, 'form-03-create', 500);
    // The relation field lists the organization as picked (its name is a link to it).
    await page.locator('form [role="tabpanel"]').getByText(organizationName, { exact: true }).first().waitFor({ timeout: 10_000 });

    for (const name of ['indexNumber', 'dueDate', 'releasedOn']) expect([name, await page.locator(`input[name="${name}"]`).isDisabled()]).toEqual([name, true]);
    expect(await page.getByRole('checkbox', { name: /期限为暂定/ }).or(page.getByRole('switch', { name: /期限为暂定/ })).first().isDisabled()).toBe(true);
    expect(await page.getByText('系统按法定时限和节假日安排计算，不可编辑').count()).toBe(1);
    expect(await page.locator('input[name="title"]').isDisabled()).toBe(false);
    await page.locator('input[name="dueDate"]').scrollIntoViewIfNeeded();
    await shot(page, 'form-03b-computed', 300);

    for (const [label, help] of [
      ['替代文件', '本文件替代的旧文件'],
      ['被替代于', '替代本文件的新文件'],
      ['废止文件', '本文件废止的旧文件'],
      ['被废止于', '废止本文件的新文件'],
    ]) {
      await page.getByText(label, { exact: true }).first().waitFor();
      await page.getByText(help).first().waitFor();
    }
    await page.getByText('被废止于', { exact: true }).first().scrollIntoViewIfNeeded();
    await shot(page, 'form-03c-relations', 300);
  }, 60_000);

  it('a draft is editable and says 草稿', async () => {
    await openEntry(page, ids.draft);
    expect(await headerStatus(page)).toBe('草稿');
    expect(await locked(page, 'input[name="title"]')).toBe(false);
    await page.locator('input[name="title"]').fill('表单规则：草稿中的政策文件（改）');
    await shot(page, 'form-04-draft', 300);
    await page.getByRole('button', { name: '保存', exact: true, disabled: false }).waitFor({ timeout: 10_000 });
    expect(await page.locator('[data-lock]').count()).toBe(0);
  }, 60_000);

  it('an entry in review is locked, says why, offers no save and is called 待审核', async () => {
    await openEntry(page, ids.inReview);
    await page.getByText('审核中，内容已锁定').first().waitFor({ timeout: 30_000 });
    expect(await headerStatus(page)).toBe('待审核');
    expect(await locked(page, 'input[name="title"]')).toBe(true);
    expect(await page.locator('[role="tabpanel"][data-disclosure-lock]').first().getAttribute('data-disclosure-lock')).toContain('审核中，内容已锁定');
    expect(await saveButton(page).isDisabled()).toBe(true);
    // Typing does not reach the field.
    await page.locator('input[name="title"]').click({ force: true, timeout: 2_000 }).catch(() => undefined);
    await page.keyboard.type('改');
    expect(await page.locator('input[name="title"]').inputValue()).toBe('表单规则：审核中的政策文件');
    await shot(page, 'form-05-in-review', 300);
  }, 60_000);

  it('a released entry is locked until 更正, and is called 已发布 (not 已修改 or 草稿)', async () => {
    await openEntry(page, ids.released);
    await page.getByText('已发布，内容已锁定；如需修改请点击“更正”').first().waitFor({ timeout: 30_000 });
    expect(await headerStatus(page)).toBe('已发布');
    expect(await locked(page, 'input[name="title"]')).toBe(true);
    expect(await saveButton(page).isDisabled()).toBe(true);
    const text = await page.locator('form').innerText();
    expect(text).not.toContain('已修改');
    await shot(page, 'form-06-released', 300);
  }, 60_000);
});

describe('as a reviewer', () => {
  it('sees the entry in review locked, with the same notice and badge, while the workflow actions stay available', async () => {
    const page = await signIn(browser, base, team.staff.reviewer);
    await openEntry(page, ids.inReview);
    await page.getByText('审核中，内容已锁定').first().waitFor({ timeout: 30_000 });
    expect(await headerStatus(page)).toBe('待审核');
    expect(await locked(page, 'input[name="title"]')).toBe(true);
    expect(await page.getByRole('button', { name: /^通过/ }).isDisabled()).toBe(false);
    await shot(page, 'form-07-reviewer-in-review', 300);
    await page.context().close();
  }, 60_000);
});
