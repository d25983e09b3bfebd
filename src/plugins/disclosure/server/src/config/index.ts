import { DEFAULT_GOVERNED_CONTENT_TYPES, DEFAULT_INDEX_NUMBER_PATTERN } from '../constants';
import { parseIndexNumberPattern } from '../domain/index-number';
import { DEFAULT_DISTINCT_APPROVERS, DEFAULT_STAGES, DistinctApproversSetting, distinctApproversProblem, StageDefinition } from '../domain/workflow';
import { DEFAULT_DEADLINE_RULES, DeadlineRule } from '../domain/deadlines';
import { DEFAULT_PUBLIC_PERIODS, PublicPeriodRule } from '../domain/public-period';
import { parseRange, WebhookTargetPolicy } from '../domain/consumer/webhook-target';

export interface DisclosurePluginConfig {
  /** Content types that carry the catalogue fields and follow the disclosure rules. */
  contentTypes: string[];
  indexNumber: { pattern: string };
  /**
   * Review stages per content type uid, or `default` for all; whether each stage needs a different approver
   * (per uid, or `default`; on unless turned off).
   */
  workflow?: { stages?: Record<string, StageDefinition[]>; distinctApprovers?: DistinctApproversSetting };
  /** Statutory windows per content type, and how many working days left counts as at risk. */
  deadlines?: { rules?: Record<string, DeadlineRule[]>; atRiskWithin?: number };
  /** 双公示 public period per kind, in months from the decision. */
  publicPeriods?: Record<string, PublicPeriodRule>;
  /**
   * Where webhooks may go besides public addresses on default ports (see domain/consumer/webhook-target.ts); how long
   * one delivery attempt may take; failed deliveries back off from `backoffBaseMs` doubling up to `backoffCapMs` until
   * `retryWindowMs` after the first attempt, then are dead-lettered.
   */
  webhooks: WebhookTargetPolicy & WebhookDelivery;
  /** How long a signed attachment URL (staff previews) stays valid. */
  attachments: { signedUrlTtlSeconds: number };
  /** What one consumer request may cost: cache memory, list depth, feed rows scanned. */
  consumer: ConsumerLimits;
  /** Requests per window, per site token and per client address, shared across instances. */
  rateLimit: RateLimitConfig;
  /**
   * Scheduled jobs: how long a claimed job stays a worker's before another may take it over (a crashed worker's job
   * waits at most this long), how often a worker renews the lease of the job it runs, and how many real failures
   * a job may have before it fails for good.
   */
  scheduler: SchedulerSettings;
  /** When the cron tasks run (instances with CRON_ENABLED=true); the digest rule is in Beijing time. */
  cron: { scheduler: string; webhooks: string; reminders: string };
  /** 依申请公开 (see ApplicationSettings). */
  applications: ApplicationSettings;
  /** /api/disclosure/ready: whether next year's working-day calendar must be entered too (this year's always must). */
  readiness?: { calendarNextYear: boolean };
}

/**
 * 依申请公开: the public form's limits (request body bytes, submissions per client address per window, an optional
 * captcha module exporting `verify(token, ctx) → Promise<boolean>`); how many working days an applicant gets for a
 * 补正 unless the handler says otherwise; how many applications for the same information make the dashboard
 * suggest 主动公开 (条例 第四十四条) and how similar two requests' text must be to count as the same; how many
 * years after an application ends its applicant's personal data is kept (the statistics stay).
 */
export interface ApplicationSettings {
  bodyLimitBytes: number;
  submissions: RateWindow;
  /** Status lookups per client address per window (guessing codes and secrets costs a lookup each). */
  lookups: RateWindow;
  captchaModule: string | null;
  correctionWorkingDays: number;
  proactiveSuggestionThreshold: number;
  similarityThreshold: number;
  retentionYears: number;
}

/** Failed jobs back off from `backoffBaseMs`, doubling up to `backoffCapMs`. */
export interface SchedulerSettings {
  leaseMs: number;
  heartbeatMs: number;
  maxAttempts: number;
  backoffBaseMs: number;
  backoffCapMs: number;
}

export interface WebhookDelivery {
  timeoutMs: number;
  backoffBaseMs: number;
  backoffCapMs: number;
  retryWindowMs: number;
}

