import { z } from 'zod';
import { isLegalDate } from '../legal-date';
import { firstIssue, type Parsed } from './list-query';
import { maskPersonalNumbers, searchText } from './masking';

/**
 * The pure parts of full-text search (services/search.ts): the query's parameters, the tokens a segmenter's output
 * becomes in a PostgreSQL tsvector / tsquery (written as literals, never through the text-search parser: the parser
 * classifies characters by the database's locale, and would drop Chinese under LC_CTYPE C), and the highlighted
 * snippet of a hit.
 */

export const SEARCH_MAX_PAGE_SIZE = 50;
/** page × pageSize: a search ranks every match, and a reader looks at the first pages; deeper means a narrower query. */
export const SEARCH_MAX_DEPTH = 1000;
export const SEARCH_MAX_QUERY = 100;

export interface SearchQuery {
  q: string;
  type?: string;
  organization?: string;
  category?: string;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

const reference = z.string().min(1).max(64).regex(/^[A-Za-z0-9_.\-]+$/);
const legalDate = z.string().refine(isLegalDate, 'INVALID_DATE');

export function parseSearchQuery(raw: Record<string, unknown>, types: readonly string[]): Parsed<SearchQuery> {
  if (raw?.q === undefined || (typeof raw.q === 'string' && raw.q.trim() === '')) {
    return { ok: false, issue: { path: ['q'], code: 'MISSING_PARAMETER', message: '请输入搜索词（1–100 个字符）', messageEn: 'q is required (1–100 characters)' } };
  }
  const parsed = z
    .object({
      q: z.string().trim().min(1).max(SEARCH_MAX_QUERY),
      type: z.enum(types as [string, ...string[]]).optional(),
      organization: reference.optional(),
      category: reference.optional(),
      from: legalDate.optional(),
      to: legalDate.optional(),
      page: z.coerce.number().int().min(1).max(SEARCH_MAX_DEPTH).default(1),
      pageSize: z.coerce.number().int().min(1).max(SEARCH_MAX_PAGE_SIZE).default(20),
    })
    .strict()
    .safeParse(raw ?? {});
  if (!parsed.success) {
    const issue = firstIssue(parsed.error);
    if (issue.path[0] === 'pageSize' && issue.code === 'OUT_OF_RANGE') return { ok: false, issue: { ...issue, message: `每页条数超出范围（1–${SEARCH_MAX_PAGE_SIZE}）`, messageEn: `pageSize is out of range (1–${SEARCH_MAX_PAGE_SIZE})` } };
    return { ok: false, issue };
  }
  const value = parsed.data as SearchQuery;
  if (value.from && value.to && value.from > value.to) {
    return { ok: false, issue: { path: ['from'], code: 'INVALID_RANGE', message: '起始日期晚于截止日期', messageEn: 'from is after to' } };
  }
  if (value.page * value.pageSize > SEARCH_MAX_DEPTH) {
    return {
      ok: false,
      issue: {
        path: ['page'],
        code: 'PAGE_TOO_DEEP',
        message: `页码过深：页码 × 每页条数不能超过 ${SEARCH_MAX_DEPTH}，请用更具体的搜索词或机构、分类、日期缩小范围`,
        messageEn: `page × pageSize may not exceed ${SEARCH_MAX_DEPTH}; narrow the query or the filters`,
      },
    };
  }
  return { ok: true, value };
}

/** Letters, digits or CJK: a token without any (punctuation, spaces, brackets such as 〔〕) is not indexed. */
const WORDLIKE = /[\p{L}\p{N}]/u;
/** PostgreSQL refuses lexemes over 2047 bytes; nothing useful is that long. */
const MAX_TOKEN = 100;
/** tsvector positions run 1–16383. */
const MAX_POSITION = 16383;

/** A segmenter's output as lexemes: lower-cased, trimmed, punctuation-only pieces dropped. */
export function normalizeTokens(tokens: string[]): string[] {
  const out: string[] = [];
  for (const raw of tokens) {
    const token = raw.trim().toLowerCase();
    if (token && token.length <= MAX_TOKEN && WORDLIKE.test(token)) out.push(token);
  }
  return out;
}

const lexeme = (token: string) => `'${token.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

/**
 * A tsvector literal: each field's lexemes with their first position in the field and the field's weight
 * (A title, B text, C attachments), so ts_rank weighs a title hit above a body hit above an attachment hit.
 */
export function tsvectorLiteral(fields: { tokens: string[]; weight: 'A' | 'B' | 'C' | 'D' }[]): string {
  const positions = new Map<string, string[]>();
  let position = 0;
  for (const { tokens, weight } of fields) {
    const seen = new Set<string>();
    for (const token of normalizeTokens(tokens)) {
      position = Math.min(position + 1, MAX_POSITION);
      if (seen.has(token)) continue;
      seen.add(token);
      const list = positions.get(token) ?? [];
      list.push(`${position}${weight}`);
      positions.set(token, list);
    }
  }
  return [...positions].map(([token, list]) => `${lexeme(token)}:${list.join(',')}`).join(' ');
}

/** Every token must match (AND); null when the query has no indexable token (only punctuation). */
export function tsqueryLiteral(tokens: string[]): string | null {
  const unique = [...new Set(normalizeTokens(tokens))];
  return unique.length ? unique.map(lexeme).join(' & ') : null;
}

/** A LIKE pattern matching the text anywhere, its wildcards escaped (ESCAPE '\'). */
export const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** An FTS5 MATCH expression for the whole query as one phrase (the trigram tokenizer matches substrings). */
export const ftsPhrase = (text: string) => `"${text.replace(/"/g, '""')}"`;

