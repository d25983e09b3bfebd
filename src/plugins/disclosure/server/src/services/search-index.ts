import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { governedUids } from '../utils/content-type-uid';
import { CONSUMER_TYPES, ConsumerType, FEED_EVENT_TABLE, PLUGIN_ID, typeOfUid } from '../constants';
import { REPRESENTATION_VERSION, searchTextOf } from '../domain/consumer/representation';
import { getService } from '../utils/get-service';
import { dbMetadata } from '../utils/db-metadata';

const BATCH = 500;
const STORE_KEY = { type: 'plugin', name: PLUGIN_ID, key: 'public-representation-version' };

/**
 * The consumer list's search text (`publicSearchText`, on released rows only): derived from the entry's public
 * representation, masked exactly as shown, so that `q` can never find what the response hides. Written in the
 * release's own transaction; at boot, rows released before the column existed are filled, and after a change of
 * the representation (REPRESENTATION_VERSION) every search text and live feed snapshot is rebuilt once.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const { table: tableOf, column } = dbMetadata(strapi);
  const columnOf = (uid: string) => column(uid, 'publicSearchText');
  const api = () => getService('consumer-api', strapi);

  const write = async (db: Knex, type: ConsumerType, rows: { id: number; item: Record<string, unknown> }[]) => {
    const uid = CONSUMER_TYPES[type].uid;
    for (const { id, item } of rows) await db(tableOf(uid)).where({ id }).update({ [columnOf(uid)]: searchTextOf(type, item) });
  };

  const governedTypes = () => {
    const governed = new Set(governedUids(strapi));
    return (Object.keys(CONSUMER_TYPES) as ConsumerType[]).filter((t) => governed.has(CONSUMER_TYPES[t].uid));
  };

  /** Search texts of released rows: all of them, or only those without one; batch by batch. Returns how many. */
  const indexRows = async (all: boolean) => {
    let written = 0;
    for (const type of governedTypes()) {
      const column = `e.${columnOf(CONSUMER_TYPES[type].uid)}`;
      let after = 0;
      for (;;) {
        const rows = await api().publicItems(type, (q) => (all ? q.where('e.id', '>', after) : q.whereNull(column)).orderBy('e.id').limit(BATCH));
        if (rows.length > 0) await strapi.db.connection.transaction((trx) => write(trx, type, rows));
        written += rows.length;
        if (rows.length < BATCH) break;
        after = rows[rows.length - 1].id;
      }
    }
    return written;
  };

  /** Live feed snapshots (the latest event of each released entry), re-rendered as the API shows the entry now. */
  const refreshFeed = async () => {
    let written = 0;
    let after = 0;
    for (;;) {
      const events = await strapi.db.connection(FEED_EVENT_TABLE).where('id', '>', after).andWhere('superseded', false).whereNotNull('entry').orderBy('id').limit(BATCH).select('id', 'target_uid', 'target_document_id');
      for (const event of events) {
        const type = typeOfUid(event.target_uid);
        const loaded = type ? await api().loadPublic(type, event.target_document_id) : null;
        if (loaded) written += await strapi.db.connection(FEED_EVENT_TABLE).where({ id: event.id, superseded: false }).update({ entry: JSON.stringify(loaded.entry) });
      }
      if (events.length < BATCH) break;
      after = events[events.length - 1].id;
    }
    return written;
  };

  return {
    /** Indexes a document's released row; call inside the transaction that released it. */
    async refresh(trx: Knex, uid: string, documentId: string) {
      const type = typeOfUid(uid);
      if (!type) return;
      await write(trx, type, await api().publicItems(type, (q) => q.where('e.document_id', documentId), trx));
    },

    /** At boot: idempotent; a new representation version rebuilds everything stored once, otherwise only gaps are filled. */
    async backfill() {
      const stored = Number((await strapi.store.get(STORE_KEY)) ?? 0);
      const stale = stored < REPRESENTATION_VERSION;
      const written = (await indexRows(stale)) + (stale ? await refreshFeed() : 0);
      if (stale) await strapi.store.set({ ...STORE_KEY, value: REPRESENTATION_VERSION });
      // Search results and feed pages cached before (on any instance) may now be out of date.
      if (written > 0) await getService('consumer-cache', strapi).announceNow('catalogue');
    },
  };
};
