import type { Core } from '@strapi/strapi';
import { getService } from '../utils/get-service';

/** A relation value that names no organization: absent, null, [] or { connect: [] } with no `set`. */
const namesNone = (value: unknown): boolean => {
  if (value === undefined || value === null) return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') {
    const { connect, set } = value as { connect?: unknown; set?: unknown };
    if (set !== undefined) return Array.isArray(set) && set.length === 0;
    return connect === undefined || (Array.isArray(connect) && connect.length === 0);
  }
  return false;
};

/**
 * Document-service middleware: 发布机构 defaults to the writer's own organization. A staff member who creates a
 * governed entry without naming one (the content manager's create form, REST with an admin token, an import)
 * publishes for their organization — the one the organization scope lets them write for anyway. Server code,
 * tokens and staff without an organization are left alone: the scope and the release checks judge what they wrote.
 */
export const defaultOrganization =
  (strapi: Core.Strapi) =>
  async (ctx: any, next: () => Promise<any>) => {
    if (ctx.action !== 'create' || !getService('catalog', strapi).isGoverned(ctx.uid)) return next();
    const data = ctx.params?.data;
    if (!data || typeof data !== 'object' || !namesNone(data.publishingOrganization)) return next();
    const writer = await getService('staff', strapi).writer();
    if ('member' in writer && writer.member.organizationId) data.publishingOrganization = writer.member.organizationId;
    return next();
  };
