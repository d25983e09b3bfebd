import type { Core } from '@strapi/strapi';
import { CONSUMER_TYPES, ConsumerType, PLUGIN_ID } from '../constants';
import { searchTextOf } from '../domain/consumer/representation';
import { getService } from '../utils/get-service';
import { typeOfUid } from './consumer-api';

const BACKFILL_BATCH = 500;

/**
 * The consumer list's search text (`publicSearchText`, on released rows only): derived from the entry's public
 * representation, masked exactly as shown, so that `q` can never find what the response hides. Written in the
 * release's own transaction; rows released before the column existed are filled at boot.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const tableOf = (uid: string) => strapi.db.metadata.get(uid as any).tableName as string;
  const columnOf = (uid: string) => (strapi.db.metadata.get(uid as any).attributes as any).publicSearchText.columnName as string;

  const write = async (db: any, type: ConsumerType, rows: { id: number; item: Record<string, unknown> }[]) => {
    const uid = CONSUMER_TYPES[type].uid;
    for (const { id, item } of rows) await db(tableOf(uid)).where({ id }).update({ [columnOf(uid)]: searchTextOf(type, item) });
  };

  return {
    /** Indexes a document's released row; call inside the transaction that released it. */
    async refresh(trx: any, uid: string, documentId: string) {
      const type = typeOfUid(uid);
      if (!type) return;
      await write(trx, type, await getService('consumer-api', strapi).publicItems(type, (q) => q.where('e.document_id', documentId), trx));
    },

    /** Released rows with no search text yet, batch by batch; idempotent (indexed rows are skipped). */
    async backfill() {
      let written = 0;
      const governed = new Set(strapi.plugin(PLUGIN_ID).config('contentTypes') as string[]);
      for (const type of (Object.keys(CONSUMER_TYPES) as ConsumerType[]).filter((t) => governed.has(CONSUMER_TYPES[t].uid))) {
        const column = `e.${columnOf(CONSUMER_TYPES[type].uid)}`;
        for (;;) {
          const rows = await getService('consumer-api', strapi).publicItems(type, (q) => q.whereNull(column).orderBy('e.id').limit(BACKFILL_BATCH));
          if (rows.length > 0) await strapi.db.connection.transaction((trx: any) => write(trx, type, rows));
          written += rows.length;
          if (rows.length < BACKFILL_BATCH) break;
        }
      }
      // Search results cached before (on any instance) may now be incomplete.
      if (written > 0) await getService('consumer-cache', strapi).announceNow('catalogue');
    },
  };
};
