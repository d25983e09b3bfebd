import { addWorkingDays, WorkingCalendar } from './calendar';
import { correctionNoticeDueOn, feePaymentDueOn, thirdPartyReplyDueOn } from './answer-clock';
import { computeProcessingFee, FeeInputError, FeeInput } from './fees';
import { isLegalDate, LegalDate } from './legal-date';
import {
  ApplicationChannel,
  ApplicationState,
  CONSULTATION_KINDS,
  FEE_METHODS,
  OPEN_APPLICATION_STATES,
  REPLY_OUTCOMES,
  ReplyOutcome,
} from './application-vocabulary';

/**
 * 依申请公开的办理流程: which action a handler may take in which state, what it changes, and why it is refused.
 * Pure: the service loads the application, asks `applyApplicationAction` for the change and stores it, with the
 * answer clock recomputed from the stored dates (domain/answer-clock.ts).
 */

export const APPLICATION_ACTIONS = [
  'confirm_receipt',
  'start',
  'assign',
  'request_correction',
  'receive_correction',
  'close_no_correction',
  'start_consultation',
  'answer_consultation',
  'extend',
  'fee_notice',
  'fee_paid',
  'fee_waive',
  'close_fee_unpaid',
  'reply',
  'withdraw',
] as const;
export type ApplicationAction = (typeof APPLICATION_ACTIONS)[number];

export const APPLICATION_ACTION_LABELS: Record<ApplicationAction, string> = {
  confirm_receipt: '确认收到申请',
  start: '开始办理',
  assign: '指定承办人',
  request_correction: '通知补正',
  receive_correction: '收到补正',
  close_no_correction: '逾期不补正，终止办理',
  start_consultation: '征求第三方或其他机关意见',
  answer_consultation: '收到征求意见答复',
  extend: '延长答复期限',
  fee_notice: '发出收费通知',
  fee_paid: '已缴费',
  fee_waive: '减免信息处理费',
  close_fee_unpaid: '逾期未缴费，终止办理',
  reply: '答复',
  withdraw: '申请人撤回申请',
};

/** The fields each action takes (the admin renders its form from them). */
export const APPLICATION_ACTION_FIELDS: Record<ApplicationAction, string[]> = {
  confirm_receipt: ['receivedOn'],
  start: [],
  assign: ['handlerId'],
  request_correction: ['request', 'requestedOn', 'dueOn'],
  receive_correction: ['receivedOn'],
  close_no_correction: [],
  start_consultation: ['party', 'kind', 'sentOn'],
  answer_consultation: ['index', 'answeredOn', 'opinion'],
  extend: ['reason'],
  fee_notice: ['method', 'ordinalInMonth', 'pages', 'noticeOn'],
  fee_paid: ['paidOn'],
  fee_waive: ['reason'],
  close_fee_unpaid: [],
  reply: ['outcome', 'repliedOn', 'onTheSpot', 'details'],
  withdraw: ['reason'],
};

/** Art. 36's particulars a reply may carry (domain/reply-letter.ts ReplyDetails). */
export const REPLY_DETAIL_FIELDS = ['publishedAt', 'rightOrgan', 'reason', 'legalBasis', 'partialNote'];

/** Outcomes only the two closing actions give (the annual report's （六）其他处理 rows for them). */
export const CLOSING_OUTCOMES: readonly ReplyOutcome[] = ['other.no_correction', 'other.fee_unpaid'];
export const REPLY_ACTION_OUTCOMES: readonly ReplyOutcome[] = REPLY_OUTCOMES.filter((o) => !CLOSING_OUTCOMES.includes(o));

export interface Consultation {
  party: string;
  kind: (typeof CONSULTATION_KINDS)[number];
  sentOn: LegalDate;
  replyDueOn: LegalDate;
  answeredOn: LegalDate | null;
  opinion: string | null;
}

