import crypto from 'crypto';
import { startApp, TestApp } from '../../helpers/strapi';

// eslint-disable-next-line @typescript-eslint/no-var-requires
const { admin } = require('../../../scripts/lib/throwaway-app') as { admin: (sql: string) => Promise<unknown> };

/**
 * A database created with LC_CTYPE C (a default of many installations) gives pg_trgm no trigrams of Chinese text:
 * substring search cannot work. The app still starts, says so in the log, and is not ready, with the reason.
 */
const database = `gongkai_test_locale_${crypto.randomBytes(4).toString('hex')}`;
let app: TestApp;

beforeAll(async () => {
  await admin(`CREATE DATABASE "${database}" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`);
  app = await startApp({ database });
});

afterAll(async () => {
  await app?.stop();
  await admin(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
});

it('is not ready on a database whose LC_CTYPE is not UTF-8, and names the locale', async () => {
  app.strapi.plugin('disclosure').service('operations').invalidate();
  const res = await app.http().get('/api/disclosure/ready');
  expect(res.status).toBe(503);
  const reason = res.body.reasons.find((r: any) => r.code === 'SEARCH_LOCALE');
  expect(reason).toBeDefined();
  expect(reason.message).toContain('LC_CTYPE 为“C”');
  expect(reason.messageEn).toContain('C.UTF-8');
});
