/**
 * Boots the compiled app once on the database named in argv[2] and stops: its migrations, schema sync and seeding run,
 * so the database can serve as the template every integration test file's database is copied from.
 */
const path = require('path');
const { appDir, appEnv } = require('../../scripts/lib/throwaway-app');

(async () => {
  Object.assign(process.env, appEnv(process.argv[2], { client: 'postgres' }), { NODE_ENV: 'test' });
  const { createStrapi } = require('@strapi/strapi');
  const strapi = await createStrapi({ appDir, distDir: path.join(appDir, 'dist') }).load();
  await strapi.destroy();
  process.exit(0);
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
