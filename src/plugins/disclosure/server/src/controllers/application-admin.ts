import type { Core } from '@strapi/strapi';
import type { ApplicationPermissions } from '../services/application-handling';
import { getService } from '../utils/get-service';
import { actionBody, caseCreateBody, caseUpdateBody, listQuery, parseApplicationInput, previewBody } from '../validation/applications';
import { disclosureError } from '../utils/disclosure-error';

/**
 * The caller's application permissions, from the admin ability of this request (the role editor decides them; the
 * service checks them again for every read and action, and scopes by organization).
 */
const permissionsOf = (ctx: any): ApplicationPermissions => ({
  canHandle: Boolean(ctx.state.userAbility?.can('plugin::disclosure.application-handle')),
  canExtend: Boolean(ctx.state.userAbility?.can('plugin::disclosure.application-extend')),
  canCases: Boolean(ctx.state.userAbility?.can('plugin::disclosure.application-cases')),
});

/** 依申请公开 admin API under /disclosure/applications and /disclosure/application-cases. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const member = (ctx: any) => getService('staff', strapi).resolve(ctx.state.user);
  const handling = () => getService('application-handling', strapi);
  const html = (ctx: any, body: string) => {
    ctx.type = 'text/html; charset=utf-8';
    // The letter is the applicant's: never kept by a shared cache.
    ctx.set('Cache-Control', 'no-store');
    ctx.body = body;
  };

  return {
    async list(ctx: any) {
      const query = parseApplicationInput(listQuery, ctx.query);
      ctx.body = await handling().list(await member(ctx), permissionsOf(ctx), query);
    },

    async detail(ctx: any) {
      ctx.body = { data: await handling().detail(ctx.params.documentId, await member(ctx), permissionsOf(ctx)) };
    },

    async create(ctx: any) {
      ctx.status = 201;
      ctx.body = { data: await handling().create(ctx.request.body, await member(ctx), permissionsOf(ctx)) };
    },

    async act(ctx: any) {
      const { action, ...fields } = parseApplicationInput(actionBody, ctx.request.body);
      ctx.body = { data: await handling().act(ctx.params.documentId, action, fields, await member(ctx), permissionsOf(ctx)) };
    },

    async letterPreview(ctx: any) {
      const { outcome, details } = parseApplicationInput(previewBody, ctx.request.body);
      html(ctx, await handling().letterPreview(ctx.params.documentId, outcome, details ?? {}, await member(ctx), permissionsOf(ctx)));
    },

    async letter(ctx: any) {
      html(ctx, await handling().letter(ctx.params.documentId, await member(ctx), permissionsOf(ctx)));
    },

    async suggestions(ctx: any) {
      ctx.body = { data: await handling().suggestions(await member(ctx), permissionsOf(ctx)) };
    },

    async listCases(ctx: any) {
      const application = typeof ctx.query.application === 'string' && ctx.query.application ? ctx.query.application : undefined;
      ctx.body = { data: await handling().listCases(await member(ctx), permissionsOf(ctx), application) };
    },

    async createCase(ctx: any) {
      const input = parseApplicationInput(caseCreateBody, ctx.request.body);
      ctx.status = 201;
      ctx.body = { data: await handling().saveCase(await member(ctx), permissionsOf(ctx), input) };
    },

    async updateCase(ctx: any) {
      const id = Number(ctx.params.id);
      if (!Number.isInteger(id) || id < 1) throw disclosureError(400, 'VALIDATION', '案件编号不正确', 'id must be a positive integer', {}, ['id']);
      const input = parseApplicationInput(caseUpdateBody, ctx.request.body);
      ctx.body = { data: await handling().saveCase(await member(ctx), permissionsOf(ctx), input, id) };
    },
  };
};
