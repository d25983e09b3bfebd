import { z } from 'zod';
import { EXEMPTION_REASON_OTHER, PROACTIVE } from '../constants';
import { FieldIssue, issue } from './field-issue';
import { isLegalDate, LegalDate, legalDateInput, legalDayOf, legalYear } from './legal-date';
import { VOCABULARY } from './vocabulary';
import { DEFAULT_PUBLIC_PERIODS, PublicPeriodRule, publicWindow } from './public-period';

/**
 * The rules an entry must satisfy in every state, draft included: what an editor
 * saves must already be a coherent catalogue record. (Strapi itself only checks
 * `required` at publish time.) Input is the stored entry after the write, with
 * relations reduced to ids.
 */
export type RelationRef = { id: number | string } | null;

export interface CatalogEntry {
  title?: string | null;
  publishingOrganization?: RelationRef;
  category?: RelationRef;
  disclosureAttribute?: string | null;
  exemptionReason?: string | null;
  exemptionReasonDetail?: string | null;
  /** 'YYYY-MM-DD' (Asia/Shanghai). */
  formedOrChangedAt?: string | null;
  [field: string]: unknown;
}

type Rule = (entry: CatalogEntry) => FieldIssue[];

const blank = (value: unknown) =>
  value === null || value === undefined || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);

const required = (field: string, zh: string, en: string): Rule => (entry) =>
  blank(entry[field]) ? [issue([field], 'REQUIRED', `${zh}不能为空`, `${en} is required`)] : [];

/** later must not be before earlier (both legal days); silent when either is absent. */
const notBefore = (later: string, laterZh: string, earlier: string, earlierZh: string): Rule => (entry) => {
  const a = legalDayOf(entry[earlier]);
  const b = legalDayOf(entry[later]);
  if (!a || !b || b >= a) return [];
  return [issue([later], 'DATE_ORDER', `${laterZh}不能早于${earlierZh}`, `${later} must not be before ${earlier}`)];
};

/** Instants (datetime fields) compared exactly rather than by day. */
const instantNotBefore = (later: string, laterZh: string, earlier: string, earlierZh: string): Rule => (entry) => {
  const a = entry[earlier];
  const b = entry[later];
  if (blank(a) || blank(b)) return [];
  const ta = new Date(a as string).getTime();
  const tb = new Date(b as string).getTime();
  if (Number.isNaN(ta) || Number.isNaN(tb) || tb >= ta) return [];
  return [issue([later], 'DATE_ORDER', `${laterZh}不能早于${earlierZh}`, `${later} must not be before ${earlier}`)];
};

const validDates = (...fields: string[]): Rule => (entry) =>
  fields.flatMap((field) => {
    const value = entry[field];
    if (blank(value) || isLegalDate(value)) return [];
    return [issue([field], 'INVALID_DATE', '日期格式应为 YYYY-MM-DD', `${field} must be a date in YYYY-MM-DD form`)];
  });

const nonNegative = (...fields: string[]): Rule => (entry) =>
  fields.flatMap((field) => {
    const value = entry[field];
    if (blank(value)) return [];
    const n = Number(value);
    return Number.isFinite(n) && n >= 0 ? [] : [issue([field], 'NEGATIVE_AMOUNT', '金额不能为负数', `${field} must not be negative`)];
  });

const catalogShape = z.object({
  title: z.string().max(300).nullish(),
  disclosureAttribute: z.string().nullish(),
  exemptionReason: z.string().nullish(),
  exemptionReasonDetail: z.string().nullish(),
});

const catalogRules: Rule[] = [
  required('title', '名称', 'title'),
  required('publishingOrganization', '发布机构', 'publishingOrganization'),
  required('formedOrChangedAt', '形成或变更日期', 'formedOrChangedAt'),
  (entry) => {
    const parsed = catalogShape.safeParse(entry);
    if (!parsed.success) {
      return parsed.error.issues.map((i) => issue(i.path, 'INVALID', '格式不正确', i.message));
    }
    const attribute = entry.disclosureAttribute ?? PROACTIVE;
    if (attribute === PROACTIVE) {
      return blank(entry.exemptionReason)
        ? []
        : [issue(['exemptionReason'], 'EXEMPTION_REASON_NOT_ALLOWED', '主动公开的信息不应填写不公开理由', 'exemptionReason must be empty for proactive entries')];
    }
    if (blank(entry.exemptionReason)) {
      return [
        issue(
          ['exemptionReason'],
          'EXEMPTION_REASON_REQUIRED',
          `公开属性为“${VOCABULARY[attribute]?.zh ?? attribute}”时必须填写不公开理由（《条例》第十四条至第十六条）`,
          'exemptionReason is required unless disclosureAttribute is proactive'
        ),
      ];
    }
    if (entry.exemptionReason === EXEMPTION_REASON_OTHER && blank(entry.exemptionReasonDetail)) {
      return [issue(['exemptionReasonDetail'], 'EXEMPTION_REASON_DETAIL_REQUIRED', '不公开理由为“其他”时必须填写理由说明', 'exemptionReasonDetail is required when the reason is other')];
    }
    return [];
  },
];

