/**
 * A throwaway app, as the integration tests and the benchmarks boot it: the PostgreSQL server they use
 * (TEST_DATABASE_* settings), a fresh UTF-8 database (or SQLite file), the compiled app (built if missing), and the
 * environment that boots it with random secrets, no admin panel, no cron and quiet logs.
 */
const { execFileSync } = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const { Client } = require('pg');

const appDir = path.join(__dirname, '..', '..');

const server = {
  host: process.env.TEST_DATABASE_HOST ?? '127.0.0.1',
  port: Number(process.env.TEST_DATABASE_PORT ?? 5432),
  user: process.env.TEST_DATABASE_USERNAME ?? 'postgres',
  password: process.env.TEST_DATABASE_PASSWORD ?? '',
};

async function admin(sql) {
  const client = new Client({ ...server, database: 'postgres' });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function ensureBuilt() {
  if (!fs.existsSync(path.join(appDir, 'dist', 'src', 'index.js'))) {
    execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(appDir, 'tsconfig.json')], { stdio: 'inherit' });
  }
}

/**
 * Creates a fresh database (UTF-8 collation, so Chinese text sorts and matches as in production), empty or, with
 * `template`, a copy of that database (made the same way).
 */
async function createDatabase(prefix = 'gongkai_bench', { template } = {}) {
  const database = `${prefix}_${crypto.randomBytes(4).toString('hex')}`;
  await admin(
    template
      ? `CREATE DATABASE "${database}" TEMPLATE "${template}"`
      : `CREATE DATABASE "${database}" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'`,
  );
  return { database, drop: () => admin(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`) };
}

/** Environment for booting the app on that database (or, with client 'sqlite', on the file `sqliteFile`). */
function appEnv(database, { client = 'postgres', sqliteFile } = {}) {
  const secret = () => crypto.randomBytes(24).toString('base64');
  return {
    DATABASE_CLIENT: client,
    ...(sqliteFile ? { DATABASE_FILENAME: sqliteFile } : {}),
    DATABASE_HOST: server.host,
    DATABASE_PORT: String(server.port),
    DATABASE_USERNAME: server.user,
    DATABASE_PASSWORD: server.password,
    DATABASE_NAME: database,
    APP_KEYS: `${secret()},${secret()}`,
    API_TOKEN_SALT: secret(),
    ADMIN_JWT_SECRET: secret(),
    TRANSFER_TOKEN_SALT: secret(),
    JWT_SECRET: secret(),
    ENCRYPTION_KEY: secret(),
    SERVE_ADMIN: 'false',
    LOG_LEVEL: 'error',
    CRON_ENABLED: 'false',
    SEED_DEMO: 'false',
    STRAPI_TELEMETRY_DISABLED: 'true',
  };
}

module.exports = { appDir, server, admin, ensureBuilt, createDatabase, appEnv };
