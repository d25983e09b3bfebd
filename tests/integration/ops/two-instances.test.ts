import { ChildProcess, spawn } from 'child_process';
import fs from 'fs';
import net from 'net';
import path from 'path';
import { Client } from 'pg';
import request from 'supertest';
import { createRefs, payloads } from '../../helpers';
import { createSite, Site } from '../../helpers/consumer';
import { createStaff } from '../../helpers/staff';
import { createTestDatabase, databaseServer, startApp, TestApp } from '../../helpers/strapi';
import { driveTo, ITEM } from '../../helpers/workflow';
import { legalYear } from '../../../src/plugins/disclosure/server/src/domain/legal-date';

// eslint-disable-next-line @typescript-eslint/no-var-requires
const { appDir, appEnv } = require('../../../scripts/lib/throwaway-app') as { appDir: string; appEnv: (database: string, options: { client: string }) => Record<string, string> };

/**
 * Two instances of the compiled app, as a city runs them behind a load balancer: started at the same moment against
 * an empty PostgreSQL database, with the same secrets. One migrates and seeds under the startup lock, the other waits
 * and finds it done; a release on one is at once visible through the consumer API of the other.
 */

interface Instance {
  name: string;
  port: number;
  process: ChildProcess;
  output: string[];
  http: () => any;
  exited: Promise<number | null>;
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });

const BOOT = `require('@strapi/strapi').createStrapi({ appDir: ${JSON.stringify(appDir)}, distDir: ${JSON.stringify(path.join(appDir, 'dist'))} }).start()`;

