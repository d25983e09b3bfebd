import type { Core } from '@strapi/strapi';
import { USER_ORGANIZATION_FIELD } from '../constants';
import { disclosureError } from '../utils/disclosure-error';
import { getService } from '../utils/get-service';

type Handler = (ctx: any) => Promise<unknown>;

/** 人员与机构 (admin API under /disclosure/staff): who works for which organization, set by user administrators. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async directory(ctx: any) {
    // Whether this caller may reassign, decided here: the admin's own permission check can run before the user's
    // permissions have loaded and then never again, leaving the pickers disabled for a user who may use them.
    const canUpdate = Boolean(ctx.state.userAbility?.can('admin::users.update'));
    ctx.body = { data: { ...(await getService('staff', strapi).directory()), canUpdate } };
  },

  async setOrganization(ctx: any) {
    const userId = Number(ctx.params.userId);
    if (!Number.isInteger(userId) || userId < 1) throw disclosureError(400, 'INVALID_INPUT', '管理员编号不正确', 'userId must be a positive integer', {}, ['userId']);
    const body = ctx.request.body ?? {};
    if (!(typeof body === 'object' && 'organization' in body)) {
      throw disclosureError(400, 'INVALID_INPUT', '缺少所属机构（organization），清除请传 null', 'organization is required (null clears it)', {}, ['organization']);
    }
    const staff = getService('staff', strapi);
    const organization = await staff.organizationFor(body.organization, 'organization');
    ctx.body = { data: await staff.assignOrganization(userId, organization, ctx.state.user) };
  },
});

/**
 * Strapi's own POST /admin/users and PUT /admin/users/:id (invite and edit) accept `disclosureOrganization` (an
 * organization documentId, or null): the key is taken out before Strapi validates the body, which refuses unknown
 * keys, and the organization is set, audited, in the same transaction as the user. These routes' own policies
 * (admin::users.create / admin::users.update) have already run when the controller does.
 */
export function withOrganization(strapi: Core.Strapi, original: Handler): Handler {
  return async (ctx: any) => {
    const body = ctx.request.body;
    if (!body || typeof body !== 'object' || !(USER_ORGANIZATION_FIELD in body)) return original(ctx);
    const { [USER_ORGANIZATION_FIELD]: requested, ...rest } = body;
    const staff = getService('staff', strapi);
    const organization = await staff.organizationFor(requested, USER_ORGANIZATION_FIELD);
    ctx.request.body = rest;
    return strapi.db.transaction(async () => {
      const result = await original(ctx);
      const user = ctx.body?.data;
      if (ctx.status >= 200 && ctx.status < 300 && user?.id) {
        await staff.assignOrganization(user.id, organization, ctx.state.user);
        user[USER_ORGANIZATION_FIELD] = organization && { documentId: organization.documentId, name: organization.name };
      }
      return result;
    });
  };
}
