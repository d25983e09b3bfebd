import {
  AnswerClockError,
  applicationClock,
  applicationDueDate,
  correctionNoticeDueOn,
  feePaymentDueOn,
  thirdPartyReplyDueOn,
} from '../../../../../src/plugins/disclosure/server/src/domain/answer-clock';

// Expected dates are counted by hand on the official calendar (domain/calendar/official.ts):
// 2026 国庆 1–7 Oct off, Sat 10 Oct a make-up working day; 2026 春节 15–23 Feb off, Sat 14 and Sat 28 Feb make-up days.
// 2027 has no notice entered: its 春节 falls back to the statutory 除夕–初三 (5–8 Feb 2027) and results are provisional.

describe('applicationDueDate: 20 working days (条例 第三十三条)', () => {
  it('received on the last working day before 国庆 2026: the holiday is skipped, the make-up Saturday counts', () => {
    // 8, 9, 10 (Sat) Oct = 1–3; 12–16 = 4–8; 19–23 = 9–13; 26–30 = 14–18; 2 Nov = 19; 3 Nov = 20.
    expect(applicationDueDate({ receivedOn: '2026-09-30' })).toEqual({ dueOn: '2026-11-03', provisional: false, pausedWorkingDays: 0 });
  });

  it('adds 20 more working days when extended', () => {
    // 4–6 Nov = 21–23; 9–13 = 24–28; 16–20 = 29–33; 23–27 = 34–38; 30 Nov = 39; 1 Dec = 40.
    expect(applicationDueDate({ receivedOn: '2026-09-30', extended: true })).toEqual({ dueOn: '2026-12-01', provisional: false, pausedWorkingDays: 0 });
    expect(applicationDueDate({ receivedOn: '2026-09-30', extended: false }).dueOn).toBe('2026-11-03');
  });

  it('across 春节 2026 with both make-up Saturdays', () => {
    // Fri 13 Feb; Sat 14 = 1; 15–23 off; 24–27 = 2–5; Sat 28 = 6; 2–6 Mar = 7–11; 9–13 = 12–16; 16–19 = 17–20.
    expect(applicationDueDate({ receivedOn: '2026-02-13' })).toEqual({ dueOn: '2026-03-19', provisional: false, pausedWorkingDays: 0 });
  });

  it('restarts from the day the correction was received (第三十条)', () => {
    expect(applicationDueDate({ receivedOn: '2026-09-21', correctionReceivedOn: '2026-09-30' }).dueOn).toBe('2026-11-03');
    expect(applicationDueDate({ receivedOn: '2026-09-30', correctionReceivedOn: '2026-09-30' }).dueOn).toBe('2026-11-03');
    expect(applicationDueDate({ receivedOn: '2026-09-30', correctionReceivedOn: null }).dueOn).toBe('2026-11-03');
  });

  it('a correction received on 除夕 2027 runs on the statutory holidays and is provisional', () => {
    // 5–8 Feb 2027 off; 9–12 = 1–4; 15–19 = 5–9; 22–26 = 10–14; 1–5 Mar = 15–19; 8 Mar = 20.
    expect(applicationDueDate({ receivedOn: '2027-01-29', correctionReceivedOn: '2027-02-05' })).toEqual({
      dueOn: '2027-03-08',
      provisional: true,
      pausedWorkingDays: 0,
    });
  });

  it('is provisional when the window reaches into 2027', () => {
    // 21–25 Dec = 1–5; 28–31 = 6–9; 1 Jan 2027 元旦 off; 4–8 Jan = 10–14; 11–15 = 15–19; 18 Jan = 20.
    expect(applicationDueDate({ receivedOn: '2026-12-18' })).toEqual({ dueOn: '2027-01-18', provisional: true, pausedWorkingDays: 0 });
  });
});

