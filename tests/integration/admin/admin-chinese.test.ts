import fs from 'fs';
import type { AddressInfo } from 'net';
import path from 'path';
import type { Browser, Page } from 'playwright-core';
import { createRefs, GOVERNED, payloads, Refs, release } from '../../helpers';
import { createStaff, Staff } from '../../helpers/staff';
import { startApp, TestApp } from '../../helpers/strapi';

/**
 * The admin as an editor and a reviewer meet it, in a real browser on the built admin panel: Chinese on the home page,
 * the menus, the list, the edit view and the media library, not Strapi's English; enumeration values in words; no
 * guided tour or "new Media Library" banner; read-only fields that do not claim the reviewer cannot see them.
 */

// eslint-disable-next-line @typescript-eslint/no-var-requires
const { launchBrowser } = require('../../../scripts/lib/browser') as { launchBrowser: () => Promise<Browser> };

const ROOT = path.join(__dirname, '..', '..', '..');
const ADMIN_BUILD = path.join(ROOT, 'dist', 'build', 'index.html');
const POLICY = 'api::policy.policy';
const PASSWORD = 'Test-Passw0rd-2026'; // createStaff's
const SHOTS = path.join(ROOT, '.tmp', 'shots');

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
const drafts: { uid: string; documentId: string; title: string }[] = [];
const staff = {} as Record<'editor' | 'reviewer', Staff & { email: string }>;

/** Each English label found, with the text around it. */
const englishIn = (text: string) =>
  ENGLISH.flatMap((pattern) => {
    const at = text.search(pattern);
    return at < 0 ? [] : [`${pattern.source}: “${text.slice(Math.max(0, at - 30), at + 40).replace(/\s+/g, ' ')}”`];
  });

async function settle(page: Page, text: string | RegExp) {
  await page.getByText(text).first().waitFor({ timeout: 30000 });
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page.waitForTimeout(500);
}

/** A screenshot (and the page's text) under .tmp/shots, to look at. */
async function shoot(page: Page, name: string) {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
  fs.writeFileSync(path.join(SHOTS, `${name}.txt`), await pageText(page));
}

/** The page's visible text (including toasts) and the placeholders of its inputs. */
const pageText = (page: Page) =>
  page.evaluate(() => [document.body.innerText, ...Array.from(document.querySelectorAll('input, textarea'), (el) => el.getAttribute('placeholder') ?? '')].join('\n'));

async function logIn(role: 'editor' | 'reviewer') {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 1000 } });
  const page = await context.newPage();
  await page.goto(`${base}/admin/auth/login`);
  await page.locator('input[name="email"]').fill(staff[role].email);
  await page.locator('input[name="password"]').fill(PASSWORD);
  await page.locator('button[type="submit"]').click();
  await settle(page, /您好/);
  return page;
}

