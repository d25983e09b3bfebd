import { randomUUID } from 'crypto';
import { isValidRequestId } from '../domain/operations';
import { requestLogContext } from '../utils/request-context';

export const REQUEST_ID_MIDDLEWARE = 'plugin::disclosure.request-id';
export const REQUEST_ID_HEADER = 'X-Request-Id';

/**
 * Gives every request an id: the one a proxy or client sent in X-Request-Id when it is safe to echo (≤ 64 of
 * [A-Za-z0-9._-]), else a fresh one. Answered in the response header and carried by every log line written while the
 * request is served (listed before strapi::logger, so its access line has it too).
 */
export const requestId = () => async (ctx: any, next: () => Promise<void>) => {
  const given = ctx.get(REQUEST_ID_HEADER);
  const id = isValidRequestId(given) ? given : randomUUID();
  ctx.state.requestId = id;
  ctx.set(REQUEST_ID_HEADER, id);
  await requestLogContext.run({ requestId: id, method: ctx.method, path: ctx.path }, next);
};