function startInstance(name: string, port: number, env: Record<string, string>): Instance {
  const child = spawn(process.execPath, ['-e', BOOT], {
    cwd: appDir,
    env: { ...process.env, ...env, DATABASE_URL: '', PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  let partial = '';
  const collect = (chunk: Buffer) => {
    const lines = (partial + chunk.toString()).split('\n');
    partial = lines.pop() ?? '';
    output.push(...lines);
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { name, port, process: child, output, exited, http: () => request(`http://127.0.0.1:${port}`) };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `probe` is true; on timeout, fails with what the instances printed. */
async function until(what: string, probe: () => Promise<boolean>, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe().catch(() => false)) return;
    // An instance that crashed (e.g. on a migration another instance ran at the same time) will not come up.
    const crashed = instances.find((instance) => instance.process.exitCode !== null);
    if (crashed) throw new Error(`instance ${crashed.name} exited (${crashed.process.exitCode}) while waiting for ${what}\n${crashed.output.slice(-20).join('\n')}`);
    await sleep(250);
  }
  throw new Error(`timed out waiting for ${what}\n${instances.map((i) => `--- ${i.name}\n${i.output.slice(-40).join('\n')}`).join('\n')}`);
}

/** The JSON log lines an instance wrote (its startup banner is not JSON). */
const jsonLines = (instance: Instance) =>
  instance.output.filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as Record<string, unknown>);

let database: { database: string; drop: () => Promise<void> };
let instances: Instance[] = [];
let third: TestApp | null = null;
let pg: Client;

beforeAll(async () => {
  database = await createTestDatabase();
  pg = new Client({ ...databaseServer, database: database.database });
  await pg.connect();
});

afterAll(async () => {
  await third?.stop();
  for (const instance of instances) instance.process.kill('SIGTERM');
  await Promise.all(instances.map((instance) => Promise.race([instance.exited, new Promise((resolve) => setTimeout(resolve, 10_000).unref())])));
  for (const instance of instances) if (instance.process.exitCode === null && instance.process.signalCode === null) instance.process.kill('SIGKILL');
  await pg?.end();
  await database?.drop();
});

describe('two instances started at once on an empty database', () => {
  let site: Site;

  it('both come up; the migrations and the seeding ran once, under the lock, while the other instance waited', async () => {
    // One environment, as instances behind a balancer share one: the same secrets (an admin's token works on both).
    const env = { ...appEnv(database.database, { client: 'postgres' }), NODE_ENV: 'test', DATABASE_POOL_MIN: '0', LOG_FORMAT: 'json', LOG_LEVEL: 'http' };
    const [portA, portB] = [await freePort(), await freePort()];
    instances = [startInstance('A', portA, env), startInstance('B', portB, env)];

    for (const instance of instances) {
      await until(`${instance.name} /health`, async () => (await instance.http().get('/api/disclosure/health')).status === 200);
    }
    for (const instance of instances) expect(instance.process.exitCode).toBeNull();

    // Exactly one of them waited for the other's migrations, and said so.
    const waited = instances.filter((instance) => jsonLines(instance).some((line) => String(line.message).includes('another instance is migrating the database')));
    expect(waited).toHaveLength(1);

    // Every migration file ran once.
    const files = fs.readdirSync(path.join(appDir, 'dist', 'database', 'migrations')).filter((name) => name.endsWith('.js'));
    const { rows: migrations } = await pg.query('SELECT name, count(*)::int AS runs FROM strapi_migrations GROUP BY name ORDER BY name');
    expect(migrations).toEqual(files.sort().map((name) => ({ name, runs: 1 })));
    // The seeding did not run twice either: one of each role, one of each calendar day.
    const { rows: adminRoles } = await pg.query('SELECT code FROM admin_roles GROUP BY code HAVING count(*) > 1');
    const { rows: publicRoles } = await pg.query('SELECT type FROM up_roles GROUP BY type HAVING count(*) > 1');
    const { rows: days } = await pg.query('SELECT date FROM disclosure_calendar_days GROUP BY date HAVING count(*) > 1');
    expect([adminRoles, publicRoles, days]).toEqual([[], [], []]);
    const { rows: adminRoleCount } = await pg.query('SELECT count(*)::int AS n FROM admin_roles');
    expect(adminRoleCount[0].n).toBeGreaterThan(3);
  }, 240_000);

  it("both become ready once next year's working-day calendar is entered (on either of them)", async () => {
    const year = legalYear(new Date());
    const { rows } = await pg.query('SELECT DISTINCT extract(year FROM date)::int AS y FROM disclosure_calendar_days');
    const missing = [year, year + 1].filter((y) => !rows.some((row) => row.y === y));
    for (const instance of instances) {
      const res = await instance.http().get('/api/disclosure/ready');
      if (missing.length) {
        expect(res.status).toBe(503);
        expect(res.body.reasons.map((reason: { code: string }) => reason.code)).toEqual(['CALENDAR_MISSING']);
      } else {
        expect(res.status).toBe(200);
      }
    }

    // A third instance in this process, on the same database, for setting up data with the test helpers.
    third = await startApp({ database: database.database });
    for (const y of missing) {
      await third.strapi.db.query('plugin::disclosure.calendar-day').create({ data: { date: `${y}-10-01`, kind: 'holiday', name: '国庆节', source: '测试用节假日安排' } });
    }
    for (const instance of instances) {
      await until(`${instance.name} /ready`, async () => (await instance.http().get('/api/disclosure/ready')).status === 200, 15_000);
    }
  }, 240_000);

  it('a release through the admin API of one instance is visible through the consumer API of the other at once', async () => {
    const app = third!;
    const refs = await createRefs(app.strapi);
    const orgId = (await app.strapi.db.query('api::organization.organization').findOne({ where: { documentId: refs.org.documentId } })).id;
    const publisher = await createStaff(app, 'publisher', orgId);
    site = await createSite(app, { organizations: [refs.org.documentId] });
    const draft = await app.strapi.documents(ITEM).create({ data: payloads(refs)[ITEM]('两实例发布测试') });
    await driveTo(app, draft.documentId, 'approved');

    const [A, B] = instances;
    const listOn = async (instance: Instance) => {
      const res = await instance.http().get('/api/disclosure/disclosure-items').set('Authorization', `Bearer ${site.token}`);
      expect(res.status).toBe(200);
      return res.body.data.map((entry: { title: string }) => entry.title);
    };
    // Both instances have the list cached without the entry.
    expect(await listOn(B)).toEqual([]);
    expect(await listOn(B)).toEqual([]);
    expect(await listOn(A)).toEqual([]);

    // The publisher signs in on A and releases there.
    const login = await A.http().post('/admin/login').send({ email: publisher.email, password: publisher.password });
    expect(login.status).toBe(200);
    const token = login.body.data.token ?? login.body.data.accessToken;
    const released = await A.http()
      .post('/disclosure/transitions')
      .set('Authorization', `Bearer ${token}`)
      .send({ uid: ITEM, documentId: draft.documentId, action: 'release', reason: '两实例测试' });
    expect(released.status).toBe(200);

    // B dropped its cache on A's NOTIFY at commit: the next read, or one a moment later, has the entry.
    await until('the release on B', async () => (await listOn(B)).includes('两实例发布测试'), 5_000);
    expect(await listOn(A)).toContain('两实例发布测试');
  }, 240_000);

  it('logs one JSON object per line, the access line with the request id, method, path, status and duration', async () => {
    const [A] = instances;
    const res = await A.http().get('/api/disclosure/health').set('X-Request-Id', 'ops-two-instances-1');
    expect(res.headers['x-request-id']).toBe('ops-two-instances-1');
    await until('the access line', async () => jsonLines(A).some((line) => line.requestId === 'ops-two-instances-1'), 5_000);
    const access = jsonLines(A).filter((line) => line.requestId === 'ops-two-instances-1');
    expect(access).toEqual([
      {
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        level: 'http',
        message: expect.stringMatching(/^GET \/api\/disclosure\/health \(\d+ ms\) 200$/),
        requestId: 'ops-two-instances-1',
        method: 'GET',
        path: '/api/disclosure/health',
        status: 200,
        durationMs: expect.any(Number),
      },
    ]);
  });
});
