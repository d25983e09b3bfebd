import { AUDIT_EVENT_TABLE, WORKFLOW_STATE_TABLE } from '../constants';

/** Database-only models: workflow state per document, and the append-only audit chain. */
export const workflowStateModel = {
  uid: 'plugin::disclosure.workflow-state',
  singularName: 'workflow-state',
  tableName: WORKFLOW_STATE_TABLE,
  attributes: {
    id: { type: 'increments' },
    targetUid: { type: 'string', column: { notNullable: true } },
    targetDocumentId: { type: 'string', column: { notNullable: true } },
    state: { type: 'string', column: { notNullable: true } },
    stageIndex: { type: 'integer' },
    stages: { type: 'json' },
    approvals: { type: 'json' },
    submittedHash: { type: 'string' },
    approvedHash: { type: 'string' },
    releasedHash: { type: 'string' },
    version: { type: 'integer', column: { notNullable: true } },
    updatedAt: { type: 'datetime' },
  },
  indexes: [
    { name: 'disclosure_workflow_states_target_uq', columns: ['target_uid', 'target_document_id'], type: 'unique' },
    { name: 'disclosure_workflow_states_state_idx', columns: ['state'] },
  ],
};

export const auditEventModel = {
  uid: 'plugin::disclosure.audit-event',
  singularName: 'audit-event',
  tableName: AUDIT_EVENT_TABLE,
  attributes: {
    id: { type: 'increments' },
    seq: { type: 'integer', column: { notNullable: true } },
    actor: { type: 'string', column: { notNullable: true } },
    actorName: { type: 'string' },
    action: { type: 'string', column: { notNullable: true } },
    targetUid: { type: 'string' },
    targetDocumentId: { type: 'string' },
    versionHash: { type: 'string' },
    fromState: { type: 'string' },
    toState: { type: 'string' },
    reason: { type: 'text' },
    // Kept as text so the hashed bytes come back exactly as written.
    data: { type: 'text' },
    occurredAt: { type: 'string', column: { notNullable: true } },
    prevHash: { type: 'string', column: { notNullable: true } },
    hash: { type: 'string', column: { notNullable: true } },
  },
  indexes: [
    { name: 'disclosure_audit_events_seq_uq', columns: ['seq'], type: 'unique' },
    { name: 'disclosure_audit_events_target_idx', columns: ['target_uid', 'target_document_id'] },
  ],
};
