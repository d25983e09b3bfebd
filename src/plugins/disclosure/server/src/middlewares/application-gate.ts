import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { PLUGIN_ID } from '../constants';
import type { ApplicationSettings } from '../config';
import { addressBucket } from '../domain/rate-limit';
import { disclosureError } from '../utils/disclosure-error';
import { getService } from '../utils/get-service';

/** The URL with the value of its `secret` query parameter replaced (the status lookup's URL, as logged). */
export const redactSecret = (url: string) => url.replace(/([?&]secret=)[^&#]*/gi, '$1[redacted]');

export const APPLICATION_GATE_MIDDLEWARE = 'plugin::disclosure.application-gate';

const tooLarge = (limit: number) => {
  const message = `申请内容过大（上限 ${Math.floor(limit / 1024)} KB），请精简后重新提交`;
  return new errors.PayloadTooLargeError(message, {
    code: 'BODY_TOO_LARGE',
    limitBytes: limit,
    errors: [{ path: ['body'], code: 'BODY_TOO_LARGE', message, messageEn: `the request body is larger than ${limit} bytes`, name: 'DisclosureError' }],
  });
};

const rateLimited = (ctx: any, retryAfter: number) => {
  ctx.set('Retry-After', String(retryAfter));
  return disclosureError(429, 'RATE_LIMITED', `提交过于频繁，请在 ${retryAfter} 秒后重试`, `too many requests; retry after ${retryAfter} seconds`, { retryAfter });
};

/**
 * The 依申请公开 form's gate, before Strapi reads any body (config/middlewares.ts lists it after the rate limit and
 * before strapi::body): submissions and status lookups draw on their own per-address budgets, and a submission's
 * body is read here, at most `applications.bodyLimitBytes` of it — a larger declared length is refused without
 * reading, a stream without one is cut off at the limit (the rest is discarded, never buffered).
 */
export const applicationGate = (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  const base = `${strapi.config.get('api.rest.prefix', '/api')}/disclosure/applications`;
  const submit = base;
  const status = `${base}/status`;

  async function readCapped(ctx: any, limit: number): Promise<string> {
    const declared = ctx.get('content-length');
    if (declared && Number(declared) > limit) {
      ctx.req.resume();
      throw tooLarge(limit);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > limit) {
        ctx.req.resume();
        throw tooLarge(limit);
      }
      chunks.push(chunk);
    }
    return Buffer.concat(chunks).toString('utf8');
  }

  const consume = async (ctx: any, bucket: 'applications' | 'application-lookups') => {
    const { retryAfter } = await getService('rate-limit', strapi).consume(bucket, addressBucket(ctx.ip));
    if (retryAfter !== null) throw rateLimited(ctx, retryAfter);
  };

  return async (ctx: any, next: () => Promise<void>) => {
    const path = ctx.path.replace(/\/+$/, '');
    const isSubmit = ctx.method === 'POST' && path === submit;
    const isStatus = ctx.method === 'GET' && path === status;
    if (!isSubmit && !isStatus) return next();

    if (isStatus) {
      try {
        await consume(ctx, 'application-lookups');
        return await next();
      } finally {
        // strapi::logger writes ctx.url once the answer is made: the applicant's secret stays out of the log.
        ctx.url = redactSecret(ctx.url);
      }
    }

    await consume(ctx, 'applications');

    const { bodyLimitBytes } = strapi.plugin(PLUGIN_ID).config('applications') as ApplicationSettings;
    const text = await readCapped(ctx, bodyLimitBytes);
    if (!ctx.is('application/json')) {
      throw disclosureError(400, 'INVALID_BODY', '请以 JSON 格式（application/json）提交申请', 'send the application as application/json', {}, ['body']);
    }
    try {
      ctx.request.body = text.trim() === '' ? {} : JSON.parse(text);
    } catch {
      throw disclosureError(400, 'INVALID_BODY', '申请内容不是有效的 JSON', 'the body is not valid JSON', {}, ['body']);
    }
    // The body has been read: hide its type from strapi::body, which would otherwise try to read the stream again.
    delete ctx.req.headers['content-type'];
    return next();
  };
};
