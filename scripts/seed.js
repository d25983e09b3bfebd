#!/usr/bin/env node
/** npm run seed — seed the demo data into the configured database (idempotent), then exit. */
const path = require('path');
const { createStrapi } = require('@strapi/strapi');

const appDir = path.join(__dirname, '..');

(async () => {
  const app = await createStrapi({ appDir, distDir: path.join(appDir, 'dist') }).load();
  try {
    const { seedDemo } = require(path.join(appDir, 'dist', 'src', 'seed'));
    const report = await seedDemo(app);
    console.log('seed:', JSON.stringify(report.created));
  } finally {
    await app.destroy();
  }
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
