import type { AddressInfo } from 'net';
import path from 'path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createRefs, GOVERNED, payloads, Refs, release } from '../../helpers';
import { startApp, TestApp } from '../../helpers/strapi';

/**
 * The reference portal (public/portal) in a real browser against the consumer API, served by the app itself from
 * public/ like in production: released content only, withdrawals, and the barrier-free basics (条例第四十三条).
 */

// eslint-disable-next-line @typescript-eslint/no-var-requires
const { launchBrowser } = require('../../../scripts/lib/browser') as { launchBrowser: () => Promise<Browser> };
const POLICY = 'api::policy.policy';
const INTERPRETATION = 'api::interpretation.interpretation';

let app: TestApp;
let refs: Refs;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let portal: string;
let token: string;
const pageErrors: string[] = [];

const ids = {} as Record<'released' | 'interpretation' | 'draftInterpretation' | 'draft' | 'withdrawn', string>;
const TITLES = {
  released: '门户测试已发布的政策文件',
  interpretation: '门户测试已发布的政策解读',
  draftInterpretation: '门户测试未发布的政策解读',
  draft: '门户测试未发布的政策草稿',
  withdrawn: '门户测试将被撤回的政策文件',
};
const GUIDE = '## 一、主动公开\n\n本机关主动公开的政府信息包括机构职能、政策文件等。\n\n## 二、依申请公开\n\n<img src="x" onerror="window.__pwned = true">申请人可以当面或者通过互联网提出申请。';

async function createPolicy(title: string, doRelease: boolean) {
  const doc = await app.strapi.documents(POLICY).create({ data: payloads(refs)[POLICY](title) });
  if (doRelease) await release(app.strapi, POLICY, doc.documentId);
  return doc.documentId as string;
}

async function createInterpretation(title: string, policyDocumentId: string, doRelease: boolean) {
  const doc = await app.strapi.documents(INTERPRETATION).create({ data: payloads({ ...refs, policy: { documentId: policyDocumentId } })[INTERPRETATION](title) });
  if (doRelease) await release(app.strapi, INTERPRETATION, doc.documentId);
  return doc.documentId as string;
}

/** PORTAL_SCREENSHOT_DIR=/some/dir saves a full-page PNG of each view the tests render, to look at. */
async function screenshot(target: Page, name: string) {
  const dir = process.env.PORTAL_SCREENSHOT_DIR;
  if (dir) await target.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

/** Navigates to a portal route (a hash) and waits until the portal has rendered it. */
async function go(route: string, target: Page = page) {
  const hash = route.startsWith('#') ? route : `#${route}`;
  if (new URL(target.url()).hash === hash) await target.reload();
  else await target.goto(`${portal}${hash}`);
  await rendered(target, hash);
}

async function rendered(target: Page, hash?: string) {
  await target.waitForFunction(
    (expected) => {
      const view = document.getElementById('view');
      return !!view && !view.hasAttribute('aria-busy') && (expected ? view.getAttribute('data-rendered') === expected : view.hasAttribute('data-rendered'));
    },
    hash ?? null,
    { timeout: 15000 },
  );
  await screenshot(target, (hash ?? 'page').replace(/[^A-Za-z0-9-]+/g, '_').slice(0, 80) || 'home');
}

const linksIn = (selector: string, target: Page = page) =>
  target.$$eval(`${selector} a[data-document-id]`, (links) => links.map((a) => a.getAttribute('data-document-id')));

beforeAll(async () => {
  app = await startApp();
  refs = await createRefs(app.strapi);
  await new Promise<void>((resolve) => app.strapi.server.httpServer.listen(0, '127.0.0.1', () => resolve()));
  const { port } = app.strapi.server.httpServer.address() as AddressInfo;
  portal = `http://127.0.0.1:${port}/portal/index.html`;

  await app.strapi.documents('api::organization.organization').update({ documentId: refs.org.documentId, data: { guide: GUIDE, phone: '0991-1234567' } });
  const site = await app.strapi.documents('plugin::disclosure.consumer-site').create({
    data: { name: '测试县人民政府门户网站', organizations: [refs.org.documentId], categories: [] },
  });
  ({ token } = await app.strapi.plugin('disclosure').service('consumer-sites').issueToken(site.documentId));

  ids.released = await createPolicy(TITLES.released, true);
  ids.interpretation = await createInterpretation(TITLES.interpretation, ids.released, true);
  ids.draftInterpretation = await createInterpretation(TITLES.draftInterpretation, ids.released, false);
  ids.draft = await createPolicy(TITLES.draft, false);
  ids.withdrawn = await createPolicy(TITLES.withdrawn, true);

  browser = await launchBrowser();
  context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  // The portal must run under the app's own Content-Security-Policy (no inline script or style).
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) pageErrors.push(message.text());
  });
  // The token arrives in the fragment once; the portal keeps it for the tab and removes it from the address bar.
  await page.goto(`${portal}#token=${encodeURIComponent(token)}`);
  await rendered(page, '#/');
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

