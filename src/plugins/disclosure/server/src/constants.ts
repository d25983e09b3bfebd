export { PLUGIN_ID } from '../../shared/vocabulary';

/** Content types that carry the 政府信息公开目录 fields and go through the disclosure rules. */
export const DEFAULT_GOVERNED_CONTENT_TYPES = [
  'api::policy.policy',
  'api::interpretation.interpretation',
  'api::dual-publicity-record.dual-publicity-record',
  'api::procurement-notice.procurement-notice',
  'api::recruitment-notice.recruitment-notice',
  'api::disclosure-item.disclosure-item',
  'api::annual-report.annual-report',
] as const;

/** Reference data every consumer site may read. */
export const REFERENCE_CONTENT_TYPES = [
  'api::organization.organization',
  'api::disclosure-category.disclosure-category',
  'api::topic.topic',
] as const;

export const ORGANIZATION_UID = 'api::organization.organization';
export const CATEGORY_UID = 'api::disclosure-category.disclosure-category';
export const TOPIC_UID = 'api::topic.topic';

export const DEFAULT_INDEX_NUMBER_PATTERN = '{orgCode}/{year}-{seq:5}';

export const INDEX_SEQUENCE_TABLE = 'disclosure_index_sequences';
export const INDEX_NUMBER_TABLE = 'disclosure_index_numbers';
export const WORKFLOW_STATE_TABLE = 'disclosure_workflow_states';
export const AUDIT_EVENT_TABLE = 'disclosure_audit_events';
export const JOB_TABLE = 'disclosure_jobs';
export const FEED_EVENT_TABLE = 'disclosure_feed_events';
export const DELIVERY_TABLE = 'disclosure_webhook_deliveries';
export const CONSUMER_SITE_TABLE = 'disclosure_consumer_sites';
export const CREDENTIAL_TABLE = 'disclosure_consumer_credentials';
/** Rate-limit counters shared by every instance (created at boot by rate-limiter-flexible). */
export const RATE_LIMIT_TABLE = 'disclosure_rate_limits';
export { CONSUMER_SITE_UID } from '../../shared/vocabulary';
/** PostgreSQL NOTIFY channel: the released catalogue or a consumer site changed (payload 'catalogue' | 'sites'). */
export const CONSUMER_CHANNEL = 'gongkai_consumer';
export const WORKFLOW_STATE_UID = 'plugin::disclosure.workflow-state';
export const AUDIT_EVENT_UID = 'plugin::disclosure.audit-event';
export const SENSITIVE_TERM_UID = 'plugin::disclosure.sensitive-term';
export const CALENDAR_DAY_UID = 'plugin::disclosure.calendar-day';
export const APPLICATION_UID = 'plugin::disclosure.application';
export const APPLICATION_CASE_UID = 'plugin::disclosure.application-case';
export const ANNUAL_REPORT_UID = 'api::annual-report.annual-report';
/** 公开目录分类 every annual report is filed under (政府信息公开年报). */
export const ANNUAL_REPORT_CATEGORY = 'gknb';
/** Every generation of a report's figures, kept for diffs (migration 2026.12.02T00.01.00). */
export const ANNUAL_REPORT_VERSION_TABLE = 'disclosure_annual_report_versions';

/** Admin role codes the plugin seeds; 系统管理员 is Strapi's super admin. */
export const ROLE_CODES = {
  editor: 'disclosure-editor',
  reviewer: 'disclosure-reviewer',
  publisher: 'disclosure-publisher',
  applicationHandler: 'disclosure-application-handler',
  applicationHead: 'disclosure-application-head',
  sysadmin: 'strapi-super-admin',
} as const;

/** The admin user's organization (added to admin::user by the plugin). */
export const USER_ORGANIZATION_FIELD = 'disclosureOrganization';

import { CONSUMER_TYPES, type ConsumerType } from '../../shared/vocabulary';

export { CONSUMER_TYPES, type ConsumerType };

/** The consumer API's path segment of a governed content type (undefined for any other uid). */
export const typeOfUid = (uid: string): ConsumerType | undefined =>
  (Object.keys(CONSUMER_TYPES) as ConsumerType[]).find((type) => CONSUMER_TYPES[type].uid === uid);

/** The actor of transitions nobody asked for in person (publicity-period withdrawals, scheduled work without a scheduler). */
export const SYSTEM = 'system' as const;

export const LEGAL_TIME_ZONE = 'Asia/Shanghai';

/** 公开属性 (labels in domain/vocabulary.ts) */
export const DISCLOSURE_ATTRIBUTES = ['proactive', 'on_request', 'exempt'] as const;
export const PROACTIVE = 'proactive';

/** 不予公开 / 不主动公开 的理由：《条例》第十四条至第十六条的类别，外加“其他”（须说明）。 */
export const EXEMPTION_REASONS = [
  'state_secret',
  'prohibited_by_law',
  'endangers_security',
  'trade_secret',
  'personal_privacy',
  'internal_affairs',
  'process_information',
  'enforcement_case_file',
  'other',
] as const;
export const EXEMPTION_REASON_OTHER = 'other';
