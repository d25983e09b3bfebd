import type { Core } from '@strapi/strapi';
import { ORGANIZATION_UID, ROLE_CODES, USER_ORGANIZATION_FIELD } from '../constants';
import type { Actor, WorkflowRole } from '../domain/workflow';
import { disclosureError } from '../utils/disclosure-error';
import { getService } from '../utils/get-service';

const USER_UID = 'admin::user';

/** An organization as staff pages show it. */
export interface OrganizationRef {
  id: number;
  documentId: string;
  name: string;
}

/** Who changes an organization assignment (the signed-in admin user). */
export interface AssignedBy {
  id: number;
  firstname?: string | null;
  lastname?: string | null;
  email?: string | null;
}

const displayName = (user: { firstname?: string | null; lastname?: string | null; email?: string | null; id: number } | null | undefined) =>
  [user?.lastname, user?.firstname].filter(Boolean).join('') || user?.email || `#${user?.id}`;

const organizationRef = (organization: any): OrganizationRef | null =>
  organization ? { id: organization.id, documentId: organization.documentId, name: organization.name } : null;

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
      name: displayName(full ?? user),
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

  /** Admin users working for the same organization as this one (only themselves when they have none). */
  async colleagueIds(userId: number): Promise<number[]> {
    const user = await strapi.db.query(USER_UID).findOne({ where: { id: userId }, select: ['id'], populate: { [USER_ORGANIZATION_FIELD]: { select: ['id'] } } });
    const organizationId = user?.[USER_ORGANIZATION_FIELD]?.id;
    if (!organizationId) return [userId];
    const colleagues = await strapi.db.query(USER_UID).findMany({ where: { [USER_ORGANIZATION_FIELD]: { id: organizationId } }, select: ['id'] });
    return colleagues.map((c: { id: number }) => c.id);
  },

  /**
   * The organization named by a request (a documentId, or null to clear it): a 400 on the given field when it is
   * neither, or names no organization.
   */
  async organizationFor(value: unknown, field: string): Promise<OrganizationRef | null> {
    if (value === null) return null;
    const invalid = (message: string, messageEn: string) => disclosureError(400, 'UNKNOWN_ORGANIZATION', message, messageEn, {}, [field]);
    if (typeof value !== 'string' || value.trim() === '') throw invalid('所属机构应为机构编号（documentId）或 null', `${field} must be an organization documentId or null`);
    const organization = await strapi.db.query(ORGANIZATION_UID).findOne({ where: { documentId: value }, select: ['id', 'documentId', 'name'] });
    if (!organization) throw invalid(`所属机构“${value}”不存在`, `no organization has documentId ${value}`);
    return organizationRef(organization);
  },

  /**
   * Sets the organization an admin user works for, and records who changed it from what to what in the audit
   * trail, in one transaction (the caller's, when there is one). Unchanged assignments record nothing.
   */
  async assignOrganization(userId: number, organization: OrganizationRef | null, by: AssignedBy) {
    return strapi.db.transaction(async ({ trx }) => {
      const user = await strapi.db.query(USER_UID).findOne({ where: { id: userId }, populate: { [USER_ORGANIZATION_FIELD]: { select: ['id', 'documentId', 'name'] } } });
      if (!user) throw disclosureError(404, 'USER_NOT_FOUND', '该管理员账号不存在', 'no such admin user', {}, ['userId']);
      const from = organizationRef(user[USER_ORGANIZATION_FIELD]);
      if ((from?.id ?? null) === (organization?.id ?? null)) return { user: { id: user.id, email: user.email }, from, to: organization, changed: false };
      await strapi.db.query(USER_UID).update({ where: { id: userId }, data: { [USER_ORGANIZATION_FIELD]: organization?.id ?? null } });
      await getService('audit', strapi).append(trx, {
        actor: `admin:${by.id}`,
        actorName: displayName(by),
        action: 'staff_organization_changed',
        targetUid: USER_UID,
        targetDocumentId: user.documentId ?? String(user.id),
        reason: null,
        data: {
          user: { id: user.id, email: user.email, name: displayName(user) },
          from: from && { documentId: from.documentId, name: from.name },
          to: organization && { documentId: organization.documentId, name: organization.name },
        },
      });
      return { user: { id: user.id, email: user.email }, from, to: organization, changed: true };
    });
  },

  /** 人员与机构: every admin user with their roles and organization, and the organizations to choose from. */
  async directory() {
    const users = await strapi.db.query(USER_UID).findMany({
      select: ['id', 'firstname', 'lastname', 'email', 'isActive'],
      populate: { roles: { select: ['id', 'name', 'code'] }, [USER_ORGANIZATION_FIELD]: { select: ['id', 'documentId', 'name'] } },
      orderBy: { id: 'asc' },
    });
    const organizations = await strapi.db.query(ORGANIZATION_UID).findMany({ select: ['id', 'documentId', 'name'], orderBy: { code: 'asc' } });
    return {
      users: users.map((user: any) => ({
        id: user.id,
        name: displayName(user),
        email: user.email,
        isActive: Boolean(user.isActive),
        roles: (user.roles ?? []).map((role: any) => ({ id: role.id, name: role.name, code: role.code })),
        organization: organizationRef(user[USER_ORGANIZATION_FIELD]),
      })),
      organizations: organizations.map(organizationRef),
    };
  },
});
