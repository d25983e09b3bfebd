import type { Core } from '@strapi/strapi';
import { getService } from '../utils/get-service';

/**
 * Strapi's REST API publishes on create and update unless told ?status=draft.
 * Writes to governed types default to draft here (publishing is the workflow's
 * job); an explicit ?status=published still reaches the gate and is refused.
 */
export const draftByDefault = (strapi: Core.Strapi) => async (ctx: any, next: () => Promise<void>) => {
  const prefix = strapi.config.get('api.rest.prefix', '/api') as string;
  if ((ctx.method === 'POST' || ctx.method === 'PUT') && ctx.path.startsWith(`${prefix}/`) && ctx.query?.status === undefined) {
    const plural = ctx.path.slice(prefix.length + 1).split('/')[0];
    const catalog = getService('catalog', strapi);
    const governed = Object.values(strapi.contentTypes).some((ct) => ct.info?.pluralName === plural && catalog.isGoverned(ct.uid));
    if (governed) ctx.query = { ...ctx.query, status: 'draft' };
  }
  await next();
};
