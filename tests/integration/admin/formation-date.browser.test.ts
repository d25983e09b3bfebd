import type { Browser, Page } from 'playwright-core';
import { requireAdminBuild, serveAdmin, shot, signIn } from '../../helpers/admin-browser';
import { startApp, TestApp } from '../../helpers/strapi';
import { authorDraft, createTeam, ITEM, Team } from '../../helpers/workflow';

/**
 * 形成或变更日期 in the real admin (needs `npm run build`): a date, as the law counts it, so the edit view offers a
 * calendar and no time of day. ADMIN_SCREENSHOT_DIR=/some/dir saves a PNG of each step.
 */

let app: TestApp;
let team: Team;
let browser: Browser;
let base: string;

beforeAll(async () => {
  requireAdminBuild();
  app = await startApp({ serveAdmin: true });
  team = await createTeam(app);
  ({ base, browser } = await serveAdmin(app));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** The inputs of the field labelled 形成或变更日期: the label's nearest ancestor holding any. */
const fieldInputs = (page: Page) =>
  page.evaluate(() => {
    const label = [...document.querySelectorAll('label')].find((l) => l.textContent?.startsWith('形成或变更日期'));
    let field = label?.parentElement ?? null;
    while (field && !field.querySelector('input')) field = field.parentElement;
    return [...(field?.querySelectorAll('input') ?? [])].map((input) => ({ name: input.name, popup: input.getAttribute('aria-haspopup'), value: input.value }));
  });

describe('形成或变更日期 in the edit view', () => {
  it('is a date picker with no time input, and the chosen day is stored and counted from', async () => {
    const documentId = await authorDraft(team, { title: '形成日期选择', formedOrChangedAt: '2026-03-02' });
    const page = await signIn(browser, base, team.author);
    await page.goto(`${base}/admin/content-manager/collection-types/${ITEM}/${documentId}`);
    await page.getByText('审核记录').waitFor({ timeout: 30_000 });
    // One input, opening a calendar: a date-time field would add a second one for the time of day.
    expect(await fieldInputs(page)).toEqual([{ name: 'formedOrChangedAt', popup: 'dialog', value: '2026/03/02' }]);

    const input = page.getByLabel('形成或变更日期');
    await input.scrollIntoViewIfNeeded();
    await input.click();
    const calendar = page.getByRole('dialog', { name: 'Choose date' });
    await calendar.getByRole('gridcell', { name: '2026年3月5日星期四' }).waitFor();
    await shot(page, 'formation-date-calendar', 500);
    await calendar.getByRole('gridcell', { name: '2026年3月5日星期四' }).click();
    expect(await input.inputValue()).toBe('2026/03/05');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    const stored = async () => (await app.strapi.db.query(ITEM).findOne({ where: { documentId, publishedAt: null } })).formedOrChangedAt;
    for (let waited = 0; (await stored()) !== '2026-03-05' && waited < 30_000; waited += 250) await page.waitForTimeout(250);
    const draft = await app.strapi.db.query(ITEM).findOne({ where: { documentId, publishedAt: null } });
    // 20 working days from Friday 6 March: 6, 9–13, 16–20, 23–27, 30 March – 2 April.
    expect(draft).toMatchObject({ formedOrChangedAt: '2026-03-05', dueDate: '2026-04-02' });
    await page.reload();
    await page.getByText('审核记录').waitFor({ timeout: 30_000 });
    expect(await page.getByLabel('公开期限').inputValue()).toBe('2026/04/02');
    await shot(page, 'formation-date-saved', 500);
    await page.context().close();
  });
});
