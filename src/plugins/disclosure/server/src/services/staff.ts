import type { Core } from '@strapi/strapi';
import { ROLE_CODES, USER_ORGANIZATION_FIELD } from '../constants';
import type { Actor, WorkflowRole } from '../domain/workflow';
import { getService } from '../utils/get-service';

/** Admin permissions that make a workflow role (so roles stay configurable in Strapi's role editor). */
const ROLE_BY_PERMISSION: Record<string, WorkflowRole> = {
  'plugin::disclosure.submit': 'editor',
  'plugin::disclosure.review': 'reviewer',
  'plugin::disclosure.release': 'publisher',
};

export interface StaffMember {
  actor: Actor;
  userId: number;
  name: string;
  organizationId: number | null;
  isSysadmin: boolean;
  /** Their organization and those below it, loaded once per request when first needed. */
  subtreeIds?: number[];
}

/**
 * Who an admin user is in the workflow: roles from their permissions, and the
 * organization they work for. Editors act for their own organization; reviewers
 * and publishers for it and every organization under it.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async resolve(user: { id: number }): Promise<StaffMember> {
    const full = await strapi.db.query('admin::user').findOne({ where: { id: user.id }, populate: ['roles', USER_ORGANIZATION_FIELD] });
    const isSysadmin = (full?.roles ?? []).some((role: any) => role.code === ROLE_CODES.sysadmin);
    const permissions = await strapi.service('admin::permission').findUserPermissions(full ?? user);
    const roles = new Set<WorkflowRole>();
    for (const permission of permissions) {
      const role = ROLE_BY_PERMISSION[permission.action];
      if (role) roles.add(role);
    }
    if (isSysadmin) roles.add('sysadmin');
    return {
      actor: { id: user.id, roles: [...roles] },
      userId: user.id,
      name: [full?.lastname, full?.firstname].filter(Boolean).join('') || full?.email || `#${user.id}`,
      organizationId: full?.[USER_ORGANIZATION_FIELD]?.id ?? null,
      isSysadmin,
    };
  },

  /**
   * Who is writing through the document service now: server code with no request (seeds, scheduler, scripts),
   * a content-API or transfer token (issued by a system administrator, bound to no organization), a staff member
   * (signed in to the admin, or an admin token, which acts as its owner), or anyone else (users-permissions
   * users, anonymous callers). The member is resolved once per request.
   */
  async writer(): Promise<{ kind: 'server' | 'token' | 'other' } | { kind: 'staff'; member: StaffMember }> {
    const request: any = strapi.requestContext.get();
    if (!request) return { kind: 'server' };
    const strategy = request.state?.auth?.strategy?.name;
    if ((strategy === 'admin' || strategy === 'admin-token') && request.state.user?.id) {
      request.state.disclosureStaff ??= await this.resolve(request.state.user);
      return { kind: 'staff', member: request.state.disclosureStaff };
    }
    return { kind: strategy === 'content-api-token' || strategy === 'data-transfer' ? 'token' : 'other' };
  },

  /** The organization and all organizations below it. */
  async subtree(organizationId: number | null): Promise<number[]> {
    if (!organizationId) return [];
    return getService('consumer-sites', strapi).subtree('organization', [organizationId]);
  },

  /** May this member act on an entry of that organization, for this role of theirs? */
  async inScope(member: StaffMember, entryOrganizationId: number | null, role: WorkflowRole): Promise<boolean> {
    if (member.isSysadmin) return true;
    if (!member.organizationId || !entryOrganizationId) return false;
    if (role === 'editor') return member.organizationId === entryOrganizationId;
    member.subtreeIds ??= await this.subtree(member.organizationId);
    return member.subtreeIds.includes(entryOrganizationId);
  },
});
