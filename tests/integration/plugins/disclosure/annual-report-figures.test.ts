import { randomBytes } from 'crypto';
import { createStaff } from '../../../helpers/staff';
import { startApp, TestApp } from '../../../helpers/strapi';
import { REPLY_OUTCOMES, APPLICANT_KINDS } from '../../../../src/plugins/disclosure/server/src/domain/application-vocabulary';
import { SECTION3_ROWS } from '../../../../src/plugins/disclosure/server/src/domain/annual-report';

/**
 * 政府信息公开工作年度报告的数据 (issue 13): a synthetic data set whose every table was computed by hand (below, as
 * literals), reproduced cell by cell by compute() — subtree and alone — on PostgreSQL and on SQLite; then the
 * violations. The data is written with strapi.db.query directly (the workflow would take minutes for ~80 rows): a
 * released entry is a draft row with releasedOn set and/or a published row of the same documentId, as the workflow
 * leaves them.
 */
const POLICY = 'api::policy.policy';
const DUAL = 'api::dual-publicity-record.dual-publicity-record';
const APPLICATION = 'plugin::disclosure.application';
const CASE = 'plugin::disclosure.application-case';
const Y = 2025;

type Release = 'draft' | 'published' | 'withdrawn' | 'corrected' | 'never';

/** Section 三 from the rows given (7 numbers each: the six applicant kinds, then 总计); every other row is all zeros. */
const table = (given: Record<string, number[]>) => {
  for (const row of Object.keys(given)) if (!SECTION3_ROWS.includes(row)) throw new Error(`unknown row ${row}`);
  return Object.fromEntries(SECTION3_ROWS.map((row) => [row, given[row] ?? [0, 0, 0, 0, 0, 0, 0]]));
};

