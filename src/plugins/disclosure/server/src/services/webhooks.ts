import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import dns from 'dns';
import http from 'http';
import https from 'https';
import type { LookupFunction } from 'net';
import { hostname } from 'os';
import type { DisclosurePluginConfig } from '../config';
import { CONSUMER_SITE_TABLE, DELIVERY_TABLE, FEED_EVENT_TABLE, PLUGIN_ID, typeOfUid } from '../constants';
import { addressAllowed, addressRefusal, checkWebhookUrl, TargetRefusal, WebhookTargetPolicy } from '../domain/consumer/webhook-target';
import { retryDelayMs, shouldRetry } from '../domain/retry';
import { encodeCursor } from '../domain/consumer/feed-cursor';
import { sign, SIGNATURE_HEADER } from '../domain/consumer/webhook-signature';
import { disclosureError } from '../utils/disclosure-error';
import { getService } from '../utils/get-service';

/**
 * Delivers queued feed events to consumer sites' webhooks. A tick claims due deliveries with FOR UPDATE SKIP LOCKED
 * and a lease (status running, lease_until), so only one instance sends a given delivery at a time; a worker that
 * dies mid-send leaves its deliveries to be reclaimed when the lease runs out. Failures back off exponentially
 * (30 s doubling, capped at 1 h) until 24 h after the first attempt, then the delivery is dead-lettered.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const workerId = `${hostname()}:${process.pid}:webhooks`;
  const deliveries = (trx: Knex = strapi.db.connection) => trx(DELIVERY_TABLE);
  // Read on use: an operator's runtime change (strapi.config.set) applies to the next attempt.
  const settings = () => strapi.plugin(PLUGIN_ID).config('webhooks') as DisclosurePluginConfig['webhooks'];
  const timeoutMs = () => settings().timeoutMs;
  const leaseMs = () => timeoutMs() + 30_000;
  let running: Promise<number> | null = null;

  const claim = (limit: number) =>
    getService('work-queue', strapi).claimDue({
      table: DELIVERY_TABLE,
      dueColumn: 'next_attempt_at',
      limit,
      worker: workerId,
      leaseMs: leaseMs(),
      extra: { first_attempt_at: strapi.db.connection.raw('coalesce(first_attempt_at, ?)', [new Date()]) },
    });

  const policy = (): WebhookTargetPolicy => settings();

  class TargetNotAllowed extends Error {
    constructor(readonly refusal: TargetRefusal) {
      super(refusal.messageEn);
    }
  }

  /**
   * Name resolution for deliveries: the socket connects only to addresses checked here, so a name that resolves to a
   * public address when the URL is saved and to an internal one later (DNS rebinding) is refused at delivery.
   */
  const guardedLookup: LookupFunction = (host, options, callback) => {
    dns.lookup(host, { ...options, all: true }, (error, addresses: dns.LookupAddress[]) => {
      // With an error the socket ignores the address (net's lookup contract); its type still asks for one.
      if (error) return callback(error, '');
      const refused = addresses.find((a) => !addressAllowed(a.address, policy()));
      if (refused) return callback(new TargetNotAllowed(addressRefusal(refused.address)), '');
      if (options.all) return callback(null, addresses);
      return callback(null, addresses[0].address, addresses[0].family);
    });
  };

  /** POSTs without following redirects (a redirect could point anywhere); resolves with the status code. */
  function post(url: URL, headers: Record<string, string>, body: string): Promise<number> {
    const client = url.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      const request = client.request(
        url,
        { method: 'POST', headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) }, lookup: guardedLookup, signal: AbortSignal.timeout(timeoutMs()) },
        (response) => {
          response.resume();
          response.on('end', () => resolve(response.statusCode ?? 0));
          response.on('error', reject);
        }
      );
      request.on('error', reject);
      request.end(body);
    });
  }

  type Outcome = { ok: boolean; status: number | null; error: string | null; skipped?: 'superseded' | 'out_of_scope' | 'site_inactive'; permanent?: boolean };

  async function send(delivery: any): Promise<Outcome> {
    const site = await getService('consumer-sites', strapi).byId(delivery.site_id);
    const event = await strapi.db.connection(FEED_EVENT_TABLE).where({ id: delivery.event_id }).first();
    if (site && !site.active) return { ok: true, skipped: 'site_inactive', status: null, error: null };
    if (!site?.webhookUrl || !site.webhookSecret || !event) return { ok: false, status: null, error: '接入网站已无推送地址或签名密钥' };
    // The address rules are checked again at every delivery: the URL, the allow-list or DNS may have changed since.
    const target = checkWebhookUrl(site.webhookUrl, policy());
    if (target.ok === false) return { ok: false, status: null, error: target.message, permanent: true };
    // Superseded before it went out: the entry's later event (queued too) carries its current state.
    if (event.superseded) return { ok: true, skipped: 'superseded', status: null, error: null };
    const payload = getService('feed', strapi).present(event, site.scope);
    if (!payload) return { ok: true, skipped: 'out_of_scope', status: null, error: null };
    const body = JSON.stringify(payload);
    const timestamp = Math.floor(Date.now() / 1000);
    try {
      const status = await post(
        target.url,
        {
          'content-type': 'application/json; charset=utf-8',
          'user-agent': 'Gongkai-Webhooks/1',
          [SIGNATURE_HEADER]: sign(site.webhookSecret, body, timestamp),
          'X-Gongkai-Event': payload.event,
          'Idempotency-Key': `${payload.cursor}:${site.documentId}`,
          'X-Gongkai-Delivery': String(delivery.id),
        },
        body
      );
      return status >= 200 && status < 300 ? { ok: true, status, error: null } : { ok: false, status, error: `HTTP ${status}` };
    } catch (error: any) {
      if (error instanceof TargetNotAllowed) return { ok: false, status: null, error: error.refusal.message, permanent: true };
      return { ok: false, status: null, error: String(error?.code ?? error?.name ?? error?.message ?? error).slice(0, 500) };
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
    // A refused address is a configuration problem: no retry until an administrator fixes it and redelivers.
    const retry = !outcome.permanent && shouldRetry(first, now, settings().retryWindowMs);
    await deliveries()
      .where({ id: delivery.id, worker: workerId })
      .update({
        ...base,
        status: retry ? 'pending' : 'dead',
        next_attempt_at: retry ? new Date(now.getTime() + retryDelayMs(Number(delivery.attempts), settings().backoffBaseMs, settings().backoffCapMs)) : delivery.next_attempt_at,
      });
    if (!retry) strapi.log.warn(`[disclosure] webhook delivery ${delivery.id} dead-lettered after ${delivery.attempts} attempts: ${outcome.error}`);
  }

  return {
    workerId,

    /**
     * Refuses a webhook URL that could reach this machine or the internal network: its form, then every address its
     * name resolves to now. Called whenever a consumer site's URL is written, whatever the entry point.
     */
    async assertTarget(raw: string) {
      const bad = (refusal: TargetRefusal) => disclosureError(400, refusal.code, refusal.message, refusal.messageEn, {}, ['webhookUrl']);
      const checked = checkWebhookUrl(raw, policy());
      if (checked.ok === false) throw bad(checked);
      if (checked.literalAddress) return;
      let addresses: dns.LookupAddress[];
      try {
        addresses = await dns.promises.lookup(checked.host, { all: true });
      } catch {
        throw disclosureError(400, 'WEBHOOK_HOST_UNRESOLVABLE', `推送地址的主机名“${checked.host}”无法解析`, `the webhook host ${checked.host} does not resolve`, {}, ['webhookUrl']);
      }
      const refused = addresses.find((a) => !addressAllowed(a.address, policy()));
      if (refused) throw bad(addressRefusal(refused.address));
    },

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
      const site = await getService('consumer-sites', strapi).byId(row.site_id);
      if (!site?.active) throw disclosureError(409, 'CONSUMER_SITE_INACTIVE', '接入网站已停用，不能重新推送', 'the consumer site is deactivated');
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
