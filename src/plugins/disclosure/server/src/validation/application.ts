import { z } from 'zod';
import { CONSUMER_TYPES } from '../../../shared/vocabulary';
import application from '../content-types/application';
import {
  APPLICANT_KINDS,
  APPLICATION_CHANNELS,
  ApplicantKind,
  ApplicationChannel,
  DELIVERY_METHODS,
  ID_DOCUMENT_TYPES,
  IdDocumentType,
  PREFERRED_FORMS,
} from '../domain/application-vocabulary';
import { issue, FieldIssue } from '../domain/field-issue';
import { isLegalDate, LegalDate } from '../domain/legal-date';

/**
 * The fields of a 政府信息公开申请 (条例 第二十九条), checked the same way whether the applicant fills in the portal's
 * form or a handler types in a letter, a fax or what was said at the counter: field-level Chinese messages, stable
 * codes, and the length limits of the content type (so nothing valid here fails in the database).
 */
export interface ApplicationInput {
  organization: string;
  applicantKind: ApplicantKind;
  applicantName: string;
  contactPerson: string | null;
  idType: IdDocumentType;
  idNumber: string;
  phone: string;
  email: string | null;
  postalAddress: string | null;
  postalCode: string | null;
  requestedTitle: string;
  requestedDocumentNumber: string | null;
  requestedDescription: string | null;
  requestedEntry: { uid: string; documentId: string } | null;
  purpose: string | null;
  preferredForm: (typeof PREFERRED_FORMS)[number];
  deliveryMethod: (typeof DELIVERY_METHODS)[number];
}

/** What the portal's form sends besides the application: the captcha answer, if the site uses one. */
export type PublicApplicationInput = ApplicationInput & { captcha: string | null };
/** What staff intake adds: how the application came in and the day it was received (条例 第三十一条). */
export type StaffApplicationInput = ApplicationInput & { channel: Exclude<ApplicationChannel, 'online'>; receivedOn: LegalDate };

const attributes = application.schema.attributes as Record<string, { maxLength?: number }>;
const maxOf = (field: string) => {
  const max = attributes[field]?.maxLength;
  if (!max) throw new Error(`application.${field} has no maxLength`);
  return max;
};

/** The length limit of every text field, as the form shows them. */
export const APPLICATION_FIELD_LIMITS = Object.fromEntries(
  [
    'applicantName',
    'contactPerson',
    'idNumber',
    'phone',
    'email',
    'postalAddress',
    'postalCode',
    'requestedTitle',
    'requestedDocumentNumber',
    'requestedDescription',
    'purpose',
  ].map((field) => [field, maxOf(field)])
) as Record<string, number>;

const FIELD_LABELS: Record<string, string> = {
  organization: '受理机关',
  applicantKind: '申请人类型',
  applicantName: '申请人姓名或名称',
  contactPerson: '联系人',
  idType: '证件类型',
  idNumber: '证件号码',
  phone: '联系电话',
  email: '电子邮箱',
  postalAddress: '通信地址',
  postalCode: '邮政编码',
  requestedTitle: '所需信息名称',
  requestedDocumentNumber: '文号',
  requestedDescription: '所需信息的其他特征描述',
  requestedEntry: '所需信息对应条目',
  purpose: '用途',
  preferredForm: '获取信息的方式',
  deliveryMethod: '获取信息的途径',
  captcha: '验证码',
  channel: '申请渠道',
  receivedOn: '收到申请日期',
};

// Zod reports these codes as the issue message; toIssue turns them into the field's Chinese message.
const REQUIRED = 'REQUIRED';
const TOO_LONG = 'TOO_LONG';
const INVALID_CHOICE = 'INVALID_CHOICE';
const INVALID_FORMAT = 'INVALID_FORMAT';
const INVALID_TYPE = 'INVALID_TYPE';

/** Trimmed; an empty or blank string is no answer. */
const blankToUndefined = (value: unknown) => {
  if (typeof value !== 'string') return value ?? undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
};

const str = (field: string) => z.string({ required_error: REQUIRED, invalid_type_error: INVALID_TYPE }).max(maxOf(field), TOO_LONG);
const required = (field: string) => z.preprocess(blankToUndefined, str(field));
const optional = (field: string) => z.preprocess(blankToUndefined, str(field).optional());
/** An application may point at an entry of the disclosure catalogue, nothing else. */
const ENTRY_UIDS = Object.values(CONSUMER_TYPES).map((type) => type.uid) as unknown as readonly [string, ...string[]];

const choice = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess(blankToUndefined, z.enum(values as unknown as [string, ...string[]], { errorMap: (_issue, ctx) => ({ message: ctx.data === undefined ? REQUIRED : INVALID_CHOICE }) })) as unknown as z.ZodType<T[number]>;

// 7–20 digits, with the separators people write (+86 991-1234567, 139 1234 5678).
const PHONE = /^\+?[0-9][0-9 ()-]{5,28}[0-9]$/;
const POSTAL_CODE = /^[0-9]{6}$/;