/** What the rules need to know of an application (dates as 'YYYY-MM-DD' or null). */
export interface ApplicationFacts {
  state: ApplicationState;
  channel: ApplicationChannel;
  submittedOn: LegalDate;
  receivedOn: LegalDate | null;
  correctionRequestedOn: LegalDate | null;
  correctionDueOn: LegalDate | null;
  correctionReceivedOn: LegalDate | null;
  consultations: Consultation[];
  extended: boolean;
  feeNoticeOn: LegalDate | null;
  feePaymentDueOn: LegalDate | null;
  feePaidOn: LegalDate | null;
  feeWaived: boolean;
  feeWaivedOn: LegalDate | null;
}

export interface Permissions {
  canHandle: boolean;
  canExtend: boolean;
}

/** A refusal in the plugin's error vocabulary: the service turns it into the one error shape. */
export class ApplicationActionError extends Error {
  constructor(
    readonly status: 400 | 403 | 409,
    readonly code: string,
    readonly messageZh: string,
    readonly messageEn: string,
    readonly path: string[] = []
  ) {
    super(messageEn);
  }
}

/** The change an action makes: the fields to store, the state it leads to, and what the audit trail records. */
export interface ActionResult {
  fromState: ApplicationState;
  toState: ApplicationState;
  patch: Record<string, unknown>;
  reason: string | null;
  /** Non-personal particulars for the audit event. */
  data: Record<string, unknown>;
}

const OPEN = new Set<ApplicationState>(OPEN_APPLICATION_STATES);
/** States in which each action may be taken (before its own guards). */
const FROM: Record<ApplicationAction, readonly ApplicationState[]> = {
  confirm_receipt: ['submitted'],
  start: ['received'],
  assign: ['submitted', ...OPEN_APPLICATION_STATES],
  request_correction: ['received', 'in_progress'],
  receive_correction: ['correction_requested'],
  close_no_correction: ['correction_requested'],
  start_consultation: ['received', 'in_progress', 'consultation'],
  answer_consultation: ['consultation'],
  extend: OPEN_APPLICATION_STATES,
  fee_notice: ['received', 'in_progress'],
  fee_paid: ['awaiting_payment'],
  fee_waive: ['awaiting_payment'],
  close_fee_unpaid: ['awaiting_payment'],
  reply: ['submitted', 'received', 'in_progress'],
  withdraw: ['submitted', ...OPEN_APPLICATION_STATES],
};

const notAllowed = (zh: string, en: string) => new ApplicationActionError(409, 'APPLICATION_ACTION_NOT_ALLOWED', zh, en);
const invalid = (path: string, zh: string, en: string) => new ApplicationActionError(400, 'VALIDATION', zh, en, [path]);

/**
 * Why this action cannot be taken now (permission, state, timing), or null when it can. Field values are checked
 * by `applyApplicationAction`.
 */
