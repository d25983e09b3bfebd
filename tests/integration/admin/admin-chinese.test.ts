import type { Browser, Page } from 'playwright-core';
import { createRefs, GOVERNED, payloads, Refs, release } from '../../helpers';
import { requireAdminBuild, serveAdmin, shot, signIn } from '../../helpers/admin-browser';
import { onlineApplication } from '../../helpers/application-handler';
import { createStaff, Staff } from '../../helpers/staff';
import { startApp, TestApp } from '../../helpers/strapi';

/**
 * The admin as an editor, a reviewer, a publisher and an application handler meet it, in a real browser on the built
 * admin panel: Chinese on the home page, the menus, the list, the edit view, the media library, 待我处理, 公开时限,
 * 推送记录 and 依申请公开, not Strapi's English; enumeration values in words; no guided tour or "new Media Library"
 * banner; read-only fields that do not claim the reader cannot see them. Pages are reached through the menus, as
 * people do (one load of the app per person). ADMIN_SCREENSHOT_DIR=/some/dir saves a PNG of each page.
 */

const POLICY = 'api::policy.policy';

/** Strapi's English an office worker met before (issue 11 §5); none may come back. Matched case-insensitively. */
const ENGLISH = [
  /\bHello\b/,
  /Welcome to your administration panel/,
  /Your tasks/,
  /Last edited entries/,
  /Content Manager/,
  /Collection Types/,
  /\bSearch\b/,
  /Create new entry/,
  /entries found/,
  /\bStatus\b/,
  /Create an entry/,
  /\bDraft\b/,
  /\bPublished\b/,
  /\bModified\b/,
  /Add or create a relation/,
  /\bmax\. \d+/,
  /\bcharacters\b/,
  /\bEntry\b/,
  /Set up preview/,
  /The schemas have been successfully loaded/,
  /Too many requests/,
  /Media Library/,
  /No permissions to see this field/,
  // and the rich-text toolbar's
  /\bBold\b/,
  /\bItalic\b/,
  /\bUnderline\b/,
  /Numbered list/,
  /Bulleted list/,
].map((pattern) => new RegExp(pattern.source, 'i'));

let app: TestApp;
let refs: Refs;
let browser: Browser;
let base: string;
let draftId: string;
let releasedId: string;
const drafts: { uid: string; name: string; documentId: string; title: string }[] = [];
const ROLES = ['editor', 'reviewer', 'publisher'] as const;
type Role = (typeof ROLES)[number];
const staff = {} as Record<Role | 'sysadmin', Staff>;

/** Each English label found, with the text around it. */
const englishIn = (text: string) =>
  ENGLISH.flatMap((pattern) => {
    const at = text.search(pattern);
    return at < 0 ? [] : [`${pattern.source}: “${text.slice(Math.max(0, at - 30), at + 40).replace(/\s+/g, ' ')}”`];
  });

/**
 * Waits for the page's own text (in main, not a menu tooltip) and for its loaders to go: in-app navigation reaches
 * no new load state to wait for.
 */
async function settle(page: Page, text: string | RegExp, within: 'main' | 'page' = 'main') {
  await (within === 'main' ? page.locator('main') : page.locator('body')).getByText(text).first().waitFor({ timeout: 30000 });
  await page.waitForFunction(
    () => {
      const main = document.querySelector('main');
      return !main || !main.querySelector('[role="alert"][aria-live="assertive"], [aria-busy="true"]') && !(main.textContent ?? '').includes('正在加载');
    },
    undefined,
    { timeout: 30000, polling: 100 }
  );
}

/** The page's visible text (including toasts) and the placeholders of its inputs. */
const pageText = (page: Page) =>
  page.evaluate(() => [document.body.innerText, ...Array.from(document.querySelectorAll('input, textarea'), (el) => el.getAttribute('placeholder') ?? '')].join('\n'));

/** The English labels on the page (and a screenshot of it into ADMIN_SCREENSHOT_DIR, to look at). */
async function englishOn(page: Page, name: string) {
  await shot(page, name);
  return englishIn(await pageText(page));
}

/** A link of the admin's main menu, followed in the app (no reload). */
const menu = (page: Page, name: string) => page.getByRole('navigation').getByRole('link', { name, exact: true }).first().click();

/** An entry of a content type, opened from its list in the content manager (no reload). */
async function openEntry(page: Page, typeName: string, title: string) {
  await menu(page, '内容管理');
  await page.getByRole('link', { name: typeName, exact: true }).click();
  await page.getByText(title, { exact: true }).first().click({ timeout: 30000 });
  await settle(page, '审核记录');
}

