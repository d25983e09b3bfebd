/**
 * 政府信息公开工作年度报告 (条例 第四十九条、第五十条; format of 国办公开办函〔2021〕30号): the JSON shape other tools
 * rely on and the tables' order (shared/annual-report.ts, re-exported here), and the pure rules over them
 * (assembly, invariants, diffs, due dates). Imports nothing from Strapi.
 */
import {
  APPLICANT_KIND_LABELS,
  APPLICANT_KINDS,
  CASE_KIND_LABELS,
  CASE_KINDS,
  CASE_RESULTS,
  OUTCOME_GROUPS,
  REPLY_OUTCOMES,
  type ReplyOutcome,
} from './application-vocabulary';
import { OUTCOME_SUBTOTALS, SECTION3_COLUMNS, SECTION3_ROWS, type AnnualReportJson, type CaseCounts, type CaseKind, type CaseResult, type Violation } from '../../../shared/annual-report';

export * from '../../../shared/annual-report';


const GROUPS = ['withhold', 'unable', 'reject', 'other'] as const;
const DETAIL_ROWS = ['new', 'carriedIn', ...REPLY_OUTCOMES, 'carriedOut'] as const;
/** Applicant-kind columns only (总计 excluded). */
const KIND_COUNT = APPLICANT_KINDS.length;

/** One GROUP BY row of the applications query: a detail row (a count row or an outcome code) × an applicant kind. */
export interface Section3Count {
  row: string;
  applicantKind: string;
  count: number;
}

/**
 * Section 三 from grouped counts: every detail row per applicant kind, then the subtotals, 总计 row and 总计 column
 * as sums. Counts of unknown rows or kinds are ignored (they cannot be placed in the national table).
 */
export function assembleSection3(counts: readonly Section3Count[]): AnnualReportJson['section3'] {
  const rows: Record<string, number[]> = Object.fromEntries(SECTION3_ROWS.map((row) => [row, new Array(SECTION3_COLUMNS.length).fill(0)]));
  for (const { row, applicantKind, count } of counts) {
    const column = (APPLICANT_KINDS as readonly string[]).indexOf(applicantKind);
    if (column < 0 || !(DETAIL_ROWS as readonly string[]).includes(row)) continue;
    rows[row][column] += Number(count) || 0;
  }
  for (let column = 0; column < KIND_COUNT; column += 1) {
    for (const group of GROUPS) {
      rows[OUTCOME_SUBTOTALS[group]][column] = REPLY_OUTCOMES.filter((o) => o.startsWith(`${group}.`)).reduce((sum, o) => sum + rows[o][column], 0);
    }
    rows.total[column] = rows.disclose[column] + rows.partial[column] + GROUPS.reduce((sum, g) => sum + rows[OUTCOME_SUBTOTALS[g]][column], 0);
  }
  for (const row of SECTION3_ROWS) rows[row][KIND_COUNT] = rows[row].slice(0, KIND_COUNT).reduce((a, b) => a + b, 0);
  return { columns: [...SECTION3_COLUMNS], rows };
}

/** One GROUP BY row of the cases query: kind × result as of 31 December. */
export interface Section4Count {
  kind: string;
  result: string;
  count: number;
}

/** Section 四 from grouped counts; total = the sum of the four results. */
export function assembleSection4(counts: readonly Section4Count[]): AnnualReportJson['section4'] {
  const section = Object.fromEntries(CASE_KINDS.map((kind) => [kind, { upheld: 0, corrected: 0, other: 0, pending: 0, total: 0 }])) as AnnualReportJson['section4'];
  for (const { kind, result, count } of counts) {
    if (!(kind in section) || !(CASE_RESULTS as readonly string[]).includes(result)) continue;
    section[kind as CaseKind][result as CaseResult] += Number(count) || 0;
  }
  for (const kind of CASE_KINDS) section[kind].total = CASE_RESULTS.reduce((sum, result) => sum + section[kind][result], 0);
  return section;
}

/** An application that breaks the balance of section 三 (closed before received, closed without outcome or the reverse). */
export interface InconsistentApplication {
  trackingCode: string;
  applicantKind: string;
  receivedOn: string | null;
  closedOn: string | null;
  outcome: string | null;
}

export interface InvariantOptions {
  /** The previous year's released report: its row 四 and the applications behind it. */
  previous?: { carriedOut: number[]; applications: string[] } | null;
  /** This year's carried-in applications (tracking code and column), for the carry-over difference. */
  carriedIn?: { trackingCode: string; applicantKind: string }[];
  /** Applicant kinds of the previous year's carried-out applications that are not carried in (looked up by the caller). */
  previousKinds?: Record<string, string>;
  inconsistentApplications?: InconsistentApplication[];
  /** 索引号 (or, lacking one, the document id) of released policies repealed or expired without a date. */
  policiesWithoutStopDate?: string[];
}

