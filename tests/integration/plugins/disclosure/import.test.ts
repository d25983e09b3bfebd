import ExcelJS from 'exceljs';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { toLegalDate } from '../../../../src/plugins/disclosure/server/src/domain/legal-date';
import { createStaff, Staff } from '../../../helpers/staff';
import { startApp, TestApp } from '../../../helpers/strapi';
import { createTeam, organizationId, Team } from '../../../helpers/workflow';

/**
 * 导入导出 (issue 14 §2): a spreadsheet with Chinese headers is checked row by row with the content manager's rules
 * (the exact report users fix their file from), imported in transactional batches as drafts, idempotently, resumable
 * after a crash; an export reads back without errors; the admin routes keep each editor to their organization.
 */
const POLICY = 'api::policy.policy';
const today = toLegalDate(new Date());
let app: TestApp;
let team: Team;
let tmp: string;
let org: { name: string; code: string };
let category: { code: string };
let topic: { code: string };
let outsider: Staff;
let n = 0;

const service = () => app.strapi.plugin('disclosure').service('catalog-import');
const HEADERS = ['名称', '文号', '索引号', '发布机构', '发文机关', '公开目录分类', '主题分类', '形成或变更日期', '成文日期', '施行日期', '有效性', '内容概述'];

async function xlsx(rows: (string | null)[][], headers = HEADERS): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('政策文件');
  sheet.addRow(headers);
  for (const row of rows) sheet.addRow(row);
  const file = path.join(tmp, `import-${++n}.xlsx`);
  await workbook.xlsx.writeFile(file);
  return file;
}

/** A good policy row of the test organization; `over` replaces cells by header. */
const row = (title: string, number: string | null, over: Record<string, string | null> = {}) => {
  const base: Record<string, string | null> = {
    名称: title,
    文号: number,
    索引号: null,
    发布机构: org.name,
    发文机关: org.code,
    公开目录分类: category.code,
    主题分类: topic.code,
    形成或变更日期: today,
    成文日期: '2025-03-01',
    施行日期: '2025-03-10',
    有效性: '有效',
    内容概述: `${title}的概述`,
  };
  return HEADERS.map((h) => (h in over ? over[h] : base[h]));
};

const drafts = async (where: Record<string, unknown> = {}) =>
  app.strapi.db.query(POLICY).findMany({ where: { publishedAt: null, ...where }, select: ['documentId', 'title', 'documentNumber', 'indexNumber', 'updatedAt'], orderBy: { id: 'asc' } });

