import { checkEntry, formationDateInput } from '../../../../../src/plugins/disclosure/server/src/domain/entry-rules';

const base = {
  title: '统计公报',
  publishingOrganization: { id: 1 },
  category: { id: 2 },
  disclosureAttribute: 'proactive',
  formedOrChangedAt: '2025-03-03',
};
const codes = (uid: string, entry: Record<string, unknown>) => checkEntry(uid, entry).map((i) => `${i.path.join('.')}:${i.code}`);

describe('catalogue rules for every governed type', () => {
  it('accept a complete 主动公开 entry', () => {
    expect(checkEntry('api::disclosure-item.disclosure-item', base)).toEqual([]);
  });

  it('require title, publishing organization and formation date', () => {
    expect(codes('api::disclosure-item.disclosure-item', { ...base, title: ' ', publishingOrganization: null, formedOrChangedAt: undefined })).toEqual([
      'title:REQUIRED',
      'publishingOrganization:REQUIRED',
      'formedOrChangedAt:REQUIRED',
    ]);
  });

  it('take 形成或变更日期 as a date, or an instant with its offset as its Beijing day, and refuse anything else', () => {
    expect(formationDateInput({ formedOrChangedAt: '2026-03-02' })).toEqual({ value: '2026-03-02' });
    expect(formationDateInput({ formedOrChangedAt: '2026-03-01T16:30:00Z' })).toEqual({ value: '2026-03-02' });
    expect(formationDateInput({ formedOrChangedAt: '2026-03-02T00:30:00+08:00' })).toEqual({ value: '2026-03-02' });
    expect(formationDateInput({ formedOrChangedAt: '2026-03-01T23:59:59.999-05:00' })).toEqual({ value: '2026-03-02' });
    expect(formationDateInput({ title: '没有日期' })).toEqual({});
    expect(formationDateInput({ formedOrChangedAt: null })).toEqual({});
    for (const bad of ['2026-02-30', '2026-02-30T10:00:00Z', '2026-03-01T16:30:00', '2026/03/02', '2026-3-2', '明天', 20260302]) {
      expect({ bad, result: formationDateInput({ formedOrChangedAt: bad }) }).toEqual({
        bad,
        result: { issue: { path: ['formedOrChangedAt'], code: 'INVALID_DATE', message: '形成或变更日期应为 YYYY-MM-DD 格式的日期', messageEn: expect.stringContaining('YYYY-MM-DD') } },
      });
    }
  });

  it('say what is wrong in Chinese and in English', () => {
    const [problem] = checkEntry('api::disclosure-item.disclosure-item', { ...base, title: null });
    expect(problem).toEqual({ path: ['title'], code: 'REQUIRED', message: '名称不能为空', messageEn: 'title is required' });
  });

  it('require an exemption reason unless 主动公开, with an explanation for 其他', () => {
    expect(codes('api::disclosure-item.disclosure-item', { ...base, disclosureAttribute: 'on_request' })).toEqual(['exemptionReason:EXEMPTION_REASON_REQUIRED']);
    expect(checkEntry('api::disclosure-item.disclosure-item', { ...base, disclosureAttribute: 'exempt' })[0].message).toContain('不予公开');
    expect(codes('api::disclosure-item.disclosure-item', { ...base, disclosureAttribute: 'exempt', exemptionReason: 'state_secret' })).toEqual([]);
    expect(codes('api::disclosure-item.disclosure-item', { ...base, disclosureAttribute: 'exempt', exemptionReason: 'other' })).toEqual([
      'exemptionReasonDetail:EXEMPTION_REASON_DETAIL_REQUIRED',
    ]);
    expect(codes('api::disclosure-item.disclosure-item', { ...base, disclosureAttribute: 'exempt', exemptionReason: 'other', exemptionReasonDetail: '涉及在办案件' })).toEqual([]);
  });

  it('refuse an exemption reason on 主动公开 information', () => {
    expect(codes('api::disclosure-item.disclosure-item', { ...base, exemptionReason: 'trade_secret' })).toEqual(['exemptionReason:EXEMPTION_REASON_NOT_ALLOWED']);
  });

  it('require a category for other proactive items only', () => {
    expect(codes('api::disclosure-item.disclosure-item', { ...base, category: null })).toEqual(['category:REQUIRED']);
    expect(codes('api::policy.policy', { ...base, category: null, issuingOrganizations: [{ id: 1 }] })).toEqual([]);
  });
});

