import { ChildProcess, spawn } from 'child_process';
import path from 'path';
import { payloads } from '../../../helpers';
import { startApp, TestApp } from '../../../helpers/strapi';
import { createTeam, ITEM, Team } from '../../../helpers/workflow';

let app: TestApp;
let team: Team;

beforeAll(async () => {
  app = await startApp();
  team = await createTeam(app);
});
afterAll(async () => app?.stop());

const WORKER = path.join(__dirname, '..', '..', '..', '..', 'scripts', 'scheduler-worker.js');
const jobs = () => app.strapi.db.connection('disclosure_jobs');

/** n approved entries with a release job due now. */
async function approvedWithDueJobs(n: number, label: string): Promise<string[]> {
  const workflow = app.strapi.plugin('disclosure').service('workflow');
  const scheduler = app.strapi.plugin('disclosure').service('scheduler');
  const ids: string[] = [];
  for (let i = 0; i < n; i += 1) {
    const doc = await app.strapi.documents(ITEM).create({ data: payloads(team.refs)[ITEM](`${label} ${i}`) });
    for (const action of ['submit', 'approve', 'approve', 'approve']) await workflow.transition({ uid: ITEM, documentId: doc.documentId, action }, 'system');
    await scheduler.schedule('release', ITEM, doc.documentId, new Date(Date.now() - 1000));
    ids.push(doc.documentId);
  }
  return ids;
}

function startWorker(env: Record<string, string>, seconds = 0): { child: ChildProcess; done: Promise<number | null> } {
  const child = spawn(process.execPath, [WORKER, '--seconds', String(seconds)], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const done = new Promise<number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ? null : code)));
  done.then((code) => code !== null && code !== 0 && console.error(output));
  return { child, done };
}

/** Each entry: released exactly once — one published row, state released, one release event, its job done. */
async function assertReleasedExactlyOnce(ids: string[]) {
  const published = await app.strapi.db.connection('disclosure_items').whereIn('document_id', ids).whereNotNull('published_at').select('document_id');
  expect(published.length).toBe(ids.length);
  expect(new Set(published.map((r: any) => r.document_id)).size).toBe(ids.length);
  const releases = await app.strapi.db.connection('disclosure_audit_events').whereIn('target_document_id', ids).andWhere({ action: 'release' }).select('target_document_id');
  expect(releases.length).toBe(ids.length);
  expect(new Set(releases.map((r: any) => r.target_document_id)).size).toBe(ids.length);
  const states = await app.strapi.db.connection('disclosure_workflow_states').whereIn('target_document_id', ids).select('state');
  expect(states.every((s: any) => s.state === 'released')).toBe(true);
  const open = await jobs().whereIn('target_document_id', ids).whereNot({ status: 'done' }).count('* as n');
  expect(Number(open[0].n)).toBe(0);
  expect(await app.strapi.plugin('disclosure').service('audit').verify()).toMatchObject({ ok: true });
}

