import { z } from 'zod';
import {
  APPLICANT_KINDS,
  APPLICATION_STATES,
  CASE_KINDS,
  CASE_RESULTS,
  DELIVERY_METHODS,
  ID_DOCUMENT_TYPES,
  PREFERRED_FORMS,
} from '../domain/application-vocabulary';
import { APPLICATION_ACTIONS } from '../domain/application-workflow';
import { isLegalDate, toLegalDate } from '../domain/legal-date';
import { disclosureError } from '../utils/disclosure-error';

/** The staff application routes' request shapes (controllers/application-admin.ts). */

const legalDate = z.string().refine(isLegalDate, 'INVALID_DATE');
const pastDate = legalDate.refine((value) => value <= toLegalDate(new Date()), 'FUTURE_DATE');
const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).nullish();

/** Staff intake: the public form's fields, the channel it came by (not online) and the day it was received. */
export const intakeBody = z
  .object({
    channel: z.enum(['letter', 'in_person', 'fax', 'email']),
    receivedOn: pastDate,
    organization: z.string().min(1).max(64).optional(),
    applicantKind: z.enum(APPLICANT_KINDS),
    applicantName: text(100),
    contactPerson: optionalText(100),
    idType: z.enum(ID_DOCUMENT_TYPES),
    idNumber: text(40),
    phone: text(30),
    email: z.string().trim().email().max(254).nullish().or(z.literal('')),
    postalAddress: optionalText(300),
    postalCode: optionalText(10),
    requestedTitle: text(300),
    requestedDocumentNumber: optionalText(100),
    requestedDescription: optionalText(2000),
    requestedEntry: z.object({ uid: z.string().min(1).max(100), documentId: z.string().min(1).max(64) }).nullish(),
    purpose: optionalText(1000),
    preferredForm: z.enum(PREFERRED_FORMS),
    deliveryMethod: z.enum(DELIVERY_METHODS),
  })
  .strict();

export const listQuery = z
  .object({
    state: z.enum(APPLICATION_STATES).optional(),
    due: z.enum(['at_risk', 'overdue']).optional(),
    q: z.string().max(100).optional(),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();

/** `{ action, ...fields }`: the fields are the domain's to check (domain/application-workflow.ts). */
export const actionBody = z.object({ action: z.enum(APPLICATION_ACTIONS) }).passthrough();

export const previewBody = z.object({ outcome: z.string().min(1), details: z.record(z.string().max(2000)).optional() }).strict();

const caseFields = {
  kind: z.enum(CASE_KINDS),
  caseNumber: optionalText(100),
  filedOn: pastDate,
  result: z.enum(CASE_RESULTS),
  decidedOn: pastDate.nullish(),
  note: optionalText(2000),
};
export const caseCreateBody = z
  .object({ application: z.string().min(1).max(64), ...caseFields, result: caseFields.result.optional() })
  .strict()
  .refine((c) => !c.decidedOn || c.decidedOn >= c.filedOn, { path: ['decidedOn'], message: 'DECIDED_BEFORE_FILED' });
export const caseUpdateBody = z
  .object({ kind: caseFields.kind.optional(), caseNumber: caseFields.caseNumber, filedOn: caseFields.filedOn.optional(), result: caseFields.result.optional(), decidedOn: caseFields.decidedOn, note: caseFields.note })
  .strict();

const FIELD_LABELS: Record<string, string> = {
  channel: '申请渠道',
  receivedOn: '收到申请日期',
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
  state: '办理状态',
  due: '期限状态',
  q: '关键词',
  page: '页码',
  pageSize: '每页条数',
  action: '操作',
  outcome: '办理结果',
  details: '答复说明',
  application: '关联申请',
  kind: '案件类型',
  caseNumber: '案号',
  filedOn: '立案日期',
  result: '结果',
  decidedOn: '审结日期',
  note: '备注',
};

function message(issue: z.ZodIssue, label: string): string {
  if (issue.message === 'INVALID_DATE') return `${label}应为 YYYY-MM-DD 格式的日期`;
  if (issue.message === 'FUTURE_DATE') return `${label}不能晚于今天`;
  if (issue.message === 'DECIDED_BEFORE_FILED') return '审结日期不能早于立案日期';
  if (issue.code === 'too_big') return `${label}不能超过 ${issue.maximum} 字`;
  if (issue.code === 'too_small') return `请填写${label}`;
  if (issue.code === 'invalid_enum_value') return `${label}不在可选范围内`;
  if (issue.code === 'unrecognized_keys') return `不能填写这些字段：${issue.keys.join('、')}`;
  if (issue.code === 'invalid_type' && issue.received === 'undefined') return `请填写${label}`;
  return `${label}格式不正确`;
}

/** Every field problem at once (errors[] names each field), in the plugin's one error shape. */
export function parseApplicationInput<T extends z.ZodTypeAny>(schema: T, input: unknown): z.infer<T> {
  const parsed = schema.safeParse(input ?? {});
  if (parsed.success) return parsed.data;
  const errors = parsed.error.issues.map((issue) => {
    const path = issue.code === 'unrecognized_keys' ? issue.keys.slice(0, 1) : issue.path.map(String);
    const field = String(path[0] ?? '');
    return { path, code: 'VALIDATION', message: message(issue, FIELD_LABELS[field] ?? field), messageEn: `${path.join('.') || 'input'}: ${issue.message}`, name: 'DisclosureError' };
  });
  const error = disclosureError(400, 'VALIDATION', errors[0].message, errors[0].messageEn, {}, errors[0].path);
  (error as any).details.errors = errors;
  throw error;
}
