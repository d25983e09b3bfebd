import type { Core } from '@strapi/strapi';
import { TAXONOMY_OF } from '../services/feed';
import { getService } from '../utils/get-service';

const ACTIONS = new Set(['create', 'update', 'delete', 'clone']);

/**
 * Document-service middleware: an organization, category or topic created, renamed, moved or deleted — whatever the
 * entry point (content manager, REST, scripts, the seed) — is a taxonomy event in the change feed, written in the
 * same transaction as the change (a rolled-back write leaves no event). Deleting a node detaches its children (their
 * parent becomes empty): each is told as moved (a site that saw it through the deleted node reads it as deleted).
 */
export const taxonomyFeed =
  (strapi: Core.Strapi) =>
  async (ctx: any, next: () => Promise<any>) => {
    if (!TAXONOMY_OF[ctx.uid] || !ACTIONS.has(ctx.action)) return next();
    const api = getService('consumer-api', strapi);
    const feed = getService('feed', strapi);
    return strapi.db.transaction(async ({ trx }) => {
      const documentId: string | undefined = ctx.action === 'create' || ctx.action === 'clone' ? undefined : ctx.params?.documentId;
      const before = documentId ? await api.referenceItem(ctx.uid, documentId) : null;
      const children =
        ctx.action === 'delete' && before
          ? await strapi.db.query(ctx.uid).findMany({ where: { parent: { id: before.id } }, select: ['documentId'] })
          : [];
      const childrenBefore = [];
      for (const child of children) childrenBefore.push(await api.referenceItem(ctx.uid, child.documentId));

      const result = await next();

      const target: string | undefined = documentId ?? result?.documentId;
      if (!target) return result;
      const after = ctx.action === 'delete' ? null : await api.referenceItem(ctx.uid, target);
      await feed.recordTaxonomy(trx, ctx.uid, target, before, after);
      for (const [i, child] of children.entries()) {
        // Its old parent is gone: whether a site saw it is judged by the deleted node's own parent.
        await feed.recordTaxonomy(trx, ctx.uid, child.documentId, childrenBefore[i], await api.referenceItem(ctx.uid, child.documentId), before?.parentId ?? null);
      }
      return result;
    });
  };