describe('scheduled release across instances', () => {
  it('two workers on one database release 200 due entries, each exactly once', async () => {
    const ids = await approvedWithDueJobs(200, '定时发布');
    const a = startWorker({ LOG_LEVEL: 'error' });
    const b = startWorker({ LOG_LEVEL: 'error' });
    expect(await Promise.all([a.done, b.done])).toEqual([0, 0]);
    await assertReleasedExactlyOnce(ids);
    const workers = await jobs().whereIn('target_document_id', ids).distinct('worker');
    expect(workers.length).toBe(2);
  }, 300_000);

  it('a worker killed mid-batch (kill -9) leaves nothing half done, and the other finishes its jobs', async () => {
    const ids = await approvedWithDueJobs(60, '中断后接管');
    const env = { LOG_LEVEL: 'error', SCHEDULER_JOB_DELAY_MS: '40', SCHEDULER_LEASE_MS: '1500' };
    const doomed = startWorker(env, 30);
    // Let it get going, then kill it without warning.
    for (let i = 0; i < 300; i += 1) {
      const [{ n }] = await jobs().whereIn('target_document_id', ids).andWhere({ status: 'done' }).count('* as n');
      if (Number(n) >= 10) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    doomed.child.kill('SIGKILL');
    expect(await doomed.done).toBeNull();
    const [{ n: doneBefore }] = await jobs().whereIn('target_document_id', ids).andWhere({ status: 'done' }).count('* as n');
    expect(Number(doneBefore)).toBeLessThan(ids.length);

    const orphaned = await jobs().whereIn('target_document_id', ids).andWhere({ status: 'running' }).count('* as n');
    const survivor = startWorker({ ...env, SCHEDULER_JOB_DELAY_MS: '0' }, 4);
    expect(await survivor.done).toBe(0);
    await assertReleasedExactlyOnce(ids);
    // The jobs the dead worker had claimed were reclaimed after their lease and run once.
    if (Number(orphaned[0].n) > 0) {
      const [{ n: reclaimed }] = await jobs().whereIn('target_document_id', ids).andWhere('attempts', '>=', 2).count('* as n');
      expect(Number(reclaimed)).toBeGreaterThanOrEqual(Number(orphaned[0].n));
    }
  }, 300_000);
});

describe('scheduling', () => {
  it('a publisher schedules a release; bad input is refused', async () => {
    const workflow = app.strapi.plugin('disclosure').service('workflow');
    const doc = await app.strapi.documents(ITEM).create({ data: payloads(team.refs)[ITEM]('定时发布接口') });
    for (const action of ['submit', 'approve', 'approve', 'approve']) await workflow.transition({ uid: ITEM, documentId: doc.documentId, action }, 'system');
    const runAt = new Date(Date.now() + 3_600_000).toISOString();
    const ok = await team.staff.publisher.post('/disclosure/schedule', { uid: ITEM, documentId: doc.documentId, kind: 'release', runAt });
    expect(ok.status).toBe(201);
    expect(ok.body.data).toMatchObject({ kind: 'release', status: 'pending' });
    const past = await team.staff.publisher.post('/disclosure/schedule', { uid: ITEM, documentId: doc.documentId, kind: 'release', runAt: '2020-01-01T00:00:00Z' });
    expect(past.body.error.details).toMatchObject({ code: 'RUN_AT_IN_PAST', errors: [expect.objectContaining({ path: ['runAt'] })] });
    const badDate = await team.staff.publisher.post('/disclosure/schedule', { uid: ITEM, documentId: doc.documentId, kind: 'release', runAt: '明天' });
    expect(badDate.status).toBe(400);
    const editor = await team.staff.editor.post('/disclosure/schedule', { uid: ITEM, documentId: doc.documentId, kind: 'release', runAt });
    expect(editor.status).toBe(409);
  });

  it('a released 双公示 record is withdrawn when its public period ends; a policy turns 失效 after its expiry date', async () => {
    const DUAL = 'api::dual-publicity-record.dual-publicity-record';
    const POLICY = 'api::policy.policy';
    const { release } = await import('../../../helpers');
    const dual = await app.strapi.documents(DUAL).create({
      data: { ...payloads(team.refs)[DUAL]('到期撤下的处罚决定'), decisionDate: '2023-01-10', publicUntil: '2026-01-10' },
    });
    await release(app.strapi, DUAL, dual.documentId);
    const withdrawJob = await jobs().where({ target_document_id: dual.documentId, kind: 'withdraw', status: 'pending' }).first();
    expect(new Date(withdrawJob.run_at).toISOString()).toBe('2026-01-10T16:00:00.000Z');
    const policy = await app.strapi.documents(POLICY).create({ data: { ...payloads(team.refs)[POLICY]('到期失效的文件'), expiryDate: '2030-03-09' } });
    await release(app.strapi, POLICY, policy.documentId);
    const expireJob = await jobs().where({ target_document_id: policy.documentId, kind: 'expire', status: 'pending' }).first();
    expect(new Date(expireJob.run_at).toISOString()).toBe('2030-03-09T16:00:00.000Z');

    // The withdrawal is already due; for the expiry, let time pass.
    await jobs().whereIn('id', [expireJob.id]).update({ run_at: new Date(Date.now() - 1000) });
    await app.strapi.plugin('disclosure').service('scheduler').tick();
    expect(await app.strapi.db.query(DUAL).count({ where: { documentId: dual.documentId, publishedAt: { $notNull: true } } })).toBe(0);
    const rows = await app.strapi.db.query(POLICY).findMany({ where: { documentId: policy.documentId } });
    expect(rows.map((r: any) => r.validity)).toEqual(['expired', 'expired']);
    const events = await app.strapi.plugin('disclosure').service('audit').history(POLICY, policy.documentId);
    expect(events.at(-1)).toMatchObject({ action: 'expire', actor: 'system', reason: '有效期届满自动失效' });
  });

  it('a failing job is retried with backoff, then marked failed', async () => {
    const scheduler = app.strapi.plugin('disclosure').service('scheduler');
    const doc = await app.strapi.documents(ITEM).create({ data: payloads(team.refs)[ITEM]('不能发布的草稿') });
    const job = await scheduler.schedule('release', ITEM, doc.documentId, new Date(Date.now() - 1000));
    await scheduler.tick();
    const retried = await jobs().where({ id: job.id }).first();
    expect(retried).toMatchObject({ status: 'pending', attempts: 1 });
    expect(retried.last_error).toMatch(/不能执行/);
    expect(new Date(retried.run_at).getTime()).toBeGreaterThan(Date.now() + 20_000);
    await jobs().where({ id: job.id }).update({ attempts: 7, run_at: new Date(Date.now() - 1000) });
    await scheduler.tick();
    expect(await jobs().where({ id: job.id }).first()).toMatchObject({ status: 'failed', attempts: 8 });
  });
});
