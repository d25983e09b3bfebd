/**
 * 依申请公开的词表: API codes (relied on by other tools and the annual report) and their zh-Hans / English labels.
 * Plain data, imported by the content types, the answer clock, the services and the admin.
 */

/** 申请渠道 */
export const APPLICATION_CHANNELS = ['online', 'letter', 'in_person', 'fax', 'email'] as const;
export type ApplicationChannel = (typeof APPLICATION_CHANNELS)[number];
export const CHANNEL_LABELS: Record<ApplicationChannel, [string, string]> = {
  online: ['网络', 'Online'],
  letter: ['信函', 'Letter'],
  in_person: ['当面', 'In person'],
  fax: ['传真', 'Fax'],
  email: ['电子邮件', 'Email'],
};

/** 申请人类型: the annual report's columns (section 三). */
export const APPLICANT_KINDS = [
  'natural_person',
  'commercial_enterprise',
  'research_institution',
  'social_welfare_organization',
  'legal_service_institution',
  'other_organization',
] as const;
export type ApplicantKind = (typeof APPLICANT_KINDS)[number];
export const APPLICANT_KIND_LABELS: Record<ApplicantKind, [string, string]> = {
  natural_person: ['自然人', 'Natural person'],
  commercial_enterprise: ['商业企业', 'Commercial enterprise'],
  research_institution: ['科研机构', 'Research institution'],
  social_welfare_organization: ['社会公益组织', 'Social welfare organization'],
  legal_service_institution: ['法律服务机构', 'Legal service institution'],
  other_organization: ['其他', 'Other organization'],
};

/** 证件类型 */
export const ID_DOCUMENT_TYPES = ['resident_id', 'passport', 'hk_macao_permit', 'taiwan_permit', 'foreign_permanent_residence', 'unified_social_credit_code', 'other'] as const;
export type IdDocumentType = (typeof ID_DOCUMENT_TYPES)[number];
export const ID_DOCUMENT_TYPE_LABELS: Record<IdDocumentType, [string, string]> = {
  resident_id: ['居民身份证', 'Resident ID card'],
  passport: ['护照', 'Passport'],
  hk_macao_permit: ['港澳居民来往内地通行证', 'Mainland travel permit (HK/Macao)'],
  taiwan_permit: ['台湾居民来往大陆通行证', 'Mainland travel permit (Taiwan)'],
  foreign_permanent_residence: ['外国人永久居留身份证', 'Foreign permanent resident ID'],
  unified_social_credit_code: ['统一社会信用代码', 'Unified social credit code'],
  other: ['其他证件', 'Other'],
};

/** 获取信息的方式 */
export const PREFERRED_FORMS = ['paper', 'electronic', 'inspection', 'transcription'] as const;
export const PREFERRED_FORM_LABELS: Record<(typeof PREFERRED_FORMS)[number], [string, string]> = {
  paper: ['纸质', 'Paper'],
  electronic: ['电子', 'Electronic'],
  inspection: ['查阅', 'Inspection'],
  transcription: ['抄录', 'Transcription'],
};

/** 获取信息的途径 */
export const DELIVERY_METHODS = ['post', 'email', 'pickup', 'fax', 'online'] as const;
export const DELIVERY_METHOD_LABELS: Record<(typeof DELIVERY_METHODS)[number], [string, string]> = {
  post: ['邮寄', 'Post'],
  email: ['电子邮件', 'Email'],
  pickup: ['自行领取', 'Pick up'],
  fax: ['传真', 'Fax'],
  online: ['网上获取', 'Online'],
};

/**
 * 办理状态. submitted: an online application the office has not yet confirmed receiving (条例 第三十一条: the clock
 * starts on the day it confirms); received: the clock runs; correction_requested: 补正 asked, clock stopped until the
 * correction arrives (it then restarts); in_progress; consultation: 征求第三方或其他机关意见 (clock paused, 第三十二条);
 * awaiting_payment: fee notice issued, waiting for payment; replied: answered with an outcome; closed: ended without a
 * reply on the merits (逾期不补正, 逾期未缴费, withdrawn).
 * An extension (第三十三条) is a flag on the application, not a state.
 */
export const APPLICATION_STATES = ['submitted', 'received', 'correction_requested', 'in_progress', 'consultation', 'awaiting_payment', 'replied', 'closed'] as const;
export type ApplicationState = (typeof APPLICATION_STATES)[number];
export const APPLICATION_STATE_LABELS: Record<ApplicationState, [string, string]> = {
  submitted: ['待确认收到', 'Awaiting confirmation of receipt'],
  received: ['已收到', 'Received'],
  correction_requested: ['待补正', 'Correction requested'],
  in_progress: ['办理中', 'In progress'],
  consultation: ['征求意见中', 'In consultation'],
  awaiting_payment: ['待缴费', 'Awaiting payment'],
  replied: ['已答复', 'Replied'],
  closed: ['已办结（未答复）', 'Closed'],
};
export const OPEN_APPLICATION_STATES: readonly ApplicationState[] = ['received', 'correction_requested', 'in_progress', 'consultation', 'awaiting_payment'];

