import { addWorkingDaysDetailed, OFFICIAL_CALENDAR, WorkingCalendar, yearsWithoutNotice } from './calendar';
import { deadlineStatus } from './deadlines';
import { isLegalDate, LegalDate } from './legal-date';

/**
 * 依申请公开的答复期限 (条例 第三十条、第三十二条、第三十三条), on the one working-day calendar.
 * The model: count working days after the start, skipping the days paused by consultations, until 20 (40 when
 * extended) are counted; the day the last one is counted is the due date.
 */

/** 答复期限 (第三十三条第二款): 20 working days, extendable once by 20. */
export const ANSWER_WORKING_DAYS = 20;
export const EXTENSION_WORKING_DAYS = 20;
/** 补正告知 within 7 working days of receipt (第三十条). */
export const CORRECTION_NOTICE_WORKING_DAYS = 7;
/** 第三方 / 其他机关 give their opinion within 15 working days (第三十二条、第三十四条). */
export const THIRD_PARTY_REPLY_WORKING_DAYS = 15;
/** 信息处理费 paid within 20 working days of the fee notice (国办函〔2020〕109号). */
export const FEE_PAYMENT_WORKING_DAYS = 20;

export type AnswerClockErrorCode = 'INVALID_DATE' | 'INVALID_INPUT' | 'CORRECTION_BEFORE_RECEIPT' | 'CONSULTATION_BEFORE_RECEIPT' | 'ANSWER_BEFORE_CONSULTATION' | 'OPEN_CONSULTATION_NEEDS_TODAY';

/** Bad input to the clock; `field` is the input path ('consultations.0.answeredOn') the service reports with a 400. */
export class AnswerClockError extends Error {
  constructor(
    readonly field: string,
    readonly code: AnswerClockErrorCode,
    readonly messageZh: string,
    message: string
  ) {
    super(message);
    this.name = 'AnswerClockError';
  }
}

export interface Consultation {
  sentOn: LegalDate;
  /** null / undefined while the opinion is still awaited. */
  answeredOn?: LegalDate | null;
}

export interface AnswerClockInput {
  receivedOn: LegalDate;
  correctionReceivedOn?: LegalDate | null;
  consultations?: Consultation[] | null;
  extended?: boolean | null;
  /** Needed only when a consultation is still open: it pauses up to and including today. */
  today?: LegalDate | null;
}

export interface AnswerDueDate {
  dueOn: LegalDate;
  /** True when the count crossed a year whose holiday notice is not in the calendar. */
  provisional: boolean;
  /** Working days within the window not counted because a consultation was under way. */
  pausedWorkingDays: number;
}

export type ClockStatus = 'on_track' | 'at_risk' | 'overdue';

export interface AnswerClock extends AnswerDueDate {
  /** Working days after today up to and including dueOn; 0 once overdue. */
  workingDaysLeft: number;
  /** Working days after dueOn up to and including today, when overdue. */
  workingDaysLate?: number;
  status: ClockStatus;
}

function date(value: unknown, field: string, label: string): LegalDate {
  if (!isLegalDate(value)) {
    throw new AnswerClockError(field, 'INVALID_DATE', `${label}不是有效日期（应为 YYYY-MM-DD）`, `${field} must be a real 'YYYY-MM-DD' date, got ${JSON.stringify(value) ?? String(value)}`);
  }
  return value;
}

const optionalDate = (value: unknown, field: string, label: string): LegalDate | null =>
  value === null || value === undefined ? null : date(value, field, label);

/** The working days on which each consultation pauses the clock: after sentOn up to and including its end. */
function pausedDays(consultations: Consultation[], receivedOn: LegalDate, today: LegalDate | null, calendar: WorkingCalendar): Set<LegalDate> {
  const paused = new Set<LegalDate>();
  consultations.forEach((consultation, i) => {
    if (!consultation || typeof consultation !== 'object') {
      throw new AnswerClockError(`consultations.${i}`, 'INVALID_INPUT', '征求意见记录无效', `consultations.${i} must be an object`);
    }
    const sentOn = date(consultation.sentOn, `consultations.${i}.sentOn`, '征求意见日期');
    if (sentOn < receivedOn) {
      throw new AnswerClockError(`consultations.${i}.sentOn`, 'CONSULTATION_BEFORE_RECEIPT', '征求意见日期早于收到申请日期', `consultations.${i}.sentOn ${sentOn} is before receivedOn ${receivedOn}`);
    }
    let end = optionalDate(consultation.answeredOn, `consultations.${i}.answeredOn`, '收到意见日期');
    if (end !== null && end < sentOn) {
      throw new AnswerClockError(`consultations.${i}.answeredOn`, 'ANSWER_BEFORE_CONSULTATION', '收到意见日期早于征求意见日期', `consultations.${i}.answeredOn ${end} is before its sentOn ${sentOn}`);
    }
    if (end === null) {
      if (today === null) {
        throw new AnswerClockError(`consultations.${i}.answeredOn`, 'OPEN_CONSULTATION_NEEDS_TODAY', '征求意见尚未答复，需要当前日期才能计算期限', `consultation ${i} is still open: pass today (or use applicationClock)`);
      }
      end = today;
    }
    for (let day = addWorkingDaysDetailed(sentOn, 1, calendar).date; day <= end; day = addWorkingDaysDetailed(day, 1, calendar).date) paused.add(day);
  });
  return paused;
}

