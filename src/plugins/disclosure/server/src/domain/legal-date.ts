/**
 * Legal dates are calendar days in Asia/Shanghai, whatever the server's zone.
 * Instants are stored in UTC; this is the one place that turns an instant into
 * the 'YYYY-MM-DD' day the law counts from.
 */
const shanghaiDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

export type LegalDate = string; // 'YYYY-MM-DD'

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLegalDate(value: unknown): value is LegalDate {
  if (typeof value !== 'string') return false;
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const probe = new Date(Date.UTC(y, mo - 1, d));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === mo - 1 && probe.getUTCDate() === d;
}

/** The Asia/Shanghai calendar day of an instant. */
export function toLegalDate(instant: Date | string | number): LegalDate {
  const date = instant instanceof Date ? instant : new Date(instant);
  if (Number.isNaN(date.getTime())) throw new RangeError(`Invalid instant: ${String(instant)}`);
  return shanghaiDay.format(date);
}

export function legalYear(instant: Date | string | number): number {
  return Number(toLegalDate(instant).slice(0, 4));
}

/** A 'YYYY-MM-DD' date field value or an instant, reduced to its legal day; null when absent. */
export function legalDayOf(value: unknown): LegalDate | null {
  if (value === null || value === undefined || value === '') return null;
  if (isLegalDate(value)) return value;
  if (value instanceof Date || typeof value === 'string' || typeof value === 'number') {
    const date = value instanceof Date ? value : new Date(value);
    return Number.isNaN(date.getTime()) ? null : toLegalDate(date);
  }
  return null;
}

// An ISO 8601 instant with its offset: the offset fixes which Asia/Shanghai day it falls on.
const INSTANT_RE = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,9})?)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

/**
 * A legal date as a client may write it: 'YYYY-MM-DD', or an instant with its offset (Z or ±HH:MM), as integrations
 * sent 形成或变更日期 while it was a date-time, taken as its Asia/Shanghai day. Null for anything else: impossible
 * dates ('2026-02-30'), instants without an offset (their day depends on a zone the client did not say), other forms.
 */
export function legalDateInput(value: unknown): LegalDate | null {
  // Strict about the form; the reduction to a day is legalDayOf's.
  const m = typeof value === 'string' ? INSTANT_RE.exec(value) : null;
  return isLegalDate(value) || value instanceof Date || (m && isLegalDate(m[1])) ? legalDayOf(value) : null;
}

/** Calendar months later, the day clamped to the month's end ('2024-11-30' + 3 months = '2025-02-28'). */
export function addMonths(date: LegalDate, months: number): LegalDate {
  if (!isLegalDate(date)) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  const [y, m, d] = date.split('-').map(Number);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}
