import type { Browser, Page } from 'playwright-core';
import { openAs, requireAdminBuild, serveAdmin, shot } from '../../helpers/admin-browser';
import { startApp, TestApp } from '../../helpers/strapi';
import { authorDraft, CM_ITEM, createTeam, driveTo, ITEM, Team } from '../../helpers/workflow';

/**
 * 与已发布版本比较 in the real admin (needs `npm run build`): a reviewer of a correction sees the changed fields and the
 * body's insertions and deletions, marked by more than colour, and can open a past released version.
 * ADMIN_SCREENSHOT_DIR=/some/dir saves a PNG of each step.
 */

let app: TestApp;
let team: Team;
let browser: Browser;
let base: string;
let documentId: string;

const BODY_V1 = '各单位：根据年度工作安排，现将统计执法检查有关事项通知如下。请于三月底前报送自查报告。';
const BODY_V2 = '各单位：根据年度工作安排，现将统计执法检查有关事项补充通知如下。请于四月底前报送自查报告。';

beforeAll(async () => {
  requireAdminBuild();
  app = await startApp({ serveAdmin: true });
  team = await createTeam(app);
  documentId = await authorDraft(team, { title: '关于开展统计执法检查的通知', body: BODY_V1 });
  await driveTo(app, documentId, 'released');
  expect((await team.author.transition({ uid: ITEM, documentId, action: 'correct', reason: '报送时间有误' })).status).toBe(200);
  expect((await team.author.put(`${CM_ITEM}/${documentId}`, { summary: '补充通知：报送时间调整为四月底', body: BODY_V2 })).status).toBe(200);
  expect((await team.author.transition({ uid: ITEM, documentId, action: 'submit' })).status).toBe(200);
  ({ base, browser } = await serveAdmin(app));
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

async function openEntry(): Promise<Page> {
  const page = await openAs(browser, base, team.staff.reviewer, `/admin/content-manager/collection-types/${ITEM}/${documentId}`);
  await page.getByText('与已发布版本比较').waitFor({ timeout: 30_000 });
  return page;
}

describe('the reviewer’s diff of a correction', () => {
  it('lists exactly the changed fields and marks the body’s insertions (underlined) and deletions (struck through)', async () => {
    const page = await openEntry();
    const section = page.locator('[data-version-diff]');
    await section.scrollIntoViewIfNeeded();
    expect(await section.locator('[data-changed-field]').evaluateAll((items) => items.map((i) => i.getAttribute('data-changed-field')).sort())).toEqual(['body', 'summary']);
    await section.getByText('对照第 1 版').waitFor();

    const body = section.locator('[data-changed-field="body"]');
    await body.getByText('正文').waitFor();
    expect(await body.locator('ins').allTextContents()).toEqual(['补充', '四']);
    expect(await body.locator('del').allTextContents()).toEqual(['三']);
    expect(await body.locator('ins').first().evaluate((el) => getComputedStyle(el).textDecorationLine)).toContain('underline');
    expect(await body.locator('del').first().evaluate((el) => getComputedStyle(el).textDecorationLine)).toContain('line-through');

    const summary = section.locator('[data-changed-field="summary"]');
    expect(await summary.locator('del').textContent()).toMatch(/的内容概述$/);
    expect(await summary.locator('ins').textContent()).toBe('补充通知：报送时间调整为四月底');
    await shot(page, 'entry-diff-01-review-panel', 500);
    await page.context().close();
  }, 120_000);

  it('opens the list of released versions and shows version 1 as released', async () => {
    const page = await openEntry();
    await page.getByRole('button', { name: '历次发布版本' }).click();
    const modal = page.getByRole('dialog');
    await modal.getByRole('button', { name: '查看第 1 版' }).click();
    await modal.getByText('首次发布的版本').waitFor();
    await modal.getByText(BODY_V1).waitFor();
    await shot(page, 'entry-diff-02-version-1', 500);
    await page.context().close();
  }, 120_000);
});
