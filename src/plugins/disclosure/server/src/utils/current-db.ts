import type { Core } from '@strapi/strapi';

/**
 * The transaction the caller runs in, if any, else the pool. Plain SQL (knex) does not join Strapi's transaction by
 * itself: outside it, it would not see the transaction's writes — and on SQLite, whose pool holds one connection, it
 * would wait for the transaction forever.
 */
export async function currentDb(strapi: Core.Strapi): Promise<any> {
  if (!strapi.db.inTransaction()) return strapi.db.connection;
  return strapi.db.transaction(async ({ trx }) => trx);
}