describe('applicationDueDate: consultations pause the clock (第三十二条)', () => {
  it('counts overlapping consultations once, make-up days included', () => {
    // From Fri 13 Feb 2026. First pauses 25, 26, 27, Sat 28 Feb, 2, 3 Mar (6); second 28 Feb, 2–5 Mar (5); together 8.
    // Counted: Sat 14 Feb = 1, 24 Feb = 2, 6 Mar = 3, 9–13 = 4–8, 16–20 = 9–13, 23–27 = 14–18, 30 Mar = 19, 31 Mar = 20.
    const result = applicationDueDate({
      receivedOn: '2026-02-13',
      consultations: [
        { sentOn: '2026-02-24', answeredOn: '2026-03-03' },
        { sentOn: '2026-02-27', answeredOn: '2026-03-05' },
      ],
    });
    expect(result).toEqual({ dueOn: '2026-03-31', provisional: false, pausedWorkingDays: 8 });
  });

  it('pauses nothing for a consultation answered the day it was sent, and weekends cost nothing', () => {
    expect(applicationDueDate({ receivedOn: '2026-09-30', consultations: [{ sentOn: '2026-10-12', answeredOn: '2026-10-12' }] }).pausedWorkingDays).toBe(0);
    // Sent Fri 16 Oct, answered Sun 18 Oct: no working day paused.
    expect(applicationDueDate({ receivedOn: '2026-09-30', consultations: [{ sentOn: '2026-10-16', answeredOn: '2026-10-18' }] })).toMatchObject({ dueOn: '2026-11-03', pausedWorkingDays: 0 });
  });

  it('combines a pause with the extension and the correction restart', () => {
    // Window from 30 Sep (corrected), 40 days to 1 Dec; paused 13–15 Oct (3) → 2, 3, 4 Dec.
    expect(
      applicationDueDate({
        receivedOn: '2026-09-24',
        correctionReceivedOn: '2026-09-30',
        extended: true,
        consultations: [{ sentOn: '2026-10-12', answeredOn: '2026-10-15' }],
      })
    ).toEqual({ dueOn: '2026-12-04', provisional: false, pausedWorkingDays: 3 });
  });

  it('does not extend a window that ended before the consultation was sent', () => {
    expect(applicationDueDate({ receivedOn: '2026-09-30', consultations: [{ sentOn: '2026-11-03', answeredOn: '2026-11-10' }] })).toEqual({
      dueOn: '2026-11-03',
      provisional: false,
      pausedWorkingDays: 0,
    });
  });

  it('needs today for a consultation still open', () => {
    expect(() => applicationDueDate({ receivedOn: '2026-09-30', consultations: [{ sentOn: '2026-10-09', answeredOn: null }] })).toThrow(
      expect.objectContaining({ field: 'consultations.0.answeredOn', code: 'OPEN_CONSULTATION_NEEDS_TODAY' })
    );
    // Open since Fri 9 Oct, today Fri 16 Oct: 10 (Sat), 12–16 Oct paused (6) → 4–6, 9–11 Nov.
    expect(applicationDueDate({ receivedOn: '2026-09-30', consultations: [{ sentOn: '2026-10-09' }], today: '2026-10-16' })).toMatchObject({
      dueOn: '2026-11-11',
      pausedWorkingDays: 6,
    });
  });
});

describe('applicationDueDate refuses impossible and inconsistent input', () => {
  const fails = (input: unknown, field: string, code: string) => {
    let error: unknown;
    try {
      applicationDueDate(input as never);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AnswerClockError);
    expect(error).toMatchObject({ field, code });
    expect((error as AnswerClockError).messageZh).toMatch(/[\u4e00-\u9fff]/);
  };

  it.each([
    ['an impossible date', { receivedOn: '2026-02-30' }, 'receivedOn', 'INVALID_DATE'],
    ['a month 13', { receivedOn: '2026-13-01' }, 'receivedOn', 'INVALID_DATE'],
    ['a number', { receivedOn: 20260930 }, 'receivedOn', 'INVALID_DATE'],
    ['a Date object', { receivedOn: new Date('2026-09-30T00:00:00Z') }, 'receivedOn', 'INVALID_DATE'],
    ['a date-time', { receivedOn: '2026-09-30T08:00:00Z' }, 'receivedOn', 'INVALID_DATE'],
    ['a missing receipt date', {}, 'receivedOn', 'INVALID_DATE'],
    ['an impossible correction date', { receivedOn: '2026-09-30', correctionReceivedOn: '2026-10-32' }, 'correctionReceivedOn', 'INVALID_DATE'],
    ['a correction before receipt', { receivedOn: '2026-09-30', correctionReceivedOn: '2026-09-29' }, 'correctionReceivedOn', 'CORRECTION_BEFORE_RECEIPT'],
    ['an answer before its consultation', { receivedOn: '2026-09-30', consultations: [{ sentOn: '2026-10-12', answeredOn: '2026-10-12' }, { sentOn: '2026-10-14', answeredOn: '2026-10-13' }] }, 'consultations.1.answeredOn', 'ANSWER_BEFORE_CONSULTATION'],
    ['a consultation before receipt', { receivedOn: '2026-09-30', consultations: [{ sentOn: '2026-09-29', answeredOn: '2026-10-12' }] }, 'consultations.0.sentOn', 'CONSULTATION_BEFORE_RECEIPT'],
    ['an impossible sentOn', { receivedOn: '2026-09-30', consultations: [{ sentOn: '2026-02-29', answeredOn: '2026-10-12' }] }, 'consultations.0.sentOn', 'INVALID_DATE'],
    ['consultations not a list', { receivedOn: '2026-09-30', consultations: { sentOn: '2026-10-12' } }, 'consultations', 'INVALID_INPUT'],
    ['a consultation not an object', { receivedOn: '2026-09-30', consultations: ['2026-10-12'] }, 'consultations.0', 'INVALID_INPUT'],
    ['extended not a boolean', { receivedOn: '2026-09-30', extended: 'yes' }, 'extended', 'INVALID_INPUT'],
  ])('%s', (_what, input, field, code) => fails(input, field, code));

  it('refuses no input at all', () => {
    expect(() => applicationDueDate(undefined as never)).toThrow(AnswerClockError);
  });
});

