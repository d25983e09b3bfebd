import type { Core } from '@strapi/strapi';
import { createHash } from 'crypto';
import type { EventEmitter } from 'events';
import type { Knex } from 'knex';
import { LRUCache } from 'lru-cache';
import { CONSUMER_CHANNEL, PLUGIN_ID } from '../constants';
import type { ConsumerLimits } from '../config';

interface Cached {
  generation: string;
  etag: string;
  body: string;
}

/**
 * What an entry may hold in memory: V8 keeps a string with any non-Latin-1 character (Chinese text) at two bytes per
 * UTF-16 unit, so count every string that way, plus a fixed allowance for the entry's objects.
 */
export const entryBytes = (key: string, entry: Cached) => 2 * (key.length + entry.body.length + entry.etag.length + entry.generation.length) + 128;

/**
 * Consumer API responses, kept per site and query until the released catalogue changes. A change is announced with
 * NOTIFY in the changing transaction, so every instance (HTTP servers and scheduler workers alike) drops its cache
 * the moment the change commits; the instance that made it also drops it on commit without waiting for the
 * notification. While the LISTEN connection is down, the cache is bypassed (correct, only slower).
 */
/** The raw pg client knex hands out for LISTEN (knex leaves its client untyped): the calls made on it here. */
interface ListenConnection extends EventEmitter {
  query(sql: string): Promise<unknown>;
  end(): Promise<void>;
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  let catalogue = 0;
  let sites = 0;
  let listening = false;
  let connection: ListenConnection | null = null;
  let stopped = false;
  let retry: NodeJS.Timeout | null = null;
  const limits = () => strapi.plugin(PLUGIN_ID).config('consumer') as ConsumerLimits;
  const { cacheMaxBytes } = limits();
  // Bounded by bytes, not entries: a list of 100 full entries weighs a thousand times a small detail.
  const cache = new LRUCache<string, Cached>({ maxSize: cacheMaxBytes, sizeCalculation: (entry, key) => entryBytes(key, entry) });
  const enabled = () => limits().cache !== 'off';
  const isPostgres = () => strapi.db.dialect.client === 'postgres';

  const bump = (what: string) => {
    if (what === 'sites') sites += 1;
    else catalogue += 1;
    cache.clear();
  };

  const service = {
    generation: () => `${catalogue}.${sites}`,
    sitesGeneration: () => sites,

    /** Usable when changes from every instance reach us: on PostgreSQL through LISTEN; SQLite is single-instance. */
    usable() {
      return enabled() && (!isPostgres() || listening);
    },

    get(key: string): Cached | undefined {
      if (!this.usable()) return undefined;
      const hit = cache.get(key);
      return hit && hit.generation === this.generation() ? hit : undefined;
    },

    set(key: string, generation: string, body: string): Cached {
      const entry = { generation, body, etag: etagOf(body) };
      if (!this.usable() || generation !== this.generation()) return entry;
      // The least recently used entries make room; one larger than the whole budget is not kept.
      cache.set(key, entry);
      return entry;
    },

    /**
     * A value derived from the catalogue (a list's total), computed once per catalogue generation: every page, page
     * size and order of one query share it. Kept in the response cache, so it is dropped with it.
     */
    async memo(key: string, compute: () => Promise<string>): Promise<string> {
      const hit = this.get(`memo|${key}`);
      if (hit) return hit.body;
      const generation = this.generation();
      const value = await compute();
      this.set(`memo|${key}`, generation, value);
      return value;
    },

    /**
     * Announces a change inside the writing transaction: delivered to other instances at commit, applied here on
     * commit (and, since a rolled-back change changed nothing, not at all otherwise).
     */
    async announce(trx: Knex, what: 'catalogue' | 'sites') {
      if (isPostgres()) await trx.raw('SELECT pg_notify(?, ?)', [CONSUMER_CHANNEL, what]);
      await strapi.db.transaction(async ({ onCommit }) => onCommit(() => bump(what)));
    },

    /** From a lifecycle: inside the write's transaction when there is one (delivered at its commit), else at once. */
    async announceNow(what: 'catalogue' | 'sites') {
      await strapi.db.transaction(async ({ trx }) => this.announce(trx, what));
    },

    async listen() {
      if (!isPostgres() || stopped) return;
      try {
        const listener: ListenConnection = await strapi.db.connection.client.acquireRawConnection();
        connection = listener;
        listener.on('notification', (message: { payload: string }) => bump(message.payload));
        listener.on('error', () => reconnect());
        listener.on('end', () => reconnect());
        await listener.query(`LISTEN ${CONSUMER_CHANNEL}`);
        listening = true;
        // Anything may have changed while we were not listening.
        bump('catalogue');
        bump('sites');
      } catch (error: any) {
        strapi.log.warn(`[disclosure] consumer cache: LISTEN failed (${error?.message}); retrying`);
        reconnect();
      }
    },

    /** What the cache holds now, against its budget. */
    stats() {
      return { entries: cache.size, bytes: cache.calculatedSize, maxBytes: cacheMaxBytes };
    },

    async stop() {
      stopped = true;
      listening = false;
      if (retry) clearTimeout(retry);
      const current = connection;
      connection = null;
      if (current) {
        current.removeAllListeners('end');
        current.removeAllListeners('error');
        current.on('error', () => undefined);
        await current.end().catch(() => undefined);
      }
    },
  };

  function reconnect() {
    listening = false;
    cache.clear();
    if (stopped || retry) return;
    const old = connection;
    connection = null;
    old?.removeAllListeners('end');
    old?.end().catch(() => undefined);
    retry = setTimeout(() => {
      retry = null;
      void service.listen();
    }, 1000);
  }

  return service;
};

/** Strong validator of a representation: the same bytes, the same tag. */
export const etagOf = (body: string) => `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