/** 办理结果: the national annual-report template's outcome rows (国办公开办函〔2021〕30号). */
export const REPLY_OUTCOMES = [
  'disclose',
  'partial',
  'withhold.state_secret',
  'withhold.prohibited_by_law',
  'withhold.three_safeties',
  'withhold.third_party',
  'withhold.internal_affairs',
  'withhold.process_information',
  'withhold.enforcement_file',
  'withhold.administrative_inquiry',
  'unable.not_held',
  'unable.needs_creation',
  'unable.unclear_after_correction',
  'reject.petition',
  'reject.duplicate',
  'reject.publication',
  'reject.abusive',
  'reject.confirmation',
  'other.no_correction',
  'other.fee_unpaid',
  'other.other',
] as const;
export type ReplyOutcome = (typeof REPLY_OUTCOMES)[number];
export const REPLY_OUTCOME_LABELS: Record<ReplyOutcome, [string, string]> = {
  disclose: ['予以公开', 'Disclosed'],
  partial: ['部分公开', 'Partly disclosed'],
  'withhold.state_secret': ['属于国家秘密', 'State secret'],
  'withhold.prohibited_by_law': ['其他法律行政法规禁止公开', 'Prohibited by other laws'],
  'withhold.three_safeties': ['危及“三安全一稳定”', 'Endangers security or stability'],
  'withhold.third_party': ['保护第三方合法权益', "Protects a third party's rights"],
  'withhold.internal_affairs': ['属于三类内部事务信息', 'Internal affairs'],
  'withhold.process_information': ['属于四类过程性信息', 'Process information'],
  'withhold.enforcement_file': ['属于行政执法案卷', 'Enforcement case file'],
  'withhold.administrative_inquiry': ['属于行政查询事项', 'Administrative inquiry'],
  'unable.not_held': ['本机关不掌握相关政府信息', 'Not held by this organ'],
  'unable.needs_creation': ['没有现成信息需要另行制作', 'Would need to be created'],
  'unable.unclear_after_correction': ['补正后申请内容仍不明确', 'Still unclear after correction'],
  'reject.petition': ['信访举报投诉类申请', 'Petition or complaint'],
  'reject.duplicate': ['重复申请', 'Duplicate application'],
  'reject.publication': ['要求提供公开出版物', 'Asks for a publication'],
  'reject.abusive': ['无正当理由大量反复申请', 'Repeated without good reason'],
  'reject.confirmation': ['要求行政机关确认或重新出具已获取信息', 'Asks to confirm or reissue information held'],
  'other.no_correction': ['申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', 'No correction in time'],
  'other.fee_unpaid': ['申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请', 'Fee not paid in time'],
  'other.other': ['其他', 'Other'],
};
/** The template's groups of outcome rows: （一）…（六）. */
export const OUTCOME_GROUPS: Record<string, [string, string]> = {
  disclose: ['（一）予以公开', 'Disclosed'],
  partial: ['（二）部分公开（区分处理的，只计这一情形，不计其他情形）', 'Partly disclosed'],
  withhold: ['（三）不予公开', 'Withheld'],
  unable: ['（四）无法提供', 'Unable to provide'],
  reject: ['（五）不予处理', 'Not processed'],
  other: ['（六）其他处理', 'Other'],
};
export const outcomeGroup = (outcome: ReplyOutcome): string => outcome.split('.')[0];

/** 征求意见的对象 */
export const CONSULTATION_KINDS = ['third_party', 'organ'] as const;
export const CONSULTATION_KIND_LABELS: Record<(typeof CONSULTATION_KINDS)[number], [string, string]> = {
  third_party: ['第三方', 'Third party'],
  organ: ['其他机关', 'Other organ'],
};

/** 收费方式 (国办函〔2020〕109号) */
export const FEE_METHODS = ['piece', 'volume'] as const;
export const FEE_METHOD_LABELS: Record<(typeof FEE_METHODS)[number], [string, string]> = {
  piece: ['按件计收', 'Per application'],
  volume: ['按量计收', 'Per page'],
};

/** 行政复议、行政诉讼 */
export const CASE_KINDS = ['review', 'litigation_direct', 'litigation_after_review'] as const;
export const CASE_KIND_LABELS: Record<(typeof CASE_KINDS)[number], [string, string]> = {
  review: ['行政复议', 'Administrative review'],
  litigation_direct: ['行政诉讼（未经复议直接起诉）', 'Litigation without review'],
  litigation_after_review: ['行政诉讼（复议后起诉）', 'Litigation after review'],
};
export const CASE_RESULTS = ['upheld', 'corrected', 'other', 'pending'] as const;
export const CASE_RESULT_LABELS: Record<(typeof CASE_RESULTS)[number], [string, string]> = {
  upheld: ['结果维持', 'Upheld'],
  corrected: ['结果纠正', 'Corrected'],
  other: ['其他结果', 'Other'],
  pending: ['尚未审结', 'Pending'],
};
