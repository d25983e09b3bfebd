import fs from 'fs';
import type { AddressInfo } from 'net';
import path from 'path';
import type { Browser, Page } from 'playwright-core';
import type { Staff } from './staff';
import type { TestApp } from './strapi';

const { launchBrowser } = require('../../scripts/lib/browser') as { launchBrowser: () => Promise<Browser> };
const ADMIN_BUILD = path.join(__dirname, '..', '..', 'dist', 'build', 'index.html');

/** The admin's browser tests serve the real build: `npm test` makes it first (scripts/ensure-admin-build.js). */
export function requireAdminBuild() {
  if (!fs.existsSync(ADMIN_BUILD)) throw new Error('the admin panel is not built (dist/build): run `npm run build`, or `npm test`, which builds it first');
}

/** Serves an app started with { serveAdmin: true } on a free port and opens a browser for it. */
export async function serveAdmin(app: TestApp): Promise<{ base: string; browser: Browser }> {
  await new Promise<void>((resolve) => app.strapi.server.httpServer.listen(0, '127.0.0.1', () => resolve()));
  const base = `http://127.0.0.1:${(app.strapi.server.httpServer.address() as AddressInfo).port}`;
  return { base, browser: await launchBrowser() };
}

/** A staff member signed in to the real admin (served by startApp({ serveAdmin: true })) in a fresh browser context. */
export async function signIn(browser: Browser, base: string, staff: Staff): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 1000 } });
  const page = await context.newPage();
  await page.goto(`${base}/admin/auth/login`);
  await page.fill('input[name="email"]', staff.email);
  await page.fill('input[name="password"]', staff.password);
  await page.click('button[type="submit"]');
  await page.waitForURL((url) => !url.pathname.includes('/auth/login'), { timeout: 30_000 });
  return page;
}

/**
 * A staff member's browser context already signed in (their token where the admin keeps a remembered session), on
 * `path`: one load of the admin instead of the login page's and then the target's. Tests of the login itself use signIn.
 */
export async function openAs(browser: Browser, base: string, staff: Staff, path: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 1000 } });
  await context.addInitScript((token) => {
    window.localStorage.setItem('jwtToken', JSON.stringify(token));
    window.localStorage.setItem('isLoggedIn', 'true');
    window.localStorage.setItem('strapi-admin-language', 'zh-Hans');
  }, staff.token);
  const page = await context.newPage();
  await page.goto(`${base}${path}`);
  return page;
}

/** Moves within the admin without reloading it (the router follows history changes), as a click on a link does. */
export async function navigate(page: Page, path: string) {
  await page.evaluate((to) => {
    window.history.pushState({}, '', to);
    window.dispatchEvent(new PopStateEvent('popstate', { state: {} }));
  }, path);
}

/** A full-page screenshot into ADMIN_SCREENSHOT_DIR when it is set (to look at; CI takes none). */
export async function shot(page: Page, name: string, settleMs = 0) {
  const dir = process.env.ADMIN_SCREENSHOT_DIR;
  if (!dir) return;
  // Let dialogs finish fading in.
  if (settleMs) await page.waitForTimeout(settleMs);
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}
