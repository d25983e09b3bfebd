import type { Core } from '@strapi/strapi';
import { hostname } from 'os';
import { CONSUMER_SITE_TABLE, DELIVERY_TABLE, FEED_EVENT_TABLE } from '../constants';
import { retryDelayMs, shouldRetry } from '../domain/retry';
import { encodeCursor } from '../domain/consumer/feed-cursor';
import { sign, SIGNATURE_HEADER } from '../domain/consumer/webhook-signature';
import { typeOfUid } from './consumer-api';
import { claimDue } from '../utils/claim-due';
import { disclosureError } from '../utils/disclosure-error';
import { getService } from '../utils/get-service';

const num = (name: string, fallback: number) => (process.env[name] ? Number(process.env[name]) : fallback);

/**
 * Delivers queued feed events to consumer sites' webhooks. A tick claims due deliveries with FOR UPDATE SKIP LOCKED
 * and a lease (status running, lease_until), so only one instance sends a given delivery at a time; a worker that
 * dies mid-send leaves its deliveries to be reclaimed when the lease runs out. Failures back off exponentially
 * (30 s doubling, capped at 1 h) until 24 h after the first attempt, then the delivery is dead-lettered.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const workerId = `${hostname()}:${process.pid}:webhooks`;
  const deliveries = (trx: any = strapi.db.connection) => trx(DELIVERY_TABLE);
  const timeoutMs = () => num('WEBHOOK_TIMEOUT_MS', 10_000);
  const leaseMs = () => timeoutMs() + 30_000;
  let running: Promise<number> | null = null;

  const claim = (limit: number) =>
    claimDue(strapi, {
      table: DELIVERY_TABLE,
      dueColumn: 'next_attempt_at',
      limit,
      worker: workerId,
      leaseMs: leaseMs(),
      extra: { first_attempt_at: strapi.db.connection.raw('coalesce(first_attempt_at, ?)', [new Date()]) },
    });

  type Outcome = { ok: boolean; status: number | null; error: string | null; skipped?: 'superseded' | 'out_of_scope' };

  async function send(delivery: any): Promise<Outcome> {
    const site = await getService('consumer-sites', strapi).byId(delivery.site_id);
    const event = await strapi.db.connection(FEED_EVENT_TABLE).where({ id: delivery.event_id }).first();
    if (!site?.webhookUrl || !site.webhookSecret || !event) return { ok: false, status: null, error: '接入网站已无推送地址或签名密钥' };
    // Superseded before it went out: the entry's later event (queued too) carries its current state.
    if (event.superseded) return { ok: true, skipped: 'superseded', status: null, error: null };
    const payload = getService('feed', strapi).present(event, site.scope);
    if (!payload) return { ok: true, skipped: 'out_of_scope', status: null, error: null };
    const body = JSON.stringify(payload);
    const timestamp = Math.floor(Date.now() / 1000);
    try {
      const response = await fetch(site.webhookUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'user-agent': 'Gongkai-Webhooks/1',
          [SIGNATURE_HEADER]: sign(site.webhookSecret, body, timestamp),
          'X-Gongkai-Event': payload.event,
          'Idempotency-Key': `${payload.cursor}:${site.documentId}`,
          'X-Gongkai-Delivery': String(delivery.id),
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs()),
      });
      await response.arrayBuffer().catch(() => undefined);
      return response.ok ? { ok: true, status: response.status, error: null } : { ok: false, status: response.status, error: `HTTP ${response.status}` };
    } catch (error: any) {
      return { ok: false, status: null, error: String(error?.cause?.code ?? error?.name ?? error?.message ?? error).slice(0, 500) };
    }
  }

  async function settle(delivery: any, outcome: Outcome) {
    const now = new Date();
    const base = { lease_until: null, last_status_code: outcome.status, last_error: outcome.error, updated_at: now };
    if (outcome.ok) {
      await deliveries()
        .where({ id: delivery.id, worker: workerId })
        .update({ ...base, status: outcome.skipped ? 'skipped' : 'delivered', delivered_at: outcome.skipped ? null : now, last_error: outcome.skipped ?? null });
      return;
    }
    const first = delivery.first_attempt_at ? new Date(delivery.first_attempt_at) : now;
    const retry = shouldRetry(first, now, num('WEBHOOK_RETRY_WINDOW_MS', 24 * 3_600_000));
    await deliveries()
      .where({ id: delivery.id, worker: workerId })
      .update({
        ...base,
        status: retry ? 'pending' : 'dead',
        next_attempt_at: retry ? new Date(now.getTime() + retryDelayMs(Number(delivery.attempts), num('WEBHOOK_BACKOFF_BASE_MS', 30_000), num('WEBHOOK_BACKOFF_CAP_MS', 3_600_000))) : delivery.next_attempt_at,
      });
    if (!retry) strapi.log.warn(`[disclosure] webhook delivery ${delivery.id} dead-lettered after ${delivery.attempts} attempts: ${outcome.error}`);
  }

  return {
    workerId,

    /** Claims and sends due deliveries until none are due (bounded); returns how many were delivered. */
    async tick({ max = 500 } = {}) {
      // One tick at a time per process; other processes are kept apart by the claim.
      if (running) return running;
      running = (async () => {
        let delivered = 0;
        for (let handled = 0; handled < max; ) {
          const claimed = await claim(Math.min(20, max - handled));
          if (claimed.length === 0) break;
          const outcomes = await Promise.all(claimed.map(async (d: any) => [d, await send(d)] as const));
          for (const [delivery, outcome] of outcomes) {
            await settle(delivery, outcome);
            if (outcome.ok && !outcome.skipped) delivered += 1;
          }
          handled += claimed.length;
        }
        return delivered;
      })().finally(() => {
        running = null;
      });
      return running;
    },

    async list(filters: { status?: string; site?: string; page: number; pageSize: number }) {
      const q = joined();
      if (filters.status) q.where('d.status', filters.status);
      if (filters.site) q.where('s.document_id', filters.site);
      const [{ n }] = await q.clone().clearSelect().count({ n: '*' });
      const rows = await q.orderBy('d.id', 'desc').limit(filters.pageSize).offset((filters.page - 1) * filters.pageSize);
      const total = Number(n);
      return { data: rows.map(toDelivery), meta: { pagination: { page: filters.page, pageSize: filters.pageSize, total, pageCount: Math.ceil(total / filters.pageSize) } } };
    },

    /** Queues a delivered or dead-lettered delivery again, as a fresh series of attempts (same idempotency key). */
    async redeliver(id: number) {
      const row = await deliveries().where({ id }).first();
      if (!row) throw disclosureError(404, 'DELIVERY_NOT_FOUND', '推送记录不存在', 'no such delivery', {}, ['id']);
      if (row.status === 'pending' || row.status === 'running') {
        throw disclosureError(409, 'DELIVERY_IN_PROGRESS', '该推送正在进行或等待重试，无需重新推送', 'the delivery is still pending or running');
      }
      const now = new Date();
      await deliveries().where({ id }).update({ status: 'pending', attempts: 0, first_attempt_at: null, next_attempt_at: now, lease_until: null, worker: null, updated_at: now });
      return toDelivery(await joined().where('d.id', id).first());
    },
  };

  function joined() {
    return strapi.db
      .connection(`${DELIVERY_TABLE} as d`)
      .join(`${FEED_EVENT_TABLE} as f`, 'f.id', 'd.event_id')
      .join(`${CONSUMER_SITE_TABLE} as s`, 's.id', 'd.site_id')
      .select('d.*', 'f.target_uid', 'f.target_document_id', 's.document_id as site_document_id', 's.name as site_name');
  }
};

function toDelivery(row: any) {
  const iso = (v: unknown) => (v ? new Date(v as string).toISOString() : null);
  return {
    id: Number(row.id),
    eventCursor: encodeCursor(Number(row.event_id)),
    event: row.event,
    type: typeOfUid(row.target_uid) ?? row.target_uid,
    documentId: row.target_document_id,
    site: { documentId: row.site_document_id, name: row.site_name },
    status: row.status,
    attempts: Number(row.attempts),
    lastStatusCode: row.last_status_code ?? null,
    lastError: row.last_error ?? null,
    nextAttemptAt: iso(row.next_attempt_at),
    deliveredAt: iso(row.delivered_at),
    createdAt: iso(row.created_at),
  };
}
