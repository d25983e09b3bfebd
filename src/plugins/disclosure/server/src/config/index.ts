import { DEFAULT_GOVERNED_CONTENT_TYPES, DEFAULT_INDEX_NUMBER_PATTERN } from '../constants';
import { parseIndexNumberPattern } from '../domain/index-number';
import { DEFAULT_STAGES, StageDefinition } from '../domain/workflow';
import { DEFAULT_DEADLINE_RULES, DeadlineRule } from '../domain/deadlines';
import { DEFAULT_PUBLIC_PERIODS, PublicPeriodRule } from '../domain/public-period';

export interface DisclosurePluginConfig {
  /** Content types that carry the catalogue fields and follow the disclosure rules. */
  contentTypes: string[];
  indexNumber: { pattern: string };
  /** Review stages per content type uid, or `default` for all. */
  workflow?: { stages?: Record<string, StageDefinition[]> };
  /** Statutory windows per content type, and how many working days left counts as at risk. */
  deadlines?: { rules?: Record<string, DeadlineRule[]>; atRiskWithin?: number };
  /** 双公示 public period per kind, in months from the decision. */
  publicPeriods?: Record<string, PublicPeriodRule>;
  /**
   * Scheduled jobs: how long a claimed job stays a worker's before another may take it over (a crashed worker's job
   * waits at most this long), how often a worker renews the lease of the job it runs, and how many real failures
   * a job may have before it fails for good.
   */
  scheduler?: { leaseMs?: number; heartbeatMs?: number; maxAttempts?: number };
}

export const DEFAULT_SCHEDULER = { leaseMs: 15_000, heartbeatMs: 5_000, maxAttempts: 8 };

/** The scheduler tunables in force: the configured ones, each unset one (undefined) at its default. */
export function schedulerSettings(configured: DisclosurePluginConfig['scheduler'] = {}): typeof DEFAULT_SCHEDULER {
  const set = Object.fromEntries(Object.entries(configured ?? {}).filter(([, value]) => value !== undefined));
  return { ...DEFAULT_SCHEDULER, ...set };
}

export default {
  default: (): DisclosurePluginConfig => ({
    contentTypes: [...DEFAULT_GOVERNED_CONTENT_TYPES],
    indexNumber: { pattern: DEFAULT_INDEX_NUMBER_PATTERN },
    workflow: { stages: { default: DEFAULT_STAGES } },
    deadlines: { rules: DEFAULT_DEADLINE_RULES, atRiskWithin: 3 },
    publicPeriods: DEFAULT_PUBLIC_PERIODS,
    scheduler: { ...DEFAULT_SCHEDULER },
  }),
  validator(config: DisclosurePluginConfig) {
    if (!Array.isArray(config.contentTypes) || config.contentTypes.some((uid) => typeof uid !== 'string' || !uid.startsWith('api::'))) {
      throw new Error('disclosure.contentTypes must be a list of api:: content-type uids');
    }
    parseIndexNumberPattern(config.indexNumber?.pattern);
    const atRisk = config.deadlines?.atRiskWithin;
    if (atRisk !== undefined && (!Number.isInteger(atRisk) || atRisk < 0)) throw new Error('disclosure.deadlines.atRiskWithin must be a whole number ≥ 0');
    for (const [uid, rules] of Object.entries(config.deadlines?.rules ?? {})) {
      if (!Array.isArray(rules) || rules.some((r) => !Number.isInteger(r?.workingDays) || r.workingDays < 0 || !r.from || !r.legalBasis)) {
        throw new Error(`disclosure.deadlines.rules.${uid} must be a list of { workingDays ≥ 0, from, legalBasis, when? }`);
      }
    }
    for (const [kind, period] of Object.entries(config.publicPeriods ?? {})) {
      if (!Number.isInteger(period?.minMonths) || !Number.isInteger(period?.maxMonths) || period.minMonths < 0 || period.maxMonths < period.minMonths) {
        throw new Error(`disclosure.publicPeriods.${kind} must be { minMonths ≥ 0, maxMonths ≥ minMonths }`);
      }
    }
    const { leaseMs, heartbeatMs, maxAttempts } = schedulerSettings(config.scheduler);
    if (!Number.isInteger(leaseMs) || leaseMs < 1000) throw new Error('disclosure.scheduler.leaseMs must be a whole number of milliseconds ≥ 1000');
    // Renewing at least twice per lease keeps a live worker's job from being taken over between two heartbeats.
    if (!Number.isInteger(heartbeatMs) || heartbeatMs < 100 || heartbeatMs * 2 > leaseMs) {
      throw new Error('disclosure.scheduler.heartbeatMs must be a whole number ≥ 100 and at most half of leaseMs');
    }
    if (!Number.isInteger(maxAttempts) || maxAttempts < 1 || maxAttempts > 100) throw new Error('disclosure.scheduler.maxAttempts must be a whole number from 1 to 100');
    for (const [uid, stages] of Object.entries(config.workflow?.stages ?? {})) {
      if (!Array.isArray(stages) || stages.length === 0 || stages.some((s) => !s?.key || !s?.name || !['reviewer', 'publisher'].includes(s.role))) {
        throw new Error(`disclosure.workflow.stages.${uid} must be a non-empty list of { key, name, role: reviewer | publisher }`);
      }
    }
  },
};
