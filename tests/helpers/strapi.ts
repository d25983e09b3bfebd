import { randomBytes } from 'crypto';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { Client } from 'pg';
import request from 'supertest';

const appDir = path.join(__dirname, '..', '..');

const server = () => ({
  host: process.env.TEST_DATABASE_HOST ?? '127.0.0.1',
  port: Number(process.env.TEST_DATABASE_PORT ?? 5432),
  user: process.env.TEST_DATABASE_USERNAME ?? 'postgres',
  password: process.env.TEST_DATABASE_PASSWORD ?? '',
});

async function admin<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ ...server(), database: 'postgres' });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export interface TestApp {
  strapi: any;
  databaseName: string;
  http: () => request.Agent;
  stop: () => Promise<void>;
}

/**
 * Boots the compiled app against a fresh PostgreSQL database made for this test
 * file (UTF-8 collation, so Chinese text sorts and matches as in production), and
 * drops it afterwards; or, with `client: 'sqlite'`, on a fresh SQLite file — the
 * embedded default the demo runs on.
 */
export async function startApp({ client = 'postgres' }: { client?: 'postgres' | 'sqlite' } = {}): Promise<TestApp> {
  const databaseName = `gongkai_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const sqliteFile = path.join(os.tmpdir(), `${databaseName}.db`);
  if (client === 'postgres') {
    await admin((c) => c.query(`CREATE DATABASE "${databaseName}" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'`));
  }

  const secret = () => randomBytes(24).toString('base64');
  Object.assign(process.env, {
    NODE_ENV: 'test',
    DATABASE_CLIENT: client,
    DATABASE_FILENAME: sqliteFile,
    DATABASE_HOST: server().host,
    DATABASE_PORT: String(server().port),
    DATABASE_USERNAME: server().user,
    DATABASE_PASSWORD: server().password,
    DATABASE_NAME: databaseName,
    DATABASE_POOL_MIN: '0',
    DATABASE_POOL_MAX: '30',
    DATABASE_CONNECTION_TIMEOUT: '10000',
    APP_KEYS: `${secret()},${secret()}`,
    API_TOKEN_SALT: secret(),
    ADMIN_JWT_SECRET: secret(),
    TRANSFER_TOKEN_SALT: secret(),
    JWT_SECRET: secret(),
    ENCRYPTION_KEY: secret(),
    SERVE_ADMIN: 'false',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'error',
    STRAPI_TELEMETRY_DISABLED: 'true',
    CRON_ENABLED: 'false',
    SEED_DEMO: 'false',
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
      if (client === 'postgres') await admin((c) => c.query(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`));
      else fs.rmSync(sqliteFile, { force: true });
    },
  };
}

/** A full-access API token, as a department's integration would hold. */
export async function fullAccessToken(strapi: any): Promise<string> {
  const token = await strapi.service('admin::api-token').create({
    name: `test-${randomBytes(3).toString('hex')}`,
    type: 'full-access',
    lifespan: null,
  });
  return token.accessKey;
}
