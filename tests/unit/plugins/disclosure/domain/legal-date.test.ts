import { isLegalDate, legalDateInput, legalDayOf, legalYear, toLegalDate } from '../../../../../src/plugins/disclosure/server/src/domain/legal-date';

describe('legal dates are Asia/Shanghai calendar days', () => {
  it('turns a UTC instant into the Beijing day, whatever the server zone', () => {
    expect(toLegalDate('2024-12-31T15:59:59Z')).toBe('2024-12-31');
    expect(toLegalDate('2024-12-31T16:00:00Z')).toBe('2025-01-01');
    expect(toLegalDate(new Date(Date.UTC(2025, 9, 7, 20, 0)))).toBe('2025-10-08');
    expect(legalYear('2023-12-31T16:30:00Z')).toBe(2024);
  });

  it('accepts only real YYYY-MM-DD dates', () => {
    expect(isLegalDate('2024-02-29')).toBe(true);
    expect(isLegalDate('2025-02-29')).toBe(false);
    expect(isLegalDate('2025-13-01')).toBe(false);
    expect(isLegalDate('2025-1-1')).toBe(false);
    expect(isLegalDate(20250101)).toBe(false);
  });

  it('reduces date fields and instants alike, and absent values to null', () => {
    expect(legalDayOf('2025-03-01')).toBe('2025-03-01');
    expect(legalDayOf('2025-03-01T17:00:00Z')).toBe('2025-03-02');
    expect(legalDayOf(null)).toBeNull();
    expect(legalDayOf('')).toBeNull();
    expect(legalDayOf('not a date')).toBeNull();
  });

  it('reads a written date, or an instant with its offset as its Beijing day; not an instant whose zone is unsaid', () => {
    expect(legalDateInput('2024-02-29')).toBe('2024-02-29');
    expect(legalDateInput('2024-12-31T16:00:00Z')).toBe('2025-01-01');
    expect(legalDateInput('2024-12-31T23:00:00+08:00')).toBe('2024-12-31');
    expect(legalDateInput(new Date('2024-12-31T16:00:00Z'))).toBe('2025-01-01');
    expect(legalDateInput('2024-12-31T16:00:00')).toBeNull();
    expect(legalDateInput('2025-02-29T10:00:00Z')).toBeNull();
    expect(legalDateInput('2024-12-31T24:00:00Z')).toBeNull();
    expect(legalDateInput(new Date('garbage'))).toBeNull();
    expect(legalDateInput(1735660800000)).toBeNull();
  });

  it('refuses an invalid instant', () => {
    expect(() => toLegalDate('garbage')).toThrow(RangeError);
  });
});