/** 答复期限: see the module comment. Throws AnswerClockError on impossible or inconsistent dates. */
export function applicationDueDate(input: AnswerClockInput, calendar: WorkingCalendar = OFFICIAL_CALENDAR): AnswerDueDate {
  if (!input || typeof input !== 'object') throw new AnswerClockError('', 'INVALID_INPUT', '期限计算参数无效', 'input must be an object');
  const receivedOn = date(input.receivedOn, 'receivedOn', '收到申请日期');
  const correctionReceivedOn = optionalDate(input.correctionReceivedOn, 'correctionReceivedOn', '收到补正日期');
  if (correctionReceivedOn !== null && correctionReceivedOn < receivedOn) {
    throw new AnswerClockError('correctionReceivedOn', 'CORRECTION_BEFORE_RECEIPT', '收到补正日期早于收到申请日期', `correctionReceivedOn ${correctionReceivedOn} is before receivedOn ${receivedOn}`);
  }
  const today = optionalDate(input.today, 'today', '当前日期');
  if (input.extended !== undefined && input.extended !== null && typeof input.extended !== 'boolean') {
    throw new AnswerClockError('extended', 'INVALID_INPUT', '是否延期应为是或否', 'extended must be a boolean');
  }
  const consultations = input.consultations ?? [];
  if (!Array.isArray(consultations)) throw new AnswerClockError('consultations', 'INVALID_INPUT', '征求意见记录应为列表', 'consultations must be an array');

  const paused = pausedDays(consultations, receivedOn, today, calendar);
  // 第三十条: the period runs from the day the corrected application was received.
  const start = correctionReceivedOn ?? receivedOn;
  // Count N working days; those of them that were paused are owed again after the span, until none is paused.
  let cursor = start;
  let owed = ANSWER_WORKING_DAYS + (input.extended ? EXTENSION_WORKING_DAYS : 0);
  let provisional = false;
  let pausedWorkingDays = 0;
  while (owed > 0) {
    const span = addWorkingDaysDetailed(cursor, owed, calendar);
    provisional ||= span.provisional;
    owed = 0;
    for (const day of paused) if (day > cursor && day <= span.date) owed += 1;
    pausedWorkingDays += owed;
    cursor = span.date;
  }
  return { dueOn: cursor, provisional, pausedWorkingDays };
}

/** The due date and where the application stands on `today`; an open consultation pauses up to and including today. */
export function applicationClock(input: AnswerClockInput & { today: LegalDate }, calendar: WorkingCalendar = OFFICIAL_CALENDAR, atRiskWithin = 3): AnswerClock {
  const today = date(input?.today, 'today', '当前日期');
  if (!Number.isInteger(atRiskWithin) || atRiskWithin < 0) throw new RangeError(`atRiskWithin must be a whole number ≥ 0, got ${atRiskWithin}`);
  const due = applicationDueDate(input, calendar);
  const [from, to] = [today, due.dueOn].sort();
  const provisional = due.provisional || yearsWithoutNotice(Number(from.slice(0, 4)), Number(to.slice(0, 4)), calendar).length > 0;
  // The same on_track / at_risk / overdue rule as the proactive-disclosure deadlines.
  const view = deadlineStatus({ dueDate: due.dueOn, releasedOn: null, today, atRiskWithin, calendar });
  const status = view.status as ClockStatus;
  return status === 'overdue'
    ? { ...due, provisional, workingDaysLeft: 0, workingDaysLate: view.workingDaysLate as number, status }
    : { ...due, provisional, workingDaysLeft: view.workingDaysLeft ?? 0, status };
}

function dueAfter(from: unknown, n: number, field: string, label: string, calendar: WorkingCalendar): LegalDate {
  return addWorkingDaysDetailed(date(from, field, label), n, calendar).date;
}

/** 补正告知 deadline: 7 working days after receipt (第三十条). */
export function correctionNoticeDueOn(receivedOn: LegalDate, calendar: WorkingCalendar = OFFICIAL_CALENDAR): LegalDate {
  return dueAfter(receivedOn, CORRECTION_NOTICE_WORKING_DAYS, 'receivedOn', '收到申请日期', calendar);
}

/** The consulted party's deadline: 15 working days after the request for its opinion (第三十二条、第三十四条). */
export function thirdPartyReplyDueOn(sentOn: LegalDate, calendar: WorkingCalendar = OFFICIAL_CALENDAR): LegalDate {
  return dueAfter(sentOn, THIRD_PARTY_REPLY_WORKING_DAYS, 'sentOn', '征求意见日期', calendar);
}

/** Fee payment deadline: 20 working days after the fee notice (国办函〔2020〕109号). */
export function feePaymentDueOn(noticeOn: LegalDate, calendar: WorkingCalendar = OFFICIAL_CALENDAR): LegalDate {
  return dueAfter(noticeOn, FEE_PAYMENT_WORKING_DAYS, 'noticeOn', '收费通知日期', calendar);
}
