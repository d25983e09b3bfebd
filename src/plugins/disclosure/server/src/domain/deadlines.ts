import { addWorkingDaysDetailed, WorkingCalendar, workingDaysBetween } from './calendar';
import type { LegalDate } from './legal-date';

/**
 * Statutory release windows. Each governed type has rules (first match wins):
 * how many working days, counted from which date, and the legal basis shown to
 * editors. Configured in config/plugins.ts (disclosure.deadlines); these are the
 * defaults.
 */
export interface DeadlineRule {
  workingDays: number;
  /**
   * A fixed statutory date instead of working days: 'annualReport' = 条例 第四十九条/第五十条 (the report's
   * year + 1: 31 March for a people's government, 31 January for every other organ), from the publishing
   * organization's kind.
   */
  fixed?: 'annualReport';
  /** Field holding the start date, or 'policyReleasedOn' for interpretations. */
  from: string;
  legalBasis: string;
  /** Only for entries whose fields have one of these values. */
  when?: Record<string, string[]>;
}

export const DEFAULT_DEADLINE_RULES: Record<string, DeadlineRule[]> = {
  'api::policy.policy': [{ workingDays: 20, from: 'formedOrChangedAt', legalBasis: '《政府信息公开条例》第二十六条：自形成或者变更之日起20个工作日内' }],
  'api::disclosure-item.disclosure-item': [{ workingDays: 20, from: 'formedOrChangedAt', legalBasis: '《政府信息公开条例》第二十六条：自形成或者变更之日起20个工作日内' }],
  'api::dual-publicity-record.dual-publicity-record': [{ workingDays: 7, from: 'decisionDate', legalBasis: '双公示：行政许可、行政处罚决定作出之日起7个工作日内上网公开' }],
  'api::procurement-notice.procurement-notice': [
    { workingDays: 2, from: 'decisionDate', when: { noticeType: ['award_result'] }, legalBasis: '《政府采购法实施条例》第四十三条：中标、成交供应商确定之日起2个工作日内公告' },
    { workingDays: 2, from: 'contractSignedDate', when: { noticeType: ['contract_notice'] }, legalBasis: '《政府采购法实施条例》第五十条：合同自签订之日起2个工作日内公告' },
    { workingDays: 20, from: 'formedOrChangedAt', legalBasis: '《政府信息公开条例》第二十六条' },
  ],
  'api::interpretation.interpretation': [{ workingDays: 3, from: 'policyReleasedOn', legalBasis: '本地规则：政策文件发布后3个工作日内发布解读' }],
  'api::recruitment-notice.recruitment-notice': [{ workingDays: 20, from: 'formedOrChangedAt', legalBasis: '《政府信息公开条例》第二十六条' }],
  'api::annual-report.annual-report': [
    {
      workingDays: 0,
      fixed: 'annualReport',
      from: 'year',
      legalBasis: '《政府信息公开条例》第四十九条：县级以上人民政府部门于每年1月31日前、县级以上地方人民政府于每年3月31日前公布本行政机关上一年度政府信息公开工作年度报告',
    },
  ],
};

export function ruleFor(rules: DeadlineRule[] | undefined, entry: Record<string, unknown>): DeadlineRule | null {
  return (rules ?? []).find((rule) => Object.entries(rule.when ?? {}).every(([field, values]) => values.includes(String(entry[field])))) ?? null;
}

export interface DueDate {
  dueDate: LegalDate;
  provisional: boolean;
  missingYears: number[];
}

export function dueDateFrom(start: LegalDate, rule: DeadlineRule, calendar?: WorkingCalendar): DueDate {
  const { date, provisional, missingYears } = addWorkingDaysDetailed(start, rule.workingDays, calendar);
  return { dueDate: date, provisional, missingYears };
}

export type DeadlineStatus = 'on_track' | 'at_risk' | 'overdue' | 'released_on_time' | 'released_late';

export const DEADLINE_STATUS_LABELS: Record<DeadlineStatus, string> = {
  on_track: '按期推进',
  at_risk: '即将到期',
  overdue: '已超期',
  released_on_time: '按时发布',
  released_late: '超期发布',
};

export interface StatusInput {
  dueDate: LegalDate | null;
  releasedOn: LegalDate | null;
  today: LegalDate;
  /** At risk when this many working days or fewer remain. */
  atRiskWithin: number;
  calendar?: WorkingCalendar;
}

export interface DeadlineView {
  status: DeadlineStatus | null;
  workingDaysLeft?: number;
  workingDaysLate?: number;
}

export function deadlineStatus({ dueDate, releasedOn, today, atRiskWithin, calendar }: StatusInput): DeadlineView {
  if (!dueDate) return { status: null };
  if (releasedOn) {
    const late = workingDaysBetween(dueDate, releasedOn, calendar);
    return late > 0 ? { status: 'released_late', workingDaysLate: late } : { status: 'released_on_time' };
  }
  const left = workingDaysBetween(today, dueDate, calendar);
  if (today > dueDate) return { status: 'overdue', workingDaysLate: -left };
  return { status: left <= atRiskWithin ? 'at_risk' : 'on_track', workingDaysLeft: left };
}
