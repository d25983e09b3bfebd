import type { Browser, Page } from 'playwright-core';
import { allowWebhookReceiver, createSite } from '../../helpers/consumer';
import { createStaff, Staff } from '../../helpers/staff';
import { navigate, openAs, requireAdminBuild, serveAdmin, shot } from '../../helpers/admin-browser';
import { startApp, TestApp } from '../../helpers/strapi';
import { authorDraft, createTeam, ITEM, Team } from '../../helpers/workflow';

/**
 * The 审核流程 panel in the real admin (needs `npm run build`), as editor, reviewers and publisher: each action is
 * confirmed in a dialog, unavailable actions say why, the history names stages, comments and reasons.
 * ADMIN_SCREENSHOT_DIR=/some/dir saves a PNG of each step.
 */

let app: TestApp;
let team: Team;
let browser: Browser;
let base: string;
let documentId: string;
let restoreWebhookPolicy: () => void = () => undefined;

/** The entry's edit view, signed in as `staff`. */
async function openEntry(staff: Staff): Promise<Page> {
  const page = await openAs(browser, base, staff, `/admin/content-manager/collection-types/${ITEM}/${documentId}`);
  await page.getByText('审核记录').waitFor({ timeout: 30_000 });
  return page;
}

const button = (page: Page, name: string | RegExp) => page.getByRole('button', { name });
const dialog = (page: Page) => page.getByRole('alertdialog');

beforeAll(async () => {
  requireAdminBuild();
  // A site with a webhook (never called here: nothing is delivered while the test runs) beside one without.
  restoreWebhookPolicy = allowWebhookReceiver(9);
  app = await startApp({ serveAdmin: true });
  team = await createTeam(app);
  await createSite(app, { name: '市政府门户网站', organizations: [team.refs.org.documentId], webhookUrl: 'http://127.0.0.1:9/hook' });
  await createSite(app, { name: '数据局子站', organizations: [team.refs.org.documentId] });
  documentId = await authorDraft(team, { title: '关于开展2026年统计执法检查的通知' });
  ({ base, browser } = await serveAdmin(app));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  restoreWebhookPolicy();
});

describe('the review panel, step by step', () => {
  let secondReviewer: Staff;

  it('the editor submits after a confirmation', async () => {
    const page = await openEntry(team.author);
    await shot(page, '01-editor-draft', 500);
    await button(page, '提交审核').click();
    await dialog(page).getByText('提交后进入“部门初审”').waitFor();
    await shot(page, '02-editor-submit-confirm', 500);
    await dialog(page).getByRole('button', { name: '确认提交审核' }).click();
    await page.getByText('待审核（部门初审）').waitFor({ timeout: 30_000 });
    await shot(page, '03-editor-in-review', 500);
    await page.context().close();
  }, 120_000);

  it('a reviewer approves 部门初审 with a 审核意见; then is told another reviewer must approve 保密审查', async () => {
    const page = await openEntry(team.staff.reviewer);
    await shot(page, '04-reviewer-stage1', 500);
    await button(page, '通过（部门初审）').click();
    await dialog(page).getByRole('textbox').fill('内容准确，同意公开');
    await shot(page, '05-reviewer-approve-dialog', 500);
    await dialog(page).getByRole('button', { name: '确认通过' }).click();
    await page.getByText('待审核（保密审查）').waitFor({ timeout: 30_000 });
    await page.getByText('审核意见：内容准确，同意公开').waitFor();
    await page.getByText(/需由其他审核员审核/).waitFor();
    expect(await button(page, '通过（保密审查）').isDisabled()).toBe(true);
    await shot(page, '06-reviewer-stage2-unavailable', 500);
    await page.context().close();

    secondReviewer = await createStaff(app, 'reviewer', team.orgId);
    expect((await secondReviewer.transition({ uid: ITEM, documentId, action: 'approve', comment: '已做保密审查' })).status).toBe(200);
  }, 120_000);

  it('a reviewer cannot sign off; the publisher signs off and confirms a release naming the sites', async () => {
    const reviewerPage = await openEntry(secondReviewer);
    await reviewerPage.getByText(/您没有签发权限/).waitFor();
    await shot(reviewerPage, '07-reviewer-sign-off-unavailable', 500);
    await reviewerPage.context().close();

    const page = await openEntry(team.staff.publisher);
    await shot(page, '08-publisher-sign-off', 500);
    await button(page, '通过（签发）').click();
    await dialog(page).getByRole('button', { name: '确认通过' }).click();
    await page.getByText(/^待发布/).first().waitFor({ timeout: 30_000 });
    await shot(page, '09-publisher-approved', 500);
    await button(page, '发布').first().click();
    await dialog(page).getByText('市政府门户网站').waitFor();
    await dialog(page).getByText('数据局子站').waitFor();
    await dialog(page).getByText(/索引号：/).waitFor();
    await shot(page, '10-publisher-release-confirm', 500);
    await dialog(page).getByRole('button', { name: '确认发布' }).click();
    await page.getByText(/^已发布/).first().waitFor({ timeout: 30_000 });
    await shot(page, '11-publisher-released', 500);
    await page.context().close();
  }, 180_000);

  it('the editor corrects with a reason, shown in the history and in 待我处理', async () => {
    const page = await openEntry(team.author);
    await button(page, '更正').click();
    expect(await dialog(page).getByRole('button', { name: '确认更正' }).isDisabled()).toBe(true);
    await dialog(page).getByRole('textbox').fill('成文日期填写有误');
    await shot(page, '12-editor-correct-dialog', 500);
    await dialog(page).getByRole('button', { name: '确认更正' }).click();
    await page.getByText('理由：成文日期填写有误').waitFor({ timeout: 30_000 });
    await shot(page, '13-editor-corrected-history', 500);
    await navigate(page, '/admin/plugins/disclosure');
    await page.getByText('更正理由：成文日期填写有误（已发布版本仍对外公开）').waitFor({ timeout: 30_000 });
    await shot(page, '14-editor-inbox', 500);
    await page.context().close();
  }, 120_000);

  it('推送记录 says which sites have no webhook URL', async () => {
    const page = await openAs(browser, base, team.staff.sysadmin, '/admin/plugins/disclosure-webhooks');
    await page.getByText(/未填写推送地址，不会收到推送.*数据局子站/).waitFor({ timeout: 30_000 });
    await shot(page, '15-webhooks-no-url', 500);
    await page.context().close();
  }, 120_000);
});