afterEach(() => {
  expect(pageErrors).toEqual([]);
});

describe('the reference portal', () => {
  it('takes the token from the fragment, strips it from the address bar and shows the site', async () => {
    expect(page.url()).not.toContain('token');
    expect(page.url()).not.toContain(token);
    expect(await page.evaluate(() => window.sessionStorage.getItem('gongkai.portal.token'))).toBe(token);
    expect(await page.textContent('#site-name')).toBe('测试县人民政府门户网站');
    const latest = await linksIn('#latest');
    expect(latest).toEqual(expect.arrayContaining([ids.released, ids.interpretation, ids.withdrawn]));
    expect(latest).not.toContain(ids.draft);
  });

  it('shows a released policy with its released interpretation next to it, never a draft', async () => {
    await go('/policies');
    const item = `#policies [data-policy-id="${ids.released}"]`;
    expect(await page.textContent(`${item} .policy-main a[data-document-id="${ids.released}"]`)).toBe(TITLES.released);
    expect(await linksIn(`${item} .interpretations`)).toEqual([ids.interpretation]);
    expect(await page.textContent(`${item} .interpretations`)).toContain(TITLES.interpretation);
    // Next to it: the interpretation box sits on the policy's row.
    const [policyBox, interpretationBox] = await Promise.all([page.locator(`${item} .policy-main`).boundingBox(), page.locator(`${item} .interpretations`).boundingBox()]);
    expect(interpretationBox!.x).toBeGreaterThan(policyBox!.x + policyBox!.width - 1);
    expect(Math.abs(interpretationBox!.y - policyBox!.y)).toBeLessThan(policyBox!.height);

    const all = await linksIn('#policies');
    expect(all).toEqual(expect.arrayContaining([ids.released, ids.interpretation, ids.withdrawn, refs.policy.documentId]));
    expect(all).not.toContain(ids.draft);
    expect(all).not.toContain(ids.draftInterpretation);
    expect(await page.textContent('#view')).not.toContain(TITLES.draft);
  });

  it('groups released entries by disclosure category, never a draft', async () => {
    await go('/categories');
    const group = `#category-${refs.category.documentId}`;
    expect(await page.textContent(`${group} h3`)).toBe('统计信息');
    const grouped = await linksIn(group);
    expect(grouped).toEqual(expect.arrayContaining([ids.released, ids.interpretation]));
    expect(grouped).not.toContain(ids.draft);

    await page.click(`#categories .category-nav a[data-category-id="${refs.category.documentId}"]`);
    await rendered(page, `#/category/${refs.category.documentId}`);
    const listed = await linksIn('#category');
    expect(listed).toEqual(expect.arrayContaining([ids.released, ids.interpretation, ids.withdrawn]));
    expect(listed).not.toContain(ids.draft);
    expect(listed).not.toContain(ids.draftInterpretation);
  });

  it('finds released entries by search, never a draft', async () => {
    await go(`/search?q=${encodeURIComponent('门户测试')}`);
    const found = await linksIn('#search');
    expect(found).toEqual(expect.arrayContaining([ids.released, ids.interpretation, ids.withdrawn]));
    expect(found).not.toContain(ids.draft);
    expect(found).not.toContain(ids.draftInterpretation);
    expect(await page.inputValue('#search-q')).toBe('门户测试');

    await go(`/search?q=${encodeURIComponent(TITLES.draft)}`);
    expect(await linksIn('#search')).toEqual([]);
    expect(await page.textContent('#search')).toContain('共找到 0 条');
  });

  it('shows an entry with its catalogue fields and body; a draft is not found', async () => {
    const stored = await app.strapi.documents(POLICY).findOne({ documentId: ids.released, status: 'published' });
    await go(`/entry/policies/${ids.released}`);
    const field = (name: string) => page.textContent(`#entry [data-field="${name}"] dd`);
    expect(await page.textContent('#entry h2')).toBe(TITLES.released);
    expect(await field('indexNumber')).toBe(stored.indexNumber);
    // The 条例's and the admin's terms, not the portal's own.
    const label = (name: string) => page.textContent(`#entry [data-field="${name}"] dt`);
    expect(await label('formedOrChangedAt')).toBe('形成或变更日期');
    expect(await label('releasedOn')).toBe('首次发布日期');
    expect(await page.textContent('#entry')).not.toContain('生成日期');
    expect(await field('organization')).toBe('测试市数据局');
    expect(await field('category')).toBe('统计信息');
    expect(await field('documentNumber')).toBe('测试发〔2025〕1号');
    expect(await field('releasedOn')).toBe(stored.releasedOn);
    expect(await field('validity')).toBe('有效');
    expect(await page.textContent('#entry .body')).toContain('正文');
    expect(await linksIn('#policy-interpretations')).toEqual([ids.interpretation]);

    // The interpretation links back to its policy.
    await page.click(`#policy-interpretations a[data-document-id="${ids.interpretation}"]`);
    await rendered(page, `#/entry/interpretations/${ids.interpretation}`);
    expect(await linksIn('#interpreted-policy')).toEqual([ids.released]);
    expect(await page.textContent('#entry .qa')).toContain('为什么制定？');

    await go(`/entry/policies/${ids.draft}`);
    expect(await page.textContent('#view [role="alert"]')).toContain('未找到该信息');
    expect(await page.textContent('#view')).not.toContain(TITLES.draft);
  });

  it('drops a withdrawn policy after a reload, and its detail URL says it was withdrawn', async () => {
    await go('/policies');
    expect(await linksIn('#policies')).toContain(ids.withdrawn);

    await app.strapi.plugin('disclosure').service('workflow').transition({ uid: POLICY, documentId: ids.withdrawn, action: 'withdraw', reason: '文件已废止' }, 'system');

    await page.reload();
    await rendered(page, '#/policies');
    expect(await linksIn('#policies')).not.toContain(ids.withdrawn);
    expect(await linksIn('#policies')).toContain(ids.released);

    await go(`/search?q=${encodeURIComponent('门户测试')}`);
    expect(await linksIn('#search')).not.toContain(ids.withdrawn);
    await go('/categories');
    expect(await linksIn('#categories')).not.toContain(ids.withdrawn);

    await go(`/entry/policies/${ids.withdrawn}`);
    expect(await page.textContent('#entry h2')).toBe('该信息已撤回');
    expect(await page.getAttribute('#entry', 'data-state')).toBe('withdrawn');
    expect(await page.textContent('#entry')).not.toContain(TITLES.withdrawn);
  });

  it('renders the 信息公开指南 as text, never as HTML', async () => {
    await go('/guide');
    const guide = `#guide-${refs.org.documentId}`;
    expect(await page.textContent(`${guide} h3`)).toBe('测试市数据局');
    expect(await page.$$eval(`${guide} .rich-text h4`, (hs) => hs.map((h) => h.textContent))).toEqual(['一、主动公开', '二、依申请公开']);
    expect(await page.textContent(`${guide} .rich-text`)).toContain('申请人可以当面或者通过互联网提出申请。');
    expect(await page.$$(`${guide} img`)).toHaveLength(0);
    expect(await page.evaluate(() => (window as any).__pwned)).toBeUndefined();
    expect(await page.textContent(`${guide} .contact`)).toContain('0991-1234567');
  });

  it('has a placeholder for 年报; 依申请公开 says how to apply', async () => {
    await go('/annual-reports');
    expect(await page.textContent('#annual-reports [data-empty="annual-reports"]')).toContain('暂无年报');
    await go('/apply');
    expect(await page.textContent('#apply')).toContain('如何申请');
  });

  it('is barrier-free: language, one h1, ordered headings, landmarks, live region, labelled search', async () => {
    for (const route of ['/', '/policies', '/categories', `/entry/policies/${ids.released}`, '/guide', '/apply']) {
      await go(route);
      expect(await page.getAttribute('html', 'lang')).toBe('zh-Hans');
      const levels = await page.$$eval('h1, h2, h3, h4, h5, h6', (hs) => hs.map((h) => Number(h.tagName.slice(1))));
      expect(levels.filter((l) => l === 1)).toHaveLength(1);
      expect(levels[0]).toBe(1);
      levels.forEach((level, i) => i > 0 && expect(level - levels[i - 1]).toBeLessThanOrEqual(1));
      expect(await page.getByRole('banner').count()).toBe(1);
      expect(await page.getByRole('navigation', { name: '政府信息公开栏目' }).count()).toBe(1);
      expect(await page.getByRole('main').count()).toBe(1);
      expect(await page.getByRole('contentinfo').count()).toBe(1);
      expect(await page.getAttribute('#status', 'aria-live')).toBe('polite');
      // Entry links are real links.
      expect(await page.$$eval('#view [data-document-id]', (els) => els.filter((el) => el.tagName === 'A' && !el.getAttribute('href')).length)).toBe(0);
      const failures = await page.evaluate(lowContrastTexts);
      expect(failures).toEqual([]);
    }
    const search = page.getByRole('searchbox', { name: '搜索政府信息' });
    expect(await search.count()).toBe(1);
    expect(await search.getAttribute('id')).toBe('search-q');
    expect(await page.$eval('#search-q', (el) => (el as HTMLInputElement).labels![0].textContent)).toBe('搜索政府信息');
  });

  it('is usable with the keyboard: skip link, search, results and detail by Tab and Enter', async () => {
    await go('/policies');
    await page.reload();
    await rendered(page, '#/policies');

    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('skip-link');
    const skip = await page.locator('#skip-link').boundingBox();
    expect(skip!.y).toBeGreaterThanOrEqual(0); // visible when focused
    const outline = await page.$eval('#skip-link', (el) => getComputedStyle(el).outlineStyle);
    expect(outline).not.toBe('none');

    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    expect(new URL(page.url()).hash).toBe('#/policies'); // the router keeps its place

    await page.reload();
    await rendered(page, '#/policies');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('search-q');
    expect(await page.$eval('#search-q', (el) => getComputedStyle(el).outlineStyle)).not.toBe('none');

    await page.keyboard.type(TITLES.released);
    await page.keyboard.press('Enter');
    await rendered(page, `#/search?q=${encodeURIComponent(TITLES.released)}`);
    expect(await linksIn('#search')).toEqual([ids.released]);
    // Focus moved to the results heading; the next Tab reaches the result, Enter opens it.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('search-title');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-document-id'))).toBe(ids.released);
    await page.keyboard.press('Enter');
    await rendered(page, `#/entry/policies/${ids.released}`);
    expect(await page.textContent('#entry h2')).toBe(TITLES.released);
  });

  it('loads every file it asks for: config.js is served as JavaScript, nothing answers 404', async () => {
    const failed: string[] = [];
    const fresh = await browser.newContext({ locale: 'zh-CN' });
    try {
      const other = await fresh.newPage();
      other.on('response', (response) => {
        if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
      });
      const config = other.waitForResponse((response) => new URL(response.url()).pathname === '/portal/config.js');
      await other.goto(`${portal}#token=${encodeURIComponent(token)}`);
      await rendered(other, '#/');
      const response = await config;
      expect(response.status()).toBe(200);
      expect(response.headers()['content-type']).toMatch(/javascript/);
      expect(await other.evaluate(() => typeof (window as any).GONGKAI_PORTAL)).toBe('object');
      expect(failed).toEqual([]);
    } finally {
      await fresh.close();
    }
  });

  it('says clearly when the token is missing or invalid', async () => {
    const fresh = await browser.newContext({ locale: 'zh-CN' });
    try {
      const other = await fresh.newPage();
      await other.goto(`${portal}#/policies`);
      await rendered(other, '#/policies');
      expect(await other.textContent('#view [role="alert"]')).toContain('未配置访问令牌');

      await other.goto(`${portal}#/policies?token=gks_not-a-real-token`);
      await rendered(other, '#/policies');
      expect(other.url()).not.toContain('gks_not-a-real-token');
      expect(await other.textContent('#view [role="alert"]')).toContain('访问令牌无效或已失效');
    } finally {
      await fresh.close();
    }
  });

  it('passes axe-core\'s WCAG 2.1 A and AA rules on every page type (条例第四十三条)', async () => {
    // One released entry of every governed type, so each detail layout is checked.
    const details: string[] = [];
    for (const { uid, plural } of GOVERNED) {
      const payload = payloads({ ...refs, policy: { documentId: ids.released } })[uid](`无障碍检查${plural}`);
      const doc = await app.strapi.documents(uid).create({ data: payload });
      await release(app.strapi, uid, doc.documentId);
      details.push(`/entry/${plural}/${doc.documentId}`);
    }
    const routes = [
      '/',
      '/guide',
      '/categories',
      `/category/${refs.category.documentId}`,
      '/policies',
      '/annual-reports',
      '/apply',
      `/search?q=${encodeURIComponent('无障碍检查')}`,
      `/search?q=${encodeURIComponent('没有这样的信息')}`,
      ...details,
      `/entry/policies/${ids.withdrawn}`, // withdrawn: the tombstone
      `/entry/policies/${ids.draft}`, // not found
      '/no-such-page',
    ];
    // axe is injected as an inline script, which the app's Content-Security-Policy rightly refuses: this context
    // bypasses it for the audit only (the other tests run under it).
    const audit = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 }, bypassCSP: true });
    try {
      const target = await audit.newPage();
      const violations: string[] = [];
      const check = async (route: string) => {
        await target.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
        const result = await target.evaluate(() =>
          (window as any).axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }),
        );
        for (const v of result.violations as { id: string; impact: string; nodes: { target: string[] }[] }[]) {
          violations.push(`${route}: ${v.id} (${v.impact}) at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
        }
      };
      await target.goto(`${portal}#token=${encodeURIComponent(token)}`);
      await rendered(target, '#/');
      for (const route of routes) {
        await go(route, target);
        await check(route);
      }
      // The page a visitor meets without a token.
      await target.evaluate(() => window.sessionStorage.clear());
      await target.goto(`${portal}#/policies`);
      await target.reload();
      await rendered(target, '#/policies');
      expect(await target.textContent('#view [role="alert"]')).toContain('未配置访问令牌');
      await check('(no token)');
      expect(violations).toEqual([]);
    } finally {
      await audit.close();
    }
  });
});

/** Visible text whose contrast with its effective background is below 4.5:1 (runs in the page). */
function lowContrastTexts() {
  const parse = (value: string) => {
    const m = /rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)/.exec(value);
    return m ? { rgb: [Number(m[1]), Number(m[2]), Number(m[3])], alpha: m[4] === undefined ? 1 : Number(m[4]) } : null;
  };
  const luminance = ([r, g, b]: number[]) => {
    const c = [r, g, b].map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  };
  const background = (el: Element | null): number[] => {
    for (let node = el; node; node = node.parentElement) {
      const bg = parse(getComputedStyle(node).backgroundColor);
      if (bg && bg.alpha > 0) return bg.rgb;
    }
    return [255, 255, 255];
  };
  const failures: string[] = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!el || !node.textContent || !node.textContent.trim()) continue;
    const rect = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    if (rect.width <= 1 || rect.height <= 1 || style.visibility === 'hidden' || el.closest('noscript')) continue;
    const fg = parse(style.color);
    if (!fg) continue;
    const [a, b] = [luminance(fg.rgb), luminance(background(el))];
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    if (ratio < 4.5) failures.push(`${node.textContent.trim().slice(0, 20)}: ${ratio.toFixed(2)}`);
  }
  return failures;
}
