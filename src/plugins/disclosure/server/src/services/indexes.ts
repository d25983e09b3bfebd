import type { Core } from '@strapi/strapi';
import { up as createIndexes } from '../../../../../../database/migrations/2026.12.01T00.00.00.disclosure-indexes';
import { up as createAnnualReportIndexes } from '../../../../../../database/migrations/2026.12.02T00.00.00.annual-report-indexes';

/**
 * The indexes Strapi's schema does not declare live in migrations (database/migrations). Strapi runs each once, before
 * its schema sync, when a fresh database has no tables yet; this runs the same migrations again after the sync, at every
 * boot (they are idempotent), so that every database gets them.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async ensure() {
    await createIndexes(strapi.db.connection, strapi.db);
    await createAnnualReportIndexes(strapi.db.connection, strapi.db);
  },
});
