/**
 * 政府信息公开工作年度报告: the JSON shape other tools rely on and the order of the national template's tables
 * (国办公开办函〔2021〕30号), shared by the server (domain/annual-report.ts) and the admin's tables.
 * Plain data and types, no Strapi or Node imports, so it bundles for the browser.
 */
import { APPLICANT_KINDS, CASE_KINDS, CASE_RESULTS, REPLY_OUTCOMES, type ReplyOutcome } from '../server/src/domain/application-vocabulary';

/** Section 三's columns, in the template's order (总计 last). */
export const SECTION3_COLUMNS = [...APPLICANT_KINDS, 'total'] as const;
export type Section3Column = (typeof SECTION3_COLUMNS)[number];

/** The outcome groups of （三）…（六） and the subtotal row each one ends with. */
export const OUTCOME_SUBTOTALS = { withhold: 'withholdTotal', unable: 'unableTotal', reject: 'rejectTotal', other: 'otherTotal' } as const;

/**
 * Section 三's rows in the template's order: 一 本年新收, 二 上年结转, 三 办理结果 (every outcome code, each group of
 * （三）…（六）followed by its subtotal, then （七）总计), 四 结转下年度继续办理.
 */
export const SECTION3_ROWS: readonly string[] = [
  'new',
  'carriedIn',
  ...(['disclose', 'partial'] as const),
  ...(['withhold', 'unable', 'reject', 'other'] as const).flatMap((group) => [
    ...REPLY_OUTCOMES.filter((o) => o.startsWith(`${group}.`)),
    OUTCOME_SUBTOTALS[group],
  ]),
  'total',
  'carriedOut',
];

export type ReportScope = 'subtree' | 'alone';
export const REPORT_SCOPES: readonly ReportScope[] = ['subtree', 'alone'];

export interface DocumentCounts {
  issued: number;
  repealed: number;
  inForce: number;
}
export interface CaseCounts {
  upheld: number;
  corrected: number;
  other: number;
  pending: number;
  total: number;
}
export type CaseKind = (typeof CASE_KINDS)[number];
export type CaseResult = (typeof CASE_RESULTS)[number];

export interface Violation {
  /** Stable across regenerations, e.g. 'balance:natural_person', 'carry_over:total', 'application:YSQ2025…'. */
  key: string;
  /** TOTAL_MISMATCH | BALANCE_MISMATCH | CARRY_OVER_MISMATCH | INCONSISTENT_APPLICATION | POLICY_STOP_DATE_MISSING */
  code: string;
  message: string;
  messageEn: string;
  /** Tracking codes (applications) or 索引号 (policies) involved, at most 100. */
  involved: string[];
  /** Set when someone recorded why the figures stand; an unexplained violation blocks release. */
  explanation: { note: string; by: string; at: string } | null;
}

/** Exactly the JSON export's shape (issue 13): other tools rely on every key. */
export interface AnnualReportJson {
  organization: string;
  year: number;
  frozen: boolean;
  section2: {
    regulations: DocumentCounts;
    normativeDocuments: DocumentCounts;
    licensing: { decisions: number };
    penalties: { decisions: number };
    enforcement: { decisions: number };
    fees: { amountWanYuan: number | null };
  };
  section3: { columns: Section3Column[]; rows: Record<string, number[]> };
  section4: Record<CaseKind, CaseCounts>;
  violations: Violation[];
}

/** What generation knows besides the exported figures (kept with each version, never exported as is). */
export interface AnnualReportExtras {
  /** 信息处理费 collected in the year (fees paid), 元: section 六's text. */
  feesCollectedYuan: number;
  /** Tracking codes of the applications carried into the next year (row 四): the next year's carry-over check. */
  carriedOutApplications: string[];
  scope: ReportScope;
}

/** 政府网站年度报表: the figures the content gives (issue 13 §9). */
export interface WebsiteReportJson {
  organization: string;
  year: number;
  /** 信息发布: released in the year, by content type and by disclosure category. */
  publishing: { total: number; byType: Record<string, number>; byCategory: { code: string; name: string; count: number }[] };
  /** 解读回应: interpretations released in the year. */
  interpretations: { total: number };
  /** 依申请公开: received and concluded in the year. */
  applications: { received: number; concluded: number };
}

export const isOutcome = (row: string): row is ReplyOutcome => (REPLY_OUTCOMES as readonly string[]).includes(row);