export interface ConsumerLimits {
  /** The response cache: 'off' serves every read from the database. */
  cache: 'on' | 'off';
  /** Response cache budget per instance, in bytes (estimated as held in memory). */
  cacheMaxBytes: number;
  /** The deepest row a list may reach: page × pageSize. Deeper reads go through narrower filters or the feed. */
  listMaxDepth: number;
  /** Lists count exactly up to this many entries, then answer the cap with totalCapped (at most listMaxDepth). */
  listCountCap: number;
  /** Feed events one request may examine; past that it answers what it found and a cursor to continue. */
  feedMaxScan: number;
}

export interface RateWindow {
  points: number;
  /** Seconds. */
  duration: number;
}

export interface RateLimitConfig {
  enabled: boolean;
  /** Consumer API requests with a valid site token, per site. */
  site: RateWindow;
  /** Every other rate-limited request, per client address (IPv6 per /64). */
  ip: RateWindow;
}

const positiveInteger = (value: unknown) => Number.isSafeInteger(value) && (value as number) > 0;

export default {
  default: (): DisclosurePluginConfig => ({
    contentTypes: [...DEFAULT_GOVERNED_CONTENT_TYPES],
    indexNumber: { pattern: DEFAULT_INDEX_NUMBER_PATTERN },
    workflow: { stages: { default: DEFAULT_STAGES }, distinctApprovers: { ...DEFAULT_DISTINCT_APPROVERS } },
    deadlines: { rules: DEFAULT_DEADLINE_RULES, atRiskWithin: 3 },
    publicPeriods: DEFAULT_PUBLIC_PERIODS,
    webhooks: { allowedAddresses: [], allowedPorts: [], timeoutMs: 10_000, backoffBaseMs: 30_000, backoffCapMs: 3_600_000, retryWindowMs: 24 * 3_600_000 },
    attachments: { signedUrlTtlSeconds: 900 },
    consumer: { cache: 'on', cacheMaxBytes: 64 * 1024 * 1024, listMaxDepth: 1_000, listCountCap: 1_000, feedMaxScan: 2_000 },
    rateLimit: { enabled: true, site: { points: 600, duration: 60 }, ip: { points: 300, duration: 60 } },
    scheduler: { leaseMs: 15_000, heartbeatMs: 5_000, maxAttempts: 8, backoffBaseMs: 30_000, backoffCapMs: 3_600_000 },
    cron: { scheduler: '*/30 * * * * *', webhooks: '*/5 * * * * *', reminders: '0 0 8 * * *' },
    applications: {
      bodyLimitBytes: 64 * 1024,
      submissions: { points: 10, duration: 3600 },
      lookups: { points: 60, duration: 3600 },
      captchaModule: null,
      correctionWorkingDays: 15,
      proactiveSuggestionThreshold: 3,
      similarityThreshold: 0.8,
      retentionYears: 5,
    },
    readiness: { calendarNextYear: true },
  }),
  validator(config: DisclosurePluginConfig) {
    if (!Array.isArray(config.contentTypes) || config.contentTypes.some((uid) => typeof uid !== 'string' || !uid.startsWith('api::'))) {
      throw new Error('disclosure.contentTypes must be a list of api:: content-type uids');
    }
    parseIndexNumberPattern(config.indexNumber?.pattern);
    const ttl = config.attachments?.signedUrlTtlSeconds;
    if (!Number.isInteger(ttl) || ttl < 1 || ttl > 86400) throw new Error('disclosure.attachments.signedUrlTtlSeconds must be a whole number of seconds from 1 to 86400');
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
    for (const entry of config.webhooks?.allowedAddresses ?? []) {
      try {
        parseRange(entry);
      } catch {
        throw new Error(`disclosure.webhooks.allowedAddresses: "${entry}" is not an IP address or CIDR range`);
      }
    }
    if ((config.webhooks?.allowedPorts ?? []).some((port) => !Number.isInteger(port) || port < 1 || port > 65535)) {
      throw new Error('disclosure.webhooks.allowedPorts must be port numbers (1–65535)');
    }
    for (const key of ['timeoutMs', 'backoffBaseMs', 'backoffCapMs'] as const) {
      if (!positiveInteger(config.webhooks?.[key])) throw new Error(`disclosure.webhooks.${key} must be a whole number of milliseconds ≥ 1`);
    }
    if (config.webhooks.backoffCapMs < config.webhooks.backoffBaseMs) throw new Error('disclosure.webhooks.backoffCapMs must be at least backoffBaseMs');
    if (!Number.isSafeInteger(config.webhooks?.retryWindowMs) || config.webhooks.retryWindowMs < 0) throw new Error('disclosure.webhooks.retryWindowMs must be a whole number of milliseconds ≥ 0');
    if (!['on', 'off'].includes(config.consumer?.cache)) throw new Error('disclosure.consumer.cache must be on or off');
    for (const key of ['cacheMaxBytes', 'listMaxDepth', 'listCountCap', 'feedMaxScan'] as const) {
      if (!positiveInteger(config.consumer?.[key])) throw new Error(`disclosure.consumer.${key} must be a whole number ≥ 1`);
    }
    if (typeof config.rateLimit?.enabled !== 'boolean') throw new Error('disclosure.rateLimit.enabled must be true or false');
    for (const bucket of ['site', 'ip'] as const) {
      const window = config.rateLimit[bucket];
      if (!positiveInteger(window?.points) || !positiveInteger(window?.duration)) throw new Error(`disclosure.rateLimit.${bucket} must be { points ≥ 1, duration ≥ 1 (seconds) }`);
    }
    const { leaseMs, heartbeatMs, maxAttempts, backoffBaseMs, backoffCapMs } = config.scheduler ?? ({} as SchedulerSettings);
    if (!Number.isInteger(leaseMs) || leaseMs < 1000) throw new Error('disclosure.scheduler.leaseMs must be a whole number of milliseconds ≥ 1000');
    // Renewing at least twice per lease keeps a live worker's job from being taken over between two heartbeats.
    if (!Number.isInteger(heartbeatMs) || heartbeatMs < 100 || heartbeatMs * 2 > leaseMs) {
      throw new Error('disclosure.scheduler.heartbeatMs must be a whole number ≥ 100 and at most half of leaseMs');
    }
    if (!Number.isInteger(maxAttempts) || maxAttempts < 1 || maxAttempts > 100) throw new Error('disclosure.scheduler.maxAttempts must be a whole number from 1 to 100');
    if (!positiveInteger(backoffBaseMs) || !positiveInteger(backoffCapMs) || backoffCapMs < backoffBaseMs) {
      throw new Error('disclosure.scheduler.backoffBaseMs and backoffCapMs must be whole numbers of milliseconds ≥ 1, the cap at least the base');
    }
    for (const key of ['scheduler', 'webhooks', 'reminders'] as const) {
      const rule = config.cron?.[key];
      // Six fields (seconds first), as Strapi's cron (node-schedule) reads them.
      if (typeof rule !== 'string' || rule.trim().split(/\s+/).length !== 6) throw new Error(`disclosure.cron.${key} must be a cron rule with six fields (seconds first)`);
    }
    for (const [uid, stages] of Object.entries(config.workflow?.stages ?? {})) {
      if (!Array.isArray(stages) || stages.length === 0 || stages.some((s) => !s?.key || !s?.name || !['reviewer', 'publisher'].includes(s.role))) {
        throw new Error(`disclosure.workflow.stages.${uid} must be a non-empty list of { key, name, role: reviewer | publisher }`);
      }
    }
    const applications = config.applications ?? ({} as ApplicationSettings);
    for (const key of ['bodyLimitBytes', 'correctionWorkingDays', 'proactiveSuggestionThreshold', 'retentionYears'] as const) {
      if (!positiveInteger(applications[key])) throw new Error(`disclosure.applications.${key} must be a whole number ≥ 1`);
    }
    for (const key of ['submissions', 'lookups'] as const) {
      if (!positiveInteger(applications[key]?.points) || !positiveInteger(applications[key]?.duration)) {
        throw new Error(`disclosure.applications.${key} must be { points ≥ 1, duration ≥ 1 (seconds) }`);
      }
    }
    if (typeof applications.similarityThreshold !== 'number' || !(applications.similarityThreshold > 0 && applications.similarityThreshold <= 1)) {
      throw new Error('disclosure.applications.similarityThreshold must be a number in (0, 1]');
    }
    if (applications.captchaModule !== null && typeof applications.captchaModule !== 'string') throw new Error('disclosure.applications.captchaModule must be a module path or null');
    const distinct = distinctApproversProblem(config.workflow?.distinctApprovers, config.contentTypes);
    if (distinct) throw new Error(`disclosure.workflow.distinctApprovers ${distinct}`);
  },
};
