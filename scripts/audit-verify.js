#!/usr/bin/env node
/**
 * npm run audit:verify — walks the audit hash chain of the configured database.
 * Exit 0 when every link holds; exit 1 naming the first broken link.
 */
const path = require('path');
const { createStrapi } = require('@strapi/strapi');

const appDir = path.join(__dirname, '..');

(async () => {
  const app = await createStrapi({ appDir, distDir: path.join(appDir, 'dist') }).load();
  let verdict;
  try {
    verdict = await app.plugin('disclosure').service('audit').verify();
  } finally {
    await app.destroy();
  }
  if (verdict.ok) {
    console.log(`审计日志完整 / audit chain intact: ${verdict.count} events, head ${verdict.head}`);
    process.exit(0);
  }
  const { seq, id, reason } = verdict.brokenAt;
  console.error(`审计日志被篡改 / audit chain broken at event seq ${seq} (id ${id}): ${reason}`);
  process.exit(1);
})().catch((error) => {
  console.error(error);
  process.exit(2);
});