const MAX_INVOLVED = 100;
const cap = (codes: Iterable<string>) => [...new Set(codes)].sort().slice(0, MAX_INVOLVED);
const columnLabel = (column: string): [string, string] =>
  column === 'total' ? ['总计', 'total'] : [APPLICANT_KIND_LABELS[column as keyof typeof APPLICANT_KIND_LABELS]?.[0] ?? column, column];
const violation = (key: string, code: string, message: string, messageEn: string, involved: string[] = []): Violation => ({ key, code, message, messageEn, involved: cap(involved), explanation: null });

/**
 * The invariants of issue 13 §5, as violations with stable keys: every 总计 is the sum of its parts (any row, any
 * column, section 四 too); per column 一 + 二 = 三（七）+ 四; the previous year's 四 equals this year's 二; and the
 * application and policy facts that break the figures, as the caller found them.
 */
export function checkInvariants(report: AnnualReportJson, options: InvariantOptions = {}): Violation[] {
  const out: Violation[] = [];
  const { rows } = report.section3;
  const columns = report.section3.columns;
  const totalIndex = columns.indexOf('total');
  const get = (row: string, column: number) => rows[row]?.[column] ?? 0;

  for (const row of SECTION3_ROWS) {
    const sum = columns.reduce((acc, _c, i) => (i === totalIndex ? acc : acc + get(row, i)), 0);
    if (get(row, totalIndex) !== sum) {
      out.push(violation(`total:section3.${row}.total`, 'TOTAL_MISMATCH', `第三部分“${row}”行的总计（${get(row, totalIndex)}）不等于各类申请人之和（${sum}）`, `section 3 row ${row}: total ${get(row, totalIndex)} ≠ sum of columns ${sum}`));
    }
  }
  columns.forEach((column, i) => {
    const [zh] = columnLabel(column);
    for (const group of GROUPS) {
      const sum = REPLY_OUTCOMES.filter((o) => o.startsWith(`${group}.`)).reduce((acc, o) => acc + get(o, i), 0);
      const subtotal = OUTCOME_SUBTOTALS[group];
      if (get(subtotal, i) !== sum) {
        out.push(violation(`total:section3.${subtotal}.${column}`, 'TOTAL_MISMATCH', `第三部分“${zh}”列的${OUTCOME_GROUPS[group][0]}小计（${get(subtotal, i)}）不等于各项之和（${sum}）`, `section 3 column ${column}: ${subtotal} ${get(subtotal, i)} ≠ sum of its outcomes ${sum}`));
      }
    }
    const total = get('disclose', i) + get('partial', i) + GROUPS.reduce((acc, g) => acc + get(OUTCOME_SUBTOTALS[g], i), 0);
    if (get('total', i) !== total) {
      out.push(violation(`total:section3.total.${column}`, 'TOTAL_MISMATCH', `第三部分“${zh}”列的办理结果总计（${get('total', i)}）不等于各项之和（${total}）`, `section 3 column ${column}: total ${get('total', i)} ≠ sum of outcomes ${total}`));
    }
  });
  for (const kind of CASE_KINDS) {
    const counts = report.section4[kind];
    const sum = CASE_RESULTS.reduce((acc, result) => acc + (counts?.[result] ?? 0), 0);
    if ((counts?.total ?? 0) !== sum) {
      out.push(violation(`total:section4.${kind}`, 'TOTAL_MISMATCH', `第四部分${CASE_KIND_LABELS[kind][0]}的总计（${counts?.total ?? 0}）不等于各项结果之和（${sum}）`, `section 4 ${kind}: total ${counts?.total ?? 0} ≠ sum of results ${sum}`));
    }
  }

  const inconsistent = options.inconsistentApplications ?? [];
  columns.forEach((column, i) => {
    const left = get('new', i) + get('carriedIn', i);
    const right = get('total', i) + get('carriedOut', i);
    if (left === right) return;
    const [zh] = columnLabel(column);
    const involved = inconsistent.filter((a) => column === 'total' || a.applicantKind === column).map((a) => a.trackingCode);
    out.push(
      violation(
        `balance:${column}`,
        'BALANCE_MISMATCH',
        `第三部分“${zh}”列：本年新收与上年结转之和（${left}）不等于办理结果总计与结转下年度之和（${right}）`,
        `section 3 column ${column}: new + carried in (${left}) ≠ total + carried out (${right})`,
        involved
      )
    );
  });
  for (const a of inconsistent) {
    const why =
      a.closedOn && a.receivedOn && a.closedOn < a.receivedOn
        ? [`办结日期（${a.closedOn}）早于收到申请日期（${a.receivedOn}）`, `closed on ${a.closedOn} before it was received on ${a.receivedOn}`]
        : a.closedOn && !a.outcome
          ? [`已办结（${a.closedOn}）但没有办理结果`, `closed on ${a.closedOn} without an outcome`]
          : [`有办理结果但没有办结日期`, `has an outcome but no closing date`];
    out.push(violation(`application:${a.trackingCode}`, 'INCONSISTENT_APPLICATION', `申请 ${a.trackingCode}：${why[0]}`, `application ${a.trackingCode}: ${why[1]}`, [a.trackingCode]));
  }

  if (options.previous) {
    const previousCodes = new Set(options.previous.applications);
    const carriedIn = options.carriedIn ?? [];
    const currentCodes = new Set(carriedIn.map((a) => a.trackingCode));
    const kindOf = new Map<string, string>([...Object.entries(options.previousKinds ?? {}), ...carriedIn.map((a) => [a.trackingCode, a.applicantKind] as [string, string])]);
    const difference = [...[...previousCodes].filter((c) => !currentCodes.has(c)), ...[...currentCodes].filter((c) => !previousCodes.has(c))];
    columns.forEach((column, i) => {
      const before = options.previous!.carriedOut[i] ?? 0;
      const now = get('carriedIn', i);
      if (before === now) return;
      const [zh] = columnLabel(column);
      out.push(
        violation(
          `carry_over:${column}`,
          'CARRY_OVER_MISMATCH',
          `第三部分“${zh}”列：上年报告的结转下年度继续办理（${before}）不等于本年的上年结转（${now}）`,
          `section 3 column ${column}: last year's carried out (${before}) ≠ this year's carried in (${now})`,
          difference.filter((code) => column === 'total' || kindOf.get(code) === column)
        )
      );
    });
  }

  for (const indexNumber of options.policiesWithoutStopDate ?? []) {
    out.push(
      violation(
        `policy:${indexNumber}`,
        'POLICY_STOP_DATE_MISSING',
        `政策文件 ${indexNumber} 的有效性为已废止或已失效，但没有填写废止或失效日期（也没有有效期至），无法统计本年废止件数和现行有效件数`,
        `policy ${indexNumber} is repealed or expired but has neither a repeal date nor an expiry date`,
        [indexNumber]
      )
    );
  }
  return out;
}

