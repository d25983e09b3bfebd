/**
 * What the server and the admin panel both name. The admin imports from outside admin/src only this, shared/annual-report.ts and the
 * server's domain/application-vocabulary.ts (plain data likewise).
 * Plain constants, no Strapi or Node imports, so it bundles for the browser.
 */
export const PLUGIN_ID = 'disclosure';

export const CONSUMER_SITE_UID = 'plugin::disclosure.consumer-site';

/** The consumer API's path segment for each governed type, and its Chinese name. */
export const CONSUMER_TYPES = {
  policies: { uid: 'api::policy.policy', label: '政策文件', labelEn: 'Policies and normative documents' },
  interpretations: { uid: 'api::interpretation.interpretation', label: '政策解读', labelEn: 'Policy interpretations' },
  'dual-publicity-records': { uid: 'api::dual-publicity-record.dual-publicity-record', label: '双公示', labelEn: 'Dual-publicity records' },
  'procurement-notices': { uid: 'api::procurement-notice.procurement-notice', label: '政府采购', labelEn: 'Procurement notices' },
  'recruitment-notices': { uid: 'api::recruitment-notice.recruitment-notice', label: '招录招聘', labelEn: 'Recruitment notices' },
  'disclosure-items': { uid: 'api::disclosure-item.disclosure-item', label: '其他主动公开信息', labelEn: 'Other proactive disclosure' },
  'annual-reports': { uid: 'api::annual-report.annual-report', label: '政府信息公开年报', labelEn: 'Annual reports' },
} as const;
export type ConsumerType = keyof typeof CONSUMER_TYPES;
