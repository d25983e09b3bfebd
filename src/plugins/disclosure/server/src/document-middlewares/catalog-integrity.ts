import type { Core } from '@strapi/strapi';
import { COMPUTED_ATTRIBUTES } from '../content-types/catalog-attributes';
import { formationDateInput } from '../domain/entry-rules';
import { getService } from '../utils/get-service';
import { toValidationError } from '../utils/validation-error';

const WRITES = new Set(['create', 'update', 'clone']);

/**
 * Document-service middleware: whatever the entry point (REST, content manager,
 * scripts), a write to a governed type is validated on what it stored and gets
 * its 索引号 and slug in the same transaction, or nothing is stored. A staff
 * member's save is audited in the same transaction.
 */
export const catalogIntegrity =
  (strapi: Core.Strapi) =>
  async (ctx: any, next: () => Promise<any>) => {
    const catalog = getService('catalog', strapi);
    if (!WRITES.has(ctx.action) || !catalog.isGoverned(ctx.uid)) return next();

    // 索引号, 公开期限, 首次发布日期 … belong to the system (which writes them below the document service): a client
    // cannot set or change them, whatever its entry point.
    if (ctx.params?.data && typeof ctx.params.data === 'object') {
      for (const name of COMPUTED_ATTRIBUTES) delete ctx.params.data[name];
      // A type's own system fields likewise (a report's generated figures and recorded explanations).
      for (const [name, attribute] of Object.entries(strapi.contentType(ctx.uid).attributes)) {
        if ((attribute as { writable?: boolean }).writable === false) delete ctx.params.data[name];
      }
      // 形成或变更日期 is a legal day: an instant is reduced to its Asia/Shanghai day here, a bad value refused (400).
      const formation = formationDateInput(ctx.params.data);
      if (formation.issue) throw toValidationError([formation.issue]);
      if (formation.value) ctx.params.data.formedOrChangedAt = formation.value;
    }

    return strapi.db.transaction(async ({ trx }) => {
      const result = await next();
      const documentId = result?.documentId ?? ctx.params?.documentId;
      if (!documentId) return result;
      const patch = await catalog.settle(trx, ctx.uid, documentId, ctx.action);
      // Staff saves between workflow steps belong in the entry's history.
      await getService('workflow', strapi).recordSave(trx, ctx.uid, documentId, ctx.action);
      if (result && typeof result === 'object' && !Array.isArray(result.entries)) Object.assign(result, patch);
      return result;
    });
  };
