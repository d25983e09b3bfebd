import type { Core } from '@strapi/strapi';
import { fieldLabel } from '../utils/field-label';
import { isContentTypeUid } from '../utils/content-type-uid';
import { translateValidationDetails } from '../utils/translate-validation-error';

/**
 * The content API's own checks (unknown or read-only keys, bad query params) answer
 * in English without a code. Rewrites those 400s into the one error shape, with the
 * field's Chinese label, whichever content type the route serves.
 */
export const contentApiErrors = (strapi: Core.Strapi) => async (ctx: any, next: () => Promise<void>) => {
  await next();
  const error = ctx.body?.error;
  if (ctx.status !== 400 || error?.name !== 'ValidationError') return;
  const handler: string | undefined = ctx.state?.route?.handler;
  const served = handler?.startsWith('api::') ? handler.slice(0, handler.lastIndexOf('.')) : undefined;
  const uid = served && isContentTypeUid(served) ? served : undefined;
  const { message, details } = translateValidationDetails(error.message, error.details, (path) => fieldLabel(strapi, uid, path));
  ctx.body = { ...ctx.body, error: { ...error, message, details } };
};