export const TYPE_RULES: Record<string, Rule[]> = {
  'api::policy.policy': [
    required('issuingOrganizations', '发文机关', 'issuingOrganizations'),
    validDates('writtenDate', 'effectiveDate', 'expiryDate'),
    notBefore('effectiveDate', '施行日期', 'writtenDate', '成文日期'),
    notBefore('expiryDate', '有效期至', 'writtenDate', '成文日期'),
    notBefore('expiryDate', '有效期至', 'effectiveDate', '施行日期'),
  ],
  'api::interpretation.interpretation': [required('policy', '解读的政策文件', 'policy')],
  'api::dual-publicity-record.dual-publicity-record': [
    required('decisionNumber', '决定文书号', 'decisionNumber'),
    required('subjectName', '相对人名称', 'subjectName'),
    required('decisionDate', '决定日期', 'decisionDate'),
    validDates('decisionDate', 'validFrom', 'validUntil', 'publicUntil'),
    notBefore('validUntil', '有效期至', 'validFrom', '有效期自'),
    notBefore('publicUntil', '公示截止日期', 'decisionDate', '决定日期'),
    nonNegative('penaltyAmount', 'confiscationAmount'),
  ],
  'api::procurement-notice.procurement-notice': [
    required('projectName', '项目名称', 'projectName'),
    validDates('decisionDate', 'contractSignedDate'),
    instantNotBefore('openingTime', '开标时间', 'submissionDeadline', '投标截止时间'),
    notBefore('contractSignedDate', '合同签订日期', 'decisionDate', '中标(成交)确定日期'),
    nonNegative('budgetAmount', 'resultAmount'),
  ],
  'api::recruitment-notice.recruitment-notice': [
    validDates('examDate', 'publicityStart', 'publicityEnd'),
    instantNotBefore('registrationEnd', '报名截止时间', 'registrationStart', '报名开始时间'),
    notBefore('publicityEnd', '公示结束日期', 'publicityStart', '公示开始日期'),
    (entry) =>
      (Array.isArray(entry.positions) ? entry.positions : []).flatMap((position: any, i: number) =>
        Number.isInteger(Number(position?.headcount)) && Number(position?.headcount) >= 1
          ? []
          : [issue(['positions', i, 'headcount'], 'INVALID_HEADCOUNT', '招聘人数应为正整数', 'headcount must be a positive integer')]
      ),
  ],
  'api::disclosure-item.disclosure-item': [required('category', '公开目录分类', 'category')],
  'api::annual-report.annual-report': [
    required('year', '报告年度', 'year'),
    (entry) => {
      if (blank(entry.year)) return [];
      const year = Number(entry.year);
      // 条例 took effect in 2008; a year not over yet may be drafted, a later one cannot be reported on.
      if (Number.isInteger(year) && year >= 2008 && year <= legalYear(new Date())) return [];
      return [issue(['year'], 'INVALID_YEAR', `报告年度应为2008年至${legalYear(new Date())}年之间的年份`, `year must be between 2008 and ${legalYear(new Date())}`)];
    },
    (entry) =>
      blank(entry.scope) || ['subtree', 'alone'].includes(String(entry.scope))
        ? []
        : [issue(['scope'], 'INVALID_SCOPE', '统计范围应为“本机构及下属机构”或“仅本机构”', 'scope must be subtree or alone')],
    nonNegative('feesWanYuan'),
  ],
};

export interface RuleOptions {
  publicPeriods?: Record<string, PublicPeriodRule>;
}

/** A 双公示 record's public period must lie within its kind's window (行政处罚: 3 months to 3 years). */
const publicPeriodRule = (periods: Record<string, PublicPeriodRule>): Rule => (entry) => {
  const rule = periods[String(entry.kind)];
  const decision = legalDayOf(entry.decisionDate);
  const until = legalDayOf(entry.publicUntil);
  if (!rule || !decision || !until) return [];
  const window = publicWindow(decision, rule);
  if (until < window.earliestEnd || until > window.latestEnd) {
    return [
      issue(
        ['publicUntil'],
        'PUBLIC_PERIOD_OUT_OF_RANGE',
        `公示截止日期应在${window.earliestEnd}至${window.latestEnd}之间`,
        `publicUntil must be between ${window.earliestEnd} and ${window.latestEnd}`
      ),
    ];
  }
  return [];
};

/**
 * 形成或变更日期 as written by a client, before it is stored: a 'YYYY-MM-DD' date, or an instant with its offset
 * (integrations written while the field was a date-time) turned into its Asia/Shanghai day — never cut at the UTC day
 * as Strapi would. Absent or blank: nothing to do (the required rule speaks after the write).
 */
export function formationDateInput(data: Record<string, unknown>): { value?: LegalDate; issue?: FieldIssue } {
  const value = data.formedOrChangedAt;
  if (blank(value)) return {};
  const day = legalDateInput(value);
  if (day) return { value: day };
  return {
    issue: issue(
      ['formedOrChangedAt'],
      'INVALID_DATE',
      '形成或变更日期应为 YYYY-MM-DD 格式的日期',
      'formedOrChangedAt must be a date YYYY-MM-DD (or an ISO 8601 instant with its offset, taken as its Asia/Shanghai day)'
    ),
  };
}

/** Every problem with the entry, in field order; empty when it may be stored. */
export function checkEntry(uid: string, entry: CatalogEntry, options: RuleOptions = {}): FieldIssue[] {
  const rules = [...catalogRules, ...(TYPE_RULES[uid] ?? [])];
  if (uid === 'api::dual-publicity-record.dual-publicity-record') rules.push(publicPeriodRule(options.publicPeriods ?? DEFAULT_PUBLIC_PERIODS));
  return rules.flatMap((rule) => rule(entry));
}
