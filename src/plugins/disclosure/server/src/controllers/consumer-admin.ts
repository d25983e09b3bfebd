import type { Core } from '@strapi/strapi';
import { getService } from '../utils/get-service';
import { deliveryId, deliveryQuery, parseOr400 } from '../validation';

/** Admin API for 接入网站 tokens and secrets (shown once) and the webhook delivery log. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async issueToken(ctx: any) {
    ctx.status = 201;
    ctx.body = { data: await getService('consumer-sites', strapi).issueToken(ctx.params.documentId) };
  },
  async revokeToken(ctx: any) {
    ctx.body = { data: await getService('consumer-sites', strapi).revokeToken(ctx.params.documentId) };
  },
  async rotateWebhookSecret(ctx: any) {
    ctx.status = 201;
    ctx.body = { data: await getService('consumer-sites', strapi).rotateWebhookSecret(ctx.params.documentId) };
  },
  async deliveries(ctx: any) {
    const listed = await getService('webhooks', strapi).list(parseOr400(deliveryQuery, ctx.query, 'query') as { page: number; pageSize: number });
    // Active sites that are never pushed to have no rows here: the page says why.
    ctx.body = { ...listed, meta: { ...listed.meta, sitesWithoutPush: await getService('consumer-sites', strapi).withoutPush() } };
  },
  async redeliver(ctx: any) {
    const { id } = parseOr400(deliveryId, ctx.params, 'query');
    ctx.body = { data: await getService('webhooks', strapi).redeliver(id) };
  },
});
