import { getSolarDateFromLunar, getSolarTerms } from 'chinese-days';
import { isLegalDate, LegalDate } from '../legal-date';
import { OFFICIAL_YEARS } from './official';

/**
 * 工作日 arithmetic — the one implementation. Dates are 'YYYY-MM-DD' calendar
 * days in Asia/Shanghai, never Date objects in the server's zone. Counting follows
 * 民法典 Art. 201: day 1 is the first working day after the starting date.
 */
export type CalendarDayKind = 'holiday' | 'workday';

export interface CalendarDay {
  date: LegalDate;
  kind: CalendarDayKind; // 节假日 / 调休上班日
  name: string;
  source?: string;
}

export interface WorkingCalendar {
  /** Years whose holiday notice has been entered. */
  years: ReadonlySet<number>;
  days: ReadonlyMap<LegalDate, CalendarDay>;
}

export function buildCalendar(days: CalendarDay[], years?: Iterable<number>): WorkingCalendar {
  const map = new Map<LegalDate, CalendarDay>();
  for (const day of days) {
    if (!isLegalDate(day.date)) throw new RangeError(`not a YYYY-MM-DD date: ${day.date}`);
    map.set(day.date, day);
  }
  return { years: new Set(years ?? [...map.keys()].map((d) => Number(d.slice(0, 4)))), days: map };
}

export const OFFICIAL_CALENDAR: WorkingCalendar = buildCalendar(
  OFFICIAL_YEARS.flatMap(({ source, holidays, makeUpWorkdays }) => [
    ...holidays.flatMap(({ name, dates }) => dates.map((date) => ({ date, kind: 'holiday' as const, name, source }))),
    ...makeUpWorkdays.flatMap(({ name, dates }) => dates.map((date) => ({ date, kind: 'workday' as const, name: `${name}调休上班`, source }))),
  ]),
  OFFICIAL_YEARS.map((y) => y.year)
);

const DAY = 86_400_000;
const toTime = (date: LegalDate) => Date.parse(`${date}T00:00:00Z`);
const fromTime = (t: number): LegalDate => new Date(t).toISOString().slice(0, 10);
const shift = (date: LegalDate, days: number) => fromTime(toTime(date) + days * DAY);
const weekday = (date: LegalDate) => new Date(toTime(date)).getUTCDay(); // 0 Sunday … 6 Saturday

function assertDate(date: unknown, name: string): asserts date is LegalDate {
  if (!isLegalDate(date)) throw new RangeError(`${name} must be a 'YYYY-MM-DD' date, got ${String(date)}`);
}

const statutoryCache = new Map<number, Map<LegalDate, string>>();

/**
 * The statutory holidays of 全国年节及纪念日放假办法 (2024 revision) for a year with
 * no notice entered: 元旦 1 day, 春节 4 days from 除夕, 清明 1, 劳动节 2, 端午 1,
 * 中秋 1, 国庆 3. Known in advance by the lunar and solar-term calendars; the
 * 调休 swaps are not, so results over such a year are provisional.
 */
export function statutoryHolidays(year: number): Map<LegalDate, string> {
  const cached = statutoryCache.get(year);
  if (cached) return cached;
  const days = new Map<LegalDate, string>();
  const lunar = (md: string) => getSolarDateFromLunar(`${year}-${md}`).date as LegalDate;
  days.set(`${year}-01-01`, '元旦');
  const springFestival = lunar('01-01');
  for (let i = -1; i <= 2; i += 1) days.set(shift(springFestival, i), '春节');
  const qingming = getSolarTerms(`${year}-04-01`, `${year}-04-10`).find((t: any) => t.name === '清明');
  if (qingming) days.set(qingming.date as LegalDate, '清明节');
  days.set(`${year}-05-01`, '劳动节');
  days.set(`${year}-05-02`, '劳动节');
  days.set(lunar('05-05'), '端午节');
  days.set(lunar('08-15'), '中秋节');
  for (const d of ['10-01', '10-02', '10-03']) days.set(`${year}-${d}`, '国庆节');
  statutoryCache.set(year, days);
  return days;
}

/** Whether the day is a working day, and whether that answer rests on an entered notice. */
export function classifyDay(date: LegalDate, calendar: WorkingCalendar = OFFICIAL_CALENDAR): { working: boolean; provisional: boolean; name?: string } {
  assertDate(date, 'date');
  const year = Number(date.slice(0, 4));
  if (calendar.years.has(year)) {
    const special = calendar.days.get(date);
    if (special) return { working: special.kind === 'workday', provisional: false, name: special.name };
    const wd = weekday(date);
    return { working: wd !== 0 && wd !== 6, provisional: false };
  }
  const statutory = statutoryHolidays(year).get(date);
  if (statutory) return { working: false, provisional: true, name: statutory };
  const wd = weekday(date);
  return { working: wd !== 0 && wd !== 6, provisional: true };
}

export function isWorkingDay(date: LegalDate, calendar?: WorkingCalendar): boolean {
  return classifyDay(date, calendar).working;
}

export interface WorkingDayResult {
  date: LegalDate;
  /** True when the span crossed a year with no holiday notice entered. */
  provisional: boolean;
  missingYears: number[];
}

/** The n-th working day after start (n ≥ 0; n = 0 gives start itself). */
export function addWorkingDaysDetailed(start: LegalDate, n: number, calendar: WorkingCalendar = OFFICIAL_CALENDAR): WorkingDayResult {
  assertDate(start, 'start');
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a whole number ≥ 0, got ${n}`);
  const missing = new Set<number>();
  let date = start;
  for (let counted = 0; counted < n; ) {
    date = shift(date, 1);
    const day = classifyDay(date, calendar);
    if (day.provisional) missing.add(Number(date.slice(0, 4)));
    if (day.working) counted += 1;
  }
  return { date, provisional: missing.size > 0, missingYears: [...missing].sort() };
}

export function addWorkingDays(start: LegalDate, n: number, calendar?: WorkingCalendar): LegalDate {
  return addWorkingDaysDetailed(start, n, calendar).date;
}

/**
 * The latest working day n working days before end: `workingDaysBetween(result, end) === n` (n ≥ 0). What addWorkingDays
 * undoes, for dating something back from a known day (the demo's formation dates from their release).
 */
export function workingDaysBefore(end: LegalDate, n: number, calendar: WorkingCalendar = OFFICIAL_CALENDAR): LegalDate {
  assertDate(end, 'end');
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a whole number ≥ 0, got ${n}`);
  let date = end;
  for (let counted = 0; counted < n; date = shift(date, -1)) if (isWorkingDay(date, calendar)) counted += 1;
  while (!isWorkingDay(date, calendar)) date = shift(date, -1);
  return date;
}

/** Working days after a up to and including b (negative when b is before a). */
export function workingDaysBetween(a: LegalDate, b: LegalDate, calendar: WorkingCalendar = OFFICIAL_CALENDAR): number {
  assertDate(a, 'a');
  assertDate(b, 'b');
  if (b < a) return -workingDaysBetween(b, a, calendar);
  let count = 0;
  for (let date = shift(a, 1); date <= b; date = shift(date, 1)) if (isWorkingDay(date, calendar)) count += 1;
  return count;
}

/** Years in [from, to] that have no notice entered. */
export function yearsWithoutNotice(from: number, to: number, calendar: WorkingCalendar = OFFICIAL_CALENDAR): number[] {
  const out: number[] = [];
  for (let y = from; y <= to; y += 1) if (!calendar.years.has(y)) out.push(y);
  return out;
}
