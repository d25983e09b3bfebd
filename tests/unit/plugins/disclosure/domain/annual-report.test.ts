import {
  annualReportDueDate,
  assembleSection3,
  assembleSection4,
  checkInvariants,
  diffReports,
  SECTION3_COLUMNS,
  SECTION3_ROWS,
  yearBounds,
  type AnnualReportJson,
} from '../../../../../src/plugins/disclosure/server/src/domain/annual-report';

const zeros = () => [0, 0, 0, 0, 0, 0, 0];

/** A consistent report: 2 natural persons received (1 disclosed, 1 carried out), 1 research institution carried in and withdrawn. */
const report = (): AnnualReportJson => ({
  organization: 'org1',
  year: 2025,
  frozen: false,
  section2: {
    regulations: { issued: 1, repealed: 0, inForce: 3 },
    normativeDocuments: { issued: 2, repealed: 1, inForce: 5 },
    licensing: { decisions: 4 },
    penalties: { decisions: 5 },
    enforcement: { decisions: 0 },
    fees: { amountWanYuan: null },
  },
  section3: assembleSection3([
    { row: 'new', applicantKind: 'natural_person', count: 2 },
    { row: 'disclose', applicantKind: 'natural_person', count: 1 },
    { row: 'carriedOut', applicantKind: 'natural_person', count: 1 },
    { row: 'carriedIn', applicantKind: 'research_institution', count: 1 },
    { row: 'other.other', applicantKind: 'research_institution', count: 1 },
  ]),
  section4: assembleSection4([{ kind: 'review', result: 'upheld', count: 2 }]),
  violations: [],
});

describe('assembleSection3', () => {
  it('places grouped counts, adds them up by group, in 总计 and in the total column', () => {
    const { columns, rows } = assembleSection3([
      { row: 'new', applicantKind: 'natural_person', count: 3 },
      { row: 'new', applicantKind: 'other_organization', count: 2 },
      { row: 'new', applicantKind: 'natural_person', count: 1 },
      { row: 'withhold.state_secret', applicantKind: 'commercial_enterprise', count: 2 },
      { row: 'withhold.third_party', applicantKind: 'commercial_enterprise', count: 1 },
      { row: 'unable.not_held', applicantKind: 'legal_service_institution', count: 4 },
      { row: 'reject.duplicate', applicantKind: 'natural_person', count: 1 },
      { row: 'other.fee_unpaid', applicantKind: 'social_welfare_organization', count: 1 },
      { row: 'partial', applicantKind: 'research_institution', count: 5 },
      // Neither a row nor a column of the national table: left out.
      { row: 'bogus', applicantKind: 'natural_person', count: 9 },
      { row: 'disclose', applicantKind: 'alien', count: 9 },
    ]);
    expect(columns).toEqual([...SECTION3_COLUMNS]);
    expect(Object.keys(rows)).toEqual([...SECTION3_ROWS]);
    expect(rows.new).toEqual([4, 0, 0, 0, 0, 2, 6]);
    expect(rows.withholdTotal).toEqual([0, 3, 0, 0, 0, 0, 3]);
    expect(rows.unableTotal).toEqual([0, 0, 0, 0, 4, 0, 4]);
    expect(rows.rejectTotal).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(rows.otherTotal).toEqual([0, 0, 0, 1, 0, 0, 1]);
    expect(rows.partial).toEqual([0, 0, 5, 0, 0, 0, 5]);
    expect(rows.disclose).toEqual(zeros());
    expect(rows.total).toEqual([1, 3, 5, 1, 4, 0, 14]);
    expect(rows.carriedOut).toEqual(zeros());
  });
});

describe('assembleSection4', () => {
  it('counts each result and totals them; unknown kinds and results are left out', () => {
    expect(
      assembleSection4([
        { kind: 'review', result: 'upheld', count: 2 },
        { kind: 'review', result: 'pending', count: 1 },
        { kind: 'litigation_after_review', result: 'corrected', count: 3 },
        { kind: 'litigation_after_review', result: 'pending', count: 0 },
        { kind: 'appeal', result: 'upheld', count: 7 },
        { kind: 'review', result: 'lost', count: 7 },
      ])
    ).toEqual({
      review: { upheld: 2, corrected: 0, other: 0, pending: 1, total: 3 },
      litigation_direct: { upheld: 0, corrected: 0, other: 0, pending: 0, total: 0 },
      litigation_after_review: { upheld: 0, corrected: 3, other: 0, pending: 0, total: 3 },
    });
  });
});

