import { z } from 'zod';
import {
  APPLICATION_STATES,
  CASE_KINDS,
  CASE_RESULTS,
} from '../domain/application-vocabulary';
import { APPLICATION_ACTIONS } from '../domain/application-workflow';
import { isLegalDate, toLegalDate } from '../domain/legal-date';
import { disclosureError } from '../utils/disclosure-error';

/** The staff application routes' request shapes (controllers/application-admin.ts); intake is validation/application.ts's. */

const legalDate = z.string().refine(isLegalDate, 'INVALID_DATE');
const pastDate = legalDate.refine((value) => value <= toLegalDate(new Date()), 'FUTURE_DATE');
const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).nullish();

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