describe('policy rules', () => {
  const policy = { ...base, issuingOrganizations: [{ id: 1 }], writtenDate: '2025-03-01', effectiveDate: '2025-03-10', expiryDate: '2030-03-09' };

  it('accept dates in order', () => {
    expect(checkEntry('api::policy.policy', policy)).toEqual([]);
  });

  it('refuse an expiry before the written or effective date, and an effective date before writing', () => {
    expect(codes('api::policy.policy', { ...policy, expiryDate: '2025-02-28' })).toEqual(['expiryDate:DATE_ORDER', 'expiryDate:DATE_ORDER']);
    expect(codes('api::policy.policy', { ...policy, effectiveDate: '2025-02-01' })).toEqual(['effectiveDate:DATE_ORDER']);
    expect(checkEntry('api::policy.policy', { ...policy, expiryDate: '2025-02-28' })[0].message).toBe('有效期至不能早于成文日期');
  });

  it('allow the same day', () => {
    expect(checkEntry('api::policy.policy', { ...policy, effectiveDate: '2025-03-01', expiryDate: '2025-03-01' })).toEqual([]);
  });

  it('need at least one issuing organization', () => {
    expect(codes('api::policy.policy', { ...policy, issuingOrganizations: [] })).toEqual(['issuingOrganizations:REQUIRED']);
  });

  it('refuse an impossible date', () => {
    expect(codes('api::policy.policy', { ...policy, writtenDate: '2025-02-30', effectiveDate: null, expiryDate: null })).toEqual(['writtenDate:INVALID_DATE']);
  });
});

describe('rules of the other types', () => {
  it('an interpretation needs its policy', () => {
    expect(codes('api::interpretation.interpretation', { ...base, policy: null })).toEqual(['policy:REQUIRED']);
    expect(codes('api::interpretation.interpretation', { ...base, policy: { id: 9 } })).toEqual([]);
  });

  it('a 双公示 record needs its decision, a public period after it and no negative amounts', () => {
    const record = { ...base, decisionNumber: '罚〔2025〕1号', subjectName: '某公司', decisionDate: '2025-05-16' };
    expect(checkEntry('api::dual-publicity-record.dual-publicity-record', record)).toEqual([]);
    expect(codes('api::dual-publicity-record.dual-publicity-record', { ...record, publicUntil: '2025-05-15', penaltyAmount: -1 })).toEqual([
      'publicUntil:DATE_ORDER',
      'penaltyAmount:NEGATIVE_AMOUNT',
    ]);
    expect(codes('api::dual-publicity-record.dual-publicity-record', { ...record, validFrom: '2025-06-01', validUntil: '2025-05-31' })).toEqual(['validUntil:DATE_ORDER']);
  });

  it('a procurement notice opens bids no earlier than the deadline and signs after the award', () => {
    const notice = { ...base, projectName: '运维项目', submissionDeadline: '2025-07-08T02:30:00Z', openingTime: '2025-07-08T02:30:00Z' };
    expect(checkEntry('api::procurement-notice.procurement-notice', notice)).toEqual([]);
    expect(codes('api::procurement-notice.procurement-notice', { ...notice, openingTime: '2025-07-08T02:29:00Z' })).toEqual(['openingTime:DATE_ORDER']);
    expect(codes('api::procurement-notice.procurement-notice', { ...notice, decisionDate: '2025-07-10', contractSignedDate: '2025-07-09' })).toEqual([
      'contractSignedDate:DATE_ORDER',
    ]);
  });

  it('a recruitment notice has registration and publicity periods in order and positive headcounts', () => {
    const notice = { ...base, registrationStart: '2025-04-01T02:00:00Z', registrationEnd: '2025-04-07T10:00:00Z', positions: [{ name: '岗位', headcount: 2 }] };
    expect(checkEntry('api::recruitment-notice.recruitment-notice', notice)).toEqual([]);
    expect(codes('api::recruitment-notice.recruitment-notice', { ...notice, registrationEnd: '2025-03-31T00:00:00Z' })).toEqual(['registrationEnd:DATE_ORDER']);
    expect(codes('api::recruitment-notice.recruitment-notice', { ...notice, publicityStart: '2025-05-10', publicityEnd: '2025-05-09' })).toEqual(['publicityEnd:DATE_ORDER']);
    expect(codes('api::recruitment-notice.recruitment-notice', { ...notice, positions: [{ name: 'a', headcount: 1 }, { name: 'b', headcount: 0 }] })).toEqual([
      'positions.1.headcount:INVALID_HEADCOUNT',
    ]);
  });
});
