import type { Core } from '@strapi/strapi';
import { z } from 'zod';
import { getService } from '../utils/get-service';
import { parseOr400 } from './workflow';

const deliveryQuery = z
  .object({
    status: z.enum(['pending', 'running', 'delivered', 'skipped', 'dead']).optional(),
    site: z.string().min(1).max(64).optional(),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();

const deliveryId = z.object({ id: z.coerce.number().int().min(1) });

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
    ctx.body = await getService('webhooks', strapi).list(parseOr400(deliveryQuery, ctx.query, 'query') as { page: number; pageSize: number });
  },
  async redeliver(ctx: any) {
    const { id } = parseOr400(deliveryId, ctx.params, 'query');
    ctx.body = { data: await getService('webhooks', strapi).redeliver(id) };
  },
});
