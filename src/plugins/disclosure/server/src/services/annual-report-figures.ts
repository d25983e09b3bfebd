import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { APPLICATION_CASE_UID, APPLICATION_UID, CATEGORY_UID, ORGANIZATION_UID } from '../constants';
import { CONSUMER_TYPES } from '../../../shared/vocabulary';
import {
  assembleSection3,
  assembleSection4,
  checkInvariants,
  yearBounds,
  type AnnualReportExtras,
  type AnnualReportJson,
  type InconsistentApplication,
  type ReportScope,
  type Section3Count,
  type WebsiteReportJson,
} from '../domain/annual-report';
import { subtreeIds } from '../domain/consumer/scope';
import { governedUids } from '../utils/content-type-uid';
import { dbMetadata } from '../utils/db-metadata';
import { disclosureError } from '../utils/disclosure-error';
import { legalDayOf } from '../domain/legal-date';

const POLICY_UID = 'api::policy.policy';
const DUAL_UID = 'api::dual-publicity-record.dual-publicity-record';
const INTERPRETATION_UID = 'api::interpretation.interpretation';

/** Section 二's 双公示 lines by record kind. */
const DUAL_KINDS = { administrative_license: 'licensing', administrative_penalty: 'penalties', administrative_coercion: 'enforcement' } as const;
const DOCUMENT_KINDS = { rule: 'regulations', normative_document: 'normativeDocuments' } as const;
const MAX_LISTED = 100;

export interface ComputeInput {
  organizationId: number;
  year: number;
  scope?: ReportScope;
  feesWanYuan?: number | null;
  previous?: { carriedOut: number[]; applications: string[] } | null;
}

const num = (value: unknown) => Number(value ?? 0) || 0;

