import { ChildProcess, spawn } from 'child_process';
import fs from 'fs';
import net from 'net';
import os from 'os';
import path from 'path';
import { randomBytes } from 'crypto';

/**
 * `npm run demo` as a newcomer runs it: scripts/demo.js boots the app on SQLite with SEED_DEMO, prints the reference
 * portal's link with a site token, and serves the portal and the consumer API with that token. Run here on a temporary
 * SQLite file, with its secrets in the environment (so it writes no .env) and without the admin panel (SERVE_ADMIN=false:
 * the server compiled by the test setup is enough, no admin build).
 */
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { appDir, appEnv } = require('../../scripts/lib/throwaway-app') as { appDir: string; appEnv: (database: string, options: { client: string; sqliteFile?: string }) => Record<string, string> };

const sqliteFile = path.join(os.tmpdir(), `gongkai_demo_${process.pid}_${randomBytes(4).toString('hex')}.db`);
const envFile = path.join(appDir, '.env');
const hadEnvFile = fs.existsSync(envFile);
let demo: ChildProcess | undefined;
let exited: Promise<void> | undefined;
let output = '';

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });

/** Stops the demo and everything it started: it runs in its own process group. */
async function stopDemo() {
  if (!demo?.pid || demo.exitCode !== null || demo.signalCode !== null) return;
  process.kill(-demo.pid, 'SIGTERM');
  await exited;
}

afterAll(async () => {
  await stopDemo();
  fs.rmSync(sqliteFile, { force: true });
});

describe('npm run demo', () => {
  it('boots on SQLite with the demo data and serves the portal and the consumer API with the token it prints', async () => {
    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    demo = spawn(process.execPath, [path.join(appDir, 'scripts', 'demo.js')], {
      cwd: appDir,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        ...appEnv('unused', { client: 'sqlite', sqliteFile }),
        SEED_DEMO: 'false', // demo.js sets it: the test checks the script does
        SERVE_ADMIN: 'false',
        HOST: '127.0.0.1',
        PORT: String(port),
        PUBLIC_URL: origin,
        LOG_LEVEL: 'info', // the portal link is logged at info
      },
    });
    exited = new Promise((resolve) => demo!.on('exit', () => resolve()));
    demo.stdout!.on('data', (chunk) => (output += chunk));
    demo.stderr!.on('data', (chunk) => (output += chunk));

    // Boot and seed: wait for the health check, as an operator's probe would.
    let healthy = false;
    while (!healthy) {
      if (demo.exitCode !== null) throw new Error(`demo exited with ${demo.exitCode}:\n${output}`);
      healthy = await fetch(`${origin}/_health`).then((res) => res.status === 204, () => false);
      if (!healthy) await new Promise((resolve) => setTimeout(resolve, 250));
    }

    const link = output.match(/reference portal: (\S+)\/portal\/#token=(\S+)/);
    expect(link).not.toBeNull();
    expect(link![1]).toBe(origin);
    const token = link![2];

    const portal = await fetch(`${origin}/portal/`);
    expect(portal.status).toBe(200);
    expect(portal.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await portal.text()).toMatch(/<html[\s>]/i);

    const policies = await fetch(`${origin}/api/disclosure/policies`, { headers: { Authorization: `Bearer ${token}` } });
    expect(policies.status).toBe(200);
    const body = (await policies.json()) as { data: { title: string }[] };
    expect(body.data.map((p) => p.title)).toEqual(expect.arrayContaining([expect.stringContaining('充电基础设施专项规划')]));
    const anonymous = await fetch(`${origin}/api/disclosure/policies`);
    expect(anonymous.status).toBe(401);

    expect(fs.existsSync(sqliteFile)).toBe(true);
    expect(fs.existsSync(envFile)).toBe(hadEnvFile);

    await stopDemo();
    expect(demo.exitCode !== null || demo.signalCode !== null).toBe(true);
  });
});