describe('the other statutory periods', () => {
  it('补正告知 within 7 working days (第三十条)', () => {
    // 8, 9, 10 (Sat), 12, 13, 14, 15 Oct.
    expect(correctionNoticeDueOn('2026-09-30')).toBe('2026-10-15');
  });
  it('third-party and other-organ opinions within 15 working days (第三十二条)', () => {
    expect(thirdPartyReplyDueOn('2026-09-30')).toBe('2026-10-27');
    // From Fri 13 Feb 2026: 14, 24–28 Feb (6), 2–6 Mar (11), 9–12 Mar (15).
    expect(thirdPartyReplyDueOn('2026-02-13')).toBe('2026-03-12');
  });
  it('fee payment within 20 working days of the notice', () => {
    expect(feePaymentDueOn('2026-09-30')).toBe('2026-11-03');
  });
  it('refuse impossible dates', () => {
    expect(() => correctionNoticeDueOn('2026-02-30')).toThrow(expect.objectContaining({ field: 'receivedOn' }));
    expect(() => thirdPartyReplyDueOn('')).toThrow(expect.objectContaining({ field: 'sentOn' }));
    expect(() => feePaymentDueOn(null as never)).toThrow(expect.objectContaining({ field: 'noticeOn' }));
  });
});

describe('applicationClock', () => {
  const application = { receivedOn: '2026-09-30' }; // due 3 Nov 2026

  it.each([
    ['2026-10-28', { status: 'on_track', workingDaysLeft: 4 }],
    ['2026-10-29', { status: 'at_risk', workingDaysLeft: 3 }],
    ['2026-10-31', { status: 'at_risk', workingDaysLeft: 2 }],
    ['2026-11-03', { status: 'at_risk', workingDaysLeft: 0 }],
    ['2026-11-04', { status: 'overdue', workingDaysLeft: 0, workingDaysLate: 1 }],
    ['2026-11-09', { status: 'overdue', workingDaysLeft: 0, workingDaysLate: 4 }],
  ])('on %s', (today, expected) => {
    expect(applicationClock({ ...application, today })).toEqual({ dueOn: '2026-11-03', provisional: false, pausedWorkingDays: 0, ...expected });
  });

  it('takes the at-risk margin', () => {
    expect(applicationClock({ ...application, today: '2026-10-27' }).status).toBe('on_track');
    expect(applicationClock({ ...application, today: '2026-10-27' }, undefined, 5)).toMatchObject({ status: 'at_risk', workingDaysLeft: 5 });
  });

  it('an open consultation pauses up to and including today', () => {
    // Sent Fri 9 Oct; on Fri 16 Oct 6 working days are paused; 2 were counted (8, 9 Oct), 18 are left.
    expect(applicationClock({ ...application, consultations: [{ sentOn: '2026-10-09', answeredOn: null }], today: '2026-10-16' })).toEqual({
      dueOn: '2026-11-11',
      provisional: false,
      pausedWorkingDays: 6,
      workingDaysLeft: 18,
      status: 'on_track',
    });
    // A day later (Saturday) nothing changes; on Monday one more day is paused.
    expect(applicationClock({ ...application, consultations: [{ sentOn: '2026-10-09' }], today: '2026-10-17' }).dueOn).toBe('2026-11-11');
    expect(applicationClock({ ...application, consultations: [{ sentOn: '2026-10-09' }], today: '2026-10-19' })).toMatchObject({ dueOn: '2026-11-12', pausedWorkingDays: 7, workingDaysLeft: 18 });
  });

  it('is provisional when today or the due date lies in a year without a notice', () => {
    // Due Fri 18 Dec 2026; on 5 Jan 2027: 21–25, 28–31 Dec, 4–5 Jan late (元旦 by statute).
    expect(applicationClock({ receivedOn: '2026-11-20', today: '2027-01-05' })).toEqual({
      dueOn: '2026-12-18',
      provisional: true,
      pausedWorkingDays: 0,
      workingDaysLeft: 0,
      workingDaysLate: 11,
      status: 'overdue',
    });
    expect(applicationClock({ receivedOn: '2026-11-20', today: '2026-12-01' }).provisional).toBe(false);
  });

  it('refuses a bad today or margin', () => {
    expect(() => applicationClock({ ...application, today: '2026-11-31' })).toThrow(expect.objectContaining({ field: 'today', code: 'INVALID_DATE' }));
    expect(() => applicationClock({ ...application, today: '2026-11-03' }, undefined, -1)).toThrow(RangeError);
  });
});