export function refusal(facts: ApplicationFacts, action: ApplicationAction, permissions: Permissions, today: LegalDate): ApplicationActionError | null {
  if (!permissions.canHandle) return new ApplicationActionError(403, 'APPLICATION_FORBIDDEN', '您没有办理依申请公开的权限', 'this needs plugin::disclosure.application-handle');
  if (action === 'extend' && !permissions.canExtend) {
    return new ApplicationActionError(403, 'APPLICATION_FORBIDDEN', '延长答复期限须经政府信息公开工作机构负责人同意', 'extending needs plugin::disclosure.application-extend');
  }
  // 当场答复 an in-person application before it was registered as received.
  if (action === 'reply' && facts.state === 'submitted' && facts.channel !== 'in_person') {
    return notAllowed('只有当面提出的申请可以在确认收到前当场答复', 'only an in-person application can be answered on the spot before receipt is confirmed');
  }
  if (!FROM[action].includes(facts.state)) return notAllowed(`当前状态下不能“${APPLICATION_ACTION_LABELS[action]}”`, `${action} is not allowed in state ${facts.state}`);
  switch (action) {
    case 'request_correction':
      if (facts.correctionRequestedOn) return notAllowed('补正应一次性告知，本申请已通知过补正', 'a correction was already requested (it must be asked once)');
      break;
    case 'close_no_correction':
      if (facts.correctionReceivedOn) return notAllowed('已收到补正，不能按逾期不补正终止', 'the correction was received');
      if (!facts.correctionDueOn || today <= facts.correctionDueOn) return notAllowed(`补正期限（${facts.correctionDueOn ?? '未定'}）尚未届满`, 'the correction period has not ended');
      break;
    case 'answer_consultation':
      if (!facts.consultations.some((c) => !c.answeredOn)) return notAllowed('没有待答复的征求意见', 'no open consultation');
      break;
    case 'extend':
      if (facts.extended) return notAllowed('答复期限只能延长一次', 'the answer period can be extended once');
      break;
    case 'fee_notice':
      if (facts.feeNoticeOn) return notAllowed('已发出过收费通知', 'a fee notice was already issued');
      break;
    case 'close_fee_unpaid':
      if (facts.feePaidOn || facts.feeWaived) return notAllowed('费用已缴纳或减免', 'the fee was paid or waived');
      if (!facts.feePaymentDueOn || today <= facts.feePaymentDueOn) return notAllowed(`缴费期限（${facts.feePaymentDueOn ?? '未定'}）尚未届满`, 'the payment period has not ended');
      break;
    case 'reply':
      if (facts.consultations.some((c) => !c.answeredOn)) return notAllowed('尚有征求意见未答复，请先登记答复或逾期情况', 'a consultation is still open');
      break;
    default:
      break;
  }
  return null;
}

export interface AvailableAction {
  action: ApplicationAction;
  label: string;
  fields: string[];
  permitted: boolean;
  why?: string;
}

/** The actions the application's state offers, each with whether this member may take it today and why not. */
export function availableActions(facts: ApplicationFacts, permissions: Permissions, today: LegalDate): AvailableAction[] {
  return APPLICATION_ACTIONS.filter((action) => FROM[action].includes(facts.state) && !(action === 'reply' && facts.state === 'submitted' && facts.channel !== 'in_person')).map((action) => {
    const refused = refusal(facts, action, permissions, today);
    const base = { action, label: APPLICATION_ACTION_LABELS[action], fields: APPLICATION_ACTION_FIELDS[action] };
    return refused ? { ...base, permitted: false, why: refused.messageZh } : { ...base, permitted: true };
  });
}

const text = (payload: Record<string, unknown>, field: string, label: string, max: number, required: boolean): string | null => {
  const value = payload[field];
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
    if (required) throw invalid(field, `请填写${label}`, `${field} is required`);
    return null;
  }
  if (typeof value !== 'string') throw invalid(field, `${label}格式不正确`, `${field} must be text`);
  if (value.length > max) throw invalid(field, `${label}不能超过 ${max} 字`, `${field} is longer than ${max}`);
  return value.trim();
};

const date = (payload: Record<string, unknown>, field: string, label: string, today: LegalDate, fallback?: LegalDate): LegalDate => {
  const value = payload[field];
  if (value === undefined || value === null || value === '') {
    if (fallback) return fallback;
    throw invalid(field, `请填写${label}`, `${field} is required`);
  }
  if (!isLegalDate(value)) throw invalid(field, `${label}应为 YYYY-MM-DD 格式的日期`, `${field} must be a YYYY-MM-DD date`);
  if (value > today) throw invalid(field, `${label}不能晚于今天`, `${field} is in the future`);
  return value;
};

const notBefore = (field: string, value: LegalDate, earliest: LegalDate | null, zh: string) => {
  if (earliest && value < earliest) throw invalid(field, zh, `${field} is before ${earliest}`);
};

const positiveInt = (payload: Record<string, unknown>, field: string, label: string): number => {
  const value = payload[field];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) throw invalid(field, `${label}应为正整数`, `${field} must be a positive integer`);
  return value;
};

