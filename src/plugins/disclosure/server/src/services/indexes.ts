import type { Core } from '@strapi/strapi';
import { up as createIndexes } from '../../../../../../database/migrations/2026.12.01T00.00.00.disclosure-indexes';

/**
 * The indexes Strapi's schema does not declare live in one migration (database/migrations). Strapi runs it once, before
 * its schema sync, when a fresh database has no tables yet; this runs the same migration again after the sync, at every
 * boot (it is idempotent), so that every database gets them.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async ensure() {
    await createIndexes(strapi.db.connection, strapi.db);
  },
});
