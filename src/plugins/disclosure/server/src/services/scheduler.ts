import type { Core } from '@strapi/strapi';
import { hostname } from 'os';
import { JOB_TABLE } from '../constants';
import { retryDelayMs } from '../domain/retry';
import { claimDue } from '../utils/claim-due';
import { currentDb } from '../utils/current-db';
import { disclosureError } from '../utils/disclosure-error';
import { getService } from '../utils/get-service';
import { SYSTEM } from './workflow';

export type JobKind = 'release' | 'withdraw' | 'expire' | 'digest';
const KINDS: JobKind[] = ['release', 'withdraw', 'expire', 'digest'];
const DIGEST_TARGET = 'plugin::disclosure.digest';

const POLICY = 'api::policy.policy';
const DUAL = 'api::dual-publicity-record.dual-publicity-record';
const RECRUITMENT = 'api::recruitment-notice.recruitment-notice';

/** Start of the day after a legal date, Beijing time, as an instant. */
const dayAfter = (date: string) => new Date(Date.parse(`${date}T00:00:00+08:00`) + 86_400_000);

/**
 * Scheduled release, withdrawal and expiry. A tick claims due jobs (and jobs
 * whose worker's lease ran out) with FOR UPDATE SKIP LOCKED, then runs each in
 * one transaction that holds the job row locked, performs the workflow step
 * (with its audit event) and marks the job done — so with several instances each
 * job runs exactly once, and a worker killed mid-job leaves nothing half done.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const workerId = `${hostname()}:${process.pid}`;
  const leaseMs = () => Number(process.env.SCHEDULER_LEASE_MS ?? 60_000);
  const jobs = (trx = strapi.db.connection) => {
    const schema = strapi.db.getSchemaName();
    return schema ? trx(JOB_TABLE).withSchema(schema) : trx(JOB_TABLE);
  };
  const isPostgres = () => strapi.db.dialect.client === 'postgres';

  return {
    workerId,

    async schedule(kind: JobKind, uid: string, documentId: string, runAt: Date, reason: string | null = null) {
      if (!KINDS.includes(kind)) throw disclosureError(400, 'UNKNOWN_JOB_KIND', `未知的定时任务类型“${kind}”`, `unknown job kind ${kind}`, {}, ['kind']);
      const now = new Date();
      const db = await currentDb(strapi);
      // One pending job of a kind per entry: rescheduling replaces it.
      await jobs(db).where({ kind, target_uid: uid, target_document_id: documentId, status: 'pending' }).del();
      const [row] = await jobs(db)
        .insert({ kind, target_uid: uid, target_document_id: documentId, run_at: runAt, status: 'pending', attempts: 0, max_attempts: 8, reason, created_at: now, updated_at: now })
        .returning('*');
      return row;
    },

    /** Jobs that follow from a release: 双公示 and recruitment publicity end, normative documents' expiry. */
    async scheduleAfterRelease(uid: string, documentId: string) {
      const entry = await strapi.db.query(uid as any).findOne({ where: { documentId, publishedAt: null } });
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
          .insert({ kind: 'digest', target_uid: DIGEST_TARGET, target_document_id: day, run_at: now, status: 'pending', attempts: 0, max_attempts: 3, created_at: now, updated_at: now })
          .returning('*');
        return row;
      });
    },

    /** Claims up to `limit` due jobs for this worker. */
    async claim(limit = 20) {
      return claimDue(strapi, { table: JOB_TABLE, dueColumn: 'run_at', limit, worker: workerId, leaseMs: leaseMs() });
    },

    async perform(job: any) {
      const input = { uid: job.target_uid, documentId: job.target_document_id, reason: job.reason };
      const workflow = getService('workflow', strapi);
      if (job.kind === 'release') return workflow.transition({ ...input, action: 'release' }, SYSTEM);
      if (job.kind === 'withdraw') return workflow.transition({ ...input, action: 'withdraw' }, SYSTEM);
      if (job.kind === 'expire') return workflow.expire(job.target_uid, job.target_document_id, job.reason);
      if (job.kind === 'digest') return getService('deadlines', strapi).sendReminders(job.target_document_id);
      throw new Error(`unknown job kind ${job.kind}`);
    },

    /** Runs one claimed job; true when it completed. */
    async run(job: any): Promise<boolean> {
      try {
        return await strapi.db.transaction(async ({ trx }) => {
          // Hold the job row for the whole run: nobody can reclaim it while we are alive.
          const mine = await jobs(trx).where({ id: job.id, worker: workerId, status: 'running' }).forUpdate().first();
          if (!mine) return false;
          const delay = Number(process.env.SCHEDULER_JOB_DELAY_MS ?? 0);
          if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
          await this.perform(job);
          await jobs(trx).where({ id: job.id }).update({ status: 'done', lease_until: null, last_error: null, updated_at: new Date() });
          return true;
        });
      } catch (error: any) {
        const attempts = Number(job.attempts);
        const failed = attempts >= Number(job.max_attempts);
        await jobs()
          .where({ id: job.id, worker: workerId })
          .update({
            status: failed ? 'failed' : 'pending',
            run_at: failed ? job.run_at : new Date(Date.now() + retryDelayMs(attempts)),
            last_error: String(error?.message ?? error).slice(0, 2000),
            lease_until: null,
            updated_at: new Date(),
          });
        strapi.log.warn(`[disclosure] job ${job.id} (${job.kind} ${job.target_uid} ${job.target_document_id}) failed: ${error?.message}`);
        return false;
      }
    },

    /** One cron tick: claim and run until nothing is due (bounded). */
    async tick({ maxJobs = 500 } = {}) {
      let done = 0;
      for (let handled = 0; handled < maxJobs; ) {
        const claimed = await this.claim(Math.min(20, maxJobs - handled));
        if (claimed.length === 0) break;
        for (const job of claimed) if (await this.run(job)) done += 1;
        handled += claimed.length;
      }
      return done;
    },
  };
};
