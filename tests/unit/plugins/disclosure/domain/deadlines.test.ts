import { deadlineStatus, DEFAULT_DEADLINE_RULES, dueDateFrom, ruleFor } from '../../../../../src/plugins/disclosure/server/src/domain/deadlines';

const PROCUREMENT = DEFAULT_DEADLINE_RULES['api::procurement-notice.procurement-notice'];

describe('deadline rules', () => {
  it('picks the rule for the entry: award results and contracts have 2 working days, other notices 20', () => {
    expect(ruleFor(PROCUREMENT, { noticeType: 'award_result' })).toMatchObject({ workingDays: 2, from: 'decisionDate' });
    expect(ruleFor(PROCUREMENT, { noticeType: 'contract_notice' })).toMatchObject({ workingDays: 2, from: 'contractSignedDate' });
    expect(ruleFor(PROCUREMENT, { noticeType: 'procurement_notice' })).toMatchObject({ workingDays: 20, from: 'formedOrChangedAt' });
    expect(ruleFor(undefined, {})).toBeNull();
  });

  it('computes the 20-working-day window of Art. 26 and the 7-day 双公示 window', () => {
    const policy = DEFAULT_DEADLINE_RULES['api::policy.policy'][0];
    expect(dueDateFrom('2024-09-20', policy)).toEqual({ dueDate: '2024-10-23', provisional: false, missingYears: [] });
    const dual = DEFAULT_DEADLINE_RULES['api::dual-publicity-record.dual-publicity-record'][0];
    // Wed 30 Apr; 1–5 May off; 6–9 May are 1–4; 12–14 May are 5–7.
    expect(dueDateFrom('2025-04-30', dual).dueDate).toBe('2025-05-14');
  });

  it('marks a window reaching a year without a notice provisional', () => {
    expect(dueDateFrom('2026-12-10', DEFAULT_DEADLINE_RULES['api::policy.policy'][0])).toMatchObject({ provisional: true, missingYears: [2027] });
  });
});

describe('deadline status', () => {
  const base = { dueDate: '2025-03-20', releasedOn: null, atRiskWithin: 3 };
  it.each([
    ['2025-03-10', { status: 'on_track', workingDaysLeft: 8 }],
    ['2025-03-17', { status: 'at_risk', workingDaysLeft: 3 }],
    ['2025-03-20', { status: 'at_risk', workingDaysLeft: 0 }],
    ['2025-03-21', { status: 'overdue', workingDaysLate: 1 }],
    ['2025-03-24', { status: 'overdue', workingDaysLate: 2 }],
  ])('on %s', (today, expected) => {
    expect(deadlineStatus({ ...base, today })).toEqual(expected);
  });

  it('says whether a release was on time, and how many working days late', () => {
    expect(deadlineStatus({ ...base, releasedOn: '2025-03-20', today: '2025-04-01' })).toEqual({ status: 'released_on_time' });
    expect(deadlineStatus({ ...base, releasedOn: '2025-03-25', today: '2025-04-01' })).toEqual({ status: 'released_late', workingDaysLate: 3 });
  });

  it('has nothing to say without a due date', () => {
    expect(deadlineStatus({ ...base, dueDate: null, today: '2025-03-10' })).toEqual({ status: null });
  });
});
