import {
  ApplicationActionError,
  ApplicationFacts,
  applyApplicationAction,
  availableActions,
  clockInput,
  REPLY_ACTION_OUTCOMES,
} from '../../../../../src/plugins/disclosure/server/src/domain/application-workflow';

const TODAY = '2026-11-30';
const base: ApplicationFacts = {
  state: 'in_progress',
  channel: 'letter',
  submittedOn: '2026-09-10',
  receivedOn: '2026-09-10',
  correctionRequestedOn: null,
  correctionDueOn: null,
  correctionReceivedOn: null,
  consultations: [],
  extended: false,
  feeNoticeOn: null,
  feePaymentDueOn: null,
  feePaidOn: null,
  feeWaived: false,
  feeWaivedOn: null,
};
const handler = { canHandle: true, canExtend: false, today: TODAY, correctionWorkingDays: 15 };
const head = { ...handler, canExtend: true };
const facts = (overrides: Partial<ApplicationFacts>): ApplicationFacts => ({ ...base, ...overrides });

function refused(fn: () => unknown): ApplicationActionError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ApplicationActionError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('application workflow', () => {
  it('confirms receipt of an online application and starts the work', () => {
    const submitted = facts({ state: 'submitted', channel: 'online', receivedOn: null });
    expect(applyApplicationAction(submitted, 'confirm_receipt', { receivedOn: '2026-09-11' }, handler)).toMatchObject({ fromState: 'submitted', toState: 'received', patch: { receivedOn: '2026-09-11' } });
    expect(refused(() => applyApplicationAction(submitted, 'confirm_receipt', { receivedOn: '2026-09-09' }, handler))).toMatchObject({ status: 400, path: ['receivedOn'] });
    expect(refused(() => applyApplicationAction(submitted, 'confirm_receipt', { receivedOn: '2026-02-30' }, handler))).toMatchObject({ status: 400, code: 'VALIDATION' });
    expect(applyApplicationAction(facts({ state: 'received' }), 'start', {}, handler).toState).toBe('in_progress');
  });

  it('refuses staff without the handle permission, and an action the state does not offer', () => {
    expect(refused(() => applyApplicationAction(base, 'start', {}, { ...handler, canHandle: false }))).toMatchObject({ status: 403, code: 'APPLICATION_FORBIDDEN' });
    expect(refused(() => applyApplicationAction(facts({ state: 'replied' }), 'withdraw', { reason: '撤回' }, handler))).toMatchObject({ status: 409, code: 'APPLICATION_ACTION_NOT_ALLOWED' });
  });

  it('asks for a 补正 once, by default 15 working days from the notice (across 国庆 and its 调休)', () => {
    const result = applyApplicationAction(base, 'request_correction', { request: '请明确所需信息的文号', requestedOn: '2026-09-28' }, handler);
    // 29–30 Sep, 8–9 Oct, Saturday 10 Oct (调休), 12–16, 19–23 Oct.
    expect(result).toMatchObject({ toState: 'correction_requested', patch: { correctionRequestedOn: '2026-09-28', correctionDueOn: '2026-10-23' } });
    expect(refused(() => applyApplicationAction(facts({ correctionRequestedOn: '2026-09-28' }), 'request_correction', { request: '再补' }, handler)).status).toBe(409);
    expect(refused(() => applyApplicationAction(base, 'request_correction', {}, handler)).path).toEqual(['request']);
  });

  it('closes for no correction only after the correction deadline, and never once it arrived', () => {
    const waiting = facts({ state: 'correction_requested', correctionRequestedOn: '2026-11-20', correctionDueOn: '2026-11-30' });
    expect(refused(() => applyApplicationAction(waiting, 'close_no_correction', {}, handler))).toMatchObject({ status: 409 });
    expect(applyApplicationAction(waiting, 'close_no_correction', {}, { ...handler, today: '2026-12-01' })).toMatchObject({ toState: 'closed', patch: { outcome: 'other.no_correction' } });
    expect(applyApplicationAction(waiting, 'receive_correction', { receivedOn: '2026-11-25' }, handler)).toMatchObject({ toState: 'in_progress', patch: { correctionReceivedOn: '2026-11-25' } });
  });

  it('records consultations with their 15-working-day reply deadline and returns to work when all are answered', () => {
    const first = applyApplicationAction(base, 'start_consultation', { party: '某公司', kind: 'third_party', sentOn: '2026-09-15' }, handler);
    // 16–18 Sep, Sunday 20 Sep (调休), 21–24 (25 Sep 中秋), 28–30 Sep, 8–9 Oct, Saturday 10 Oct (调休), 12 Oct.
    expect(first.patch.consultations).toEqual([{ party: '某公司', kind: 'third_party', sentOn: '2026-09-15', replyDueOn: '2026-10-12', answeredOn: null, opinion: null }]);
    const open = facts({ state: 'consultation', consultations: first.patch.consultations as any });
    const second = applyApplicationAction(open, 'start_consultation', { party: '市财政局', kind: 'organ', sentOn: '2026-09-16' }, handler);
    const both = facts({ state: 'consultation', consultations: second.patch.consultations as any });
    expect(applyApplicationAction(both, 'answer_consultation', { index: 0, answeredOn: '2026-09-20', opinion: '不同意公开' }, handler).toState).toBe('consultation');
    expect(refused(() => applyApplicationAction(both, 'answer_consultation', { index: 1, answeredOn: '2026-09-10' }, handler)).path).toEqual(['answeredOn']);
    expect(refused(() => applyApplicationAction(base, 'start_consultation', { party: '某公司', kind: 'neighbour', sentOn: '2026-09-15' }, handler)).path).toEqual(['kind']);
    expect(refused(() => applyApplicationAction(base, 'start_consultation', { party: '某公司', kind: 'organ', sentOn: '2026-09-01' }, handler)).path).toEqual(['sentOn']);
    expect(refused(() => applyApplicationAction(both, 'reply', { outcome: 'disclose' }, handler)).status).toBe(409);
  });

  it('extends once, with the extend permission and a reason, only while open', () => {
    expect(refused(() => applyApplicationAction(base, 'extend', { reason: '需要调取档案' }, handler))).toMatchObject({ status: 403 });
    expect(refused(() => applyApplicationAction(base, 'extend', {}, head)).path).toEqual(['reason']);
    expect(applyApplicationAction(base, 'extend', { reason: '需要调取档案' }, head)).toMatchObject({ toState: 'in_progress', patch: { extended: true, extensionReason: '需要调取档案' }, reason: '需要调取档案' });
    expect(refused(() => applyApplicationAction(facts({ extended: true }), 'extend', { reason: '再延' }, head)).status).toBe(409);
    expect(refused(() => applyApplicationAction(facts({ state: 'replied' }), 'extend', { reason: '晚了' }, head)).status).toBe(409);
  });

  it('issues a fee notice by one method only, never for nothing, and closes unpaid only after the payment deadline', () => {
    const notice = applyApplicationAction(base, 'fee_notice', { method: 'volume', pages: 31, noticeOn: '2026-09-28' }, handler);
    // 20 working days: 29–30 Sep, 8–9 Oct, 10 Oct (调休), 12–16, 19–23, 26–30 Oct.
    expect(notice).toMatchObject({ toState: 'awaiting_payment', patch: { feeMethod: 'volume', feePages: 31, feeAmountYuan: 10, feeNoticeOn: '2026-09-28', feePaymentDueOn: '2026-10-30' } });
    expect(refused(() => applyApplicationAction(base, 'fee_notice', { method: 'piece', ordinalInMonth: 11, pages: 40 }, handler)).path).toEqual(['pages']);
    expect(refused(() => applyApplicationAction(base, 'fee_notice', { method: 'piece', ordinalInMonth: 10 }, handler)).path).toEqual(['ordinalInMonth']);
    expect(refused(() => applyApplicationAction(base, 'fee_notice', { method: 'weight', pages: 40 }, handler)).path).toEqual(['method']);
    const awaiting = facts({ state: 'awaiting_payment', feeNoticeOn: '2026-11-20', feePaymentDueOn: '2026-12-18' });
    expect(refused(() => applyApplicationAction(awaiting, 'close_fee_unpaid', {}, handler)).status).toBe(409);
    expect(applyApplicationAction(awaiting, 'close_fee_unpaid', {}, { ...handler, today: '2026-12-21' })).toMatchObject({ toState: 'closed', patch: { outcome: 'other.fee_unpaid' } });
    expect(applyApplicationAction(awaiting, 'fee_waive', { reason: '申请人生活困难' }, handler)).toMatchObject({ toState: 'in_progress', patch: { feeWaived: true } });
  });

  it('replies with a reply outcome; the closing outcomes only come from the closing actions', () => {
    expect(REPLY_ACTION_OUTCOMES).not.toContain('other.no_correction');
    expect(applyApplicationAction(base, 'reply', { outcome: 'unable.not_held', repliedOn: '2026-10-09', details: { rightOrgan: '市财政局' } }, handler)).toMatchObject({
      toState: 'replied',
      patch: { outcome: 'unable.not_held', repliedOn: '2026-10-09', repliedOnTheSpot: false },
    });
    expect(refused(() => applyApplicationAction(base, 'reply', { outcome: 'other.fee_unpaid' }, handler)).path).toEqual(['outcome']);
    expect(refused(() => applyApplicationAction(base, 'reply', { outcome: 'disclose', repliedOn: '2026-09-01' }, handler)).path).toEqual(['repliedOn']);
    expect(refused(() => applyApplicationAction(facts({ state: 'awaiting_payment' }), 'reply', { outcome: 'disclose' }, handler)).status).toBe(409);
  });

  it('answers on the spot: the reply is dated the day of receipt, even straight from submission in person', () => {
    expect(applyApplicationAction(base, 'reply', { outcome: 'disclose', onTheSpot: true }, handler).patch).toMatchObject({ repliedOn: '2026-09-10', repliedOnTheSpot: true });
    const counter = facts({ state: 'submitted', channel: 'in_person', receivedOn: null });
    expect(applyApplicationAction(counter, 'reply', { outcome: 'disclose', onTheSpot: true, repliedOn: '2026-11-02' }, handler).patch).toMatchObject({ receivedOn: '2026-11-02', repliedOn: '2026-11-02' });
    expect(refused(() => applyApplicationAction(facts({ state: 'submitted', channel: 'online', receivedOn: null }), 'reply', { outcome: 'disclose', onTheSpot: true }, handler)).status).toBe(409);
  });

  it('lists the actions of the state with whether they are permitted and why not', () => {
    const actions = availableActions(base, { canHandle: true, canExtend: false }, TODAY);
    expect(actions.map((a) => a.action)).toEqual(['assign', 'request_correction', 'start_consultation', 'extend', 'fee_notice', 'reply', 'withdraw']);
    expect(actions.find((a) => a.action === 'extend')).toMatchObject({ label: '延长答复期限', permitted: false, why: '延长答复期限须经政府信息公开工作机构负责人同意' });
    expect(actions.find((a) => a.action === 'reply')).toMatchObject({ permitted: true, fields: ['outcome', 'repliedOn', 'onTheSpot', 'details'] });
    expect(availableActions(facts({ state: 'closed' }), { canHandle: true, canExtend: true }, TODAY)).toEqual([]);
  });

  it('feeds the clock: nothing while a 补正 is awaited, the fee period as a pause', () => {
    expect(clockInput(facts({ state: 'correction_requested', correctionRequestedOn: '2026-09-11' }))).toBeNull();
    expect(clockInput(facts({ feeNoticeOn: '2026-09-14', feePaidOn: '2026-09-18' }))).toEqual({
      receivedOn: '2026-09-10',
      correctionReceivedOn: undefined,
      consultations: [{ sentOn: '2026-09-14', answeredOn: '2026-09-18' }],
      extended: false,
    });
  });
});