for (const client of ['postgres', 'sqlite'] as const) {
  describe(`annual report figures (${client})`, () => {
    let app: TestApp;
    let figures: any;
    const org: Record<'P' | 'C' | 'U', { id: number; documentId: string }> = {} as any;
    const category: Record<'A' | 'B', { id: number; code: string }> = {} as any;
    const appIds: Record<string, number> = {};

    async function entry(uid: string, o: keyof typeof org, release: Release, data: Record<string, unknown>, releasedOn = '2025-02-01', publishedData: Record<string, unknown> = {}) {
      const documentId = randomBytes(12).toString('hex');
      const common = {
        documentId,
        title: `测试条目 ${documentId.slice(0, 6)}`,
        formedOrChangedAt: '2025-01-01',
        disclosureAttribute: 'proactive',
        publishingOrganization: org[o].id,
        category: uid === POLICY ? category.A.id : category.B.id,
      };
      await app.strapi.db.query(uid).create({ data: { ...common, ...data, releasedOn: release === 'draft' || release === 'withdrawn' || release === 'published' ? releasedOn : null, publishedAt: null } });
      if (release === 'published' || release === 'corrected') {
        await app.strapi.db.query(uid).create({ data: { ...common, ...data, ...publishedData, releasedOn, publishedAt: new Date() } });
      }
    }
    const policy = (o: keyof typeof org, release: Release, documentKind: string, fields: Record<string, unknown>, releasedOn?: string, publishedData?: Record<string, unknown>) =>
      entry(POLICY, o, release, { documentKind, validity: 'valid', ...fields }, releasedOn, publishedData);
    const dual = (o: keyof typeof org, release: Release, kind: string, decisionDate: string, releasedOn?: string) => entry(DUAL, o, release, { kind, decisionDate, subjectName: '某某公司' }, releasedOn);

    let n = 0;
    async function application(code: string, o: keyof typeof org, applicantKind: string, receivedOn: string | null, closedOn: string | null = null, outcome: string | null = null, fee: Record<string, unknown> = {}) {
      n += 1;
      const row = await app.strapi.db.query(APPLICATION).create({
        data: {
          trackingCode: code,
          channel: 'letter',
          submittedAt: new Date('2025-01-01T00:00:00Z'),
          receivedOn,
          applicantKind,
          requestedTitle: `所需信息 ${n}`,
          state: closedOn ? (outcome?.startsWith('other.') ? 'closed' : 'replied') : receivedOn ? 'in_progress' : 'submitted',
          outcome,
          closedOn,
          repliedOn: closedOn,
          receivingOrganization: org[o].id,
          ...fee,
        },
      });
      appIds[code] = row.id;
    }
    const litigation = (kind: string, code: string, filedOn: string, result: string, decidedOn: string | null = null) =>
      app.strapi.db.query(CASE).create({ data: { kind, application: appIds[code], filedOn, result, decidedOn, caseNumber: `案-${code}-${kind}` } });

    beforeAll(async () => {
      app = await startApp({ client });
      figures = app.strapi.plugin('disclosure').service('annual-report-figures');
      const orgs = app.strapi.documents('api::organization.organization');
      const suffix = randomBytes(3).toString('hex').toUpperCase();
      const P = await orgs.create({ data: { name: '测试市人民政府', code: `P${suffix}0000`, kind: 'people_government' } });
      const C = await orgs.create({ data: { name: '测试市教育局', code: `C${suffix}0000`, kind: 'work_department', parent: P.documentId } });
      const U = await orgs.create({ data: { name: '另一市人民政府', code: `U${suffix}0000`, kind: 'people_government' } });
      Object.assign(org, { P, C, U });
      for (const [key, code, name] of [
        ['A', `a-zcwj-${suffix.toLowerCase()}`, '政策文件'],
        ['B', `b-sgs-${suffix.toLowerCase()}`, '双公示'],
      ] as const) {
        category[key] = await app.strapi.db.query('api::disclosure-category.disclosure-category').create({ data: { name, code } });
      }

      // 规章 (rule). Subtree P+C: issued R1 R7 = 2; repealed R2 R4 = 2; in force R1 R3 R7 = 3. Alone P: 2, 0, 3.
      await policy('P', 'draft', 'rule', { writtenDate: '2025-03-01' }); // R1: issued, in force
      await policy('C', 'published', 'rule', { writtenDate: '2020-05-01', repealedOn: '2025-06-30', validity: 'repealed' }); // R2: repealed
      await policy('P', 'published', 'rule', { writtenDate: '2019-01-01', expiryDate: '2025-12-31' }, '2024-05-01'); // R3: stops 2026-01-01: in force
      await policy('C', 'draft', 'rule', { writtenDate: '2018-01-01', expiryDate: '2024-12-31', validity: 'expired' }); // R4: stops 2025-01-01: repealed
      await policy('U', 'published', 'rule', { writtenDate: '2025-02-02' }); // R5: another organization
      await policy('P', 'never', 'rule', { writtenDate: '2025-04-01' }); // R6: never released
      // R7: released, now in correction (draft's releasedOn cleared); the facts are the draft's, not the published row's.
      await policy('P', 'corrected', 'rule', { writtenDate: '2025-07-01' }, '2025-07-02', { writtenDate: '2010-01-01' });

      // 行政规范性文件. Subtree: issued N1 = 1; repealed N3 N6 = 2; in force N1 N4 = 2. Alone P: 1, 0, 2.
      await policy('P', 'draft', 'normative_document', { writtenDate: '2025-12-31' }); // N1
      await policy('C', 'draft', 'normative_document', { writtenDate: '2026-01-01' }); // N2: next year
      await policy('C', 'published', 'normative_document', { writtenDate: '2023-01-01', expiryDate: '2025-03-31', validity: 'expired' }); // N3: repealed
      await policy('P', 'published', 'normative_document', { writtenDate: '2024-06-01', repealedOn: '2026-02-01', validity: 'repealed' }); // N4: in force on 31 Dec
      await policy('P', 'published', 'normative_document', { writtenDate: '2022-01-01', validity: 'repealed', indexNumber: 'IDX-N5' }); // N5: no stop date
      await policy('C', 'draft', 'normative_document', { writtenDate: '2024-12-31', repealedOn: '2025-01-01', validity: 'repealed' }); // N6: repealed
      await policy('P', 'draft', 'other_document', { writtenDate: '2025-05-01' }); // N7: not a normative document
      await policy('P', 'published', 'normative_document', { writtenDate: '2020-01-01', repealedOn: '2024-12-31', validity: 'repealed' }, '2021-01-01'); // N8

      // 双公示. Subtree: licensing D1 D2 = 2; penalties D4 D5 = 2; enforcement D7 = 1. Alone P: 1, 1, 1.
      await dual('P', 'draft', 'administrative_license', '2025-01-01'); // D1
      await dual('C', 'published', 'administrative_license', '2025-12-31'); // D2
      await dual('P', 'published', 'administrative_license', '2024-12-31', '2024-12-31'); // D3: decided last year
      await dual('C', 'withdrawn', 'administrative_penalty', '2025-05-05'); // D4: withdrawn at the end of its publicity: counts
      await dual('P', 'published', 'administrative_penalty', '2025-06-06'); // D5
      await dual('P', 'never', 'administrative_penalty', '2025-06-07'); // D6: never released
      await dual('P', 'published', 'administrative_coercion', '2025-08-08'); // D7
      await dual('U', 'published', 'administrative_coercion', '2025-08-08'); // D8: another organization
      await dual('P', 'published', 'other', '2025-08-09'); // D9: not a section 二 kind
      await dual('P', 'published', 'administrative_penalty', '2026-01-01'); // D10: next year

      // Applications: one per outcome code, received and closed in the year, applicant kind i % 6, P when i is even.
      for (const [i, outcome] of REPLY_OUTCOMES.entries()) {
        const fee = i === 0 ? { feeAmountYuan: 100, feePaidOn: '2025-03-05' } : i === 1 ? { feeAmountYuan: 50, feePaidOn: '2025-04-01', feeWaived: true } : i === 2 ? { feeAmountYuan: 20, feePaidOn: '2025-12-31' } : i === 3 ? { feeAmountYuan: 7.5, feePaidOn: '2025-05-05' } : {};
        await application(`O${String(i).padStart(2, '0')}`, i % 2 === 0 ? 'P' : 'C', APPLICANT_KINDS[i % 6], `2025-02-${String(i + 1).padStart(2, '0')}`, `2025-03-${String(i + 1).padStart(2, '0')}`, outcome, fee);
      }
      await application('CI1', 'P', 'natural_person', '2024-11-20', '2025-01-10', 'disclose', { feeAmountYuan: 30.5, feePaidOn: '2024-12-01' });
      await application('CI2', 'C', 'other_organization', '2024-12-31'); // carried in and out
      await application('CI3', 'P', 'commercial_enterprise', '2024-10-01', '2024-12-31', 'partial'); // closed last year
      await application('CI4', 'C', 'commercial_enterprise', '2023-05-05', '2025-02-02', 'other.other'); // withdrawn this year
      await application('CO1', 'C', 'legal_service_institution', '2025-12-31');
      await application('CO2', 'P', 'social_welfare_organization', '2025-11-01', '2026-01-05', 'disclose'); // replied next year
      await application('CO3', 'P', 'research_institution', '2025-06-01', '2025-12-31', 'reject.duplicate');
      await application('NEXT', 'P', 'natural_person', '2026-01-02');
      await application('UNREC', 'P', 'natural_person', null); // online, receipt never confirmed
      await application('OTHER', 'U', 'natural_person', '2025-03-01');

      // 行政复议、行政诉讼 by the application's receiving organization, filed in the year, result as of 31 December.
      await litigation('review', 'O00', '2025-03-01', 'upheld', '2025-05-01'); // P: upheld
      await litigation('review', 'O01', '2025-04-01', 'corrected', '2026-01-10'); // C: decided next year → pending
      await litigation('review', 'O02', '2025-05-01', 'pending'); // P: pending
      await litigation('litigation_direct', 'O03', '2025-06-01', 'corrected', '2025-12-31'); // C: corrected
      await litigation('litigation_direct', 'O04', '2024-12-31', 'upheld', '2025-02-01'); // filed last year
      await litigation('litigation_after_review', 'O06', '2025-07-01', 'other', '2025-09-01'); // P: other
      await litigation('litigation_after_review', 'O05', '2026-01-01', 'upheld', '2026-02-01'); // filed next year
      await litigation('review', 'OTHER', '2025-03-03', 'upheld', '2025-04-01'); // another organization
      await litigation('litigation_after_review', 'O08', '2025-08-01', 'upheld', '2025-10-10'); // P: upheld
    });
    afterAll(async () => app?.stop());

    const stopDateMissing = {
      key: 'policy:IDX-N5',
      code: 'POLICY_STOP_DATE_MISSING',
      involved: ['IDX-N5'],
      explanation: null,
    };

    it('reproduces every cell for the organization and its subtree', async () => {
      const { report, extras } = await figures.compute({ organizationId: org.P.id, year: Y, scope: 'subtree', feesWanYuan: 1.25 });
      expect(report.organization).toBe(org.P.documentId);
      expect(report.year).toBe(Y);
      expect(report.frozen).toBe(false);
      expect(report.section2).toEqual({
        regulations: { issued: 2, repealed: 2, inForce: 3 },
        normativeDocuments: { issued: 1, repealed: 2, inForce: 2 },
        licensing: { decisions: 2 },
        penalties: { decisions: 2 },
        enforcement: { decisions: 1 },
        fees: { amountWanYuan: 1.25 },
      });
      expect(report.section3.columns).toEqual([...APPLICANT_KINDS, 'total']);
      expect(report.section3.rows).toEqual(
        table({
          new: [4, 4, 5, 4, 4, 3, 24],
          carriedIn: [1, 1, 0, 0, 0, 1, 3],
          disclose: [2, 0, 0, 0, 0, 0, 2],
          partial: [0, 1, 0, 0, 0, 0, 1],
          'withhold.state_secret': [0, 0, 1, 0, 0, 0, 1],
          'withhold.prohibited_by_law': [0, 0, 0, 1, 0, 0, 1],
          'withhold.three_safeties': [0, 0, 0, 0, 1, 0, 1],
          'withhold.third_party': [0, 0, 0, 0, 0, 1, 1],
          'withhold.internal_affairs': [1, 0, 0, 0, 0, 0, 1],
          'withhold.process_information': [0, 1, 0, 0, 0, 0, 1],
          'withhold.enforcement_file': [0, 0, 1, 0, 0, 0, 1],
          'withhold.administrative_inquiry': [0, 0, 0, 1, 0, 0, 1],
          withholdTotal: [1, 1, 2, 2, 1, 1, 8],
          'unable.not_held': [0, 0, 0, 0, 1, 0, 1],
          'unable.needs_creation': [0, 0, 0, 0, 0, 1, 1],
          'unable.unclear_after_correction': [1, 0, 0, 0, 0, 0, 1],
          unableTotal: [1, 0, 0, 0, 1, 1, 3],
          'reject.petition': [0, 1, 0, 0, 0, 0, 1],
          'reject.duplicate': [0, 0, 2, 0, 0, 0, 2],
          'reject.publication': [0, 0, 0, 1, 0, 0, 1],
          'reject.abusive': [0, 0, 0, 0, 1, 0, 1],
          'reject.confirmation': [0, 0, 0, 0, 0, 1, 1],
          rejectTotal: [0, 1, 2, 1, 1, 1, 6],
          'other.no_correction': [1, 0, 0, 0, 0, 0, 1],
          'other.fee_unpaid': [0, 1, 0, 0, 0, 0, 1],
          'other.other': [0, 1, 1, 0, 0, 0, 2],
          otherTotal: [1, 2, 1, 0, 0, 0, 4],
          total: [5, 5, 5, 3, 3, 3, 24],
          carriedOut: [0, 0, 0, 1, 1, 1, 3],
        })
      );
      expect(report.section4).toEqual({
        review: { upheld: 1, corrected: 0, other: 0, pending: 2, total: 3 },
        litigation_direct: { upheld: 0, corrected: 1, other: 0, pending: 0, total: 1 },
        litigation_after_review: { upheld: 1, corrected: 0, other: 1, pending: 0, total: 2 },
      });
      expect(report.violations).toEqual([expect.objectContaining(stopDateMissing)]);
      expect(report.violations[0].message).toContain('IDX-N5');
      expect(extras).toEqual({ feesCollectedYuan: 127.5, carriedOutApplications: ['CI2', 'CO1', 'CO2'], scope: 'subtree' });

      // The same cells through the JSON export other tools read: exactly the keys, no report entry yet (live,
      // not frozen, no manual fee figure).
      const sysadmin = await createStaff(app, 'sysadmin', null);
      const exported = await sysadmin.get(`/disclosure/annual-reports/${org.P.documentId}/${Y}?format=json`);
      expect(exported.status).toBe(200);
      expect(Object.keys(exported.body)).toEqual(['organization', 'year', 'frozen', 'section2', 'section3', 'section4', 'violations']);
      expect(exported.body).toEqual({ ...report, section2: { ...report.section2, fees: { amountWanYuan: null } } });
    });

    it('reproduces every cell for the organization alone', async () => {
      const { report, extras } = await figures.compute({ organizationId: org.P.id, year: Y, scope: 'alone' });
      expect(report.section2).toEqual({
        regulations: { issued: 2, repealed: 0, inForce: 3 },
        normativeDocuments: { issued: 1, repealed: 0, inForce: 2 },
        licensing: { decisions: 1 },
        penalties: { decisions: 1 },
        enforcement: { decisions: 1 },
        fees: { amountWanYuan: null },
      });
      expect(report.section3.rows).toEqual(
        table({
          new: [4, 0, 5, 1, 3, 0, 13],
          carriedIn: [1, 0, 0, 0, 0, 0, 1],
          disclose: [2, 0, 0, 0, 0, 0, 2],
          'withhold.state_secret': [0, 0, 1, 0, 0, 0, 1],
          'withhold.three_safeties': [0, 0, 0, 0, 1, 0, 1],
          'withhold.internal_affairs': [1, 0, 0, 0, 0, 0, 1],
          'withhold.enforcement_file': [0, 0, 1, 0, 0, 0, 1],
          withholdTotal: [1, 0, 2, 0, 1, 0, 4],
          'unable.not_held': [0, 0, 0, 0, 1, 0, 1],
          'unable.unclear_after_correction': [1, 0, 0, 0, 0, 0, 1],
          unableTotal: [1, 0, 0, 0, 1, 0, 2],
          'reject.duplicate': [0, 0, 2, 0, 0, 0, 2],
          'reject.abusive': [0, 0, 0, 0, 1, 0, 1],
          rejectTotal: [0, 0, 2, 0, 1, 0, 3],
          'other.no_correction': [1, 0, 0, 0, 0, 0, 1],
          'other.other': [0, 0, 1, 0, 0, 0, 1],
          otherTotal: [1, 0, 1, 0, 0, 0, 2],
          total: [5, 0, 5, 0, 3, 0, 13],
          carriedOut: [0, 0, 0, 1, 0, 0, 1],
        })
      );
      expect(report.section4).toEqual({
        review: { upheld: 1, corrected: 0, other: 0, pending: 1, total: 2 },
        litigation_direct: { upheld: 0, corrected: 0, other: 0, pending: 0, total: 0 },
        litigation_after_review: { upheld: 1, corrected: 0, other: 1, pending: 0, total: 2 },
      });
      expect(report.violations).toEqual([expect.objectContaining(stopDateMissing)]);
      expect(extras).toEqual({ feesCollectedYuan: 120, carriedOutApplications: ['CO2'], scope: 'alone' });
    });

    it("carries over from the previous year's report without a violation, and lists the difference when it does not match", async () => {
      const last = await figures.compute({ organizationId: org.P.id, year: Y - 1 });
      expect(last.report.section3.rows.carriedOut).toEqual([1, 1, 0, 0, 0, 1, 3]);
      expect(last.extras.carriedOutApplications).toEqual(['CI1', 'CI2', 'CI4']);
      const matching = await figures.compute({ organizationId: org.P.id, year: Y, previous: { carriedOut: last.report.section3.rows.carriedOut, applications: last.extras.carriedOutApplications } });
      expect(matching.report.violations.map((v: any) => v.code)).toEqual(['POLICY_STOP_DATE_MISSING']);

      // As if last year's released report had counted CI2 nowhere and a GHOST application that no longer exists.
      const { report } = await figures.compute({ organizationId: org.P.id, year: Y, previous: { carriedOut: [1, 1, 0, 0, 0, 0, 2], applications: ['CI1', 'CI4', 'GHOST'] } });
      expect(report.violations.filter((v: any) => v.code === 'CARRY_OVER_MISMATCH')).toEqual([
        expect.objectContaining({ key: 'carry_over:other_organization', involved: ['CI2'], explanation: null }),
        expect.objectContaining({ key: 'carry_over:total', involved: ['CI2', 'GHOST'], explanation: null }),
      ]);
    });

    it('gives the website figures: entries released in the year by type and category, applications received and concluded', async () => {
      const website = await figures.website({ organizationId: org.P.id, year: Y, scope: 'subtree' });
      expect(website).toEqual({
        organization: org.P.documentId,
        year: Y,
        // Policies released in 2025 in P and C: all but R3 (2024), N8 (2021), R5 (U), R6 (never); 双公示 all but D3 (2024), D6, D8.
        publishing: {
          total: 18,
          byType: { policies: 11, interpretations: 0, 'dual-publicity-records': 7, 'procurement-notices': 0, 'recruitment-notices': 0, 'disclosure-items': 0, 'annual-reports': 0 },
          byCategory: [
            { code: category.A.code, name: '政策文件', count: 11 },
            { code: category.B.code, name: '双公示', count: 7 },
          ],
        },
        interpretations: { total: 0 },
        applications: { received: 24, concluded: 24 },
      });
    });

    it('flags an application closed before it was received: inconsistent, and the balance of its column and the total', async () => {
      await application('BAD1', 'C', 'natural_person', '2025-03-01', '2024-12-20', 'disclose');
      try {
        const { report } = await figures.compute({ organizationId: org.P.id, year: Y });
        // Counted as new in its column, but neither closed in the year nor carried out.
        expect(report.section3.rows.new).toEqual([5, 4, 5, 4, 4, 3, 25]);
        expect(report.violations).toEqual([
          expect.objectContaining({ key: 'balance:natural_person', code: 'BALANCE_MISMATCH', involved: ['BAD1'] }),
          expect.objectContaining({ key: 'balance:total', code: 'BALANCE_MISMATCH', involved: ['BAD1'] }),
          expect.objectContaining({ key: 'application:BAD1', code: 'INCONSISTENT_APPLICATION', involved: ['BAD1'] }),
          expect.objectContaining(stopDateMissing),
        ]);
        expect(report.violations[2].message).toContain('2024-12-20');
      } finally {
        await app.strapi.db.query(APPLICATION).delete({ where: { id: appIds.BAD1 } });
      }
    });

    it('answers 404 ORGANIZATION_NOT_FOUND for an unknown organization', async () => {
      await expect(figures.compute({ organizationId: 987654, year: Y })).rejects.toMatchObject({ name: 'NotFoundError', details: { code: 'ORGANIZATION_NOT_FOUND' } });
    });
  });
}
