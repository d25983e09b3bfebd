import { addMonths, LegalDate } from './legal-date';

/**
 * How long a 双公示 record stays public, per kind, in months from the decision:
 * 行政处罚 at least 3 months and at most 3 years by default. Before the minimum it
 * cannot be taken down; between minimum and maximum only through 信用修复 (credit
 * repair) with a reason; at the maximum it is withdrawn automatically.
 */
export interface PublicPeriodRule {
  minMonths: number;
  maxMonths: number;
}

export const DEFAULT_PUBLIC_PERIODS: Record<string, PublicPeriodRule> = {
  administrative_penalty: { minMonths: 3, maxMonths: 36 },
};

export interface PublicWindow {
  earliestEnd: LegalDate;
  latestEnd: LegalDate;
}

export function publicWindow(decisionDate: LegalDate, rule: PublicPeriodRule): PublicWindow {
  return { earliestEnd: addMonths(decisionDate, rule.minMonths), latestEnd: addMonths(decisionDate, rule.maxMonths) };
}

export type EarlyWithdrawal = { allowed: true; creditRepair: boolean } | { allowed: false; code: 'PUBLIC_PERIOD_MINIMUM' | 'CREDIT_REPAIR_REQUIRED'; earliestEnd: LegalDate };

/** May a record be withdrawn on `today`? At or after publicUntil, always (the scheduled withdrawal). */
export function withdrawalAllowed(today: LegalDate, publicUntil: LegalDate | null, window: PublicWindow, creditRepair: boolean): EarlyWithdrawal {
  if (publicUntil && today > publicUntil) return { allowed: true, creditRepair: false };
  if (today < window.earliestEnd) return { allowed: false, code: 'PUBLIC_PERIOD_MINIMUM', earliestEnd: window.earliestEnd };
  if (!creditRepair) return { allowed: false, code: 'CREDIT_REPAIR_REQUIRED', earliestEnd: window.earliestEnd };
  return { allowed: true, creditRepair: true };
}
