import type { Core } from '@strapi/strapi';
import { translateValidationError } from '../utils/translate-validation-error';
import { fieldLabel } from '../utils/field-label';

/**
 * Every write to our content types, from any entry point, reports validation
 * problems in one shape with Chinese messages.
 */
export const validationMessages =
  (strapi: Core.Strapi) =>
  async (ctx: any, next: () => Promise<any>) => {
    if (!String(ctx.uid).startsWith('api::')) return next();
    try {
      return await next();
    } catch (error) {
      throw translateValidationError(error, (path) => fieldLabel(strapi, ctx.uid, path));
    }
  };