beforeAll(async () => {
  requireAdminBuild();
  app = await startApp({ serveAdmin: true });
  refs = await createRefs(app.strapi);
  const org = await app.strapi.db.query('api::organization.organization').findOne({ where: { documentId: refs.org.documentId } });
  const names = { editor: '张明', reviewer: '李华', publisher: '王芳', sysadmin: '赵强' };
  for (const role of [...ROLES, 'sysadmin'] as const) {
    staff[role] = await createStaff(app, role, role === 'sysadmin' ? null : org.id);
    await app.strapi.db.query('admin::user').update({ where: { id: staff[role].id }, data: { firstname: names[role], lastname: '' } });
  }
  draftId = (await app.strapi.documents(POLICY).create({ data: payloads(refs)[POLICY]('界面测试的政策草稿') })).documentId;
  releasedId = (await app.strapi.documents(POLICY).create({ data: payloads(refs)[POLICY]('界面测试已发布的政策文件') })).documentId;
  await release(app.strapi, POLICY, releasedId);
  for (const { uid, plural } of GOVERNED) {
    const title = `界面测试的${plural}草稿`;
    const data = payloads({ ...refs, policy: { documentId: releasedId } })[uid](title);
    drafts.push({ uid, title, name: app.strapi.contentType(uid).info.displayName, documentId: (await app.strapi.documents(uid).create({ data })).documentId });
  }
  ({ base, browser } = await serveAdmin(app));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe.each(ROLES)('the admin as %s', (role) => {
  let page: Page;
  beforeAll(async () => {
    page = await signIn(browser, base, staff[role]);
  });
  afterAll(async () => {
    await page?.context().close();
  });

  it('greets in Chinese on the home page, with no guided tour and no Media Library banner', async () => {
    await settle(page, /您好/);
    expect(await englishOn(page, `${role}-home`)).toEqual([]);
    const text = await pageText(page);
    expect(text).toContain('欢迎使用政务公开内容管理系统');
    expect(text).toContain('内容管理'); // the menu
    expect(text).not.toContain('媒体库已更新'); // Strapi's banner about its new media library
    expect(await page.evaluate(() => JSON.parse(window.localStorage.getItem('STRAPI_GUIDED_TOUR') ?? '{}').enabled)).toBe(false);
  });

  it('lists entries in Chinese, enumeration values in words', async () => {
    await menu(page, '内容管理');
    await page.getByRole('link', { name: '政策文件', exact: true }).click();
    await settle(page, '界面测试已发布的政策文件');
    expect(await englishOn(page, `${role}-list`)).toEqual([]);
    const text = await pageText(page);
    expect(text).toMatch(/共 \d+ 条/);
    expect(text).toContain('主动公开');
    expect(text).not.toMatch(/\bproactive\b/);
  });

  it('shows an entry in Chinese; fields the user may not change are not called hidden', async () => {
    await page.getByText('界面测试的政策草稿', { exact: true }).first().click();
    await settle(page, '审核记录');
    expect(page.url()).toContain(draftId);
    await shot(page, `${role}-edit`);
    await page.evaluate(() => document.querySelector('main')?.scrollIntoView({ block: 'end' }));
    await page.mouse.wheel(0, 2000);
    expect(await englishOn(page, `${role}-edit-lower`)).toEqual([]);
    expect(await pageText(page)).not.toContain('无权查看此字段');
    // Only the editor changes fields; reviewers and publishers read every one.
    expect(await page.locator('input[name="title"]').isDisabled()).toBe(role !== 'editor');
  });

  // Every type's edit view, as the one who writes it and one who reads it (the publisher reads as the reviewer does).
  if (role !== 'publisher') {
    it('shows every governed type\'s fields, components and relations included, to read (none called hidden)', async () => {
      for (const { uid, name, title } of drafts) {
        await openEntry(page, name, title);
        const text = await pageText(page);
        expect([uid, englishIn(text)]).toEqual([uid, []]);
        expect([uid, text.includes('无权查看此字段')]).toEqual([uid, false]);
      }
    });
  }

  if (role === 'editor') {
    it('opens an empty entry form in Chinese', async () => {
      await menu(page, '内容管理');
      await page.getByRole('link', { name: '政策文件', exact: true }).click();
      await page.getByRole('link', { name: /新建条目|创建新条目/ }).first().click();
      await settle(page, /新建条目/);
      expect(await englishOn(page, `${role}-create`)).toEqual([]);
    });
  }

  it('shows 待我处理 and 公开时限 in Chinese', async () => {
    await menu(page, '待我处理');
    await settle(page, '等待您提交、审核或发布的政务公开信息');
    expect(await englishOn(page, `${role}-inbox`)).toEqual([]);
    await menu(page, '公开时限');
    await settle(page, /截至 \d{4}-\d{2}-\d{2}/);
    expect(await englishOn(page, `${role}-deadlines`)).toEqual([]);
  });

  it('shows the media library in Chinese', async () => {
    await menu(page, '媒体库');
    await settle(page, /首页 \(\d+ 项\)|暂无文件|您没有权限/);
    expect(await englishOn(page, `${role}-media`)).toEqual([]);
  });

  it('offers no 推送记录, and says so in Chinese at its address', async () => {
    expect(await page.getByRole('navigation').getByRole('link', { name: '推送记录' }).count()).toBe(0);
    await page.goto(`${base}/admin/plugins/disclosure-webhooks`);
    // Not Strapi's "Policy Failed".
    await settle(page, '无法加载推送记录：您没有权限进行此操作，请联系系统管理员');
    expect(await englishOn(page, `${role}-webhooks`)).toEqual([]);
  });
});

describe('推送记录 as the system administrator', () => {
  it('is in Chinese', async () => {
    const page = await signIn(browser, base, staff.sysadmin);
    try {
      await menu(page, '推送记录');
      await settle(page, '推送记录');
      expect(await englishOn(page, 'sysadmin-webhooks')).toEqual([]);
    } finally {
      await page.context().close();
    }
  });
});

describe('依申请公开 as a handler', () => {
  it('is in Chinese: the list, an application, an action\'s dialog, the intake form and 公开时限', async () => {
    const org = await app.strapi.db.query('api::organization.organization').findOne({ where: { documentId: refs.org.documentId } });
    const handler = await createStaff(app, 'applicationHandler', org.id);
    const submitted = await app.http().post('/api/disclosure/applications').send(onlineApplication(refs.org.documentId, '界面测试所需的政府信息'));
    expect(submitted.status).toBe(201);
    const { trackingCode } = submitted.body.data;
    const page = await signIn(browser, base, handler);
    try {
      await menu(page, '依申请公开');
      await settle(page, trackingCode);
      expect(await englishOn(page, 'handler-applications')).toEqual([]);
      await page.getByRole('link', { name: trackingCode }).click();
      await settle(page, '办理记录');
      expect(await englishOn(page, 'handler-application')).toEqual([]);
      await page.locator('main').getByRole('button', { name: '确认收到申请', exact: true }).click();
      await page.getByRole('dialog').waitFor();
      expect(await englishOn(page, 'handler-application-dialog')).toEqual([]);
      await page.keyboard.press('Escape');
      await page.getByRole('dialog').waitFor({ state: 'detached' });
      await page.locator('main').getByRole('link', { name: '返回申请列表' }).click();
      await page.locator('main').getByRole('button', { name: '登记申请' }).click();
      await settle(page, '登记以信函');
      expect(await englishOn(page, 'handler-intake')).toEqual([]);
      await menu(page, '公开时限');
      await settle(page, /截至 \d{4}-\d{2}-\d{2}/);
      expect(await englishOn(page, 'handler-deadlines')).toEqual([]);
    } finally {
      await page.context().close();
    }
  });
});

describe('what the system administrator sets up', () => {
  it("names Strapi's own roles so they are not taken for 编辑 / 审核员 / 签发人", async () => {
    const roles = await app.strapi.db.query('admin::role').findMany({ select: ['code', 'name', 'description'] });
    const byCode = Object.fromEntries(roles.map((r: { code: string; name: string }) => [r.code, r.name]));
    expect(byCode).toMatchObject({
      'strapi-super-admin': '系统管理员',
      'strapi-editor': 'Strapi 内置编辑（未使用）',
      'strapi-author': 'Strapi 内置作者（未使用）',
      'disclosure-editor': '编辑',
      'disclosure-reviewer': '审核员',
    });
  });

  it('gives a reviewer seeded before a field existed that field to read at the next start', async () => {
    const reviewerRole = await app.strapi.db.query('admin::role').findOne({ where: { code: 'disclosure-reviewer' } });
    const where = { action: 'plugin::content-manager.explorer.read', subject: POLICY, role: { id: reviewerRole.id } };
    const before = await app.strapi.db.query('admin::permission').findOne({ where });
    const fields: string[] = before.properties.fields;
    expect(fields).toEqual(expect.arrayContaining(['summary', 'formedOrChangedAt']));
    // As stored by an older version, without two of today's fields.
    await app.strapi.db.query('admin::permission').update({
      where: { id: before.id },
      data: { properties: { ...before.properties, fields: fields.filter((f) => !['summary', 'formedOrChangedAt'].includes(f)) } },
    });
    await app.strapi.plugin('disclosure').service('roles').seedRoles();
    const after = await app.strapi.db.query('admin::permission').findOne({ where });
    expect([...after.properties.fields].sort()).toEqual([...fields].sort());
  });

  it('shows the login page in Chinese, its throttling refusal included', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 1000 } });
    try {
      const page = await context.newPage();
      await page.goto(`${base}/admin/auth/login`);
      await settle(page, '欢迎使用公开（Gongkai）', 'page');
      expect(englishIn(await pageText(page))).toEqual([]);
      for (let i = 0; i < 7; i += 1) {
        await page.locator('input[name="email"]').fill('nobody@test.gongkai.local');
        await page.locator('input[name="password"]').fill('Wrong-Passw0rd');
        await page.locator('button[type="submit"]').click();
        await page.waitForLoadState('networkidle').catch(() => undefined);
      }
      await settle(page, '尝试次数过多，请稍后再试。', 'page');
      await shot(page, 'login-throttled');
      expect(englishIn(await pageText(page))).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('refuses too many login attempts in Chinese', async () => {
    let last: { status: number; body: any } = { status: 0, body: null };
    for (let i = 0; i < 8 && last.status !== 429; i += 1) {
      last = await app.http().post('/admin/login').send({ email: staff.editor.email, password: 'wrong-password' });
    }
    expect(last.status).toBe(429);
    expect(last.body.error.message).toBe('尝试次数过多，请稍后再试。');
    expect(last.body.error.details.code).toBe('RATE_LIMITED');
  });
});