describe('checkInvariants', () => {
  it('finds nothing wrong with a consistent report', () => {
    expect(checkInvariants(report())).toEqual([]);
  });

  it('flags a total that is not the sum of its parts: a row, a group subtotal, 总计, section 四', () => {
    const r = report();
    r.section3.rows.new[6] = 3;
    r.section3.rows.withholdTotal[0] = 1;
    r.section3.rows.withholdTotal[6] = 1;
    r.section4.review.total = 5;
    const keys = checkInvariants(r)
      .filter((v) => v.code === 'TOTAL_MISMATCH')
      .map((v) => v.key);
    expect(keys).toEqual(
      expect.arrayContaining(['total:section3.new.total', 'total:section3.withholdTotal.natural_person', 'total:section3.withholdTotal.total', 'total:section3.total.natural_person', 'total:section4.review'])
    );
    expect(checkInvariants(r).every((v) => v.explanation === null && v.message && v.messageEn)).toBe(true);
  });

  it('flags a column whose 一 + 二 ≠ 三（七）+ 四, listing the inconsistent applications of that column', () => {
    const r = report();
    r.section3.rows.new[0] = 3;
    r.section3.rows.new[6] = 3;
    const violations = checkInvariants(r, {
      inconsistentApplications: [
        { trackingCode: 'YSQ-2', applicantKind: 'natural_person', receivedOn: '2025-03-01', closedOn: '2024-12-20', outcome: 'disclose' },
        { trackingCode: 'YSQ-9', applicantKind: 'commercial_enterprise', receivedOn: '2025-03-01', closedOn: '2025-04-01', outcome: null },
        { trackingCode: 'YSQ-5', applicantKind: 'commercial_enterprise', receivedOn: '2025-03-01', closedOn: null, outcome: 'partial' },
      ],
    });
    expect(violations.map((v) => [v.key, v.code, v.involved])).toEqual([
      ['balance:natural_person', 'BALANCE_MISMATCH', ['YSQ-2']],
      ['balance:total', 'BALANCE_MISMATCH', ['YSQ-2', 'YSQ-5', 'YSQ-9']],
      ['application:YSQ-2', 'INCONSISTENT_APPLICATION', ['YSQ-2']],
      ['application:YSQ-9', 'INCONSISTENT_APPLICATION', ['YSQ-9']],
      ['application:YSQ-5', 'INCONSISTENT_APPLICATION', ['YSQ-5']],
    ]);
    expect(violations[2].message).toContain('早于');
    expect(violations[3].messageEn).toContain('without an outcome');
    expect(violations[4].messageEn).toContain('no closing date');
  });

  it("compares last year's 四 with this year's 二 per column, listing the symmetric difference of the applications", () => {
    const previous = { carriedOut: [0, 0, 1, 0, 0, 0, 1], applications: ['YSQ-1'] };
    expect(checkInvariants(report(), { previous, carriedIn: [{ trackingCode: 'YSQ-1', applicantKind: 'research_institution' }] })).toEqual([]);

    const violations = checkInvariants(report(), {
      previous: { carriedOut: [1, 0, 1, 0, 0, 0, 2], applications: ['YSQ-1', 'YSQ-7'] },
      carriedIn: [{ trackingCode: 'YSQ-1', applicantKind: 'research_institution' }],
      previousKinds: { 'YSQ-7': 'natural_person' },
    });
    expect(violations.map((v) => [v.key, v.code, v.involved])).toEqual([
      ['carry_over:natural_person', 'CARRY_OVER_MISMATCH', ['YSQ-7']],
      ['carry_over:total', 'CARRY_OVER_MISMATCH', ['YSQ-7']],
    ]);
  });

  it('reports each released policy repealed or expired without a date, by 索引号', () => {
    expect(checkInvariants(report(), { policiesWithoutStopDate: ['A01/2025-00001'] })).toEqual([
      expect.objectContaining({ key: 'policy:A01/2025-00001', code: 'POLICY_STOP_DATE_MISSING', involved: ['A01/2025-00001'], explanation: null }),
    ]);
  });

  it('lists at most 100 applications in a violation', () => {
    const r = report();
    r.section3.rows.new[0] = 3;
    r.section3.rows.new[6] = 3;
    const many = Array.from({ length: 150 }, (_, i) => ({ trackingCode: `Y${String(i).padStart(3, '0')}`, applicantKind: 'natural_person', receivedOn: '2025-02-01', closedOn: '2025-01-01', outcome: 'disclose' }));
    const balance = checkInvariants(r, { inconsistentApplications: many }).find((v) => v.key === 'balance:total');
    expect(balance?.involved).toHaveLength(100);
  });
});

describe('diffReports', () => {
  it('lists every number that changed, with its path', () => {
    const a = report();
    const b = report();
    b.section2.regulations.issued = 2;
    b.section2.fees.amountWanYuan = 1.5;
    b.section3.rows.new[0] = 3;
    b.section3.rows.new[6] = 3;
    b.section4.litigation_direct.pending = 1;
    expect(diffReports(a, b)).toEqual([
      { path: 'section2.regulations.issued', before: 1, after: 2 },
      { path: 'section2.fees.amountWanYuan', before: null, after: 1.5 },
      { path: 'section3.rows.new[0]', before: 2, after: 3 },
      { path: 'section3.rows.new[6]', before: 2, after: 3 },
      { path: 'section4.litigation_direct.pending', before: 0, after: 1 },
    ]);
    expect(diffReports(a, report())).toEqual([]);
  });

  it('lists every cell of a row only one report has, against null', () => {
    const a = report();
    const b = report();
    delete b.section3.rows.carriedOut;
    expect(diffReports(a, b)).toEqual([1, 0, 0, 0, 0, 0, 1].map((before, i) => ({ path: `section3.rows.carriedOut[${i}]`, before, after: null })));
  });
});

describe('annualReportDueDate (条例 第五十条)', () => {
  it('gives 人民政府 until 31 March and every other organ until 31 January of the following year', () => {
    expect(annualReportDueDate('people_government', 2025)).toBe('2026-03-31');
    expect(annualReportDueDate('work_department', 2025)).toBe('2026-01-31');
    expect(annualReportDueDate('town', 2024)).toBe('2025-01-31');
    expect(annualReportDueDate(null, 2024)).toBe('2025-01-31');
  });
  it('bounds a year by its first and last legal day', () => {
    expect(yearBounds(2025)).toEqual({ start: '2025-01-01', end: '2025-12-31' });
  });
});
