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
  // Written aside and renamed into place: a browser starting in another test worker never reads half a file.
  const place = (file, write) => {
    const temporary = `${file}.${process.pid}`;
    write(temporary);
    fs.renameSync(temporary, file);
  };
  if (!fs.existsSync(target) || fs.statSync(target).size !== fs.statSync(font).size) place(target, (to) => fs.copyFileSync(font, to));
  place(path.join(dir, 'fonts.conf'), (to) => fs.writeFileSync(
    to,
    `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n  <dir>${dir}</dir>\n  <dir>${path.join(os.tmpdir(), 'fonts')}</dir>\n  <cachedir>${path.join(dir, 'cache')}</cachedir>\n</fontconfig>\n`
  ));
  return dir;
}

/**
 * The browser's binary (unpacked on first use) and fonts, made ready. Jest's global setup calls it before the test
 * workers start, so two browser test files starting together never both unpack it.
 */
function prepareBrowser() {
  const fontConfig = fontConfigDir();
  if (process.env.CHROMIUM_PATH) return { executablePath: process.env.CHROMIUM_PATH, fontConfig };
  // The package is an ES module; Jest's module registry cannot load it, so a child Node unpacks it and says where.
  const script = "import('@sparticuz/chromium').then(async ({ default: c }) => process.stdout.write(await c.executablePath()))";
  const executablePath = execFileSync(process.execPath, ['-e', script], { cwd: path.join(__dirname, '..', '..'), encoding: 'utf8' });
  return { executablePath, fontConfig };
}

async function launchBrowser() {
  const { executablePath, fontConfig } = prepareBrowser();
  // @sparticuz/chromium's own launch flags (single process, web security off) are for AWS Lambda: a test browser
  // keeps the usual ones.
  return chromium.launch({ executablePath, args: ARGS, env: { ...process.env, FONTCONFIG_PATH: fontConfig } });
}

module.exports = { launchBrowser, prepareBrowser };
