import { getDayDetail } from 'chinese-days';
import {
  addWorkingDays,
  addWorkingDaysDetailed,
  buildCalendar,
  classifyDay,
  isWorkingDay,
  OFFICIAL_CALENDAR,
  OFFICIAL_YEARS,
  statutoryHolidays,
  workingDaysBefore,
  workingDaysBetween,
  yearsWithoutNotice,
} from '../../../../../../src/plugins/disclosure/server/src/domain/calendar';

describe('official 2024–2026 calendar', () => {
  it.each([
    // Spring Festival
    ['2024-02-09', true, '2024 除夕 is a working day by the notice'],
    ['2024-02-10', false, '2024 春节 first day'],
    ['2024-02-17', false, '2024 春节 last day'],
    ['2024-02-04', true, '2024 春节 make-up Sunday'],
    ['2024-02-18', true, '2024 春节 make-up Sunday'],
    ['2025-01-28', false, '2025 除夕 is now a holiday'],
    ['2025-02-04', false, '2025 春节 last day'],
    ['2025-01-26', true, '2025 春节 make-up Sunday'],
    ['2025-02-08', true, '2025 春节 make-up Saturday'],
    ['2026-02-15', false, '2026 春节 first day'],
    ['2026-02-23', false, '2026 春节 last day (9 days)'],
    ['2026-02-14', true, '2026 春节 make-up Saturday'],
    ['2026-02-28', true, '2026 春节 make-up Saturday'],
    // Labour Day
    ['2024-05-01', false, '2024 劳动节'],
    ['2024-04-28', true, '2024 劳动节 make-up Sunday'],
    ['2024-05-11', true, '2024 劳动节 make-up Saturday'],
    ['2025-04-27', true, '2025 劳动节 make-up Sunday'],
    ['2026-05-05', false, '2026 劳动节 last day'],
    ['2026-05-09', true, '2026 劳动节 make-up Saturday'],
    // National Day
    ['2024-10-07', false, '2024 国庆 last day'],
    ['2024-09-29', true, '2024 国庆 make-up Sunday'],
    ['2024-10-12', true, '2024 国庆 make-up Saturday'],
    ['2025-10-08', false, '2025 国庆中秋 8 days'],
    ['2025-10-11', true, '2025 国庆 make-up Saturday'],
    ['2026-09-20', true, '2026 国庆 make-up Sunday'],
    ['2026-10-10', true, '2026 国庆 make-up Saturday'],
    ['2026-10-08', true, '2026: the day after 国庆 is a working Thursday'],
    // Others
    ['2024-06-10', false, '2024 端午'],
    ['2024-09-14', true, '2024 中秋 make-up Saturday'],
    ['2025-04-04', false, '2025 清明'],
    ['2025-06-02', false, '2025 端午 Monday'],
    ['2026-01-02', false, '2026 元旦 Friday'],
    ['2026-01-04', true, '2026 元旦 make-up Sunday'],
    ['2026-09-25', false, '2026 中秋'],
    // Plain days
    ['2025-03-12', true, 'an ordinary Wednesday'],
    ['2025-03-15', false, 'an ordinary Saturday'],
  ])('%s working=%s (%s)', (date, working) => {
    expect(isWorkingDay(date)).toBe(working);
  });

  it('agrees with the chinese-days package on every day of 2024–2026', () => {
    const disagreements: string[] = [];
    for (let t = Date.UTC(2024, 0, 1); t <= Date.UTC(2026, 11, 31); t += 86_400_000) {
      const date = new Date(t).toISOString().slice(0, 10);
      if (isWorkingDay(date) !== getDayDetail(date).work) disagreements.push(date);
    }
    expect(disagreements).toEqual([]);
  });

  it('cites its source notice on every entry', () => {
    expect(OFFICIAL_YEARS.map((y) => y.year)).toEqual([2024, 2025, 2026]);
    expect(classifyDay('2025-01-28')).toEqual({ working: false, provisional: false, name: '春节' });
    expect(OFFICIAL_CALENDAR.days.get('2025-01-26')).toMatchObject({ kind: 'workday', name: '春节调休上班', source: expect.stringContaining('国办发明电〔2024〕12号') });
  });
});

