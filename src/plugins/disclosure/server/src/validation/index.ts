import { z } from 'zod';
import { isLegalDate } from '../domain/legal-date';
import { ACTIONS } from '../domain/workflow';
import { disclosureError } from '../utils/disclosure-error';

/** The admin routes' request shapes (controllers/workflow.ts, controllers/consumer-admin.ts), checked by parseOr400. */
export const transitionBody = z
  .object({
    uid: z.string({ required_error: 'uid' }).min(1),
    documentId: z.string({ required_error: 'documentId' }).min(1),
    action: z.enum(ACTIONS, { errorMap: () => ({ message: 'action' }) }),
    reason: z.string().max(2000).nullish(),
    /** 审核意见: only an approval takes one (a return or withdrawal states its reason). */
    comment: z.string().max(2000).nullish(),
    overrideReason: z.string().max(2000).nullish(),
    creditRepair: z.boolean().optional(),
    /** The stage key the person saw (approve / return). */
    stage: z.string().max(100).nullish(),
  })
  .superRefine((body, ctx) => {
    if (body.comment?.trim() && body.action !== 'approve') ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['comment'], message: 'COMMENT_ONLY_ON_APPROVE' });
  });

export const deadlineQuery = z
  .object({
    status: z.enum(['at_risk', 'overdue', 'all']).default('all'),
    type: z.string().min(1).max(100).optional(),
    organization: z.string().min(1).max(64).optional(),
    asOf: z.string().refine(isLegalDate, 'INVALID_DATE').optional(),
  })
  .strict();

export const scheduleBody = z.object({
  uid: z.string().min(1),
  documentId: z.string().min(1),
  kind: z.enum(['release', 'withdraw']),
  runAt: z.string().datetime({ offset: true }),
  reason: z.string().max(2000).nullish(),
});

export const workingDaysQuery = z
  .object({
    start: z.string().refine(isLegalDate, 'INVALID_DATE'),
    n: z.coerce.number().int().min(0).max(3650),
  })
  .strict();

const FIELD_NAMES: Record<string, string> = { key: '校验问题', note: '说明', format: '导出格式', scope: '统计范围', uid: '内容类型', documentId: '条目编号', action: '操作', reason: '理由', comment: '审核意见', overrideReason: '放行理由', kind: '定时任务类型', runAt: '定时时间' };

type Special = (issue: z.ZodIssue) => { code: string; message: string } | undefined;

/** Every admin boundary validates the same way: the first problem as a 400 naming the field, with a Chinese message. */
export function parseOr400<T extends z.ZodTypeAny>(schema: T, input: unknown, source: 'body' | 'query', special: Record<string, Special> = {}): z.infer<T> {
  const parsed = schema.safeParse(input ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = String(issue.path[0] ?? source);
  const custom = special[field]?.(issue);
  const code = custom?.code ?? (issue.message === 'INVALID_DATE' ? 'INVALID_DATE' : source === 'body' ? 'INVALID_INPUT' : 'INVALID_QUERY');
  const message = custom?.message ?? (source === 'body' ? `${FIELD_NAMES[field] ?? field}缺失或不正确` : `查询参数“${field}”不正确`);
  throw disclosureError(400, code, message, `${field} is missing or invalid`, {}, issue.path.length ? (issue.path as string[]) : [field]);
}

export const deliveryQuery = z
  .object({
    status: z.enum(['pending', 'running', 'delivered', 'skipped', 'dead']).optional(),
    site: z.string().min(1).max(64).optional(),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();

export const deliveryId = z.object({ id: z.coerce.number().int().min(1) });

/** A released version's number in GET /disclosure/versions/:uid/:documentId/:version. */
export const versionParam = z.object({ version: z.coerce.number().int().min(1) });