/** The strings a snippet highlights: the query itself and its words of two characters or more, longest first. */
export function highlightTerms(q: string, tokens: string[]): string[] {
  const terms = new Set<string>([q.trim()]);
  for (const token of normalizeTokens(tokens)) if (Array.from(token).length >= 2 || Array.from(q.trim()).length === 1) terms.add(token);
  return [...terms].filter(Boolean).sort((a, b) => b.length - a.length);
}

export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * A snippet of about `width` characters from the first text containing a term (texts in order of preference), the
 * terms marked with <mark>, everything else HTML-escaped; the first text's start when no term occurs.
 */
export function buildSnippet(texts: (string | null | undefined)[], terms: string[], width = 80): string {
  const candidates = texts.filter((t): t is string => typeof t === 'string' && t.trim() !== '').map((t) => t.replace(/\s+/g, ' ').trim());
  if (candidates.length === 0) return '';
  const lowerTerms = terms.map((t) => t.toLowerCase()).filter(Boolean);
  let text = candidates[0];
  let at = -1;
  for (const candidate of candidates) {
    const lower = candidate.toLowerCase();
    const found = lowerTerms.map((t) => lower.indexOf(t)).filter((i) => i >= 0);
    if (found.length) {
      text = candidate;
      at = Math.min(...found);
      break;
    }
  }
  const start = at < 0 ? 0 : Math.max(0, at - Math.floor(width / 4));
  const end = Math.min(text.length, start + width);
  const window = text.slice(start, end);
  // Mark non-overlapping occurrences, longest terms first at each position.
  const lower = window.toLowerCase();
  let out = '';
  let i = 0;
  while (i < window.length) {
    const term = lowerTerms.find((t) => lower.startsWith(t, i));
    if (term) {
      out += `<mark>${escapeHtml(window.slice(i, i + term.length))}</mark>`;
      i += term.length;
    } else {
      out += escapeHtml(window[i]);
      i += 1;
    }
  }
  return `${start > 0 ? '…' : ''}${out}${end < text.length ? '…' : ''}`;
}

/** Free text of a public representation that search reads, besides 名称: what the public sees of each type's prose. */
const TEXT_FIELDS = [
  'summary', 'keywords', 'indexNumber', 'documentNumber', 'decisionNumber', 'normativeRegistrationNumber', 'interpreter',
  'matterName', 'legalBasis', 'decisionContent', 'subjectName', 'projectName', 'projectCode', 'purchaser', 'agency', 'resultSupplier',
  'employer', 'overview', 'problems', 'otherMatters', 'body',
];

/**
 * What search may read of an entry, from its public representation (`detail`, already masked): the title and the
 * other texts, with every masked personal datum taken out whole (as the list filter's text, see masking.searchText):
 * 张*丰 or 139****5678 cannot be found, and never appear in a snippet.
 */
export function searchableTexts(type: string, entry: Record<string, unknown>): { title: string; text: string } {
  const shown = (value: unknown) => (typeof value === 'string' ? value : null);
  const maskedName = type === 'dual-publicity-records' && entry.subjectType === 'natural_person' ? shown(entry.subjectName) : null;
  const masked = maskedName && maskedName.includes('*') ? maskedName : null;
  const texts: (string | null)[] = TEXT_FIELDS.map((key) => shown(entry[key]));
  for (const pair of Array.isArray(entry.qa) ? entry.qa : []) texts.push(shown(pair?.question), shown(pair?.answer));
  for (const position of Array.isArray(entry.positions) ? entry.positions : []) texts.push(shown(position?.name), shown(position?.requirements));
  return { title: searchText([shown(entry.title)], masked), text: searchText(texts, masked) };
}

/** An attachment's extracted text as search may keep it: personal numbers masked, then taken out (see searchableTexts). */
export const searchableAttachmentText = (text: string) => searchText([maskPersonalNumbers(text)]);