describe('addWorkingDays (day 1 is the first working day after the start, 民法典 Art. 201)', () => {
  it('counts across the 2025 Spring Festival and its make-up days', () => {
    // Fri 24 Jan → Sun 26 (make-up) 1, Mon 27 2, [28 Jan–4 Feb off], 5 3, 6 4, 7 5, Sat 8 (make-up) 6, Mon 10 7
    expect(addWorkingDays('2025-01-24', 7)).toBe('2025-02-10');
  });

  it('starts counting on the next working day even when the start is a holiday', () => {
    expect(addWorkingDays('2024-10-01', 1)).toBe('2024-10-08');
    expect(addWorkingDays('2025-10-01', 1)).toBe('2025-10-09');
  });

  it('gives the 20-working-day deadline of 条例 Art. 26 across National Day', () => {
    // Mon 23 Sep … Sun 29 Sep (make-up) is 6, Mon 30 is 7, 8–11 Oct 8–11, Sat 12 Oct (make-up) 12, 14–18 Oct 13–17, 21–23 Oct 18–20.
    expect(addWorkingDays('2024-09-20', 20)).toBe('2024-10-23');
  });

  it('crosses a year boundary', () => {
    expect(addWorkingDays('2024-12-31', 1)).toBe('2025-01-02');
    expect(addWorkingDays('2025-12-31', 2)).toBe('2026-01-05');
  });

  it('n = 0 is the start itself; negative or fractional n is refused', () => {
    expect(addWorkingDays('2025-03-12', 0)).toBe('2025-03-12');
    expect(() => addWorkingDays('2025-03-12', -1)).toThrow(RangeError);
    expect(() => addWorkingDays('2025-03-12', 1.5)).toThrow(RangeError);
  });

  it('refuses anything but a YYYY-MM-DD string', () => {
    expect(() => addWorkingDays(new Date() as any, 1)).toThrow(RangeError);
    expect(() => addWorkingDays('2025-02-30', 1)).toThrow(RangeError);
  });

  it('does not depend on the machine time zone', () => {
    const before = process.env.TZ;
    process.env.TZ = 'America/Los_Angeles';
    try {
      expect(addWorkingDays('2025-01-24', 7)).toBe('2025-02-10');
    } finally {
      process.env.TZ = before;
    }
  });
});

describe('workingDaysBetween', () => {
  it('counts working days after a up to and including b', () => {
    expect(workingDaysBetween('2025-01-24', '2025-02-10')).toBe(7);
    expect(workingDaysBetween('2025-03-10', '2025-03-14')).toBe(4);
    expect(workingDaysBetween('2025-03-14', '2025-03-14')).toBe(0);
  });

  it('is negative when b is before a, and inverse to addWorkingDays', () => {
    expect(workingDaysBetween('2025-02-10', '2025-01-24')).toBe(-7);
    for (const [start, n] of [['2024-09-20', 20], ['2026-02-10', 15], ['2024-12-20', 9]] as const) {
      expect(workingDaysBetween(start, addWorkingDays(start, n))).toBe(n);
    }
  });
});

describe('workingDaysBefore', () => {
  it('dates back to the latest working day n working days earlier, across holidays and make-up days', () => {
    // Monday 10 Feb 2025 back over the Spring Festival (28 Jan – 4 Feb off, Sunday 26 Jan and Saturday 8 Feb worked).
    expect(workingDaysBefore('2025-02-10', 7)).toBe('2025-01-24');
    expect(workingDaysBefore('2026-03-30', 20)).toBe('2026-03-02');
    // From a Sunday: the Friday before is 0 working days back.
    expect(workingDaysBefore('2026-03-29', 0)).toBe('2026-03-27');
    expect(() => workingDaysBefore('2026-03-30', -1)).toThrow(RangeError);
  });

  it('is undone by addWorkingDays and measured by workingDaysBetween', () => {
    for (const [end, n] of [['2024-10-23', 20], ['2026-02-24', 15], ['2025-01-02', 9], ['2026-12-01', 3]] as const) {
      const start = workingDaysBefore(end, n);
      expect(isWorkingDay(start)).toBe(true);
      expect(workingDaysBetween(start, end)).toBe(n);
      expect(addWorkingDays(start, n) <= end).toBe(true);
    }
  });
});

describe('a year with no notice entered', () => {
  it('still skips the statutory holidays, by the lunar calendar, and says it is provisional', () => {
    const holidays = statutoryHolidays(2027);
    // 2027: 除夕 5 Feb, 春节 6 Feb; 清明 5 Apr; 端午 9 Jun; 中秋 15 Sep
    expect([...holidays.entries()].filter(([, name]) => name === '春节').map(([d]) => d)).toEqual(['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08']);
    expect(holidays.get('2027-04-05')).toBe('清明节');
    expect(holidays.get('2027-06-09')).toBe('端午节');
    expect(holidays.get('2027-09-15')).toBe('中秋节');
    expect(classifyDay('2027-02-08')).toEqual({ working: false, provisional: true, name: '春节' });
    expect(classifyDay('2027-10-04')).toEqual({ working: true, provisional: true });
  });

  it('never silently counts plain Monday–Friday: the result is marked provisional', () => {
    const result = addWorkingDaysDetailed('2026-12-25', 10);
    expect(result.provisional).toBe(true);
    expect(result.missingYears).toEqual([2027]);
    // 元旦 2027-01-01 (Fri) is skipped even without a notice.
    expect(result.date).toBe('2027-01-11');
    expect(addWorkingDaysDetailed('2026-03-02', 10)).toMatchObject({ provisional: false, missingYears: [] });
    expect(yearsWithoutNotice(2025, 2028)).toEqual([2027, 2028]);
  });

  it('uses the calendar loaded from the database when given, and then the entered year is final', () => {
    const calendar = buildCalendar(
      [
        ...OFFICIAL_CALENDAR.days.values(),
        { date: '2027-02-05', kind: 'holiday', name: '春节' },
        { date: '2027-02-20', kind: 'workday', name: '春节调休上班' },
      ],
      [2024, 2025, 2026, 2027]
    );
    expect(classifyDay('2027-02-20', calendar)).toEqual({ working: true, provisional: false, name: '春节调休上班' });
    expect(classifyDay('2027-04-05', calendar)).toEqual({ working: true, provisional: false });
    expect(addWorkingDaysDetailed('2026-12-25', 10, calendar).provisional).toBe(false);
  });
});
