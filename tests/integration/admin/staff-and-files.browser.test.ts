import type { Browser } from 'playwright-core';
import { createStaff, Staff } from '../../helpers/staff';
import { openAs, requireAdminBuild, serveAdmin, shot } from '../../helpers/admin-browser';
import { startApp, TestApp } from '../../helpers/strapi';
import { createTeam, ITEM, organizationId, Team } from '../../helpers/workflow';

/**
 * Onboarding and attachments in the real admin (needs `npm run build`): a system administrator sets a newcomer's
 * organization on 人员与机构; an editor sees only their organization's files in the media library and the 附件 picker.
 * ADMIN_SCREENSHOT_DIR=/some/dir saves a PNG of each screen.
 */

let app: TestApp;
let team: Team;
let editorB: Staff;
let browser: Browser;
let base: string;

async function upload(staff: Staff, filename: string) {
  const res = await app
    .http()
    .post('/upload')
    .set('Authorization', `Bearer ${staff.token}`)
    .attach('files', Buffer.from(`%PDF-1.4\n% ${filename}\n%%EOF\n`), { filename, contentType: 'application/pdf' });
  if (res.status !== 201) throw new Error(`upload failed: ${res.status} ${JSON.stringify(res.body)}`);
}

beforeAll(async () => {
  requireAdminBuild();
  app = await startApp({ serveAdmin: true });
  team = await createTeam(app);
  editorB = await createStaff(app, 'editor', await organizationId(app, team.refs.otherOrg.documentId));
  await upload(team.author, '数据开放工作要点.pdf');
  await upload(editorB, '财政局预算说明.pdf');
  ({ base, browser } = await serveAdmin(app));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('onboarding: 人员与机构', () => {
  it('a system administrator gives a newcomer an organization in the picker; it is saved and audited', async () => {
    const newcomer = await createStaff(app, 'reviewer', null);
    const page = await openAs(browser, base, team.staff.sysadmin, `/admin/settings/disclosure-staff`);
    const picker = page.getByRole('combobox', { name: `测试${newcomer.role}的所属机构` }).last();
    await picker.waitFor({ timeout: 30_000 });
    await shot(page, 'staff-01-list');
    await picker.click();
    await page.getByRole('option', { name: '测试市财政局', exact: true }).click();
    await page.getByText('的所属机构设为“测试市财政局”').waitFor({ timeout: 10_000 });
    await shot(page, 'staff-02-saved');
    const stored = await app.strapi.db.query('admin::user').findOne({ where: { id: newcomer.id }, populate: ['disclosureOrganization'] });
    expect(stored.disclosureOrganization?.documentId).toBe(team.refs.otherOrg.documentId);
    expect(await app.strapi.db.query('plugin::disclosure.audit-event').count({ where: { action: 'staff_organization_changed', actor: `admin:${team.staff.sysadmin.id}` } })).toBeGreaterThan(0);
    await page.context().close();
  }, 120_000);

  it('editors have no 人员与机构 page', async () => {
    const page = await openAs(browser, base, team.staff.editor, `/admin/settings`);
    await page.getByText('设置').first().waitFor({ timeout: 30_000 });
    await page.waitForTimeout(1000);
    expect(await page.getByText('人员与机构').count()).toBe(0);
    await page.context().close();
  }, 120_000);
});

describe('attachments as an editor', () => {
  it('the media library lists the organization’s files, not another organization’s', async () => {
    const page = await openAs(browser, base, team.staff.editor, `/admin/plugins/upload`);
    await page.getByText('数据开放工作要点.pdf').first().waitFor({ timeout: 30_000 });
    await shot(page, 'files-01-media-library');
    expect(await page.getByText('财政局预算说明.pdf').count()).toBe(0);
    expect(await page.getByText('您没有权限访问该内容').count()).toBe(0);
    await page.context().close();
  }, 120_000);

  it('the 附件 picker offers the organization’s files', async () => {
    const page = await openAs(browser, base, team.staff.editor, `/admin/content-manager/collection-types/${ITEM}/create`);
    await page.getByText('点击添加素材').first().click({ timeout: 30_000 });
    const dialog = page.getByRole('dialog');
    await dialog.getByText('数据开放工作要点.pdf').first().waitFor({ timeout: 30_000 });
    await shot(page, 'files-02-attachment-picker');
    expect(await dialog.getByText('财政局预算说明.pdf').count()).toBe(0);
    expect(await dialog.getByText('您没有权限访问该内容').count()).toBe(0);
    await page.context().close();
  }, 120_000);
});
