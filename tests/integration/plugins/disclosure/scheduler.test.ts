import { ChildProcess, spawn } from 'child_process';
import { hostname } from 'os';
import path from 'path';
import { payloads } from '../../../helpers';
import { startApp, TestApp } from '../../../helpers/strapi';
import { createTeam, ITEM, Team } from '../../../helpers/workflow';
import { addMonths, toLegalDate } from '../../../../src/plugins/disclosure/server/src/domain/legal-date';

let app: TestApp;
let team: Team;

beforeAll(async () => {
  app = await startApp();
  team = await createTeam(app);
});
afterAll(async () => app?.stop());

const WORKER = path.join(__dirname, '..', '..', '..', '..', 'scripts', 'scheduler-worker.js');
const jobs = () => app.strapi.db.connection('disclosure_jobs');

/** n approved entries with a release job due now, scheduled by the team's publisher. */
async function approvedWithDueJobs(n: number, label: string): Promise<string[]> {
  const workflow = app.strapi.plugin('disclosure').service('workflow');
  const scheduler = app.strapi.plugin('disclosure').service('scheduler');
  const one = async (i: number) => {
    const doc = await app.strapi.documents(ITEM).create({ data: payloads(team.refs)[ITEM](`${label} ${i}`) });
    for (const action of ['submit', 'approve', 'approve', 'approve']) await workflow.transition({ uid: ITEM, documentId: doc.documentId, action }, 'system');
    const contentHash = await workflow.draftHash(ITEM, doc.documentId);
    await scheduler.schedule('release', ITEM, doc.documentId, new Date(Date.now() - 1000), null, { userId: team.staff.publisher.id, contentHash });
    return doc.documentId as string;
  };
  // A few entries at a time (they are independent): the set-up waits on the database less.
  const ids: string[] = [];
  for (let i = 0; i < n; i += 8) ids.push(...(await Promise.all(Array.from({ length: Math.min(8, n - i) }, (_, k) => one(i + k)))));
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

/**
 * Waits until the worker is running one of these jobs (after at least `afterDone` are done) and returns it, or null
 * at the deadline: a kill then lands mid-job, inside the job's transaction.
 */
async function untilMidJob(child: ChildProcess, ids: string[], afterDone: number, deadline = Date.now() + 120_000): Promise<any | null> {
  const worker = `${hostname()}:${child.pid}`;
  while (Date.now() < deadline) {
    const [{ n }] = await jobs().whereIn('target_document_id', ids).andWhere({ status: 'done' }).count('* as n');
    const job = await jobs().whereIn('target_document_id', ids).andWhere({ status: 'running', worker }).first();
    if (job && Number(n) >= afterDone) return job;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return null;
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
  // Takeovers after a crash are not failures: no job used up an attempt.
  const [{ n: withAttempts }] = await jobs().whereIn('target_document_id', ids).andWhere('attempts', '>', 0).count('* as n');
  expect(Number(withAttempts)).toBe(0);
  const actors = await app.strapi.db.connection('disclosure_audit_events').whereIn('target_document_id', ids).andWhere({ action: 'release' }).distinct('actor');
  expect(actors).toEqual([{ actor: `admin:${team.staff.publisher.id}` }]);
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

  it('a worker killed mid-job (kill -9) strands only the job in hand, which another takes over without using an attempt', async () => {
    const ids = await approvedWithDueJobs(60, '中断后接管');
    const env = { LOG_LEVEL: 'error', SCHEDULER_JOB_DELAY_MS: '500', SCHEDULER_LEASE_MS: '1500', SCHEDULER_HEARTBEAT_MS: '500' };
    const doomed = startWorker(env, 30);
    // Let it get going, then kill it without warning while it holds a job.
    const held = await untilMidJob(doomed.child, ids, 10);
    expect(held).not.toBeNull();
    doomed.child.kill('SIGKILL');
    expect(await doomed.done).toBeNull();
    // The job it held is the one stranded (each job sleeps 500 ms inside its transaction, so the kill lands mid-job).
    const orphaned = await jobs().whereIn('target_document_id', ids).andWhere({ status: 'running' }).select('id');
    expect(orphaned).toEqual([{ id: held.id }]);

    const survivor = startWorker({ ...env, SCHEDULER_JOB_DELAY_MS: '0' }, 4);
    expect(await survivor.done).toBe(0);
    await assertReleasedExactlyOnce(ids);
    expect(await jobs().where({ id: orphaned[0].id }).first()).toMatchObject({ status: 'done', attempts: 0, takeovers: 1 });
  }, 300_000);

  it('with a worker killed mid-job every 2 s, 3 workers release 120 due entries, each exactly once, within 2 minutes', async () => {
    const ids = await approvedWithDueJobs(120, '反复中断');
    const env = { LOG_LEVEL: 'error', SCHEDULER_JOB_DELAY_MS: '100', SCHEDULER_LEASE_MS: '3000', SCHEDULER_HEARTBEAT_MS: '1000' };
    const workers = [startWorker(env, 600), startWorker(env, 600), startWorker(env, 600)];
    const workerIds = () => workers.map((w) => `${hostname()}:${w.child.pid}`);
    const stranded = new Set<number>();
    const deadline = Date.now() + 120_000;
    const allDone = async () => Number((await jobs().whereIn('target_document_id', ids).andWhere({ status: 'done' }).count('* as n'))[0].n) === ids.length;
    try {
      while (Date.now() < deadline && !(await allDone())) {
        await new Promise((resolve) => setTimeout(resolve, 2000));
        // The next kill lands inside a job: wait until a live worker holds one (its transaction is open for the delay).
        // Only a worker that has finished a job since it booted, while another such worker lives on: killing each at
        // its first job, or all at once, would measure how fast a worker boots, not how fast jobs are recovered.
        let job: any = null;
        while (!job && Date.now() < deadline && !(await allDone())) {
          const warm = (await jobs().whereIn('worker', workerIds()).andWhere({ status: 'done' }).distinct('worker')).map((r: any) => r.worker);
          if (warm.length >= 2) job = await jobs().whereIn('target_document_id', ids).andWhere({ status: 'running' }).whereIn('worker', warm).first();
          if (!job) await new Promise((resolve) => setTimeout(resolve, 50));
        }
        if (!job) break;
        const victim = workerIds().indexOf(job.worker);
        workers[victim].child.kill('SIGKILL');
        await workers[victim].done;
        if ((await jobs().where({ id: job.id }).first()).status === 'running') stranded.add(job.id);
        workers[victim] = startWorker(env, 600);
      }
    } finally {
      for (const worker of workers) worker.child.kill('SIGKILL');
      await Promise.all(workers.map((w) => w.done));
    }
    await assertReleasedExactlyOnce(ids);
    expect(stranded.size).toBeGreaterThan(0);
    // Each job a kill stranded was taken over and done, without using an attempt.
    const [{ n: takenOver }] = await jobs().whereIn('id', [...stranded]).andWhere({ status: 'done', attempts: 0 }).andWhere('takeovers', '>=', 1).count('* as n');
    expect(Number(takenOver)).toBe(stranded.size);
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
    // A public period that ended last month, and an expiry date next year, whenever the suite runs.
    const today = toLegalDate(new Date());
    const publicUntil = addMonths(today, -1);
    const expiryDate = addMonths(today, 12);
    const dual = await app.strapi.documents(DUAL).create({
      data: { ...payloads(team.refs)[DUAL]('到期撤下的处罚决定'), decisionDate: addMonths(publicUntil, -36), publicUntil },
    });
    await release(app.strapi, DUAL, dual.documentId);
    const withdrawJob = await jobs().where({ target_document_id: dual.documentId, kind: 'withdraw', status: 'pending' }).first();
    // Midnight Beijing time after the last day, in UTC.
    expect(new Date(withdrawJob.run_at).toISOString()).toBe(`${publicUntil}T16:00:00.000Z`);
    const policy = await app.strapi.documents(POLICY).create({ data: { ...payloads(team.refs)[POLICY]('到期失效的文件'), expiryDate } });
    await release(app.strapi, POLICY, policy.documentId);
    const expireJob = await jobs().where({ target_document_id: policy.documentId, kind: 'expire', status: 'pending' }).first();
    expect(new Date(expireJob.run_at).toISOString()).toBe(`${expiryDate}T16:00:00.000Z`);

    // The withdrawal is already due; for the expiry, let time pass.
    await jobs().whereIn('id', [expireJob.id]).update({ run_at: new Date(Date.now() - 1000) });
    await app.strapi.plugin('disclosure').service('scheduler').tick();
    expect(await app.strapi.db.query(DUAL).count({ where: { documentId: dual.documentId, publishedAt: { $notNull: true } } })).toBe(0);
    // Rules, not a person's decision: these run as the system.
    const dualEvents = await app.strapi.plugin('disclosure').service('audit').history(DUAL, dual.documentId);
    expect(dualEvents.at(-1)).toMatchObject({ action: 'withdraw', actor: 'system', reason: '公示期满自动撤下' });
    const rows = await app.strapi.db.query(POLICY).findMany({ where: { documentId: policy.documentId } });
    expect(rows.map((r: any) => r.validity)).toEqual(['expired', 'expired']);
    const events = await app.strapi.plugin('disclosure').service('audit').history(POLICY, policy.documentId);
    expect(events.at(-1)).toMatchObject({ action: 'expire', actor: 'system', reason: '有效期届满自动失效' });
  });

  it('a job running longer than its lease keeps it: the worker renews the lease, and nobody takes the job over', async () => {
    const scheduler = app.strapi.plugin('disclosure').service('scheduler');
    const configured = app.strapi.config.get('plugin::disclosure.scheduler');
    app.strapi.config.set('plugin::disclosure.scheduler', { leaseMs: 1000, heartbeatMs: 200, maxAttempts: 8 });
    process.env.SCHEDULER_JOB_DELAY_MS = '2500';
    try {
      const [documentId] = await approvedWithDueJobs(1, '超过租约的任务');
      const running = scheduler.tick();
      const leases = new Set<number>();
      let takenOver: any = null;
      for (let row = await jobs().where({ target_document_id: documentId }).first(); row.status !== 'done'; row = await jobs().where({ target_document_id: documentId }).first()) {
        if (row.status === 'running') leases.add(new Date(row.lease_until).getTime());
        // Another worker looking for due work past the first lease finds nothing to take over.
        takenOver ??= leases.size > 2 ? await scheduler.claim() : null;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(await running).toBe(1);
      expect(leases.size).toBeGreaterThan(2);
      expect(takenOver).toBeNull();
      expect(await jobs().where({ target_document_id: documentId }).first()).toMatchObject({ status: 'done', attempts: 0, takeovers: 0 });
    } finally {
      delete process.env.SCHEDULER_JOB_DELAY_MS;
      app.strapi.config.set('plugin::disclosure.scheduler', configured);
    }
  });

  it('a job that fails for real is retried with backoff; takeovers do not count; after the last attempt it fails for good, with an alert', async () => {
    const scheduler = app.strapi.plugin('disclosure').service('scheduler');
    const alerts: any[] = [];
    app.strapi.eventHub.on('scheduler.job_failed', (event: any) => alerts.push(event));
    const logged = jest.spyOn(app.strapi.log, 'error');
    // A withdrawal at the end of a public period (a rule, run as the system) of an entry that is not released fails each time.
    const doc = await app.strapi.documents(ITEM).create({ data: payloads(team.refs)[ITEM]('不能撤下的草稿') });
    const job = await scheduler.schedule('withdraw', ITEM, doc.documentId, new Date(Date.now() - 1000), '公示期满自动撤下');
    const maxAttempts = app.strapi.plugin('disclosure').config('scheduler').maxAttempts;
    expect(job.max_attempts).toBe(maxAttempts);

    // Taken over again and again after crashes (a worker claims it, then its lease runs out) before it ever fails.
    for (let i = 0; i < maxAttempts; i += 1) {
      expect((await scheduler.claim()).id).toBe(job.id);
      await jobs().where({ id: job.id }).update({ lease_until: new Date(Date.now() - 1000) });
    }
    await scheduler.tick();
    const retried = await jobs().where({ id: job.id }).first();
    expect(retried).toMatchObject({ status: 'pending', attempts: 1, takeovers: maxAttempts });
    expect(retried.last_error).toMatch(/不能执行/);
    expect(new Date(retried.run_at).getTime()).toBeGreaterThan(Date.now() + 20_000);

    for (let attempt = 2; attempt <= maxAttempts; attempt += 1) {
      expect(alerts).toEqual([]);
      await jobs().where({ id: job.id }).update({ run_at: new Date(Date.now() - 1000) });
      await scheduler.tick();
      expect(await jobs().where({ id: job.id }).first()).toMatchObject({ attempts: attempt, status: attempt < maxAttempts ? 'pending' : 'failed' });
    }
    expect(alerts).toEqual([expect.objectContaining({ jobId: job.id, kind: 'withdraw', documentId: doc.documentId, attempts: maxAttempts, refused: false })]);
    expect(logged).toHaveBeenCalledWith(expect.stringContaining(`job ${job.id}`));
    // Nothing runs it again.
    await jobs().where({ id: job.id }).update({ run_at: new Date(Date.now() - 1000) });
    await scheduler.tick();
    expect(await jobs().where({ id: job.id }).first()).toMatchObject({ status: 'failed', attempts: maxAttempts });
    logged.mockRestore();
  });
});
