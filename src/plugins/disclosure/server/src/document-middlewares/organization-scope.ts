import type { Core } from '@strapi/strapi';
import { disclosureError } from '../utils/disclosure-error';
import { getService } from '../utils/get-service';

/** Writes that put content into an organization, and those that touch an existing entry. */
const PLACES = new Set(['create', 'update', 'clone']);
const TOUCHES = new Set(['update', 'clone', 'delete']);

/**
 * Document-service middleware: a staff member writes only for their own
 * organization (条例第十条: the organization that made the information discloses
 * it; supervising a subordinate is reviewing, not writing). Whatever the entry
 * point — content manager, REST with an admin session, server code called during
 * an admin request — the entry written must sit, as stored after the write and in
 * the same transaction, in an organization the member may write for, or nothing is
 * stored. So every body shape of publishingOrganization (ids, documentIds, connect,
 * set, shorthand) is judged by its effect. The entry they touch (update, clone,
 * delete) must be theirs too.
 *
 * An admin token acts as its owner. Server code without a request (seeds,
 * scheduler, scripts) and content-API or transfer tokens (issued by a system
 * administrator, bound to no organization; what they write is a draft that still
 * needs the organization's review) are not limited here. Anyone else with a
 * request — users-permissions users, anonymous callers — is refused.
 */
export const organizationScope =
  (strapi: Core.Strapi) =>
  async (ctx: any, next: () => Promise<any>) => {
    if (!(PLACES.has(ctx.action) || TOUCHES.has(ctx.action)) || !getService('catalog', strapi).isGoverned(ctx.uid)) return next();
    const staff = getService('staff', strapi);
    const writer = await staff.writer();
    if (!('member' in writer)) {
      if (writer.kind === 'other') {
        throw disclosureError(403, 'STAFF_ONLY', '政务公开内容只能由工作人员在管理后台或经授权的接口令牌写入', 'governed content is written only by staff in the admin or with an API token');
      }
      return next();
    }
    const { member } = writer;
    if (member.isSysadmin) return next();

    const stored = (documentId: string) =>
      strapi.db.query(ctx.uid).findOne({
        where: strapi.contentType(ctx.uid).options?.draftAndPublish ? { documentId, publishedAt: null } : { documentId },
        select: ['id'],
        populate: { publishingOrganization: { select: ['id', 'name'] } },
      });
    const mayWrite = (entry: any) => staff.inScope(member, entry?.publishingOrganization?.id ?? null, 'editor');

    if (TOUCHES.has(ctx.action) && ctx.params?.documentId) {
      const before = await stored(ctx.params.documentId);
      if (before && !(await mayWrite(before))) {
        throw disclosureError(403, 'OUT_OF_SCOPE', '该条目不属于您负责的机构', 'this entry belongs to an organization outside your scope');
      }
    }
    if (!PLACES.has(ctx.action)) return next();

    return strapi.db.transaction(async () => {
      const result = await next();
      const documentId = result?.documentId ?? ctx.params?.documentId;
      const after = documentId ? await stored(documentId) : null;
      if (after && !(await mayWrite(after))) {
        const name = after.publishingOrganization?.name;
        throw disclosureError(
          403,
          'ORGANIZATION_OUT_OF_SCOPE',
          member.organizationId
            ? `只能为本机构创建或修改信息，发布机构${name ? `“${name}”` : ''}不在您的职责范围内`
            : '您的账号未设置所属机构，不能创建或修改政务公开信息',
          'you may write entries only for your own organization',
          {},
          ['publishingOrganization']
        );
      }
      return result;
    });
  };
