/**
 * 依申请公开 in the admin: the shapes of the /disclosure/applications API and the vocabulary's Chinese labels.
 * The vocabulary is the server's own plain-data module (no Strapi or Node imports), so labels never drift.
 */
import {
  APPLICANT_KIND_LABELS,
  APPLICANT_KINDS,
  APPLICATION_STATE_LABELS,
  APPLICATION_STATES,
  CASE_KIND_LABELS,
  CASE_KINDS,
  CASE_RESULT_LABELS,
  CASE_RESULTS,
  CHANNEL_LABELS,
  CONSULTATION_KIND_LABELS,
  CONSULTATION_KINDS,
  DELIVERY_METHOD_LABELS,
  DELIVERY_METHODS,
  FEE_METHOD_LABELS,
  FEE_METHODS,
  ID_DOCUMENT_TYPE_LABELS,
  ID_DOCUMENT_TYPES,
  OUTCOME_GROUPS,
  outcomeGroup,
  PREFERRED_FORM_LABELS,
  PREFERRED_FORMS,
  REPLY_OUTCOME_LABELS,
  REPLY_OUTCOMES,
} from '../../server/src/domain/application-vocabulary';
import { PLUGIN_ID } from './pluginId';

export const APPLICATIONS_PATH = `/plugins/${PLUGIN_ID}-applications`;
export const applicationPath = (documentId: string) => `${APPLICATIONS_PATH}/${documentId}`;

export type DeadlineStatus = 'on_track' | 'at_risk' | 'overdue';

export interface ApplicationSummary {
  documentId: string;
  trackingCode: string;
  channel: string;
  channelLabel: string;
  applicantKind: string;
  applicantKindLabel: string;
  applicantName: string | null;
  requestedTitle: string | null;
  receivingOrganization: { documentId: string; name: string } | null;
  handler: { id: number; name: string } | null;
  state: string;
  stateLabel: string;
  submittedAt: string;
  receivedOn: string | null;
  dueOn: string | null;
  dueOnProvisional: boolean;
  pausedWorkingDays: number;
  workingDaysLeft: number | null;
  workingDaysLate: number | null;
  deadlineStatus: DeadlineStatus | null;
  extended: boolean;
  outcome: string | null;
  outcomeLabel: string | null;
  repliedOn: string | null;
}

export interface ApplicationAction {
  action: string;
  label: string;
  fields: string[];
  permitted: boolean;
  why?: string;
}

export interface Consultation {
  party: string;
  kind: string;
  kindLabel: string;
  sentOn: string;
  replyDueOn: string | null;
  answeredOn: string | null;
  opinion: string | null;
}

export interface ApplicationCase {
  id: number;
  application: { documentId: string; trackingCode: string };
  kind: string;
  kindLabel: string;
  caseNumber: string | null;
  filedOn: string;
  result: string | null;
  resultLabel: string | null;
  decidedOn: string | null;
  note: string | null;
}

export interface ApplicationDetail extends ApplicationSummary {
  applicant: {
    name: string | null;
    contactPerson: string | null;
    idType: string | null;
    idTypeLabel: string | null;
    idNumber: string | null;
    phone: string | null;
    email: string | null;
    postalAddress: string | null;
    postalCode: string | null;
  } | null;
  requested: { title: string | null; documentNumber: string | null; description: string | null; entry: { uid: string; documentId: string; title: string } | null };
  purpose: string | null;
  preferredForm: string | null;
  preferredFormLabel: string | null;
  deliveryMethod: string | null;
  deliveryMethodLabel: string | null;
  correction: { requestedOn: string | null; dueOn: string | null; request: string | null; receivedOn: string | null; noticeDueOn: string | null };
  consultations: Consultation[];
  extension: { extended: boolean; extendedOn: string | null; reason: string | null; approvedBy: { id: number; name: string } | string | null };
  fee: {
    method: string | null;
    methodLabel: string | null;
    ordinalInMonth: number | null;
    pages: number | null;
    amountYuan: number | string | null;
    noticeOn: string | null;
    paymentDueOn: string | null;
    paidOn: string | null;
    waived: boolean;
    waiverReason: string | null;
  };
  reply: { outcome: string | null; outcomeLabel: string | null; repliedOn: string | null; onTheSpot: boolean; details: Record<string, string> | null };
  /** null while the clock does not run: before receipt, and while a 补正 is awaited (it restarts from the correction). */
  clock: { dueOn: string | null; provisional: boolean; pausedWorkingDays: number; workingDaysLeft: number | null; workingDaysLate: number | null; status: DeadlineStatus | null } | null;
  actions: ApplicationAction[];
  history: { at: string; actorName: string | null; action: string; label: string | null; reason: string | null; data: unknown }[];
  cases: ApplicationCase[];
}

