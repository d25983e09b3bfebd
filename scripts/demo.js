#!/usr/bin/env node
/**
 * npm run demo — try Gongkai with no database server: SQLite under .tmp/, demo
 * data seeded at boot (idempotent), admin panel on http://localhost:1337/admin.
 * Writes a .env with fresh random secrets on first run, builds what is missing
 * or stale, then starts the server.
 */
const { spawnSync, spawn } = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const envFile = path.join(root, '.env');
const strapiBin = path.join(root, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js');
const secret = () => crypto.randomBytes(24).toString('base64');

if (!fs.existsSync(envFile)) {
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

const adminIndex = path.join(root, 'dist', 'build', 'index.html');
const built = fs.existsSync(adminIndex) && fs.existsSync(path.join(root, 'dist', 'src', 'index.js'));
if (!built || newest(['src', 'config', 'package.json', 'tsconfig.json']) > fs.statSync(adminIndex).mtimeMs) {
  console.log('正在构建（约一分钟） / building the app and admin panel (about a minute)…');
  const build = spawnSync(process.execPath, [strapiBin, 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const child = spawn(process.execPath, [strapiBin, 'start'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, DATABASE_CLIENT: 'sqlite', SEED_DEMO: 'true', SERVE_ADMIN: 'true' },
});
const stop = (signal) => child.kill(signal);
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
child.on('exit', (code) => process.exit(code ?? 0));
