#!/usr/bin/env node
/**
 * npm run import -- --type policy file.xlsx|file.csv [--dry-run] [--release-as "<name>"] [--batch 500]
 *
 * Boots the app (like npm run seed), validates every row against the content manager's rules and prints the report
 * (行, 列, 原因). A dry run writes nothing and exits 1 when any row is refused. A real run imports in transactional
 * batches with a progress bar; run it again on the same file after an interruption and it continues after the last
 * committed batch. Imported entries are drafts for the workflow, or — with --release-as, for historical backfill —
 * released by the system with an audit event naming that person.
 */
const path = require('path');
const os = require('os');
const { createStrapi } = require('@strapi/strapi');
const { parseArgs, reportTable } = require('./lib/catalog-args');

const appDir = path.join(__dirname, '..');
const usage = 'usage: npm run import -- --type policy file.xlsx|file.csv [--dry-run] [--release-as "<name>"]';

(async () => {
  const { options, files } = parseArgs(process.argv.slice(2), ['dry-run']);
  const file = files[0];
  if (!options.type || !file) {
    console.error(usage);
    process.exit(2);
  }
  const format = /\.csv$/i.test(file) ? 'csv' : /\.xlsx$/i.test(file) ? 'xlsx' : null;
  if (!format) {
    console.error('只支持 .xlsx 和 .csv 文件 / only .xlsx and .csv files are supported');
    process.exit(2);
  }
  if (options['release-as'] !== undefined && !String(options['release-as']).trim()) {
    console.error('--release-as 需要填写执行导入的人员姓名 / --release-as needs the name of the person running the import');
    process.exit(2);
  }
  process.env.LOG_LEVEL = process.env.LOG_LEVEL || 'warn';
  const app = await createStrapi({ appDir, distDir: path.join(appDir, 'dist') }).load();
  let failed = false;
  let bar = null;
  let runId = null;
  const interrupted = async (signal) => {
    // Marked failed so the next run on the same file resumes at once (the committed batches stay).
    if (runId) await app.db.connection('disclosure_import_runs').where({ id: runId, status: 'running' }).update({ status: 'failed', error: `interrupted (${signal})` }).catch(() => undefined);
    process.exit(130);
  };
  process.once('SIGINT', () => interrupted('SIGINT'));
  process.once('SIGTERM', () => interrupted('SIGTERM'));
  try {
    const { uidOfType } = require(path.join(appDir, 'dist', 'src', 'plugins', 'disclosure', 'server', 'src', 'controllers', 'catalog-admin'));
    const uid = uidOfType(app, options.type);
    const service = app.plugin('disclosure').service('catalog-import');
    const common = { uid, file: path.resolve(file), format, fileName: path.basename(file), startedBy: `cli:${os.userInfo().username}`, batchSize: options.batch ? Number(options.batch) : undefined };
    let summary;
    if (options['dry-run']) {
      summary = await service.dryRun(common);
    } else {
      const interactive = process.stdout.isTTY && !process.env.CI;
      const { SingleBar, Presets } = require('cli-progress');
      bar = new SingleBar({ format: '导入 {bar} {percentage}% | {value}/{total} 行 | {eta_formatted}', noTTYOutput: !interactive, notTTYSchedule: 5000, hideCursor: true }, Presets.shades_classic);
      summary = await service.run({
        ...common,
        releaseAs: options['release-as'] ? String(options['release-as']).trim() : null,
        countFirst: true,
        onStart: (id) => (runId = id),
        onProgress: ({ done, total }) => {
          if (!bar.isActive) bar.start(total ?? 0, done);
          else bar.update(done);
          if (process.env.GONGKAI_IMPORT_PROGRESS_LOG) console.log(`progress ${done}`);
        },
      });
      if (bar.isActive) bar.stop();
    }
    if (summary.report.length) console.log(reportTable(summary.report));
    const counts = `行 ${summary.rows}：新建 ${summary.created}，更新 ${summary.updated}，未变 ${summary.unchanged}，有错误 ${summary.refused}`;
    console.log(options['dry-run'] ? `试导入（未写入）/ dry run: ${counts}` : `导入完成 / imported (run ${summary.runId}${summary.resumedFrom ? `, resumed after row ${summary.resumedFrom}` : ''}): ${counts}`);
    failed = summary.refused > 0 || summary.report.length > 0;
  } catch (error) {
    if (bar && bar.isActive) bar.stop();
    console.error(error.message || error);
    if (error.details) console.error(JSON.stringify(error.details));
    failed = true;
  } finally {
    await app.destroy();
  }
  process.exit(failed ? 1 : 0);
})().catch((error) => {
  console.error(error);
  process.exit(2);
});
