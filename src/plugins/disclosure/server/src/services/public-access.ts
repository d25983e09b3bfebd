import type { Core } from '@strapi/strapi';
import { governedUids } from '../utils/content-type-uid';
import { REFERENCE_CONTENT_TYPES } from '../constants';

const READ_ACTIONS = ['find', 'findOne'];

/**
 * The Public role may read reference data (organizations, categories, topics), nothing else. Released content is
 * read through the consumer API (/api/disclosure/...), which scopes it per site and masks personal data; Strapi's
 * own REST routes for governed types stay closed to anonymous callers (and any such grant from an older version is
 * removed). Idempotent.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async grantPublicRead() {
    const role = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'public' } });
    if (!role) return;
    const governed = governedUids(strapi);
    const unwanted = governed.flatMap((uid) => READ_ACTIONS.map((action) => `${uid}.${action}`));
    await strapi.db.query('plugin::users-permissions.permission').deleteMany({ where: { role: role.id, action: { $in: unwanted } } });
    const wanted = REFERENCE_CONTENT_TYPES.flatMap((uid) => READ_ACTIONS.map((action) => `${uid}.${action}`));
    const existing = await strapi.db.query('plugin::users-permissions.permission').findMany({
      where: { role: role.id, action: { $in: wanted } },
      select: ['action'],
    });
    const have = new Set(existing.map((p: any) => p.action));
    for (const action of wanted.filter((a) => !have.has(a))) {
      await strapi.db.query('plugin::users-permissions.permission').create({ data: { action, role: role.id } });
    }
  },
});