beforeAll(async () => {
  if (!fs.existsSync(ADMIN_BUILD)) {
    throw new Error(`The admin panel is not built (${path.relative(ROOT, ADMIN_BUILD)} is missing): run \`npm run build\` first, as .ci/run does.`);
  }
  app = await startApp({ serveAdmin: true });
  refs = await createRefs(app.strapi);
  await new Promise<void>((resolve) => app.strapi.server.httpServer.listen(0, '127.0.0.1', () => resolve()));
  base = `http://127.0.0.1:${(app.strapi.server.httpServer.address() as AddressInfo).port}`;

  const org = await app.strapi.db.query('api::organization.organization').findOne({ where: { documentId: refs.org.documentId } });
  const names = { editor: '张明', reviewer: '李华' };
  for (const role of ['editor', 'reviewer'] as const) {
    const member = await createStaff(app, role, org.id);
    const user = await app.strapi.db.query('admin::user').update({ where: { id: member.id }, data: { firstname: names[role], lastname: '' } });
    staff[role] = Object.assign(member, { email: user.email as string });
  }
  draftId = (await app.strapi.documents(POLICY).create({ data: payloads(refs)[POLICY]('界面测试的政策草稿') })).documentId;
  releasedId = (await app.strapi.documents(POLICY).create({ data: payloads(refs)[POLICY]('界面测试已发布的政策文件') })).documentId;
  await release(app.strapi, POLICY, releasedId);
  for (const { uid, plural } of GOVERNED) {
    const title = `界面测试的${plural}草稿`;
    const data = payloads({ ...refs, policy: { documentId: releasedId } })[uid](title);
    drafts.push({ uid, title, documentId: (await app.strapi.documents(uid).create({ data })).documentId });
  }

  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe.each(['editor', 'reviewer'] as const)('the admin as %s', (role) => {
  let page: Page;
  beforeAll(async () => {
    page = await logIn(role);
  });
  afterAll(async () => {
    await page?.context().close();
  });

  it('greets in Chinese on the home page, with no guided tour and no Media Library banner', async () => {
    await page.goto(`${base}/admin`);
    await settle(page, /您好/);
    await shoot(page, `${role}-home`);
    const text = await pageText(page);
    expect(text).toContain('欢迎使用政务公开内容管理系统');
    expect(text).toContain('内容管理'); // the menu
    expect(text).not.toContain('媒体库已更新'); // Strapi's banner about its new media library
    expect(englishIn(text)).toEqual([]);
    expect(await page.evaluate(() => JSON.parse(window.localStorage.getItem('STRAPI_GUIDED_TOUR') ?? '{}').enabled)).toBe(false);
  });

  it('lists entries in Chinese, enumeration values in words', async () => {
    await page.goto(`${base}/admin/content-manager/collection-types/${POLICY}`);
    await settle(page, '界面测试已发布的政策文件');
    await shoot(page, `${role}-list`);
    const text = await pageText(page);
    expect(text).toMatch(/共 \d+ 条/);
    expect(text).toContain('主动公开');
    expect(text).not.toMatch(/\bproactive\b/);
    expect(englishIn(text)).toEqual([]);
  });

  it('shows an entry in Chinese; fields the user may not change are not called hidden', async () => {
    await page.goto(`${base}/admin/content-manager/collection-types/${POLICY}/${draftId}`);
    await settle(page, '界面测试的政策草稿');
    await shoot(page, `${role}-edit`);
    await page.evaluate(() => document.querySelector('main')?.scrollIntoView({ block: 'end' }));
    await page.mouse.wheel(0, 2000);
    await page.waitForTimeout(300);
    await shoot(page, `${role}-edit-lower`);
    const text = await pageText(page);
    expect(englishIn(text)).toEqual([]);
    expect(text).not.toContain('无权查看此字段');
    // The reviewer reads every field and changes none.
    if (role === 'reviewer') expect(await page.locator('input[name="title"]').isDisabled()).toBe(true);
    else expect(await page.locator('input[name="title"]').isDisabled()).toBe(false);
  });

  it('shows every governed type\'s fields, components and relations included, to read (none called hidden)', async () => {
    for (const { uid, documentId, title } of drafts) {
      await page.goto(`${base}/admin/content-manager/collection-types/${uid}/${documentId}`);
      await settle(page, title);
      const text = await pageText(page);
      expect([uid, englishIn(text)]).toEqual([uid, []]);
      expect([uid, text.includes('无权查看此字段')]).toEqual([uid, false]);
    }
  });

  if (role === 'editor') {
    it('opens an empty entry form in Chinese', async () => {
      await page.goto(`${base}/admin/content-manager/collection-types/${POLICY}/create`);
      await settle(page, /新建条目/);
      await shoot(page, `${role}-create`);
      expect(englishIn(await pageText(page))).toEqual([]);
    });
  }

  it('shows 待我处理 and 公开时限 in Chinese', async () => {
    await page.goto(`${base}/admin/plugins/disclosure`);
    await settle(page, '待我处理');
    await shoot(page, `${role}-inbox`);
    expect(englishIn(await pageText(page))).toEqual([]);
    await page.goto(`${base}/admin/plugins/disclosure-deadlines`);
    await settle(page, '公开时限');
    await shoot(page, `${role}-deadlines`);
    expect(englishIn(await pageText(page))).toEqual([]);
  });

  it('shows the media library in Chinese', async () => {
    await page.goto(`${base}/admin/plugins/upload`);
    await settle(page, /媒体库|您没有权限/);
    await shoot(page, `${role}-media`);
    expect(englishIn(await pageText(page))).toEqual([]);
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
      await settle(page, '欢迎使用公开（Gongkai）');
      expect(englishIn(await pageText(page))).toEqual([]);
      for (let i = 0; i < 7; i += 1) {
        await page.locator('input[name="email"]').fill('nobody@test.gongkai.local');
        await page.locator('input[name="password"]').fill('Wrong-Passw0rd');
        await page.locator('button[type="submit"]').click();
        await page.waitForLoadState('networkidle').catch(() => undefined);
      }
      await settle(page, '尝试次数过多，请稍后再试。');
      await shoot(page, 'login-throttled');
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
