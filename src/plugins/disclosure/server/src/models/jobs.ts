import { JOB_TABLE } from '../constants';

/** Scheduled work (定时发布, scheduled withdrawal, expiry, digest): claimed one at a time with FOR UPDATE SKIP LOCKED, run exactly once. */
export const jobModel = {
  uid: 'plugin::disclosure.job',
  singularName: 'job',
  tableName: JOB_TABLE,
  attributes: {
    id: { type: 'increments' },
    kind: { type: 'string', column: { notNullable: true } },
    targetUid: { type: 'string', column: { notNullable: true } },
    targetDocumentId: { type: 'string', column: { notNullable: true } },
    runAt: { type: 'datetime', column: { notNullable: true } },
    status: { type: 'string', column: { notNullable: true } },
    attempts: { type: 'integer', column: { notNullable: true } },
    maxAttempts: { type: 'integer', column: { notNullable: true } },
    lastError: { type: 'text' },
    leaseUntil: { type: 'datetime' },
    worker: { type: 'string' },
    reason: { type: 'text' },
    /** Admin user who scheduled it (定时发布/定时撤回 from the review panel): it runs as them, or not at all. Null for rule-driven jobs. */
    scheduledBy: { type: 'integer' },
    /** Hash of the approved content the release was scheduled for: any other content is not released by it. */
    contentHash: { type: 'string' },
    /** Why a pending job was cancelled (the entry left the state it was scheduled in). */
    cancelReason: { type: 'text' },
    /** Times another worker took the job over after its worker's lease ran out (not failures, so not attempts). */
    takeovers: { type: 'integer' },
    createdAt: { type: 'datetime' },
    updatedAt: { type: 'datetime' },
  },
  indexes: [
    { name: 'disclosure_jobs_due_idx', columns: ['status', 'run_at'] },
    { name: 'disclosure_jobs_target_idx', columns: ['target_uid', 'target_document_id'] },
  ],
};
