import type { Core } from '@strapi/strapi';
import { governedUids } from '../utils/content-type-uid';

/**
 * Indexes Strapi's schema does not declare, on the governed tables and the upload files. Ensured at every boot, after Strapi's schema sync:
 * the governed types are plugin config, so a fixed migration file could not name their tables, and Strapi runs
 * database/migrations before the sync (once, then never again) — on a fresh database the tables do not exist yet.
 * IF NOT EXISTS makes each boot after the first a no-op; the sync keeps indexes it never declared.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async ensure() {
    const knex = strapi.db.connection;
    for (const uid of governedUids(strapi)) {
      const table = strapi.contentType(uid).collectionName;
      // The dashboard and reminders read only unreleased entries by due date: released_on IS NULL, then the date range.
      await knex.raw(`CREATE INDEX IF NOT EXISTS ?? ON ?? (released_on, due_date)`, [`${table}_open_due_idx`, table]);
      // The consumer API: lookups by slug and 索引号, and released rows newest first.
      await knex.raw(`CREATE INDEX IF NOT EXISTS ?? ON ?? (slug)`, [`${table}_slug_idx`, table]);
      await knex.raw(`CREATE INDEX IF NOT EXISTS ?? ON ?? (index_number)`, [`${table}_index_number_idx`, table]);
      await knex.raw(`CREATE INDEX IF NOT EXISTS ?? ON ?? (published_at, id) WHERE published_at IS NOT NULL`, [`${table}_released_idx`, table]);
    }
    // The private upload folder looks files up by URL, and image formats by storage name (services/attachments.ts).
    const files = strapi.db.metadata.get('plugin::upload.file').tableName;
    await knex.raw('CREATE INDEX IF NOT EXISTS ?? ON ?? (url)', [`${files}_url_idx`, files]);
    await knex.raw('CREATE INDEX IF NOT EXISTS ?? ON ?? (hash)', [`${files}_hash_idx`, files]);
  },
});
