/**
 * A headless Chromium for the browser tests and screenshots, from the npm registry alone: @sparticuz/chromium ships
 * the binary inside its package (unpacked into the temp folder on first use, well under a second), and the Noto Sans
 * SC font comes from @expo-google-fonts/noto-sans-sc, so Chinese renders as text, not boxes, on a bare machine.
 * CHROMIUM_PATH overrides the browser with a system one (for example /usr/bin/chromium).
 */
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { chromium } = require('playwright-core');

const ARGS = ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'];

/** A fontconfig folder with the bundled CJK font, so Chromium finds it whatever the machine has installed. */
function fontConfigDir() {
  const dir = path.join(os.tmpdir(), 'gongkai-fonts');
  const font = require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf');
  const target = path.join(dir, path.basename(font));
  fs.mkdirSync(dir, { recursive: true });
  if (!fs.existsSync(target) || fs.statSync(target).size !== fs.statSync(font).size) fs.copyFileSync(font, target);
  fs.writeFileSync(
    path.join(dir, 'fonts.conf'),
    `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n  <dir>${dir}</dir>\n  <dir>${path.join(os.tmpdir(), 'fonts')}</dir>\n  <cachedir>${path.join(dir, 'cache')}</cachedir>\n</fontconfig>\n`
  );
  return dir;
}

async function launchBrowser() {
  const env = { ...process.env, FONTCONFIG_PATH: fontConfigDir() };
  if (process.env.CHROMIUM_PATH) {
    return chromium.launch({ executablePath: process.env.CHROMIUM_PATH, args: ARGS, env });
  }
  // The package is an ES module; Jest's module registry cannot load it, so a child Node unpacks it and says where.
  // Its own launch flags (single process, web security off) are for AWS Lambda: a test browser keeps the usual ones.
  const script = "import('@sparticuz/chromium').then(async ({ default: c }) => process.stdout.write(await c.executablePath()))";
  const executablePath = execFileSync(process.execPath, ['-e', script], { cwd: path.join(__dirname, '..', '..'), encoding: 'utf8' });
  return chromium.launch({ executablePath, args: ARGS, env });
}

module.exports = { launchBrowser };
