import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { AUDIT_EVENT_TABLE } from '../constants';
import { chainLink, GENESIS_HASH, verifyPages, AuditLink } from '../domain/audit-chain';

export interface AuditEntry {
  actor: string;
  actorName?: string | null;
  action: string;
  targetUid?: string | null;
  targetDocumentId?: string | null;
  versionHash?: string | null;
  fromState?: string | null;
  toState?: string | null;
  reason?: string | null;
  data?: unknown;
}

/** A row of the audit table as plain SQL returns it (seq is a bigint: a string on PostgreSQL, data is JSON text). */
interface AuditRow {
  id: number;
  seq: number | string;
  actor: string;
  actor_name: string | null;
  action: string;
  target_uid: string | null;
  target_document_id: string | null;
  version_hash: string | null;
  from_state: string | null;
  to_state: string | null;
  reason: string | null;
  data: string | null;
  occurred_at: string;
  prev_hash: string;
  hash: string;
}

/** Also serializes taxonomy feed events (services/feed.ts), so feed ids follow commit order for them too. */
export const AUDIT_LOCK = 7_031_902; // any constant; one chain head per database

/**
 * Appends to the hash-chained audit trail inside the caller's transaction. Appends
 * are serialized (advisory lock on PostgreSQL, the single writer on SQLite), so
 * the chain never forks.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const table = (trx: Knex) => {
    const schema = strapi.db.getSchemaName();
    return schema ? trx(AUDIT_EVENT_TABLE).withSchema(schema) : trx(AUDIT_EVENT_TABLE);
  };
  const toLink = (row: AuditRow): AuditLink => ({
    id: row.id,
    seq: Number(row.seq),
    actor: row.actor,
    action: row.action,
    targetUid: row.target_uid,
    targetDocumentId: row.target_document_id,
    versionHash: row.version_hash,
    fromState: row.from_state,
    toState: row.to_state,
    reason: row.reason,
    data: row.data === null || row.data === undefined ? null : JSON.parse(row.data),
    occurredAt: row.occurred_at,
    prevHash: row.prev_hash,
    hash: row.hash,
  });

  return {
    async append(trx: Knex.Transaction, entry: AuditEntry) {
      if (strapi.db.dialect.client === 'postgres') await trx.raw('SELECT pg_advisory_xact_lock(?)', [AUDIT_LOCK]);
      const last = await table(trx).orderBy('seq', 'desc').first('seq', 'hash');
      const fields = {
        seq: (last ? Number(last.seq) : 0) + 1,
        actor: entry.actor,
        action: entry.action,
        targetUid: entry.targetUid ?? null,
        targetDocumentId: entry.targetDocumentId ?? null,
        versionHash: entry.versionHash ?? null,
        fromState: entry.fromState ?? null,
        toState: entry.toState ?? null,
        reason: entry.reason ?? null,
        data: entry.data ?? null,
        occurredAt: new Date().toISOString(),
      };
      const link = chainLink(fields, last?.hash ?? GENESIS_HASH);
      await table(trx).insert({
        seq: link.seq,
        actor: link.actor,
        actor_name: entry.actorName ?? null,
        action: link.action,
        target_uid: link.targetUid,
        target_document_id: link.targetDocumentId,
        version_hash: link.versionHash,
        from_state: link.fromState,
        to_state: link.toState,
        reason: link.reason,
        data: link.data === null ? null : JSON.stringify(link.data),
        occurred_at: link.occurredAt,
        prev_hash: link.prevHash,
        hash: link.hash,
      });
      return link;
    },

    async history(uid: string, documentId: string) {
      const rows: AuditRow[] = await table(strapi.db.connection).where({ target_uid: uid, target_document_id: documentId }).orderBy('seq', 'asc');
      return rows.map((row) => ({ ...toLink(row), actorName: row.actor_name }));
    },

    /** Each entry's last event among these actions (one query), keyed `uid:documentId`. */
    async lastOf(entries: readonly { uid: string; documentId: string }[], actions: string[]) {
      const last = new Map<string, { action: string; reason: string | null; actorName: string | null; occurredAt: string }>();
      if (entries.length === 0) return last;
      const rows: AuditRow[] = await table(strapi.db.connection)
        .whereIn('target_document_id', [...new Set(entries.map((e) => e.documentId))])
        .whereIn('action', actions)
        .orderBy('seq', 'asc');
      for (const row of rows) {
        last.set(`${row.target_uid}:${row.target_document_id}`, { action: row.action, reason: row.reason, actorName: row.actor_name, occurredAt: row.occurred_at });
      }
      return last;
    },

    /** Walks the whole chain in seq order, a page at a time. */
    async verify() {
      return verifyPages(async (afterSeq) => {
        const rows: AuditRow[] = await table(strapi.db.connection).where('seq', '>', afterSeq).orderBy('seq', 'asc').limit(5000);
        return rows.map(toLink);
      });
    },
  };
};