beforeAll(async () => {
  app = await startApp();
  team = await createTeam(app);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-import-test-'));
  // A name no other organization has, so rows may name it in words.
  const unique = Date.now().toString(36).toUpperCase();
  const created = await app.strapi.documents('api::organization.organization').create({ data: { name: `导入测试局${unique}`, code: `IMP${unique}`.slice(0, 18), kind: 'work_department' } });
  org = { name: created.name, code: created.code };
  category = { code: team.refs.category.code };
  topic = { code: (await app.strapi.db.query('api::topic.topic').findOne({ where: { documentId: team.refs.topic.documentId } })).code };
  outsider = await createStaff(app, 'editor', await organizationId(app, team.refs.otherOrg.documentId));
});
afterAll(async () => {
  await app?.stop();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('the validation report', () => {
  it('names each bad row, the column as written and the reason in Chinese; a dry run writes nothing', async () => {
    const file = await xlsx([
      row('好的政策一', '导试〔2025〕1号'),
      row('好的政策二', null, { 索引号: 'IMP-HIST/2024-00001', 形成或变更日期: '2024-05-06' }),
      row('没有编号的政策', null),
      row('机构不存在', '导试〔2025〕3号', { 发布机构: '不存在的机构', 施行日期: '2025-02-01' }),
      row('日期有误', '导试〔2025〕4号', { 成文日期: '2025-02-30', 有效性: '作废', 施行日期: null }),
      row('文号重复', '导试〔2025〕1号'),
      row('缺少必填项', '导试〔2025〕5号', { 形成或变更日期: null, 发文机关: null }),
    ]);
    const before = await drafts();
    const summary = await service().dryRun({ uid: POLICY, file, format: 'xlsx', startedBy: 'test' });
    expect(summary.report).toEqual([
      { row: 4, column: '索引号', reason: '索引号和文号都未填写，无法识别该条目（导入按索引号或文号去重）', code: 'NO_KEY' },
      { row: 5, column: '发布机构', reason: '找不到发布机构“不存在的机构”（按名称或代码查找）', code: 'UNKNOWN_REFERENCE' },
      { row: 5, column: '施行日期', reason: '施行日期不能早于成文日期', code: 'DATE_ORDER' },
      { row: 6, column: '成文日期', reason: '成文日期应为 YYYY-MM-DD 格式的日期', code: 'INVALID_DATE' },
      { row: 6, column: '有效性', reason: '有效性应为以下之一：有效、失效、废止、已修改', code: 'INVALID_CHOICE' },
      { row: 7, column: '文号', reason: '与前面的行重复（文号:导试〔2025〕1号）', code: 'DUPLICATE_KEY' },
      { row: 8, column: '形成或变更日期', reason: '形成或变更日期不能为空', code: 'REQUIRED' },
      { row: 8, column: '发文机关', reason: '发文机关不能为空', code: 'REQUIRED' },
    ]);
    expect(summary).toMatchObject({ rows: 7, created: 2, updated: 0, unchanged: 0, refused: 5 });
    expect(await drafts()).toEqual(before);
  });

  it('reports unknown columns on row 1', async () => {
    const file = await xlsx([row('列名测试', '导试〔2025〕9号').concat('x')], [...HEADERS, '备注']);
    const summary = await service().dryRun({ uid: POLICY, file, format: 'xlsx', startedBy: 'test' });
    expect(summary.report).toEqual([{ row: 1, column: '备注', reason: '无法识别的列“备注”', code: 'UNKNOWN_COLUMN' }]);
  });
});

describe('a real run', () => {
  it('imports good rows as drafts (keeping a given 索引号), skips bad ones, and a re-run changes nothing', async () => {
    const file = await xlsx([
      row('导入草稿一', '导入〔2025〕1号'),
      row('导入草稿二', null, { 索引号: 'IMP-HIST/2023-00007', 形成或变更日期: '2023-04-03' }),
      row('坏行', '导入〔2025〕2号', { 发布机构: '查无此机构' }),
    ]);
    const first = await service().run({ uid: POLICY, file, format: 'xlsx', startedBy: 'test', batchSize: 2 });
    expect(first).toMatchObject({ status: 'done', rows: 3, created: 2, updated: 0, unchanged: 0, refused: 1 });
    expect(first.report).toEqual([{ row: 4, column: '发布机构', reason: '找不到发布机构“查无此机构”（按名称或代码查找）', code: 'UNKNOWN_REFERENCE' }]);

    const [one] = await drafts({ documentNumber: '导入〔2025〕1号' });
    const [two] = await drafts({ title: '导入草稿二' });
    expect(one.indexNumber).toMatch(new RegExp(`^${org.code}/`));
    expect(two.indexNumber).toBe('IMP-HIST/2023-00007');
    // Drafts for the workflow: nothing published, no state row until someone submits.
    const workflow = app.strapi.plugin('disclosure').service('workflow');
    expect((await workflow.getState(POLICY, one.documentId)).state).toBe('draft');
    expect(await app.strapi.db.query(POLICY).count({ where: { documentId: { $in: [one.documentId, two.documentId] }, publishedAt: { $notNull: true } } })).toBe(0);
    // The given 索引号 is in the ledger: never handed out again.
    expect(await app.strapi.db.connection('disclosure_index_numbers').where({ value: 'IMP-HIST/2023-00007' }).first()).toMatchObject({ document_id: two.documentId });

    const snapshot = await drafts();
    const audit = await app.strapi.db.query('plugin::disclosure.audit-event').count();
    const again = await service().run({ uid: POLICY, file, format: 'xlsx', startedBy: 'test' });
    expect(again).toMatchObject({ status: 'done', created: 0, updated: 0, unchanged: 2, refused: 1 });
    expect(await drafts()).toEqual(snapshot);
    expect(await app.strapi.db.query('plugin::disclosure.audit-event').count()).toBe(audit);
  });

  it('a changed row updates its draft; a released entry is not changed by an import', async () => {
    const file = await xlsx([row('更新前', '导更〔2025〕1号')]);
    await service().run({ uid: POLICY, file, format: 'xlsx', startedBy: 'test' });
    const changed = await xlsx([row('更新后', '导更〔2025〕1号')]);
    expect(await service().run({ uid: POLICY, file: changed, format: 'xlsx', startedBy: 'test' })).toMatchObject({ created: 0, updated: 1 });
    const [entry] = await drafts({ documentNumber: '导更〔2025〕1号' });
    expect(entry.title).toBe('更新后');

    await app.strapi.plugin('disclosure').service('workflow').transition({ uid: POLICY, documentId: entry.documentId, action: 'submit' }, 'system');
    const inReview = await xlsx([row('审核中再改', '导更〔2025〕1号')]);
    const refused = await service().run({ uid: POLICY, file: inReview, format: 'xlsx', startedBy: 'test' });
    expect(refused.report).toEqual([{ row: 2, column: '文号', reason: '该条目正在审核中，导入不能修改', code: 'ENTRY_IN_REVIEW' }]);
    expect((await drafts({ documentNumber: '导更〔2025〕1号' }))[0].title).toBe('更新后');
  });
});

describe('a run interrupted midway', () => {
  it('resumes after the last committed batch and ends as one run would', async () => {
    const rows = [1, 2, 3, 4, 5].map((i) => row(`续传${i}`, `导续〔2025〕${i}号`));
    const file = await xlsx(rows);
    expect(await service().dryRun({ uid: POLICY, file, format: 'xlsx', startedBy: 'test' })).toMatchObject({ created: 5, refused: 0 });

    const crash = new Error('simulated crash');
    await expect(
      service().run({
        uid: POLICY,
        file,
        format: 'xlsx',
        startedBy: 'test',
        batchSize: 2,
        beforeCommit: ({ index }: { index: number }) => {
          if (index === 2) throw crash;
        },
      })
    ).rejects.toBe(crash);
    const hash = await service().fileHash(file);
    const interrupted = await app.strapi.db.connection('disclosure_import_runs').where({ file_hash: hash }).first();
    expect(interrupted).toMatchObject({ status: 'failed', rows_done: 2, created: 2 });
    expect((await drafts({ title: { $startsWith: '续传' } })).map((d: any) => d.title)).toEqual(['续传1', '续传2']);

    const resumed = await service().run({ uid: POLICY, file, format: 'xlsx', startedBy: 'test', batchSize: 2 });
    expect(resumed).toMatchObject({ runId: interrupted.id, status: 'done', resumedFrom: 2, rows: 5, created: 5, refused: 0, report: [] });
    const imported = await drafts({ title: { $startsWith: '续传' } });
    expect(imported.map((d: any) => d.documentNumber)).toEqual(rows.map((r) => r[1]));
    expect(new Set(imported.map((d: any) => d.indexNumber)).size).toBe(5);
    expect(await service().run({ uid: POLICY, file, format: 'xlsx', startedBy: 'test' })).toMatchObject({ created: 0, unchanged: 5 });
  });
});

describe('historical backfill', () => {
  it('releases as the system, with an audit event naming the person who ran the import', async () => {
    const file = await xlsx([row('历史文件', '导历〔2019〕1号', { 形成或变更日期: '2019-06-03', 成文日期: '2019-06-01', 施行日期: '2019-06-10' })]);
    const summary = await service().run({ uid: POLICY, file, format: 'xlsx', startedBy: 'cli:test', releaseAs: '王五' });
    expect(summary).toMatchObject({ created: 1, refused: 0 });
    const [entry] = await drafts({ documentNumber: '导历〔2019〕1号' });
    expect(await app.strapi.db.query(POLICY).count({ where: { documentId: entry.documentId, publishedAt: { $notNull: true } } })).toBe(1);
    const events = await app.strapi.db.query('plugin::disclosure.audit-event').findMany({ where: { targetDocumentId: entry.documentId }, orderBy: { seq: 'asc' } });
    expect(events.map((e: any) => e.action)).toEqual(['submit', 'approve', 'approve', 'approve', 'release', 'import_release']);
    const last = events[events.length - 1];
    expect(last).toMatchObject({ actorName: '王五', toState: 'released', reason: '历史数据导入，由王五执行' });
    expect(JSON.parse(last.data)).toMatchObject({ importedBy: '王五', startedBy: 'cli:test' });
    expect((await app.strapi.plugin('disclosure').service('audit').verify()).ok).toBe(true);
  });
});

describe('export', () => {
  it.each(['csv', 'xlsx'] as const)('%s: Chinese headers, and a dry-run import of the export reports no errors', async (format) => {
    const out = path.join(tmp, `export-${++n}.${format}`);
    const stream = fs.createWriteStream(out);
    const closed = new Promise((resolve) => stream.on('close', resolve));
    const count = await app.strapi.plugin('disclosure').service('catalog-export').write(POLICY, format, stream, null);
    await closed;
    expect(count).toBe(await app.strapi.db.query(POLICY).count({ where: { publishedAt: null } }));
    const records = [];
    for await (const record of service().records(out, format)) records.push(record);
    expect(records[0].cells.slice(0, 4)).toEqual(['名称', '索引号', '发布机构', '公开目录分类']);
    const summary = await service().dryRun({ uid: POLICY, file: out, format, startedBy: 'test' });
    expect(summary.report).toEqual([]);
    expect(summary).toMatchObject({ rows: count, created: 0, updated: 0, refused: 0, unchanged: count });
  });
});

/** Polls the run as the page does until it ends. */
async function finished(staff: Staff, runId: number) {
  for (let i = 0; i < 100; i += 1) {
    const run = (await staff.get(`/disclosure/import/runs/${runId}`)).body.data;
    if (run.status !== 'running') return run;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('import did not finish');
}

describe('admin routes', () => {
  const upload = (staff: Staff, file: string) =>
    app.http().post('/disclosure/import/dry-run').set('Authorization', `Bearer ${staff.token}`).field('type', 'policy').attach('file', file);

  it('an editor imports only into their own organization', async () => {
    const file = await xlsx([row('他机构的文件', '导权〔2025〕1号', { 发布机构: team.refs.org.code })]);
    const res = await upload(outsider, file);
    expect(res.status).toBe(200);
    expect(res.body.data.report).toEqual([
      { row: 2, column: '发布机构', reason: '您只能为本机构导入信息，“测试市数据局”不是您所在的机构', code: 'ORGANIZATION_OUT_OF_SCOPE' },
    ]);
    // Started anyway: the bad row is skipped, nothing is written for the other organization.
    const start = await outsider.post('/disclosure/import/start', { upload: res.body.data.upload, type: 'policy' });
    expect(start.status).toBe(202);
    const run = await finished(outsider, start.body.data.runId);
    expect(run).toMatchObject({ status: 'done', created: 0, refused: 1 });
    expect(await drafts({ documentNumber: '导权〔2025〕1号' })).toEqual([]);
    // Another organization's run is not theirs to read.
    expect((await team.staff.editor.get(`/disclosure/import/runs/${start.body.data.runId}`)).status).toBe(404);
  });

  it('the team editor imports the same file for their organization; only a system administrator may backfill as released', async () => {
    const file = await xlsx([row('本机构的文件', '导权〔2025〕2号', { 发布机构: null })]);
    const res = await upload(team.staff.editor, file);
    expect(res.body.data).toMatchObject({ created: 1, refused: 0, report: [] });
    const release = await team.staff.editor.post('/disclosure/import/start', { upload: res.body.data.upload, type: 'policy', release: true });
    expect(release.status).toBe(403);
    expect(release.body.error.details.code).toBe('RELEASE_NOT_ALLOWED');

    const start = await team.staff.editor.post('/disclosure/import/start', { upload: res.body.data.upload, type: 'policy' });
    expect(start.status).toBe(202);
    const run = await finished(team.staff.editor, start.body.data.runId);
    expect(run).toMatchObject({ status: 'done', created: 1, refused: 0, started_by: `admin:${team.staff.editor.id}` });
    const [entry] = await app.strapi.db.query(POLICY).findMany({ where: { documentNumber: '导权〔2025〕2号', publishedAt: null }, populate: ['publishingOrganization'] });
    expect(entry.publishingOrganization.id).toBe(team.orgId);
    // Written as the editor: the save is in the entry's history under their name.
    const events = await app.strapi.db.query('plugin::disclosure.audit-event').findMany({ where: { targetDocumentId: entry.documentId } });
    expect(events.map((e: any) => [e.action, e.actor])).toEqual([['create', `admin:${team.staff.editor.id}`]]);
  });

  it('export holds what the member may read: not another organization’s entries', async () => {
    const res = await outsider.get('/disclosure/export/policy?format=csv').buffer(true).parse((r: any, cb: any) => {
      let text = '';
      r.setEncoding('utf8');
      r.on('data', (c: string) => (text += c));
      r.on('end', () => cb(null, text));
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    expect(res.body.split('\r\n')[0]).toMatch(/^\ufeff名称,索引号,发布机构/);
    expect(res.body).not.toContain('参考政策文件');
    expect(res.body).not.toContain('导入草稿一');
    const own = await team.staff.editor.get('/disclosure/export/policy?format=csv').buffer(true).parse((r: any, cb: any) => {
      let text = '';
      r.setEncoding('utf8');
      r.on('data', (c: string) => (text += c));
      r.on('end', () => cb(null, text));
    });
    expect(own.body).toContain('参考政策文件');
  });

  it('a user without workflow permissions cannot import or export', async () => {
    const handler = await createStaff(app, 'applicationHandler', team.orgId);
    expect((await handler.get('/disclosure/export/policy?format=csv')).status).toBe(403);
    expect((await upload(handler, await xlsx([row('x', 'y')]))).status).toBe(403);
  });
});