const fields = {
  organization: z.preprocess(blankToUndefined, z.string({ required_error: REQUIRED, invalid_type_error: INVALID_TYPE }).max(64, INVALID_FORMAT)),
  applicantKind: choice(APPLICANT_KINDS),
  applicantName: required('applicantName'),
  contactPerson: optional('contactPerson'),
  idType: choice(ID_DOCUMENT_TYPES),
  idNumber: required('idNumber'),
  phone: z.preprocess(blankToUndefined, str('phone').regex(PHONE, INVALID_FORMAT)),
  email: z.preprocess(blankToUndefined, str('email').email(INVALID_FORMAT).optional()),
  postalAddress: optional('postalAddress'),
  postalCode: z.preprocess(blankToUndefined, str('postalCode').regex(POSTAL_CODE, INVALID_FORMAT).optional()),
  requestedTitle: required('requestedTitle'),
  requestedDocumentNumber: optional('requestedDocumentNumber'),
  requestedDescription: optional('requestedDescription'),
  requestedEntry: z
    .object({ uid: choice(ENTRY_UIDS), documentId: z.string().min(1).max(maxOf('requestedEntryDocumentId')) }, { invalid_type_error: INVALID_TYPE })
    .strict()
    .nullish(),
  purpose: optional('purpose'),
  preferredForm: choice(PREFERRED_FORMS),
  deliveryMethod: choice(DELIVERY_METHODS),
};

/** The rules between fields: an organization names who answers for it; a letter by post needs an address. */
const coherent = (input: { applicantKind?: string; contactPerson?: string; deliveryMethod?: string; postalAddress?: string; email?: string }, ctx: z.RefinementCtx) => {
  if (input.applicantKind && input.applicantKind !== 'natural_person' && !input.contactPerson) ctx.addIssue({ code: 'custom', path: ['contactPerson'], message: REQUIRED });
  if (input.deliveryMethod === 'post' && !input.postalAddress) ctx.addIssue({ code: 'custom', path: ['postalAddress'], message: REQUIRED });
  if (input.deliveryMethod === 'email' && !input.email) ctx.addIssue({ code: 'custom', path: ['email'], message: REQUIRED });
};

const publicSchema = z
  .object({
    ...fields,
    // The portal's form is the online channel; naming another one is a mistake, not a choice.
    channel: z.preprocess(blankToUndefined, z.literal('online', { errorMap: () => ({ message: INVALID_CHOICE }) }).optional()),
    captcha: z.preprocess(blankToUndefined, z.string({ invalid_type_error: INVALID_TYPE }).max(2000, TOO_LONG).optional()),
  })
  .strict()
  .superRefine(coherent);

const STAFF_CHANNELS = APPLICATION_CHANNELS.filter((c) => c !== 'online') as [Exclude<ApplicationChannel, 'online'>, ...Exclude<ApplicationChannel, 'online'>[]];
const staffSchema = z
  .object({
    ...fields,
    channel: choice(STAFF_CHANNELS),
    receivedOn: z.preprocess(blankToUndefined, z.string({ required_error: REQUIRED, invalid_type_error: INVALID_TYPE }).refine(isLegalDate, INVALID_FORMAT)),
  })
  .strict()
  .superRefine(coherent);

function toIssue(zodIssue: z.ZodIssue): FieldIssue {
  const path = zodIssue.path.length ? zodIssue.path : ['body'];
  const field = String(path[0]);
  const label = FIELD_LABELS[field] ?? field;
  if (zodIssue.code === 'unrecognized_keys') {
    const key = zodIssue.keys[0];
    return issue(zodIssue.path.length ? [...zodIssue.path, key] : [key], 'UNKNOWN_FIELD', `不支持的字段“${key}”`, `unknown field ${key}`);
  }
  switch (zodIssue.message) {
    case REQUIRED:
      return issue(path, 'REQUIRED', `请填写${label}`, `${field} is required`);
    case TOO_LONG: {
      const max = APPLICATION_FIELD_LIMITS[field] ?? 2000;
      return issue(path, 'TOO_LONG', `${label}不能超过 ${max} 个字`, `${field} is longer than ${max} characters`);
    }
    case INVALID_CHOICE:
      return issue(path, 'INVALID_CHOICE', `${label}的选项无效`, `${field} is not one of the allowed values`);
    case INVALID_FORMAT:
      return issue(path, 'INVALID_FORMAT', `${label}的格式不正确`, `${field} is malformed`);
    default:
      return issue(path, 'INVALID_VALUE', `${label}填写不正确`, `${field} is invalid`);
  }
}

export type ValidationResult<T> = { ok: true; value: T } | { ok: false; issues: FieldIssue[] };

/** Every field present: an optional one not given is null. */
const complete = (value: Record<string, unknown>, keys: string[]) => Object.fromEntries(keys.map((key) => [key, value[key] ?? null]));

/**
 * Checks an application's fields: `public` for the portal's form (the online channel, a captcha answer allowed),
 * `staff` for intake at the office (channel and receivedOn required). Every problem, one issue per field.
 */
export function validateApplicationInput(body: unknown, options: { channel: 'public' }): ValidationResult<PublicApplicationInput>;
export function validateApplicationInput(body: unknown, options: { channel: 'staff' }): ValidationResult<StaffApplicationInput>;
export function validateApplicationInput(body: unknown, { channel }: { channel: 'public' | 'staff' }): ValidationResult<PublicApplicationInput | StaffApplicationInput> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return { ok: false, issues: [issue(['body'], 'INVALID_BODY', '请求内容应为 JSON 对象', 'the body must be a JSON object')] };
  }
  const parsed = (channel === 'public' ? publicSchema : staffSchema).safeParse(body);
  if (parsed.success) {
    const value = parsed.data as Record<string, unknown>;
    const keys = Object.keys(fields);
    return { ok: true, value: (channel === 'public' ? complete(value, [...keys, 'captcha']) : complete(value, [...keys, 'channel', 'receivedOn'])) as any };
  }
  const seen = new Set<string>();
  const issues = parsed.error.issues.map(toIssue).filter((i) => {
    const key = i.path.join('.');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { ok: false, issues };
}
