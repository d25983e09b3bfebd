import { errors } from '@strapi/utils';

/**
 * Strapi's own validators (types, formats, enum values, min/max, unique, relations)
 * answer in English with no code. This rewrites such a ValidationError into the
 * plugin's one shape: each error keeps its path and English text (messageEn) and
 * gains a stable code and a Chinese message naming the field by its label.
 */
const RULES: { test: RegExp; code: string; zh: (label: string, m: RegExpMatchArray) => string }[] = [
  { test: /must be defined|is a required field|final value was: `null`/, code: 'REQUIRED', zh: (l) => `${l}不能为空` },
  { test: /must match the following/, code: 'INVALID_FORMAT', zh: (l) => `${l}格式不正确` },
  { test: /must be one of the following values/, code: 'INVALID_OPTION', zh: (l) => `${l}的取值不在可选范围内` },
  { test: /must be at most (\d+) characters/, code: 'TOO_LONG', zh: (l, m) => `${l}不能超过${m[1]}个字符` },
  { test: /must be at least (\d+) characters/, code: 'TOO_SHORT', zh: (l, m) => `${l}不能少于${m[1]}个字符` },
  { test: /must be greater than or equal to (\S+)/, code: 'TOO_SMALL', zh: (l, m) => `${l}不能小于${m[1]}` },
  { test: /must be less than or equal to (\S+)/, code: 'TOO_LARGE', zh: (l, m) => `${l}不能大于${m[1]}` },
  { test: /must be unique/, code: 'NOT_UNIQUE', zh: (l) => `${l}已被使用，必须唯一` },
  { test: /must be a valid email/, code: 'INVALID_EMAIL', zh: (l) => `${l}不是有效的电子邮箱` },
  { test: /must be a valid date|must be a `date` type|Invalid date/i, code: 'INVALID_DATE', zh: (l) => `${l}不是有效的日期` },
  { test: /must be a `(number|integer)` type|must be an integer/, code: 'INVALID_NUMBER', zh: (l) => `${l}必须是数字` },
  { test: /not found/i, code: 'RELATION_NOT_FOUND', zh: (l) => `${l}关联的条目不存在` },
  { test: /Invalid key/, code: 'FIELD_NOT_WRITABLE', zh: (l) => `“${l}”不存在或不允许写入` },
];

const CJK = /[\u4e00-\u9fff]/;

export interface TranslatedValidation {
  message: string;
  details: { code: string; errors: { path: (string | number)[]; code: string; message: string; messageEn: string; name: string }[] };
}

/** Rewrites a ValidationError's message and details; already-translated details are returned as they are. */
export function translateValidationDetails(message: string, details: any, labelOf: (path: (string | number)[]) => string): TranslatedValidation {
  if (details?.code && Array.isArray(details?.errors)) return { message, details };
  const fallbackPath = typeof details?.path === 'string' ? details.path.split('.') : [];
  const raw: any[] = Array.isArray(details?.errors) && details.errors.length > 0 ? details.errors : [{ path: fallbackPath, message }];
  const errorsOut = raw.map((e) => {
    const path = Array.isArray(e.path) ? e.path : typeof e.path === 'string' ? e.path.split('.') : [];
    if (CJK.test(e.message ?? '')) return { path, code: e.code ?? 'INVALID', message: e.message, messageEn: e.messageEn ?? e.message, name: 'ValidationError' };
    const label = path.length > 0 ? labelOf(path) : '输入';
    const rule = RULES.find((r) => r.test.test(e.message ?? ''));
    return {
      path,
      code: rule?.code ?? 'INVALID',
      message: rule ? rule.zh(label, (e.message as string).match(rule.test)!) : `${label}不符合要求`,
      messageEn: e.message,
      name: 'ValidationError',
    };
  });
  const summary = errorsOut.length === 1 ? errorsOut[0].message : `${errorsOut[0].message}（共 ${errorsOut.length} 处错误）`;
  return { message: summary, details: { code: 'DISCLOSURE_VALIDATION_FAILED', errors: errorsOut } };
}

export function translateValidationError(error: any, labelOf: (path: (string | number)[]) => string): any {
  if (!(error instanceof errors.ValidationError)) return error;
  const { message, details } = translateValidationDetails(error.message, error.details, labelOf);
  return new errors.ValidationError(message, details);
}
