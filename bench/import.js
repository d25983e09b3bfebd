#!/usr/bin/env node
/**
 * Benchmark: `npm run import` of a generated policy spreadsheet (BENCH_IMPORT_ROWS rows, default 10,000; CSV by
 * default, BENCH_IMPORT_FORMAT=xlsx for XLSX) into a fresh PostgreSQL database: the dry run and the real run
 * (drafts), with wall time, rows per second and the peak RSS sampled every 200 ms. Target (issue 14): 100,000 rows in
 * under 2 minutes with bounded memory.
 *   node bench/import.js                     BENCH_IMPORT_ROWS=100000 node bench/import.js
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const ExcelJS = require('exceljs');
const { appDir, appEnv, createDatabase, ensureBuilt } = require('../scripts/lib/throwaway-app');

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 10_000);
const FORMAT = process.env.BENCH_IMPORT_FORMAT ?? 'csv';
const HEADERS = ['名称', '文号', '发布机构', '发文机关', '公开目录分类', '主题分类', '形成或变更日期', '成文日期', '施行日期', '有效性', '内容概述'];
const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

async function writeFile(file, orgCode) {
  const today = new Date().toISOString().slice(0, 10);
  const row = (i) => [`基准测试政策文件第${i}号`, `基准发〔2025〕${i}号`, orgCode, orgCode, 'zcwj', '综合政务', today, '2025-03-01', '2025-03-10', '有效', `第${i}号文件的内容概述，用于导入基准测试。`];
  if (FORMAT === 'csv') {
    const out = fs.createWriteStream(file);
    out.write(`\ufeff${HEADERS.join(',')}\r\n`);
    for (let i = 1; i <= ROWS; i += 1) if (!out.write(`${row(i).join(',')}\r\n`)) await new Promise((r) => out.once('drain', r));
    await new Promise((r) => out.end(r));
    return;
  }
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: false, useSharedStrings: false });
  const sheet = workbook.addWorksheet('政策文件');
  sheet.addRow(HEADERS).commit();
  for (let i = 1; i <= ROWS; i += 1) sheet.addRow(row(i)).commit();
  sheet.commit();
  await workbook.commit();
}

(async () => {
  ensureBuilt();
  const { database, drop } = await createDatabase();
  Object.assign(process.env, appEnv(database));
  const { createStrapi } = require('@strapi/strapi');
  const app = await createStrapi({ appDir, distDir: path.join(appDir, 'dist') }).load();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-bench-import-'));
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 200);
  try {
    const org = await app.documents('api::organization.organization').create({ data: { name: '基准测试局', code: 'BENCH0001', kind: 'work_department' } });
    const hasCategory = await app.db.query('api::disclosure-category.disclosure-category').findOne({ where: { code: 'zcwj' } });
    if (!hasCategory) await app.documents('api::disclosure-category.disclosure-category').create({ data: { name: '政策文件', code: 'zcwj' } });
    const hasTopic = await app.db.query('api::topic.topic').findOne({ where: { name: '综合政务' } });
    if (!hasTopic) await app.documents('api::topic.topic').create({ data: { name: '综合政务', code: 'zhzw' } });
    const file = path.join(dir, `policies.${FORMAT}`);
    await writeFile(file, org.code);
    console.log(`file: ${ROWS} rows, ${FORMAT}, ${mb(fs.statSync(file).size)}`);
    const service = app.plugin('disclosure').service('catalog-import');
    const common = { uid: 'api::policy.policy', file, format: FORMAT, startedBy: 'bench' };

    peak = process.memoryUsage().rss;
    let t = Date.now();
    const dry = await service.dryRun(common);
    const dryMs = Date.now() - t;
    console.log(`dry run: ${dryMs} ms (${Math.round((ROWS / dryMs) * 1000)} rows/s), refused ${dry.refused}, peak RSS ${mb(peak)}`);
    if (dry.refused) console.log(dry.report.slice(0, 5));

    peak = process.memoryUsage().rss;
    t = Date.now();
    const run = await service.run({ ...common, onProgress: ({ done }) => process.env.BENCH_VERBOSE && console.log(`  ${done} rows, ${Date.now() - t} ms`) });
    const runMs = Date.now() - t;
    console.log(`import (drafts): ${runMs} ms (${Math.round((ROWS / runMs) * 1000)} rows/s), created ${run.created}, peak RSS ${mb(peak)}`);

    t = Date.now();
    const again = await service.run(common);
    console.log(`re-run (nothing to do): ${Date.now() - t} ms, unchanged ${again.unchanged}`);
  } finally {
    clearInterval(sampler);
    await app.destroy();
    await drop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
