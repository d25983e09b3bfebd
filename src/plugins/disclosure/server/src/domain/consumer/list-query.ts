import { z } from 'zod';
import { isLegalDate } from '../legal-date';

/** Query parameters of the consumer API's lists. Anything not declared is refused (400 UNKNOWN_PARAMETER). */

export const SORTS = ['releasedAt:desc', 'releasedAt:asc', 'title:asc', 'title:desc', 'indexNumber:asc', 'indexNumber:desc', 'formedOrChangedAt:asc', 'formedOrChangedAt:desc'] as const;
export const MAX_PAGE_SIZE = 100;
export const MAX_FEED_LIMIT = 500;

const reference = z.string().min(1).max(64).regex(/^[A-Za-z0-9_.\-]+$/);
const legalDate = z.string().refine(isLegalDate, 'INVALID_DATE');

const base = {
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(20),
  sort: z.enum(SORTS).default('releasedAt:desc'),
  organization: reference.optional(),
  category: reference.optional(),
  topic: reference.optional(),
  from: legalDate.optional(),
  to: legalDate.optional(),
  q: z.string().trim().min(1).max(100).optional(),
  cursor: z.string().min(1).max(512).optional(),
};

export interface ListQuery {
  page: number;
  pageSize: number;
  sort: (typeof SORTS)[number];
  organization?: string;
  category?: string;
  topic?: string;
  from?: string;
  to?: string;
  q?: string;
  /** Where the page starts, from a previous page's meta.pagination.nextCursor (released order only). */
  cursor?: string;
  type?: string;
  validity?: string;
}

export interface QueryIssue {
  path: string[];
  code: string;
  message: string;
  messageEn: string;
}

const NAMES: Record<string, string> = {
  page: '页码',
  pageSize: '每页条数',
  sort: '排序',
  organization: '机构',
  category: '公开目录分类',
  topic: '主题分类',
  from: '起始日期',
  to: '截止日期',
  q: '搜索词',
  type: '信息类型',
  validity: '有效性',
  since: '游标',
  cursor: '游标',
  limit: '条数',
};

export function firstIssue(error: z.ZodError): QueryIssue {
  const issue = error.issues[0];
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0];
    return { path: [key], code: 'UNKNOWN_PARAMETER', message: `不支持查询参数“${key}”`, messageEn: `unknown query parameter "${key}"` };
  }
  const field = String(issue.path[0]);
  const name = NAMES[field] ?? field;
  if (issue.message === 'INVALID_DATE') {
    return { path: [field], code: 'INVALID_DATE', message: `${name}应为 YYYY-MM-DD 格式的日期`, messageEn: `${field} must be a date YYYY-MM-DD` };
  }
  if (issue.code === 'too_small' || issue.code === 'too_big') {
    const range = field === 'pageSize' ? `1–${MAX_PAGE_SIZE}` : field === 'limit' ? `1–${MAX_FEED_LIMIT}` : field === 'q' ? '1–100 个字符' : '允许范围';
    return { path: [field], code: 'OUT_OF_RANGE', message: `${name}超出范围（${range}）`, messageEn: `${field} is out of range (${range})` };
  }
  return { path: [field], code: 'INVALID_PARAMETER', message: `查询参数“${field}”（${name}）不正确`, messageEn: `query parameter ${field} is invalid` };
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; issue: QueryIssue };

/**
 * Parses a list query; `types` (for /entries) and `validities` (for policies) enable those filters. `maxDepth` caps
 * page × pageSize: an offset costs the rows it skips, so deep pages are refused and the caller pointed to the cursor
 * (which costs a page whatever the depth), narrower filters or the feed.
 */
export function parseListQuery(
  raw: Record<string, unknown>,
  options: { types?: readonly string[]; validities?: readonly string[]; maxDepth?: number } = {}
): Parsed<ListQuery> {
  const shape: Record<string, z.ZodTypeAny> = { ...base };
  if (options.types) shape.type = z.enum(options.types as [string, ...string[]]).optional();
  if (options.validities) shape.validity = z.enum(options.validities as [string, ...string[]]).optional();
  const parsed = z.object(shape).strict().safeParse(raw ?? {});
  if (!parsed.success) return { ok: false, issue: firstIssue(parsed.error) };
  const value = parsed.data as ListQuery;
  if (value.from && value.to && value.from > value.to) {
    return { ok: false, issue: { path: ['from'], code: 'INVALID_RANGE', message: '起始日期晚于截止日期', messageEn: 'from is after to' } };
  }
  if (value.cursor && raw?.page !== undefined) {
    return { ok: false, issue: { path: ['page'], code: 'INVALID_PARAMETER', message: '带游标（cursor）时不能再指定页码', messageEn: 'page may not be given with cursor' } };
  }
  if (!value.cursor && options.maxDepth !== undefined && value.page * value.pageSize > options.maxDepth) {
    return {
      ok: false,
      issue: {
        path: ['page'],
        code: 'PAGE_TOO_DEEP',
        message: `页码过深：页码 × 每页条数不能超过 ${options.maxDepth}。请按发布时间排序并用上一页 meta.pagination.nextCursor 作为 cursor 参数继续翻页，或用机构、分类、日期或搜索词缩小范围，或通过变更订阅（/feed）同步全部信息`,
        messageEn: `page × pageSize may not exceed ${options.maxDepth}; page on with cursor (meta.pagination.nextCursor, released order), narrow the filters, or read everything through the feed`,
      },
    };
  }
  return { ok: true, value };
}

export interface FeedQuery {
  since?: string;
  limit: number;
  include?: 'taxonomy';
}

export function parseFeedQuery(raw: Record<string, unknown>): Parsed<FeedQuery> {
  const parsed = z
    .object({
      since: z.string().max(64).optional(),
      limit: z.coerce.number().int().min(1).max(MAX_FEED_LIMIT).default(100),
      // Taxonomy events are opt-in: readers written before them see the feed they always saw.
      include: z.enum(['taxonomy']).optional(),
    })
    .strict()
    .safeParse(raw ?? {});
  if (!parsed.success) return { ok: false, issue: firstIssue(parsed.error) };
  return { ok: true, value: parsed.data as FeedQuery };
}

/** A stable key of a parsed query, for the response cache. */
export const queryKey = (query: object) =>
  JSON.stringify(
    Object.entries(query)
      .filter(([, value]) => value !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1))
  );
