import { startApp, TestApp } from '../../../helpers/strapi';
import { authorDraft, CM_ITEM, createTeam, driveTo, ITEM, Team } from '../../../helpers/workflow';
import { createStaff } from '../../../helpers/staff';

let app: TestApp;
let team: Team;
const failures: any[] = [];

beforeAll(async () => {
  app = await startApp();
  team = await createTeam(app);
  app.strapi.eventHub.on('scheduler.job_failed', (event: any) => failures.push(event));
});
afterAll(async () => app?.stop());

const jobs = () => app.strapi.db.connection('disclosure_jobs');
const scheduler = () => app.strapi.plugin('disclosure').service('scheduler');
const state = async (documentId: string) => (await app.strapi.plugin('disclosure').service('workflow').getState(ITEM, documentId)).state;
const isPublished = async (documentId: string) => (await app.strapi.db.query(ITEM).count({ where: { documentId, publishedAt: { $notNull: true } } })) > 0;

/** An author's draft, approved, with a 定时发布 scheduled an hour ahead by the team's publisher over HTTP. */
async function approvedAndScheduled(): Promise<{ documentId: string; jobId: number }> {
  const documentId = await authorDraft(team);
  await driveTo(app, documentId, 'approved');
  const runAt = new Date(Date.now() + 3_600_000).toISOString();
  const res = await team.staff.publisher.post('/disclosure/schedule', { uid: ITEM, documentId, kind: 'release', runAt });
  expect(res.status).toBe(201);
  expect(res.body.data.scheduledBy).toBe(team.staff.publisher.id);
  return { documentId, jobId: res.body.data.id };
}

/** Lets time pass: the job is due, and a scheduler tick runs. */
async function runDue(jobId: number) {
  await jobs().where({ id: jobId }).update({ run_at: new Date(Date.now() - 1000) });
  await scheduler().tick();
  return jobs().where({ id: jobId }).first();
}

