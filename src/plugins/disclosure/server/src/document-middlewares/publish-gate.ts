import type { Core } from '@strapi/strapi';
import { disclosureError } from '../utils/disclosure-error';
import { getService } from '../utils/get-service';
import { releaseContext } from '../utils/release-context';

const RELEASE_OPERATIONS = new Set(['publish', 'unpublish', 'discardDraft']);

const refuseRelease = () =>
  disclosureError(403, 'DISCLOSURE_RELEASE_REQUIRED', '政务公开内容只能经审核流程发布或撤回', 'governed content is published and withdrawn only through the review workflow');

/**
 * The publish gate. Whatever the entry point — REST, the content manager, a
 * script calling the document service — a governed entry is published,
 * unpublished or has its draft discarded only inside the workflow service's
 * release context, for the very content that was approved. Edits follow the
 * workflow's edit policy.
 */
export const publishGate =
  (strapi: Core.Strapi) =>
  async (ctx: any, next: () => Promise<any>) => {
    if (!getService('catalog', strapi).isGoverned(ctx.uid)) return next();
    const workflow = getService('workflow', strapi);
    const documentId: string | undefined = ctx.params?.documentId;

    if (RELEASE_OPERATIONS.has(ctx.action)) {
      const grant = releaseContext.getStore();
      if (!grant || grant.uid !== ctx.uid || grant.documentId !== documentId || grant.operation !== ctx.action) throw refuseRelease();
      if (ctx.action === 'publish' && (await workflow.draftHash(ctx.uid, documentId!)) !== grant.hash) throw refuseRelease();
      return next();
    }

    if ((ctx.action === 'create' || ctx.action === 'update' || ctx.action === 'clone') && ctx.params?.status === 'published') {
      throw refuseRelease();
    }

    if (ctx.action === 'update' && documentId) {
      const before = await workflow.beforeEdit(ctx.uid, documentId);
      return strapi.db.transaction(async ({ trx }) => {
        const result = await next();
        await workflow.afterEdit(trx, ctx.uid, documentId, before);
        return result;
      });
    }

    if (ctx.action === 'delete' && documentId) {
      const { state } = await workflow.getState(ctx.uid, documentId);
      if (state !== 'draft' || (await workflow.hasPublishedVersion(ctx.uid, documentId))) {
        throw disclosureError(409, 'ENTRY_NOT_DELETABLE', '只能删除从未发布且不在审核中的草稿；已发布的信息请撤回', 'only never-released drafts can be deleted; withdraw released entries instead');
      }
    }
    return next();
  };