/** Every number of two reports that differs (section 二, 三 and 四), with its path; violations and texts excluded. */
export function diffReports(a: AnnualReportJson, b: AnnualReportJson): { path: string; before: number | null; after: number | null }[] {
  const out: { path: string; before: number | null; after: number | null }[] = [];
  const walk = (path: string, x: unknown, y: unknown) => {
    const isNum = (v: unknown) => typeof v === 'number' || v === null || v === undefined;
    if (isNum(x) && isNum(y)) {
      const before = (x as number | null | undefined) ?? null;
      const after = (y as number | null | undefined) ?? null;
      if (before !== after) out.push({ path, before, after });
      return;
    }
    if (Array.isArray(x) || Array.isArray(y)) {
      const xs = Array.isArray(x) ? x : [];
      const ys = Array.isArray(y) ? y : [];
      for (let i = 0; i < Math.max(xs.length, ys.length); i += 1) walk(`${path}[${i}]`, xs[i], ys[i]);
      return;
    }
    const xo = (x && typeof x === 'object' ? x : {}) as Record<string, unknown>;
    const yo = (y && typeof y === 'object' ? y : {}) as Record<string, unknown>;
    const keys = [...new Set([...Object.keys(xo), ...Object.keys(yo)])];
    for (const key of keys) walk(`${path}.${key}`, xo[key], yo[key]);
  };
  walk('section2', a.section2, b.section2);
  // Rows in the table's order, then any row only one of them has.
  const rowKeys = [...new Set([...SECTION3_ROWS, ...Object.keys(a.section3?.rows ?? {}), ...Object.keys(b.section3?.rows ?? {})])];
  for (const row of rowKeys) walk(`section3.rows.${row}`, a.section3?.rows?.[row], b.section3?.rows?.[row]);
  walk('section4', a.section4, b.section4);
  return out;
}

/**
 * 条例 第五十条: 人民政府 publish their report by 31 March of the following year, their work departments (and every
 * other organ) by 31 January.
 */
export function annualReportDueDate(organizationKind: string | null | undefined, year: number): string {
  return organizationKind === 'people_government' ? `${year + 1}-03-31` : `${year + 1}-01-31`;
}

/** 1 January and 31 December of a report year, as legal dates. */
export const yearBounds = (year: number) => ({ start: `${String(year).padStart(4, '0')}-01-01`, end: `${String(year).padStart(4, '0')}-12-31` });
