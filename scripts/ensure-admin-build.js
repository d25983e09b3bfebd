#!/usr/bin/env node
/**
 * Builds the admin panel (dist/build) before the tests when it is missing or older than its sources: the admin's
 * browser tests serve the real build, and `npm ci && npm test` on a fresh clone must pass without a separate
 * `npm run build`. After `npm run build` (as in .ci/run) this finds the build current and does nothing.
 */
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const built = path.join(root, 'dist', 'build', 'index.html');
// What the admin bundle is made of: the app's admin, the plugin's admin, the vocabulary it imports, the admin config.
const sources = ['src/admin', 'src/plugins/disclosure/admin', 'src/plugins/disclosure/server/src/domain', 'config/admin.ts', 'package-lock.json'];

function newestIn(target) {
  if (!fs.existsSync(target)) return 0;
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs.readdirSync(target).reduce((newest, name) => Math.max(newest, newestIn(path.join(target, name))), 0);
}

// The package's exports do not include its bin: find it next to its package.json.
const cli = path.join(path.dirname(require.resolve('@strapi/strapi/package.json')), 'bin', 'strapi.js');
// --dry-run: say what would run, build nothing (the tests check the command without an 80-second build).
if (process.argv.includes('--dry-run')) {
  console.log(JSON.stringify({ command: [process.execPath, cli, 'build'] }));
  process.exit(0);
}

const builtAt = fs.existsSync(built) ? fs.statSync(built).mtimeMs : 0;
const changedAt = Math.max(...sources.map((source) => newestIn(path.join(root, source))));
if (builtAt >= changedAt) process.exit(0);

console.log(builtAt ? 'The admin panel changed since its last build: building it again for the browser tests…' : 'Building the admin panel for its browser tests (once)…');
execFileSync(process.execPath, [cli, 'build'], { cwd: root, stdio: 'inherit', env: { ...process.env, STRAPI_TELEMETRY_DISABLED: 'true' } });
