#!/usr/bin/env node
/**
 * npm run demo — try Gongkai with no database server: SQLite under .tmp/, demo
 * data seeded at boot (idempotent), admin panel on http://localhost:1337/admin.
 * Writes a .env with fresh random secrets on first run (unless the environment
 * already carries them: APP_KEYS set), builds what is missing or stale, then
 * starts the server. SERVE_ADMIN=false runs it without the admin panel, so only
 * the server is compiled (the test of this script does so: no admin build).
 */
const { spawnSync, spawn } = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const envFile = path.join(root, '.env');
const strapiBin = path.join(root, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js');
const secret = () => crypto.randomBytes(24).toString('base64');

if (!process.env.APP_KEYS && !fs.existsSync(envFile)) {
  const example = fs.readFileSync(path.join(root, '.env.example'), 'utf8');
  const filled = example
    .replace(/^APP_KEYS=.*$/m, `APP_KEYS=${secret()},${secret()}`)
    .replace(/^(API_TOKEN_SALT|ADMIN_JWT_SECRET|TRANSFER_TOKEN_SALT|JWT_SECRET|ENCRYPTION_KEY)=.*$/gm, (_m, name) => `${name}=${secret()}`);
  fs.writeFileSync(envFile, filled);
  console.log('已生成 .env（随机密钥，仅供本机使用） / wrote .env with random local secrets');
}

/** Newest modification time under the given paths. */
function newest(paths) {
  let latest = 0;
  const walk = (p) => {
    if (!fs.existsSync(p)) return;
    const stat = fs.statSync(p);
    if (stat.isDirectory()) fs.readdirSync(p).forEach((name) => walk(path.join(p, name)));
    else latest = Math.max(latest, stat.mtimeMs);
  };
  paths.forEach((p) => walk(path.join(root, p)));
  return latest;
}

const serveAdmin = process.env.SERVE_ADMIN !== 'false';
const serverIndex = path.join(root, 'dist', 'src', 'index.js');
const adminIndex = path.join(root, 'dist', 'build', 'index.html');
const marker = serveAdmin ? adminIndex : serverIndex;
const built = fs.existsSync(marker) && fs.existsSync(serverIndex);
if (!built || newest(['src', 'config', 'database', 'package.json', 'tsconfig.json']) > fs.statSync(marker).mtimeMs) {
  console.log('正在构建（约一分钟） / building the app and admin panel (about a minute)…');
  const build = serveAdmin
    ? spawnSync(process.execPath, [strapiBin, 'build'], { cwd: root, stdio: 'inherit' })
    : spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.json')], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const child = spawn(process.execPath, [strapiBin, 'start'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, DATABASE_CLIENT: 'sqlite', SEED_DEMO: 'true', SERVE_ADMIN: serveAdmin ? 'true' : 'false' },
});
const stop = (signal) => child.kill(signal);
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
child.on('exit', (code) => process.exit(code ?? 0));
