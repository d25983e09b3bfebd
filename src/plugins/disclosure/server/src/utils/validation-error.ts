import { errors } from '@strapi/utils';
import type { FieldIssue } from '../domain/field-issue';

/**
 * One error shape for every boundary: Strapi's ValidationError (HTTP 400) with
 * details.errors[] = { path, message (zh-Hans), messageEn, code, name }.
 */
export function toValidationError(issues: FieldIssue[], code = 'DISCLOSURE_VALIDATION_FAILED') {
  const [first] = issues;
  const message = issues.length === 1 ? first.message : `${first.message}（共 ${issues.length} 处错误）`;
  return new errors.ValidationError(message, {
    code,
    errors: issues.map((i) => ({ path: i.path, message: i.message, messageEn: i.messageEn, code: i.code, name: 'ValidationError' })),
  });
}