type Labels = Record<string, [string, string]>;
const options = (values: readonly string[], labels: Labels) => values.map((value) => ({ value, label: labels[value][0] }));

export const STATE_OPTIONS = options(APPLICATION_STATES, APPLICATION_STATE_LABELS);
export const APPLICANT_KIND_OPTIONS = options(APPLICANT_KINDS, APPLICANT_KIND_LABELS);
export const ID_TYPE_OPTIONS = options(ID_DOCUMENT_TYPES, ID_DOCUMENT_TYPE_LABELS);
export const PREFERRED_FORM_OPTIONS = options(PREFERRED_FORMS, PREFERRED_FORM_LABELS);
export const DELIVERY_METHOD_OPTIONS = options(DELIVERY_METHODS, DELIVERY_METHOD_LABELS);
export const CONSULTATION_KIND_OPTIONS = options(CONSULTATION_KINDS, CONSULTATION_KIND_LABELS);
export const FEE_METHOD_OPTIONS = options(FEE_METHODS, FEE_METHOD_LABELS);
export const CASE_KIND_OPTIONS = options(CASE_KINDS, CASE_KIND_LABELS);
export const CASE_RESULT_OPTIONS = options(CASE_RESULTS, CASE_RESULT_LABELS);
/** Channels staff register by hand (online applications arrive through the portal). */
export const INTAKE_CHANNEL_OPTIONS = options(['letter', 'in_person', 'fax', 'email'], CHANNEL_LABELS);

/** Outcomes given by their own closing actions (逾期不补正, 逾期未缴费), never picked for a reply. */
const CLOSING_OUTCOMES: readonly string[] = ['other.no_correction', 'other.fee_unpaid'];

/** The reply outcomes under the annual-report template's headings （一）…（六）. */
export const OUTCOME_OPTION_GROUPS = Object.entries(OUTCOME_GROUPS).map(([group, [label]]) => ({
  group,
  label,
  options: REPLY_OUTCOMES.filter((outcome) => outcomeGroup(outcome) === group && !CLOSING_OUTCOMES.includes(outcome)).map((value) => ({ value, label: REPLY_OUTCOME_LABELS[value][0] })),
}));

/**
 * The particulars a reply letter states for an outcome (条例 第三十六条): where it was published, the organ that
 * holds it, the reason and legal basis of a refusal, what was withheld from a partial disclosure.
 */
export function replyDetailFields(outcome: string): ReplyDetailKey[] {
  if (outcome === 'disclose') return ['publishedAt'];
  if (outcome === 'partial') return ['partialNote', 'reason', 'legalBasis'];
  if (outcome === 'unable.not_held') return ['rightOrgan', 'reason'];
  if (outcome.startsWith('withhold.')) return ['reason', 'legalBasis'];
  return ['reason'];
}
export type ReplyDetailKey = 'publishedAt' | 'rightOrgan' | 'reason' | 'legalBasis' | 'partialNote';
export const REPLY_DETAIL_LABELS: Record<ReplyDetailKey, { label: string; hint: string }> = {
  publishedAt: { label: '已主动公开的获取方式（选填）', hint: '已经主动公开的，告知获取该信息的方式、途径（条例第三十六条第一项）' },
  rightOrgan: { label: '负责公开该信息的机关（选填）', hint: '能够确定负责公开的行政机关的，告知其名称、联系方式（条例第三十六条第五项）' },
  reason: { label: '理由', hint: '写入答复告知书' },
  legalBasis: { label: '法律依据', hint: '例如：《中华人民共和国政府信息公开条例》第十四条' },
  partialNote: { label: '不予公开的部分', hint: '说明区分处理后不予公开的内容（条例第三十七条）' },
};

/** "剩余 3 个工作日" / "超期 2 个工作日", for a summary or a detail's clock. */
export function clockText(item: { deadlineStatus?: DeadlineStatus | null; workingDaysLeft: number | null; workingDaysLate: number | null }, status = item.deadlineStatus): string {
  if (status === 'overdue') return `超期 ${item.workingDaysLate ?? 0} 个工作日`;
  if (item.workingDaysLeft === null || item.workingDaysLeft === undefined) return '';
  return `剩余 ${item.workingDaysLeft} 个工作日`;
}

export const DEADLINE_STATUS_LABELS: Record<DeadlineStatus, string> = { on_track: '正常', at_risk: '即将到期', overdue: '已超期' };
