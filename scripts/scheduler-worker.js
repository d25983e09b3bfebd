#!/usr/bin/env node
/**
 * A scheduler worker outside the web server: boots the app without HTTP, runs
 * scheduler and webhook-dispatch ticks until nothing is due (or for --seconds), then exits. Several may run
 * against one database; each job still runs exactly once.
 *   node scripts/scheduler-worker.js [--seconds 60]
 */
const path = require('path');
const { createStrapi } = require('@strapi/strapi');

const appDir = path.join(__dirname, '..');
const secondsArg = process.argv.indexOf('--seconds');
const seconds = secondsArg > 0 ? Number(process.argv[secondsArg + 1]) : 0;

(async () => {
  const app = await createStrapi({ appDir, distDir: path.join(appDir, 'dist') }).load();
  const scheduler = app.plugin('disclosure').service('scheduler');
  const webhooks = app.plugin('disclosure').service('webhooks');
  const until = Date.now() + seconds * 1000;
  let total = 0;
  try {
    for (;;) {
      const done = (await scheduler.tick()) + (await webhooks.tick());
      total += done;
      if (done === 0 && Date.now() >= until) break;
      if (done === 0) await new Promise((resolve) => setTimeout(resolve, 250));
    }
  } finally {
    await app.destroy();
  }
  console.log(`worker ${scheduler.workerId} ran ${total} job(s) and webhook deliveries`);
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
