import { addMonths } from '../../../../../src/plugins/disclosure/server/src/domain/legal-date';
import { DEFAULT_PUBLIC_PERIODS, publicWindow, withdrawalAllowed } from '../../../../../src/plugins/disclosure/server/src/domain/public-period';

const penalty = DEFAULT_PUBLIC_PERIODS.administrative_penalty;

describe('双公示 public period', () => {
  it('adds calendar months, clamping to the month end', () => {
    expect(addMonths('2024-11-30', 3)).toBe('2025-02-28');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2025-05-16', 36)).toBe('2028-05-16');
  });

  it('a 行政处罚 stays public at least 3 months and at most 3 years', () => {
    expect(publicWindow('2025-05-16', penalty)).toEqual({ earliestEnd: '2025-08-16', latestEnd: '2028-05-16' });
  });

  it('cannot be taken down before the minimum, only through 信用修复 before publicUntil, freely after it', () => {
    const window = publicWindow('2025-05-16', penalty);
    expect(withdrawalAllowed('2025-06-01', '2028-05-16', window, true)).toEqual({ allowed: false, code: 'PUBLIC_PERIOD_MINIMUM', earliestEnd: '2025-08-16' });
    expect(withdrawalAllowed('2025-09-01', '2028-05-16', window, false)).toMatchObject({ allowed: false, code: 'CREDIT_REPAIR_REQUIRED' });
    expect(withdrawalAllowed('2025-09-01', '2028-05-16', window, true)).toEqual({ allowed: true, creditRepair: true });
    expect(withdrawalAllowed('2028-05-17', '2028-05-16', window, false)).toEqual({ allowed: true, creditRepair: false });
  });
});
