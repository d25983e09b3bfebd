import type { Core } from '@strapi/strapi';
import { getService } from '../utils/get-service';

const ENTRIES = /^\/content-manager\/collection-types\/([^/]+)(?:\/[^/]+)?$/;

/**
 * The content manager's Draft / Modified / Published badges (list and edit view) come from each entry's `status` in
 * its responses. For governed types that status is replaced by the workflow state (待审核, 待发布, 已发布, …): an
 * entry released through the workflow is 已发布 even when Strapi would call it modified, one in review is 待审核, not
 * a draft. Only the status shown changes; what is stored and Strapi's publish state are untouched.
 */
export const workflowStatus = (strapi: Core.Strapi) => async (ctx: any, next: () => Promise<void>) => {
  await next();
  const match = ENTRIES.exec(ctx.path);
  if (!match || ctx.status >= 300 || !ctx.body || typeof ctx.body !== 'object') return;
  const uid = decodeURIComponent(match[1]);
  if (!getService('catalog', strapi).isGoverned(uid)) return;
  const entries: any[] = Array.isArray(ctx.body.results) ? ctx.body.results : ctx.body.data?.documentId ? [ctx.body.data] : [];
  const shown = entries.filter((entry) => typeof entry?.documentId === 'string' && typeof entry.status === 'string');
  if (shown.length === 0) return;
  const statuses = await getService('workflow', strapi).adminStatuses(
    uid as any,
    // Strapi's status tells whether a published (released) version exists: it is then published or modified.
    shown.map((entry) => ({ documentId: entry.documentId, published: entry.status !== 'draft' })),
  );
  for (const entry of shown) entry.status = statuses.get(entry.documentId) ?? entry.status;
};

