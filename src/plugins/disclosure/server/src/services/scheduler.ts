import type { Core, UID } from '@strapi/strapi';
import type { Knex } from 'knex';
import { hostname } from 'os';
import { JOB_TABLE, PLUGIN_ID, SYSTEM } from '../constants';
import type { SchedulerSettings } from '../config';
import { retryDelayMs } from '../domain/retry';
import { disclosureError } from '../utils/disclosure-error';
import { getService } from '../utils/get-service';
import { contentTypeUid } from '../utils/content-type-uid';
import type { StaffMember } from './staff';

export type JobKind = 'release' | 'withdraw' | 'expire' | 'digest';
const KINDS: JobKind[] = ['release', 'withdraw', 'expire', 'digest'];
const DIGEST_TARGET = 'plugin::disclosure.digest';
export const JOB_FAILED_EVENT = 'scheduler.job_failed';

const POLICY = 'api::policy.policy';
const DUAL = 'api::dual-publicity-record.dual-publicity-record';
const RECRUITMENT = 'api::recruitment-notice.recruitment-notice';

/** Start of the day after a legal date, Beijing time, as an instant. */
const dayAfter = (date: string) => new Date(Date.parse(`${date}T00:00:00+08:00`) + 86_400_000);

/** A row of the jobs table (models/jobs.ts) as plain SQL returns it. */
export interface JobRow {
  id: number;
  kind: JobKind;
  target_uid: string;
  target_document_id: string;
  run_at: Date | string;
  status: 'pending' | 'running' | 'done' | 'failed' | 'cancelled';
  attempts: number;
  max_attempts: number;
  last_error: string | null;
  lease_until: Date | string | null;
  worker: string | null;
  reason: string | null;
  scheduled_by: number | null;
  content_hash: string | null;
  cancel_reason: string | null;
  takeovers: number | null;
  created_at: Date | string;
  updated_at: Date | string;
}

/** Who decided a scheduled job, bound at scheduling: it runs as them, on that content, or not at all. */
export interface ScheduledBy {
  userId: number;
  contentHash: string | null;
}

/**
 * A refusal of a person's scheduled decision: their permission, scope, the content or the entry's state no longer
 * allows it. Retrying cannot change that, so the job fails for good at once.
 */
function isRefusal(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || !('details' in error)) return false;
  const details = error.details as { code?: string; errors?: { name?: string }[] } | undefined;
  const refusal = details?.errors?.[0]?.name === 'DisclosureError';
  // A race with another transition is not a refusal: the retry sees where the entry went.
  return refusal && details?.code !== 'CONCURRENT_TRANSITION';
}

