import { randomBytes } from 'crypto';
import fs from 'fs';
import os from 'os';
import path from 'path';
import request from 'supertest';

const appDir = path.join(__dirname, '..', '..');

// Shared with the benchmarks: the test database server, fresh databases, the app's environment.
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { server, createDatabase, appEnv } = require('../../scripts/lib/throwaway-app') as {
  server: { host: string; port: number; user: string; password: string };
  createDatabase: (prefix: string, options?: { template?: string }) => Promise<{ database: string; drop: () => Promise<void> }>;
  appEnv: (database: string, options: { client: string; sqliteFile?: string }) => Record<string, string>;
};

/** The PostgreSQL server the tests use (TEST_DATABASE_* settings), for a test that plays a second instance. */
export const databaseServer = server;

export interface TestApp {
  strapi: any;
  databaseName: string;
  http: () => request.Agent;
  stop: () => Promise<void>;
}

/**
 * Boots the compiled app against a fresh PostgreSQL database made for this test
 * file (UTF-8 collation, so Chinese text sorts and matches as in production) — a copy of the template the global
 * setup booted the app on once, so this is a restart — and drops it afterwards; or, with `client: 'sqlite'`, on a fresh SQLite file — the
 * embedded default the demo runs on. With `database`, boots on that existing
 * PostgreSQL database and leaves it in place (a restart; see createTestDatabase). With `serveAdmin`, the built admin
 * panel is served at /admin.
 */
export async function startApp({ client = 'postgres', database, serveAdmin = false }: { client?: 'postgres' | 'sqlite'; database?: string; serveAdmin?: boolean } = {}): Promise<TestApp> {
  const created = client === 'postgres' && !database ? await createDatabase(`gongkai_test_${process.pid}`, { template: process.env.GONGKAI_TEST_TEMPLATE }) : null;
  const databaseName = database ?? created?.database ?? `gongkai_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const sqliteFile = path.join(os.tmpdir(), `${databaseName}.db`);
  Object.assign(process.env, {
    ...appEnv(databaseName, { client, sqliteFile }),
    NODE_ENV: 'test',
    DATABASE_POOL_MIN: '0',
    DATABASE_POOL_MAX: '30',
    DATABASE_CONNECTION_TIMEOUT: '10000',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'error',
    // Browser tests of the admin serve its build (`npm run build` first).
    SERVE_ADMIN: String(serveAdmin),
  });
  delete process.env.DATABASE_URL;

  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { createStrapi } = require('@strapi/strapi');
  const strapi = await createStrapi({ appDir, distDir: path.join(appDir, 'dist') }).load();
  await strapi.server.mount();

  return {
    strapi,
    databaseName,
    http: () => request.agent(strapi.server.httpServer),
    stop: async () => {
      // Strapi emits entry events after commit without awaiting them; let them finish before the pool closes.
      await new Promise((resolve) => setTimeout(resolve, 300));
      await strapi.destroy();
      if (created) await created.drop();
      else if (client === 'sqlite') fs.rmSync(sqliteFile, { force: true });
    },
  };
}

/** An empty PostgreSQL database on the test server, for a test of the first boot or one that boots the app on it more than once. */
export const createTestDatabase = () => createDatabase(`gongkai_test_${process.pid}`);

/** A full-access API token, as a department's integration would hold. */
export async function fullAccessToken(strapi: any): Promise<string> {
  const token = await strapi.service('admin::api-token').create({
    name: `test-${randomBytes(3).toString('hex')}`,
    type: 'full-access',
    lifespan: null,
  });
  return token.accessKey;
}
