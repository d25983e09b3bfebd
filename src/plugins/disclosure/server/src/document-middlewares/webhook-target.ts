import type { Core } from '@strapi/strapi';
import { CONSUMER_SITE_UID } from '../constants';
import { getService } from '../utils/get-service';

const WRITES = new Set(['create', 'update', 'clone']);

/**
 * Document-service middleware: a consumer site's webhook URL is checked whenever it is written (content manager,
 * scripts), so no site is ever saved pointing at this machine or the internal network. Deliveries check again.
 */
export const webhookTarget =
  (strapi: Core.Strapi) =>
  async (ctx: any, next: () => Promise<any>) => {
    if (ctx.uid !== CONSUMER_SITE_UID || !WRITES.has(ctx.action)) return next();
    const url = ctx.params?.data?.webhookUrl;
    if (typeof url === 'string' && url.trim()) await getService('webhooks', strapi).assertTarget(url.trim());
    return next();
  };
