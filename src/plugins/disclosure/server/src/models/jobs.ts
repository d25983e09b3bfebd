import { JOB_TABLE } from '../constants';

/** Scheduled work (定时发布, scheduled withdrawal, expiry): claimed with FOR UPDATE SKIP LOCKED, run exactly once. */
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
    createdAt: { type: 'datetime' },
    updatedAt: { type: 'datetime' },
  },
  indexes: [
    { name: 'disclosure_jobs_due_idx', columns: ['status', 'run_at'] },
    { name: 'disclosure_jobs_target_idx', columns: ['target_uid', 'target_document_id'] },
  ],
};