/**
 * 政府信息公开工作年度报告的数据 (issue 13): every figure is one SQL aggregation (GROUP BY with conditional sums) over
 * the rows of the report's organizations; no entry or application is loaded into memory — only the few tracking
 * codes and 索引号 a violation or the carry-over needs. Dates compare as 'YYYY-MM-DD' strings, which both PostgreSQL
 * (date columns) and SQLite (text) order correctly.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = (): Knex => strapi.db.connection as unknown as Knex;
  const meta = () => dbMetadata(strapi);

  /** The organization's row and the ids the report covers (organizations are few: the tree is walked in JS). */
  async function organizationsOf(organizationId: number, scope: ReportScope) {
    const organization = await strapi.db.query(ORGANIZATION_UID).findOne({ where: { id: organizationId }, select: ['id', 'documentId', 'name', 'kind'] });
    if (!organization) throw disclosureError(404, 'ORGANIZATION_NOT_FOUND', '机构不存在', 'organization not found', { organizationId }, ['organization']);
    if (scope === 'alone') return { organization, ids: [organizationId] };
    const link = meta().joinTable(ORGANIZATION_UID, 'parent');
    const [all, parents] = await Promise.all([
      knex()(meta().table(ORGANIZATION_UID)).select('id'),
      knex()(link.name).select({ id: link.joinColumn.name, parentId: link.inverseJoinColumn.name }),
    ]);
    const parentOf = new Map<number, number>(parents.map((p: any) => [Number(p.id), Number(p.parentId)]));
    const nodes = all.map((o: any) => ({ id: Number(o.id), parentId: parentOf.get(Number(o.id)) ?? null }));
    return { organization, ids: subtreeIds(nodes, [organizationId]) };
  }

  /**
   * The draft rows (one per document: the facts) of a governed type whose publishing organization is in scope and
   * that have been released at least once: released_on set on the draft, or a published row of the same document
   * (a 双公示 record withdrawn at the end of its publicity period still counts).
   */
  function releasedDrafts(uid: string, organizationIds: number[]) {
    const table = meta().table(uid);
    const link = meta().joinTable(uid, 'publishingOrganization');
    return knex()(`${table} as e`)
      .join(`${link.name} as o`, `o.${link.joinColumn.name}`, 'e.id')
      .whereIn(`o.${link.inverseJoinColumn.name}`, organizationIds)
      .whereNull('e.published_at')
      .where((q) =>
        q.whereNotNull('e.released_on').orWhereExists((sub) => sub.select(knex().raw('1')).from(`${table} as p`).whereRaw('p.document_id = e.document_id').whereNotNull('p.published_at'))
      );
  }

  /** Applications received by the organizations in scope (only those received at all: receivedOn set). */
  function applications(organizationIds: number[], alias = 'a') {
    const link = meta().joinTable(APPLICATION_UID, 'receivingOrganization');
    return knex()(`${meta().table(APPLICATION_UID)} as ${alias}`)
      .join(`${link.name} as ro`, `ro.${link.joinColumn.name}`, `${alias}.id`)
      .whereIn(`ro.${link.inverseJoinColumn.name}`, organizationIds)
      .whereNotNull(`${alias}.${meta().column(APPLICATION_UID, 'receivedOn')}`);
  }

  async function section2(ids: number[], year: number) {
    const { start, end } = yearBounds(year);
    const c = (attribute: string) => `e.${meta().column(POLICY_UID, attribute)}`;
    const [written, repealedOn, expiry, kind, validity] = [c('writtenDate'), c('repealedOn'), c('expiryDate'), c('documentKind'), c('validity')];
    // A policy stops on repealedOn, else on the day after expiryDate: "stop in Y" and "stop after 31 Dec" rewritten
    // on expiryDate itself, so no date arithmetic (which differs between the two databases) is needed.
    const stopInYear = `(${repealedOn} BETWEEN ? AND ? OR (${repealedOn} IS NULL AND ${expiry} BETWEEN ? AND ?))`;
    const dayBeforeStart = `${year - 1}-12-31`;
    const dayBeforeEnd = `${year}-12-30`;
    const stillInForce = `(${repealedOn} > ? OR (${repealedOn} IS NULL AND ${expiry} >= ?) OR (${repealedOn} IS NULL AND ${expiry} IS NULL AND (${validity} IS NULL OR ${validity} NOT IN ('repealed', 'expired'))))`;
    const policyRows = await releasedDrafts(POLICY_UID, ids)
      .whereIn(kind, Object.keys(DOCUMENT_KINDS))
      .groupBy(kind)
      .select({ kind })
      .select(
        knex().raw(`SUM(CASE WHEN ${written} BETWEEN ? AND ? THEN 1 ELSE 0 END) AS issued`, [start, end]),
        knex().raw(`SUM(CASE WHEN ${stopInYear} THEN 1 ELSE 0 END) AS repealed`, [start, end, dayBeforeStart, dayBeforeEnd]),
        knex().raw(`SUM(CASE WHEN ${written} <= ? AND ${stillInForce} THEN 1 ELSE 0 END) AS in_force`, [end, end, end])
      );
    const missing = await releasedDrafts(POLICY_UID, ids)
      .whereIn(kind, Object.keys(DOCUMENT_KINDS))
      .whereIn(validity, ['repealed', 'expired'])
      .whereNull(repealedOn)
      .whereNull(expiry)
      .orderBy('e.id')
      .limit(MAX_LISTED)
      .select({ indexNumber: `e.${meta().column(POLICY_UID, 'indexNumber')}`, documentId: 'e.document_id' });

    const dualKind = `e.${meta().column(DUAL_UID, 'kind')}`;
    const decision = `e.${meta().column(DUAL_UID, 'decisionDate')}`;
    const dualRows = await releasedDrafts(DUAL_UID, ids)
      .whereIn(dualKind, Object.keys(DUAL_KINDS))
      .whereBetween(decision, [start, end])
      .groupBy(dualKind)
      .select({ kind: dualKind })
      .count({ n: '*' });

    const documents = (k: keyof typeof DOCUMENT_KINDS) => {
      const row = policyRows.find((r: any) => r.kind === k);
      return { issued: num(row?.issued), repealed: num(row?.repealed), inForce: num(row?.in_force) };
    };
    const decisions = (k: keyof typeof DUAL_KINDS) => ({ decisions: num(dualRows.find((r: any) => r.kind === k)?.n) });
    return {
      section2: {
        regulations: documents('rule'),
        normativeDocuments: documents('normative_document'),
        licensing: decisions('administrative_license'),
        penalties: decisions('administrative_penalty'),
        enforcement: decisions('administrative_coercion'),
      },
      policiesWithoutStopDate: missing.map((m: any) => m.indexNumber || m.documentId) as string[],
    };
  }

  async function section3(ids: number[], year: number) {
    const { start, end } = yearBounds(year);
    const c = (attribute: string) => `a.${meta().column(APPLICATION_UID, attribute)}`;
    const [received, closed, outcome, kind] = [c('receivedOn'), c('closedOn'), c('outcome'), c('applicantKind')];
    // One pass: per applicant kind and outcome, the rows that do not depend on the outcome and the outcome's own count.
    const grouped = await applications(ids)
      .where((q) => q.where(received, '<=', end).orWhere(closed, '<=', end))
      .groupBy(kind, outcome)
      .select({ kind, outcome })
      .select(
        knex().raw(`SUM(CASE WHEN ${received} BETWEEN ? AND ? THEN 1 ELSE 0 END) AS new_count`, [start, end]),
        knex().raw(`SUM(CASE WHEN ${received} < ? AND (${closed} IS NULL OR ${closed} >= ?) THEN 1 ELSE 0 END) AS carried_in`, [start, start]),
        knex().raw(`SUM(CASE WHEN ${closed} BETWEEN ? AND ? THEN 1 ELSE 0 END) AS closed_count`, [start, end]),
        knex().raw(`SUM(CASE WHEN ${received} <= ? AND (${closed} IS NULL OR ${closed} > ?) THEN 1 ELSE 0 END) AS carried_out`, [end, end])
      );
    const counts: Section3Count[] = grouped.flatMap((g: any) => [
      { row: 'new', applicantKind: g.kind, count: num(g.new_count) },
      { row: 'carriedIn', applicantKind: g.kind, count: num(g.carried_in) },
      { row: 'carriedOut', applicantKind: g.kind, count: num(g.carried_out) },
      ...(g.outcome ? [{ row: g.outcome as string, applicantKind: g.kind, count: num(g.closed_count) }] : []),
    ]);

    // Applications whose dates or outcome cannot add up, among those the year's table touches.
    const inconsistent = await applications(ids)
      .where(received, '<=', end)
      .where((q) => q.whereNull(closed).orWhere(closed, '>=', start).orWhere(received, '>=', start))
      .where((q) =>
        q
          .whereRaw(`${closed} < ${received}`)
          .orWhere((w) => w.whereNotNull(closed).whereNull(outcome))
          .orWhere((w) => w.whereNull(closed).whereNotNull(outcome))
      )
      .orderBy(c('trackingCode'))
      .limit(MAX_LISTED)
      .select({ trackingCode: c('trackingCode'), applicantKind: kind, receivedOn: received, closedOn: closed, outcome });

    const carriedOut = await applications(ids)
      .where(received, '<=', end)
      .where((q) => q.whereNull(closed).orWhere(closed, '>', end))
      .orderBy(c('trackingCode'))
      .pluck(c('trackingCode'));

    const [fees] = await applications(ids)
      .whereBetween(c('feePaidOn'), [start, end])
      .where((q) => q.whereNull(c('feeWaived')).orWhere(c('feeWaived'), false))
      .sum({ yuan: c('feeAmountYuan') });

    return {
      section3: assembleSection3(counts),
      inconsistentApplications: inconsistent.map(
        (a: any): InconsistentApplication => ({ trackingCode: a.trackingCode, applicantKind: a.applicantKind, receivedOn: legalDayOf(a.receivedOn), closedOn: legalDayOf(a.closedOn), outcome: a.outcome ?? null })
      ),
      carriedOutApplications: carriedOut as string[],
      feesCollectedYuan: Math.round(num(fees?.yuan) * 100) / 100,
    };
  }

  /** This year's carried-in applications (only read when the carry-over does not match: the difference is listed). */
  async function carriedInApplications(ids: number[], year: number) {
    const { start } = yearBounds(year);
    const c = (attribute: string) => `a.${meta().column(APPLICATION_UID, attribute)}`;
    return (
      await applications(ids)
        .where(c('receivedOn'), '<', start)
        .where((q) => q.whereNull(c('closedOn')).orWhere(c('closedOn'), '>=', start))
        .select({ trackingCode: c('trackingCode'), applicantKind: c('applicantKind') })
    ).map((a: any) => ({ trackingCode: a.trackingCode as string, applicantKind: a.applicantKind as string }));
  }

  async function section4(ids: number[], year: number) {
    const { start, end } = yearBounds(year);
    const link = meta().joinTable(APPLICATION_CASE_UID, 'application');
    const c = (attribute: string) => `k.${meta().column(APPLICATION_CASE_UID, attribute)}`;
    const decided = c('decidedOn');
    // Grouped by the stored result, with how many of each were still undecided on 31 December (then 'pending').
    const undecided = `SUM(CASE WHEN ${decided} IS NULL OR ${decided} > ? THEN 1 ELSE 0 END)`;
    const receiving = meta().joinTable(APPLICATION_UID, 'receivingOrganization');
    const rows = await knex()(`${meta().table(APPLICATION_CASE_UID)} as k`)
      .join(`${link.name} as ka`, `ka.${link.joinColumn.name}`, 'k.id')
      .join(`${receiving.name} as ro`, `ro.${receiving.joinColumn.name}`, `ka.${link.inverseJoinColumn.name}`)
      .whereIn(`ro.${receiving.inverseJoinColumn.name}`, ids)
      .whereBetween(c('filedOn'), [start, end])
      .groupBy(c('kind'), c('result'))
      .select({ kind: c('kind'), result: c('result') }, knex().raw(`COUNT(*) AS n`), knex().raw(`${undecided} AS undecided`, [end]));
    const counts = rows.flatMap((r: any) => [
      { kind: r.kind, result: r.result, count: num(r.n) - num(r.undecided) },
      { kind: r.kind, result: 'pending', count: num(r.undecided) },
    ]);
    return assembleSection4(counts);
  }

  return {
    /**
     * The report's figures and violations as of now (not frozen), with what generation keeps besides them. Queries
     * run one after the other: inside a caller's transaction they would share its single connection.
     */
    async compute(input: ComputeInput): Promise<{ report: AnnualReportJson; extras: AnnualReportExtras }> {
      const scope: ReportScope = input.scope === 'alone' ? 'alone' : 'subtree';
      const { organization, ids } = await organizationsOf(input.organizationId, scope);
      const two = await section2(ids, input.year);
      const three = await section3(ids, input.year);
      const four = await section4(ids, input.year);
      const report: AnnualReportJson = {
        organization: organization.documentId,
        year: input.year,
        frozen: false,
        section2: { ...two.section2, fees: { amountWanYuan: input.feesWanYuan ?? null } },
        section3: three.section3,
        section4: four,
        violations: [],
      };
      const previous = input.previous ?? null;
      let carriedIn: { trackingCode: string; applicantKind: string }[] = [];
      let previousKinds: Record<string, string> = {};
      if (previous && previous.carriedOut.some((n, i) => n !== report.section3.rows.carriedIn[i])) {
        carriedIn = await carriedInApplications(ids, input.year);
        const known = new Set(carriedIn.map((a) => a.trackingCode));
        const unknown = previous.applications.filter((code) => !known.has(code)).slice(0, 1000);
        if (unknown.length) {
          const c = (attribute: string) => meta().column(APPLICATION_UID, attribute);
          const rows = await knex()(meta().table(APPLICATION_UID)).whereIn(c('trackingCode'), unknown).select({ trackingCode: c('trackingCode'), applicantKind: c('applicantKind') });
          previousKinds = Object.fromEntries(rows.map((r: any) => [r.trackingCode, r.applicantKind]));
        }
      }
      report.violations = checkInvariants(report, {
        previous,
        carriedIn,
        previousKinds,
        inconsistentApplications: three.inconsistentApplications,
        policiesWithoutStopDate: two.policiesWithoutStopDate,
      });
      return { report, extras: { feesCollectedYuan: three.feesCollectedYuan, carriedOutApplications: three.carriedOutApplications, scope } };
    },

    /** 政府网站年度报表: entries released in the year by type and category, interpretations, applications. */
    async website(input: { organizationId: number; year: number; scope?: ReportScope }): Promise<WebsiteReportJson> {
      const scope: ReportScope = input.scope === 'alone' ? 'alone' : 'subtree';
      const { organization, ids } = await organizationsOf(input.organizationId, scope);
      const { start, end } = yearBounds(input.year);
      const typeKey = (uid: string) => Object.entries(CONSUMER_TYPES).find(([, t]) => t.uid === uid)?.[0] ?? uid;
      const byType: Record<string, number> = {};
      const byCategoryId = new Map<number, number>();
      for (const uid of governedUids(strapi)) {
        // Released in the year: the release date (set again at each release of a correction) on the draft, or on the
        // published row while a correction is being prepared (its draft's date is cleared then).
        const table = meta().table(uid);
        const base = releasedDrafts(uid, ids).where((q) =>
          q
            .whereBetween('e.released_on', [start, end])
            .orWhereExists((sub) =>
              sub.select(knex().raw('1')).from(`${table} as r`).whereRaw('r.document_id = e.document_id').whereNotNull('r.published_at').whereBetween('r.released_on', [start, end])
            )
        );
        const [{ n }] = await base.clone().count({ n: '*' });
        byType[typeKey(uid)] = num(n);
        if (!num(n)) continue;
        const category = meta().joinTable(uid, 'category');
        const rows = await base
          .clone()
          .join(`${category.name} as cat`, `cat.${category.joinColumn.name}`, 'e.id')
          .groupBy(`cat.${category.inverseJoinColumn.name}`)
          .select({ categoryId: `cat.${category.inverseJoinColumn.name}` })
          .count({ n: '*' });
        for (const row of rows as any[]) byCategoryId.set(Number(row.categoryId), (byCategoryId.get(Number(row.categoryId)) ?? 0) + num(row.n));
      }
      const categories = byCategoryId.size
        ? await knex()(meta().table(CATEGORY_UID))
            .whereIn('id', [...byCategoryId.keys()])
            .select({ id: 'id', code: meta().column(CATEGORY_UID, 'code'), name: meta().column(CATEGORY_UID, 'name') })
        : [];
      const byCategory = categories
        .map((c: any) => ({ code: c.code ?? '', name: c.name ?? '', count: byCategoryId.get(Number(c.id)) ?? 0 }))
        .sort((a: { code: string }, b: { code: string }) => a.code.localeCompare(b.code));
      const c = (attribute: string) => `a.${meta().column(APPLICATION_UID, attribute)}`;
      const [apps] = await applications(ids).select(
        knex().raw(`SUM(CASE WHEN ${c('receivedOn')} BETWEEN ? AND ? THEN 1 ELSE 0 END) AS received`, [start, end]),
        knex().raw(`SUM(CASE WHEN ${c('closedOn')} BETWEEN ? AND ? THEN 1 ELSE 0 END) AS concluded`, [start, end])
      );
      return {
        organization: organization.documentId,
        year: input.year,
        publishing: { total: Object.values(byType).reduce((a, b) => a + b, 0), byType, byCategory },
        interpretations: { total: byType[typeKey(INTERPRETATION_UID)] ?? 0 },
        applications: { received: num(apps?.received), concluded: num(apps?.concluded) },
      };
    },
  };
};