describe('a 定时发布 is the decision of the person who scheduled it, on the version they saw', () => {
  it('runs as that person: the audit event names them and says it was scheduled', async () => {
    const { documentId, jobId } = await approvedAndScheduled();
    const job = await runDue(jobId);
    expect(job).toMatchObject({ status: 'done', attempts: 0, scheduled_by: team.staff.publisher.id });
    expect(await isPublished(documentId)).toBe(true);
    const events = await app.strapi.plugin('disclosure').service('audit').history(ITEM, documentId);
    const release = events.find((e: any) => e.action === 'release');
    expect(release).toMatchObject({ actor: `admin:${team.staff.publisher.id}`, actorName: expect.stringContaining('publisher') });
    expect(release.data.scheduled).toEqual({ jobId, runAt: new Date(job.run_at).toISOString() });
  });

  it('returning the entry cancels the job; a later, re-approved version is not released by it', async () => {
    const { documentId, jobId } = await approvedAndScheduled();
    const returned = await team.staff.publisher.transition({ uid: ITEM, documentId, action: 'return', reason: '数据需核实' });
    expect(returned.status).toBe(200);
    expect(await jobs().where({ id: jobId }).first()).toMatchObject({ status: 'cancelled', cancel_reason: expect.stringContaining('退回') });

    // A different version goes through review again; nobody schedules or releases it.
    expect((await team.author.put(`${CM_ITEM}/${documentId}`, { title: '退回后改写的版本' })).status).toBe(200);
    await driveTo(app, documentId, 'approved');
    const job = await runDue(jobId);
    expect(job.status).toBe('cancelled');
    expect(await isPublished(documentId)).toBe(false);
    expect(await state(documentId)).toBe('approved');
  });

  it('editing after approval cancels the job in the same transaction as the edit', async () => {
    const { documentId, jobId } = await approvedAndScheduled();
    expect((await team.author.put(`${CM_ITEM}/${documentId}`, { title: '审核通过后又改动的标题' })).status).toBe(200);
    expect(await state(documentId)).toBe('draft');
    expect(await jobs().where({ id: jobId }).first()).toMatchObject({ status: 'cancelled', cancel_reason: expect.stringContaining('修改') });
    await driveTo(app, documentId, 'approved');
    expect((await runDue(jobId)).status).toBe('cancelled');
    expect(await isPublished(documentId)).toBe(false);
  });

  it('a release by hand before the time cancels the scheduled one, which then never runs', async () => {
    const { documentId, jobId } = await approvedAndScheduled();
    expect((await team.staff.publisher.transition({ uid: ITEM, documentId, action: 'release' })).status).toBe(200);
    expect((await jobs().where({ id: jobId }).first()).status).toBe('cancelled');
    const withdrawn = await team.staff.publisher.transition({ uid: ITEM, documentId, action: 'withdraw', reason: '撤回测试' });
    expect(withdrawn.status).toBe(200);
    expect((await runDue(jobId)).status).toBe('cancelled');
    expect(await isPublished(documentId)).toBe(false);
  });

  it('a scheduler who lost the publisher role: the job fails for good at once, with an alert, and nothing is released', async () => {
    const publisher = await createStaff(app, 'publisher', team.orgId);
    const documentId = await authorDraft(team);
    await driveTo(app, documentId, 'approved');
    const res = await publisher.post('/disclosure/schedule', { uid: ITEM, documentId, kind: 'release', runAt: new Date(Date.now() + 3_600_000).toISOString() });
    expect(res.status).toBe(201);
    const editorRole = await app.strapi.db.query('admin::role').findOne({ where: { code: 'disclosure-editor' } });
    await app.strapi.db.query('admin::user').update({ where: { id: publisher.id }, data: { roles: [editorRole.id] } });

    const job = await runDue(res.body.data.id);
    expect(job).toMatchObject({ status: 'failed', attempts: 1 });
    expect(job.last_error).toMatch(/您没有发布权限/);
    expect(await isPublished(documentId)).toBe(false);
    expect(failures).toContainEqual(expect.objectContaining({ jobId: job.id, kind: 'release', documentId, scheduledBy: publisher.id, refused: true }));
    // The failure is shown where the organization watches its deadlines.
    const board = await team.staff.reviewer.get('/disclosure/deadlines');
    expect(board.status).toBe(200);
    expect(board.body.data.failedJobs).toContainEqual(expect.objectContaining({ id: job.id, documentId, kind: 'release' }));
    // And in the organization's daily digest.
    const digests = await app.strapi.plugin('disclosure').service('deadlines').sendReminders();
    expect(digests.find((d: any) => d.organizationId === team.orgId)).toMatchObject({ subject: expect.stringContaining('定时任务失败'), failedJobs: expect.any(Number) });
  });

  it('a scheduler moved to another organization: out of scope, the job fails for good', async () => {
    const publisher = await createStaff(app, 'publisher', team.orgId);
    const documentId = await authorDraft(team);
    await driveTo(app, documentId, 'approved');
    const res = await publisher.post('/disclosure/schedule', { uid: ITEM, documentId, kind: 'release', runAt: new Date(Date.now() + 3_600_000).toISOString() });
    expect(res.status).toBe(201);
    const otherOrg = await app.strapi.db.query('api::organization.organization').findOne({ where: { documentId: team.refs.otherOrg.documentId } });
    await app.strapi.db.query('admin::user').update({ where: { id: publisher.id }, data: { disclosureOrganization: otherOrg.id } });

    const job = await runDue(res.body.data.id);
    expect(job).toMatchObject({ status: 'failed', attempts: 1 });
    expect(job.last_error).toMatch(/不属于您负责的机构/);
    expect(await isPublished(documentId)).toBe(false);
  });

  it('content that is not the version approved when it was scheduled is not released (no retry)', async () => {
    const { documentId, jobId } = await approvedAndScheduled();
    // Changed behind the workflow's back (no edit hook ran): the bound hash still tells.
    await app.strapi.db.connection('disclosure_items').where({ document_id: documentId }).whereNull('published_at').update({ title: '绕过审核改动的标题' });
    const job = await runDue(jobId);
    expect(job).toMatchObject({ status: 'failed', attempts: 1 });
    expect(job.last_error).toMatch(/审核通过后被修改/);
    expect(await isPublished(documentId)).toBe(false);
  });

  it('a job bound to other content than the approved version is refused (no retry)', async () => {
    const { documentId, jobId } = await approvedAndScheduled();
    await jobs().where({ id: jobId }).update({ content_hash: 'a'.repeat(64) });
    const job = await runDue(jobId);
    expect(job).toMatchObject({ status: 'failed', attempts: 1 });
    expect(job.last_error).toMatch(/不一致/);
    expect(await isPublished(documentId)).toBe(false);
  });

  it('a 定时撤回 from the panel also runs as its scheduler', async () => {
    const documentId = await authorDraft(team);
    await driveTo(app, documentId, 'approved');
    expect((await team.staff.publisher.transition({ uid: ITEM, documentId, action: 'release' })).status).toBe(200);
    const runAt = new Date(Date.now() + 3_600_000).toISOString();
    const res = await team.staff.publisher.post('/disclosure/schedule', { uid: ITEM, documentId, kind: 'withdraw', runAt, reason: '阶段性工作结束' });
    expect(res.status).toBe(201);
    const job = await runDue(res.body.data.id);
    expect(job).toMatchObject({ status: 'done', scheduled_by: team.staff.publisher.id, content_hash: null });
    const events = await app.strapi.plugin('disclosure').service('audit').history(ITEM, documentId);
    expect(events.at(-1)).toMatchObject({ action: 'withdraw', actor: `admin:${team.staff.publisher.id}`, reason: '阶段性工作结束' });
    expect(events.at(-1).data.scheduled).toEqual({ jobId: job.id, runAt: new Date(job.run_at).toISOString() });
  });

  it('a release job that names nobody never runs as the system', async () => {
    const documentId = await authorDraft(team);
    await driveTo(app, documentId, 'approved');
    const job = await scheduler().schedule('release', ITEM, documentId, new Date(Date.now() - 1000));
    const after = await runDue(job.id);
    expect(after).toMatchObject({ status: 'failed', attempts: 1 });
    expect(await isPublished(documentId)).toBe(false);
  });
});
