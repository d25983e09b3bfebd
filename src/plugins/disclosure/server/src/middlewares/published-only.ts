import type { Core } from '@strapi/strapi';

/**
 * Strapi's REST API returns drafts to anyone who asks with ?status=draft. Content
 * API reads here serve released content only; drafts live in the admin.
 */
export const publishedOnly = (strapi: Core.Strapi) => async (ctx: any, next: () => Promise<void>) => {
  const prefix = strapi.config.get('api.rest.prefix', '/api') as string;
  if (ctx.method === 'GET' && ctx.path.startsWith(`${prefix}/`) && ctx.query?.status !== undefined && ctx.query.status !== 'published') {
    ctx.status = 400;
    ctx.body = {
      data: null,
      error: {
        status: 400,
        name: 'ValidationError',
        message: '公开接口只提供已发布的内容',
        details: {
          code: 'DISCLOSURE_STATUS_NOT_ALLOWED',
          errors: [
            {
              path: ['status'],
              code: 'DISCLOSURE_STATUS_NOT_ALLOWED',
              message: '公开接口只提供已发布的内容，不能查询草稿',
              messageEn: 'the content API serves released content only; status=draft is not allowed',
              name: 'ValidationError',
            },
          ],
        },
      },
    };
    return;
  }
  await next();
};
