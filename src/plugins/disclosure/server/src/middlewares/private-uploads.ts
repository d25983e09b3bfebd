import type { Core } from '@strapi/strapi';
import { isUploadPath } from '../domain/attachments';
import { disclosureError } from '../utils/disclosure-error';
import { getService } from '../utils/get-service';

/**
 * The upload folder is private. Runs before Strapi's own middlewares (added in register), so a refused request
 * never reaches the static file server, however the path is spelled.
 */
export const privateUploads = (strapi: Core.Strapi) => async (ctx: any, next: () => Promise<void>) => {
  if (!isUploadPath(ctx.path)) return next();
  const access = (ctx.method === 'GET' || ctx.method === 'HEAD') && ctx.path.startsWith('/uploads/') ? await getService('attachments', strapi).access(ctx.path, ctx.query ?? {}) : 'denied';
  if (access === 'denied') {
    // 404 for unknown and unreleased files alike: whether a draft's attachment exists is not public either.
    const error: any = disclosureError(404, 'FILE_NOT_FOUND', '文件不存在或尚未公开', 'no such public file');
    ctx.status = 404;
    ctx.body = { data: null, error: { status: 404, name: 'NotFoundError', message: error.message, details: error.details } };
    return;
  }
  await next();
  // Released files may be cached but must be revalidated (a withdrawal takes them down); previews are not cached.
  if (ctx.status === 200 || ctx.status === 206) ctx.set('Cache-Control', access === 'released' ? 'public, no-cache' : 'private, no-store');
};