export interface ApplyContext extends Permissions {
  today: LegalDate;
  /** 补正 period when the handler gives no deadline (config applications.correctionWorkingDays). */
  correctionWorkingDays: number;
  calendar?: WorkingCalendar;
}

/**
 * The change `action` makes to an application with these facts, or an ApplicationActionError (403 permission,
 * 409 state or timing, 400 a field). Dates default to today where the law counts from the day of the act.
 */
export function applyApplicationAction(facts: ApplicationFacts, action: ApplicationAction, payload: Record<string, unknown>, ctx: ApplyContext): ActionResult {
  const refused = refusal(facts, action, ctx, ctx.today);
  if (refused) throw refused;
  const { today, calendar } = ctx;
  const from = facts.state;
  const result = (toState: ApplicationState, patch: Record<string, unknown>, reason: string | null = null, data: Record<string, unknown> = {}): ActionResult => ({
    fromState: from,
    toState,
    patch: { state: toState, ...patch },
    reason,
    data,
  });

  switch (action) {
    case 'confirm_receipt': {
      const receivedOn = date(payload, 'receivedOn', '收到申请日期', today);
      notBefore('receivedOn', receivedOn, facts.submittedOn, '收到申请日期不能早于提交日期');
      return result('received', { receivedOn }, null, { receivedOn });
    }
    case 'start':
      return result('in_progress', {});
    case 'assign': {
      const handlerId = payload.handlerId;
      if (typeof handlerId !== 'number' || !Number.isInteger(handlerId) || handlerId < 1) throw invalid('handlerId', '请选择承办人', 'handlerId must be an admin user id');
      return result(from, { handler: handlerId }, null, { handlerId });
    }
    case 'request_correction': {
      const request = text(payload, 'request', '需要补正的事项', 2000, true)!;
      const requestedOn = date(payload, 'requestedOn', '补正通知日期', today, today);
      notBefore('requestedOn', requestedOn, facts.receivedOn, '补正通知日期不能早于收到申请日期');
      const dueOn = payload.dueOn === undefined || payload.dueOn === null || payload.dueOn === '' ? addWorkingDays(requestedOn, ctx.correctionWorkingDays, calendar) : payload.dueOn;
      if (!isLegalDate(dueOn)) throw invalid('dueOn', '补正期限应为 YYYY-MM-DD 格式的日期', 'dueOn must be a YYYY-MM-DD date');
      if (dueOn <= requestedOn) throw invalid('dueOn', '补正期限应晚于通知日期', 'dueOn must be after the notice');
      const noticeDueOn = correctionNoticeDueOn(facts.receivedOn!, calendar);
      return result('correction_requested', { correctionRequestedOn: requestedOn, correctionDueOn: dueOn, correctionRequest: request }, null, {
        correctionRequestedOn: requestedOn,
        correctionDueOn: dueOn,
        noticeDueOn,
        noticeLate: requestedOn > noticeDueOn,
      });
    }
    case 'receive_correction': {
      const receivedOn = date(payload, 'receivedOn', '收到补正日期', today);
      notBefore('receivedOn', receivedOn, facts.correctionRequestedOn, '收到补正日期不能早于补正通知日期');
      return result('in_progress', { correctionReceivedOn: receivedOn }, null, { correctionReceivedOn: receivedOn });
    }
    case 'close_no_correction':
      return result('closed', { outcome: 'other.no_correction', closedOn: today }, null, { outcome: 'other.no_correction', correctionDueOn: facts.correctionDueOn });
    case 'start_consultation': {
      const party = text(payload, 'party', '征求意见对象', 200, true)!;
      const kind = payload.kind;
      if (!CONSULTATION_KINDS.includes(kind as any)) throw invalid('kind', '请选择征求意见对象的类型（第三方或其他机关）', 'kind must be third_party or organ');
      const sentOn = date(payload, 'sentOn', '发出征求意见日期', today);
      notBefore('sentOn', sentOn, facts.correctionReceivedOn ?? facts.receivedOn, '发出征求意见日期不能早于收到申请（或补正）的日期');
      const consultation: Consultation = { party, kind: kind as Consultation['kind'], sentOn, replyDueOn: thirdPartyReplyDueOn(sentOn, calendar), answeredOn: null, opinion: null };
      return result('consultation', { consultations: [...facts.consultations, consultation] }, null, { kind, sentOn, index: facts.consultations.length });
    }
    case 'answer_consultation': {
      const index = payload.index;
      if (typeof index !== 'number' || !Number.isInteger(index) || !facts.consultations[index] || facts.consultations[index].answeredOn) {
        throw invalid('index', '请选择一项待答复的征求意见', 'index must name an open consultation');
      }
      const answeredOn = date(payload, 'answeredOn', '收到意见日期', today);
      notBefore('answeredOn', answeredOn, facts.consultations[index].sentOn, '收到意见日期不能早于发出征求意见日期');
      const opinion = text(payload, 'opinion', '意见', 2000, false);
      const consultations = facts.consultations.map((c, i) => (i === index ? { ...c, answeredOn, opinion } : c));
      return result(consultations.some((c) => !c.answeredOn) ? 'consultation' : 'in_progress', { consultations }, null, { index, answeredOn });
    }
    case 'extend': {
      const reason = text(payload, 'reason', '延期理由', 1000, true)!;
      return result(from, { extended: true, extendedOn: today, extensionReason: reason }, reason, { extendedOn: today });
    }
    case 'fee_notice': {
      const method = payload.method;
      if (!FEE_METHODS.includes(method as any)) throw invalid('method', '请选择收费方式（按件或按量）', 'method must be piece or volume');
      const other = method === 'piece' ? 'pages' : 'ordinalInMonth';
      if (payload[other] !== undefined && payload[other] !== null) throw invalid(other, '一件申请只能选择一种收费方式，不能同时按件和按量', 'one method per application');
      const feeInput: FeeInput =
        method === 'piece' ? { method: 'piece', ordinalInMonth: positiveInt(payload, 'ordinalInMonth', '当月第几件申请') } : { method: 'volume', pages: positiveInt(payload, 'pages', '页数') };
      let fee;
      try {
        fee = computeProcessingFee(feeInput);
      } catch (error) {
        if (error instanceof FeeInputError) throw invalid(error.field || String(method === 'piece' ? 'ordinalInMonth' : 'pages'), error.messageZh, error.message);
        throw error;
      }
      if (!(fee.amountYuan > 0)) throw invalid(method === 'piece' ? 'ordinalInMonth' : 'pages', '按此计算不收费，无需发出收费通知', 'the fee is zero: no notice');
      const noticeOn = date(payload, 'noticeOn', '收费通知日期', today, today);
      notBefore('noticeOn', noticeOn, facts.receivedOn, '收费通知日期不能早于收到申请日期');
      const paymentDueOn = feePaymentDueOn(noticeOn, calendar);
      return result(
        'awaiting_payment',
        {
          feeMethod: method,
          feeOrdinalInMonth: method === 'piece' ? payload.ordinalInMonth : null,
          feePages: method === 'volume' ? payload.pages : null,
          feeAmountYuan: fee.amountYuan,
          feeNoticeOn: noticeOn,
          feePaymentDueOn: paymentDueOn,
        },
        null,
        { method, amountYuan: fee.amountYuan, noticeOn, paymentDueOn }
      );
    }
    case 'fee_paid': {
      const paidOn = date(payload, 'paidOn', '缴费日期', today);
      notBefore('paidOn', paidOn, facts.feeNoticeOn, '缴费日期不能早于收费通知日期');
      return result('in_progress', { feePaidOn: paidOn }, null, { paidOn });
    }
    case 'fee_waive': {
      const reason = text(payload, 'reason', '减免理由', 1000, true)!;
      return result('in_progress', { feeWaived: true, feeWaiverReason: reason, feeWaivedOn: today }, reason, { waivedOn: today });
    }
    case 'close_fee_unpaid':
      return result('closed', { outcome: 'other.fee_unpaid', closedOn: today }, null, { outcome: 'other.fee_unpaid', paymentDueOn: facts.feePaymentDueOn });
    case 'reply': {
      const outcome = payload.outcome;
      if (!REPLY_ACTION_OUTCOMES.includes(outcome as ReplyOutcome)) {
        throw invalid('outcome', CLOSING_OUTCOMES.includes(outcome as ReplyOutcome) ? '逾期不补正、逾期未缴费通过相应的终止操作办结' : '请选择办理结果', 'outcome must be a reply outcome');
      }
      const onTheSpot = payload.onTheSpot === true;
      if (payload.onTheSpot !== undefined && typeof payload.onTheSpot !== 'boolean') throw invalid('onTheSpot', '当场答复应为是或否', 'onTheSpot must be a boolean');
      if (facts.state === 'submitted' && !onTheSpot) throw notAllowed('尚未确认收到的申请只能当场答复', 'an unconfirmed application can only be answered on the spot');
      const details = payload.details ?? {};
      if (
        typeof details !== 'object' ||
        Array.isArray(details) ||
        Object.entries(details as object).some(([key, v]) => !REPLY_DETAIL_FIELDS.includes(key) || typeof v !== 'string' || v.length > 2000)
      ) {
        throw invalid('details', '答复说明格式不正确', 'details must be an object of texts');
      }
      let repliedOn: LegalDate;
      let receivedOn = facts.receivedOn;
      if (onTheSpot) {
        // 当场答复: answered the day the application was handed in (or received).
        repliedOn = receivedOn ?? date(payload, 'repliedOn', '答复日期', today, today);
        receivedOn ??= repliedOn;
        if (payload.repliedOn !== undefined && payload.repliedOn !== repliedOn) throw invalid('repliedOn', '当场答复的答复日期即收到申请的日期', 'an on-the-spot reply is dated the day of receipt');
      } else {
        repliedOn = date(payload, 'repliedOn', '答复日期', today, today);
        notBefore('repliedOn', repliedOn, facts.receivedOn, '答复日期不能早于收到申请日期');
      }
      return result('replied', { outcome, repliedOn, receivedOn, repliedOnTheSpot: onTheSpot, replyDetails: details, closedOn: repliedOn }, null, { outcome, repliedOn, onTheSpot });
    }
    case 'withdraw': {
      const reason = text(payload, 'reason', '撤回说明', 1000, true)!;
      return result('closed', { outcome: 'other.other', closedOn: today }, reason, { outcome: 'other.other', withdrawn: true });
    }
  }
}

export const isOpen = (state: ApplicationState) => OPEN.has(state);

/**
 * The answer clock's input for these facts (domain/answer-clock.ts), or null while it does not run: before receipt,
 * and while a 补正 is awaited (条例 第三十条: it restarts from the correction). The time from a fee notice to payment
 * or waiver is not counted (国办函〔2020〕109号), like a consultation: so it joins them as one more pause.
 */
export function clockInput(facts: ApplicationFacts) {
  if (!facts.receivedOn || facts.state === 'correction_requested' || (facts.state === 'closed' && facts.correctionRequestedOn && !facts.correctionReceivedOn)) return null;
  const feePause = facts.feeNoticeOn ? [{ sentOn: facts.feeNoticeOn, answeredOn: facts.feePaidOn ?? facts.feeWaivedOn ?? null }] : [];
  return {
    receivedOn: facts.receivedOn,
    correctionReceivedOn: facts.correctionReceivedOn ?? undefined,
    consultations: [...facts.consultations.map((c) => ({ sentOn: c.sentOn, answeredOn: c.answeredOn })), ...feePause],
    extended: facts.extended,
  };
}