/**
 * Scheduled release, withdrawal, expiry and the daily digest.
 *
 * A worker claims one due job at a time (a crashed worker strands only the job in hand), marking it running with a
 * short lease. It then runs the job in one transaction that holds the job row (FOR KEY SHARE: other workers' claims
 * skip it, while the heartbeat may still renew the lease from another connection), performs the workflow step with
 * its audit event and marks the job done — so each job runs exactly once, whatever the timing, and a worker killed
 * mid-job leaves nothing half done: its job is taken over when the lease runs out. Only real failures count as
 * attempts; a job out of attempts, or a person's decision the server now refuses, fails for good with an alert.
 *
 * 定时发布 and 定时撤回 scheduled from the review panel run as the person who scheduled them (role, scope and
 * self-approval checked again at run time) and release only the content that was approved when they were scheduled.
 * Withdrawal at the end of a public period and expiry follow from rules, not from a decision, and run as the system.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const workerId = `${hostname()}:${process.pid}`;
  const settings = () => strapi.plugin(PLUGIN_ID).config('scheduler') as SchedulerSettings;
  const jobs = (trx = strapi.db.connection) => {
    const schema = strapi.db.getSchemaName();
    return schema ? trx(JOB_TABLE).withSchema(schema) : trx(JOB_TABLE);
  };
  const isPostgres = () => strapi.db.dialect.client === 'postgres';

  return {
    workerId,

    async schedule(kind: JobKind, uid: string, documentId: string, runAt: Date, reason: string | null = null, by: ScheduledBy | null = null) {
      if (!KINDS.includes(kind)) throw disclosureError(400, 'UNKNOWN_JOB_KIND', `未知的定时任务类型“${kind}”`, `unknown job kind ${kind}`, {}, ['kind']);
      const now = new Date();
      const db = await getService('work-queue', strapi).currentDb();
      // One pending job of a kind per entry: rescheduling replaces it (the replaced one is kept, cancelled).
      await jobs(db)
        .where({ kind, target_uid: uid, target_document_id: documentId, status: 'pending' })
        .update({ status: 'cancelled', cancel_reason: '已重新安排', updated_at: now });
      const [row]: JobRow[] = await jobs(db)
        .insert({
          kind,
          target_uid: uid,
          target_document_id: documentId,
          run_at: runAt,
          status: 'pending',
          attempts: 0,
          takeovers: 0,
          max_attempts: settings().maxAttempts,
          reason,
          scheduled_by: by?.userId ?? null,
          content_hash: by?.contentHash ?? null,
          created_at: now,
          updated_at: now,
        })
        .returning('*');
      return row;
    },

    /**
     * Called in the transaction of every transition and of an edit that sends an approved or withdrawn entry back
     * to draft: the entry leaves the state its pending release, and any person's scheduled decision, was made for.
     */
    async cancelPending(trx: Knex, uid: string, documentId: string, reason: string) {
      return jobs(trx)
        .where({ target_uid: uid, target_document_id: documentId, status: 'pending' })
        .andWhere((q: Knex.QueryBuilder) => q.where('kind', 'release').orWhereNotNull('scheduled_by'))
        .update({ status: 'cancelled', cancel_reason: reason, updated_at: new Date() });
    },

    /** Jobs that follow from a release: 双公示 and recruitment publicity end, normative documents' expiry. */
    async scheduleAfterRelease(uid: UID.ContentType, documentId: string) {
      const entry = await strapi.db.query(uid).findOne({ where: { documentId, publishedAt: null } });
      if (!entry) return;
      if (uid === DUAL && entry.publicUntil) await this.schedule('withdraw', uid, documentId, dayAfter(String(entry.publicUntil).slice(0, 10)), '公示期满自动撤下');
      if (uid === RECRUITMENT && entry.publicityEnd) await this.schedule('withdraw', uid, documentId, dayAfter(String(entry.publicityEnd).slice(0, 10)), '公示期结束自动撤下');
      if (uid === POLICY && entry.expiryDate) await this.schedule('expire', uid, documentId, dayAfter(String(entry.expiryDate).slice(0, 10)), '有效期届满自动失效');
    },

    /**
     * Enqueues the daily reminder digest for a Beijing day, once however many
     * instances' crons fire: the check and insert run under one advisory lock.
     */
    async enqueueDigest(day: string) {
      return strapi.db.transaction(async ({ trx }) => {
        if (isPostgres()) await trx.raw('SELECT pg_advisory_xact_lock(?)', [7_031_903]);
        const exists = await jobs(trx).where({ kind: 'digest', target_uid: DIGEST_TARGET, target_document_id: day }).first('id');
        if (exists) return null;
        const now = new Date();
        const [row] = await jobs(trx)
          .insert({ kind: 'digest', target_uid: DIGEST_TARGET, target_document_id: day, run_at: now, status: 'pending', attempts: 0, takeovers: 0, max_attempts: 3, created_at: now, updated_at: now })
          .returning('*');
        return row;
      });
    },

    /**
     * Claims the next due job — pending and due, or running with its worker's lease run out (a takeover, counted
     * apart from attempts) — or null. FOR UPDATE SKIP LOCKED: concurrent workers never claim the same job, and
     * skip a job whose worker is still running it.
     */
    async claim(): Promise<JobRow | null> {
      const now = new Date();
      const due = jobs()
        .select('id')
        .where((q: Knex.QueryBuilder) => q.where('status', 'pending').andWhere('run_at', '<=', now))
        .orWhere((q: Knex.QueryBuilder) => q.where('status', 'running').andWhere('lease_until', '<', now))
        .orderBy('run_at')
        .limit(1);
      if (isPostgres()) due.forUpdate().skipLocked();
      const [row]: JobRow[] = await jobs()
        .whereIn('id', due)
        .update({
          status: 'running',
          worker: workerId,
          lease_until: new Date(now.getTime() + settings().leaseMs),
          takeovers: strapi.db.connection.raw("coalesce(takeovers, 0) + (case when status = 'running' then 1 else 0 end)"),
          updated_at: now,
        })
        .returning('*');
      return row ?? null;
    },

    /** Renews the lease of a job this worker runs until stopped; stopping returns the last renewal, to await outside the job's transaction. */
    heartbeat(jobId: number) {
      const { leaseMs, heartbeatMs } = settings();
      let inFlight: Promise<unknown> = Promise.resolve();
      const timer = setInterval(() => {
        inFlight = jobs()
          .where({ id: jobId, worker: workerId, status: 'running' })
          .update({ lease_until: new Date(Date.now() + leaseMs) })
          .catch((error: any) => strapi.log.warn(`[disclosure] job ${jobId}: lease renewal failed: ${error?.message}`));
      }, heartbeatMs);
      return () => {
        clearInterval(timer);
        return inFlight;
      };
    },

    /** The person who scheduled the job, as they are now; refused when they can no longer act. */
    async scheduledBy(job: JobRow): Promise<StaffMember> {
      const user = await strapi.db.query('admin::user').findOne({ where: { id: job.scheduled_by }, select: ['id', 'isActive', 'blocked'] });
      if (!user || !user.isActive || user.blocked) {
        throw disclosureError(403, 'SCHEDULER_INACTIVE', '安排该定时任务的人员账号已停用或删除，任务不再执行', 'the admin who scheduled this job is no longer active');
      }
      return getService('staff', strapi).resolve({ id: user.id });
    },

    async perform(job: JobRow) {
      const uid = contentTypeUid(job.target_uid);
      const documentId = job.target_document_id;
      const workflow = getService('workflow', strapi);
      const input = { uid, documentId, reason: job.reason, scheduled: { jobId: job.id, runAt: new Date(job.run_at).toISOString() } };
      if (job.kind === 'release') {
        // A release is always someone's decision: never the system's.
        if (job.scheduled_by == null) throw disclosureError(403, 'SCHEDULER_UNKNOWN', '定时发布未记录安排人，不能执行', 'a scheduled release must name who scheduled it');
        const member = await this.scheduledBy(job);
        // The transition then checks the draft against the approved hash: so only the bound content goes out.
        if (!job.content_hash || (await workflow.getState(uid, documentId)).approvedHash !== job.content_hash) {
          throw disclosureError(409, 'SCHEDULED_CONTENT_CHANGED', '内容与安排定时发布时审核通过的版本不一致，不予发布', 'the content is not the version approved when the release was scheduled');
        }
        return workflow.transition({ ...input, action: 'release' }, member);
      }
      if (job.kind === 'withdraw') {
        if (job.scheduled_by != null) return workflow.transition({ ...input, action: 'withdraw' }, await this.scheduledBy(job));
        return workflow.transition({ uid, documentId, reason: job.reason, action: 'withdraw' }, SYSTEM);
      }
      if (job.kind === 'expire') return workflow.expire(uid, documentId, job.reason);
      if (job.kind === 'digest') {
        // The day's housekeeping first: applications whose 补正 or payment deadline passed end before the digest counts them.
        await getService('application-handling', strapi).closeLapsed(documentId);
        // Once a day with the digest: applicants' personal data past its retention period goes (the statistics stay).
        await getService('application-intake', strapi).purgePersonalData(documentId);
        return getService('deadlines', strapi).sendReminders(documentId);
      }
      throw new Error(`unknown job kind ${job.kind}`);
    },

    /** Runs one claimed job; true when it completed. */
    async run(job: JobRow): Promise<boolean> {
      const stopHeartbeat = this.heartbeat(job.id);
      let outcome: boolean | { error: unknown };
      try {
        outcome = await strapi.db.transaction(async ({ trx }) => {
          // Hold the job row for the whole run: no other worker can take it over while we are alive.
          const mine = jobs(trx).where({ id: job.id, worker: workerId, status: 'running' });
          if (isPostgres()) mine.forKeyShare();
          if (!(await mine.first('id'))) return false;
          const delay = Number(process.env.SCHEDULER_JOB_DELAY_MS ?? 0);
          if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
          await this.perform(job);
          // Not awaited here: on SQLite (one connection) a renewal in flight waits for this transaction to end.
          void stopHeartbeat();
          await jobs(trx).where({ id: job.id }).update({ status: 'done', lease_until: null, last_error: null, updated_at: new Date() });
          return true;
        });
      } catch (error) {
        outcome = { error };
      }
      await stopHeartbeat();
      if (typeof outcome !== 'object') return outcome;
      await this.recordFailure(job, outcome.error);
      return false;
    },

    /** One real failure: retry with backoff, or fail for good (out of attempts, or a person's decision refused) and alert. */
    async recordFailure(job: JobRow, error: unknown) {
      const attempts = Number(job.attempts) + 1;
      const refused = (job.kind === 'release' || job.scheduled_by != null) && isRefusal(error);
      const failed = refused || attempts >= Number(job.max_attempts);
      const message = String((typeof error === 'object' && error !== null && 'message' in error ? error.message : undefined) ?? error).slice(0, 2000);
      const updated = await jobs()
        .where({ id: job.id, worker: workerId, status: 'running' })
        .update({
          status: failed ? 'failed' : 'pending',
          attempts,
          run_at: failed ? job.run_at : new Date(Date.now() + retryDelayMs(attempts, settings().backoffBaseMs, settings().backoffCapMs)),
          last_error: message,
          lease_until: null,
          updated_at: new Date(),
        });
      const what = `job ${job.id} (${job.kind} ${job.target_uid} ${job.target_document_id})`;
      if (!updated) return;
      if (!failed) {
        strapi.log.warn(`[disclosure] ${what} failed (attempt ${attempts} of ${job.max_attempts}), will retry: ${message}`);
        return;
      }
      strapi.log.error(`[disclosure] ${what} failed for good after ${attempts} attempt(s)${refused ? ' (refused)' : ''}: ${message}`);
      strapi.eventHub.emit(JOB_FAILED_EVENT, {
        jobId: job.id,
        kind: job.kind,
        uid: job.target_uid,
        documentId: job.target_document_id,
        runAt: new Date(job.run_at).toISOString(),
        scheduledBy: job.scheduled_by ?? null,
        attempts,
        refused,
        error: message,
      });
    },

    /**
     * Jobs that failed for good since `since` (30 days by default) on entries of these organizations (all when null),
     * newest first: the 公开时限 view and the daily digest list them.
     */
    async failedJobs(organizationIds: number[] | null, { since = new Date(Date.now() - 30 * 86_400_000), limit = 100 } = {}) {
      const rows: JobRow[] = await jobs().where({ status: 'failed' }).whereNot({ kind: 'digest' }).andWhere('updated_at', '>=', since).orderBy('updated_at', 'desc').limit(limit * 5);
      // The entries' drafts, one query per content type (not one per job).
      const drafts = new Map<string, any>();
      for (const uid of new Set(rows.map((row) => row.target_uid))) {
        const found = await strapi.db.query(contentTypeUid(uid)).findMany({
          where: { documentId: { $in: rows.filter((row) => row.target_uid === uid).map((row) => row.target_document_id) }, publishedAt: null },
          select: ['documentId', 'title'],
          populate: { publishingOrganization: { select: ['id'] } },
        });
        for (const draft of found) drafts.set(`${uid}:${draft.documentId}`, draft);
      }
      const out = [];
      for (const row of rows) {
        const draft = drafts.get(`${row.target_uid}:${row.target_document_id}`);
        const organizationId = draft?.publishingOrganization?.id ?? null;
        if (organizationIds && !organizationIds.includes(organizationId)) continue;
        out.push({
          id: row.id,
          kind: row.kind,
          uid: row.target_uid,
          documentId: row.target_document_id,
          title: draft?.title ?? null,
          organizationId,
          runAt: row.run_at,
          scheduledBy: row.scheduled_by,
          attempts: row.attempts,
          error: row.last_error,
          failedAt: row.updated_at,
        });
        if (out.length >= limit) break;
      }
      return out;
    },

    /** One cron tick: claim and run one job at a time until nothing is due (bounded). */
    async tick({ maxJobs = 500 } = {}) {
      let done = 0;
      for (let handled = 0; handled < maxJobs; handled += 1) {
        const job = await this.claim();
        if (!job) break;
        if (await this.run(job)) done += 1;
      }
      return done;
    },
  };
};
