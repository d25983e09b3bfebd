#!/usr/bin/env node
/**
 * npm run export -- --type policy --format xlsx|csv [--out file]
 *
 * Writes every entry of a governed type (its current version) with the 目录 fields under Chinese headers — the
 * columns `npm run import` reads back — streamed a page at a time. Without --out: <类型>-<date>.<format> here.
 */
const fs = require('fs');
const path = require('path');
const { createStrapi } = require('@strapi/strapi');
const { parseArgs } = require('./lib/catalog-args');

const appDir = path.join(__dirname, '..');

(async () => {
  const { options } = parseArgs(process.argv.slice(2));
  const format = options.format || 'xlsx';
  if (!options.type || !['xlsx', 'csv'].includes(format)) {
    console.error('usage: npm run export -- --type policy --format xlsx|csv [--out file]');
    process.exit(2);
  }
  process.env.LOG_LEVEL = process.env.LOG_LEVEL || 'warn';
  const app = await createStrapi({ appDir, distDir: path.join(appDir, 'dist') }).load();
  let code = 0;
  try {
    const { uidOfType } = require(path.join(appDir, 'dist', 'src', 'plugins', 'disclosure', 'server', 'src', 'controllers', 'catalog-admin'));
    const uid = uidOfType(app, options.type);
    const out = options.out || `${app.contentType(uid).info.singularName}-${new Date().toISOString().slice(0, 10)}.${format}`;
    const stream = fs.createWriteStream(out);
    const finished = new Promise((resolve, reject) => stream.on('close', resolve).on('error', reject));
    const count = await app.plugin('disclosure').service('catalog-export').write(uid, format, stream, null);
    await finished;
    console.log(`导出 ${count} 条 / exported ${count} entries → ${out}`);
  } catch (error) {
    console.error(error.message || error);
    code = 1;
  } finally {
    await app.destroy();
  }
  process.exit(code);
})().catch((error) => {
  console.error(error);
  process.exit(2);
});
