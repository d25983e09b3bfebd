import { errors } from '@strapi/utils';
// Pinned to the version @strapi/utils uses: one copy, so Strapi recognises these as HttpErrors
// and answers them quietly instead of logging client errors as server errors.
import createError from 'http-errors';

// 401 too: Strapi's route composer replaces a thrown UnauthorizedError by a bare 401 without details.
const ERROR_NAMES: Record<number, string> = { 401: 'UnauthorizedError', 409: 'ConflictError', 410: 'GoneError', 422: 'UnprocessableEntityError' };

/**
 * Workflow and gate refusals in the one error shape:
 * { status, name, message (zh-Hans), details: { code, errors: [{ path, code, message, messageEn }], ...extra } }.
 */
export function disclosureError(
  status: 400 | 401 | 403 | 404 | 409 | 410 | 422 | 429,
  code: string,
  message: string,
  messageEn: string,
  extra: Record<string, unknown> = {},
  path: (string | number)[] = []
): Error {
  const details = { code, errors: [{ path, code, message, messageEn, name: 'DisclosureError' }], ...extra };
  switch (status) {
    case 400:
      return new errors.ValidationError(message, details);
    case 403:
      // A PolicyError (a ForbiddenError) keeps its message and details: Strapi masks any other 403 thrown below a route.
      return new errors.PolicyError(message, details);
    case 404:
      return new errors.NotFoundError(message, details);
    case 429:
      return new errors.RateLimitError(message, details);
    default:
      return createError(status, message, { details, name: ERROR_NAMES[status] });
  }
}
