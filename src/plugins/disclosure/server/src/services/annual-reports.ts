import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import {
  ANNUAL_REPORT_CATEGORY,
  ANNUAL_REPORT_UID,
  ANNUAL_REPORT_VERSION_TABLE,
  CATEGORY_UID,
  ORGANIZATION_UID,
  SYSTEM,
} from '../constants';
import { AnnualReportExtras, AnnualReportJson, diffReports, ReportScope, REPORT_SCOPES, Violation } from '../domain/annual-report';
import { legalDayOf, legalYear } from '../domain/legal-date';
import { STATE_LABELS, type WorkflowRole } from '../domain/workflow';
import { disclosureError } from '../utils/disclosure-error';
import { getService } from '../utils/get-service';
import { parseJson } from '../utils/json-column';
import type { StaffMember } from './staff';

const UID = ANNUAL_REPORT_UID;
const ORG_FIELDS = ['id', 'documentId', 'name', 'kind', 'code'];

type Notes = Record<string, { note: string; by: string; at: string }>;
export interface OrganizationInfo {
  id: number;
  documentId: string;
  name: string;
  kind: string | null;
  code: string | null;
}
export interface Computed {
  report: AnnualReportJson;
  extras: AnnualReportExtras;
}
/** What an export shows besides the figures (the report's texts and section 六's 信息处理费). */
export interface ReportTexts {
  organizationName: string;
  title?: string;
  overview?: string | null;
  problems?: string | null;
  otherMatters?: string | null;
  feesCollectedYuan?: number | null;
}

const num = (value: unknown) => (value === null || value === undefined || value === '' ? null : Number(value));

/** Whether a violation still blocks release. */
const unexplained = (violations: Violation[]) => violations.filter((v) => !v.explanation?.note?.trim());

/**
 * 政府信息公开工作年度报告: one governed entry per organization and year whose figures are generated from the data
 * (service annual-report-figures), kept as versions, checked at submit and release, frozen into the published row at
 * release, and exported. The entry itself goes through the ordinary workflow; this service adds what a report needs.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = () => strapi.db.connection;
  const versions = (db: Knex = knex()) => {
    const schema = strapi.db.getSchemaName();
    return schema ? db(ANNUAL_REPORT_VERSION_TABLE).withSchema(schema) : db(ANNUAL_REPORT_VERSION_TABLE);
  };
  const staff = () => getService('staff', strapi);
  const readerRole = (member: StaffMember): WorkflowRole => (member.actor.roles.some((r) => r === 'reviewer' || r === 'publisher') ? 'reviewer' : 'editor');
  const outOfScope = () => disclosureError(403, 'OUT_OF_SCOPE', '该年度报告不属于您负责的机构', 'this report belongs to an organization outside your scope');

  const draftOf = (documentId: string) =>
    strapi.db.query(UID).findOne({ where: { documentId, publishedAt: null }, populate: { publishingOrganization: { select: ORG_FIELDS }, category: { select: ['id', 'code'] } } });
  const publishedOf = (documentId: string) => strapi.db.query(UID).findOne({ where: { documentId, publishedAt: { $notNull: true } } });

  const orgInfo = (org: any): OrganizationInfo | null => (org ? { id: org.id, documentId: org.documentId, name: org.name, kind: org.kind ?? null, code: org.code ?? null } : null);

  return {
    /** The organization named in a route, or 404 ORGANIZATION_NOT_FOUND. */
    async organization(documentId: string): Promise<OrganizationInfo> {
      const org = await strapi.db.query(ORGANIZATION_UID).findOne({ where: { documentId }, select: ORG_FIELDS });
      if (!org) throw disclosureError(404, 'ORGANIZATION_NOT_FOUND', `机构“${documentId}”不存在`, `no organization has documentId ${documentId}`, {}, ['organizationDocumentId']);
      return orgInfo(org)!;
    },

    /** A report year from a route: a whole year from 2008 (条例 in force) to this year, else 400 INVALID_YEAR. */
    year(value: unknown): number {
      const year = Number(value);
      const now = legalYear(new Date());
      if (!/^\d{4}$/.test(String(value)) || year < 2008 || year > now) {
        throw disclosureError(400, 'INVALID_YEAR', `报告年度应为2008年至${now}年之间的年份`, `year must be between 2008 and ${now}`, {}, ['year']);
      }
      return year;
    },

    /** Refuses (403) a member who may not read this organization's reports: editors their own, reviewers theirs and below. */
    async assertReadable(member: StaffMember, organizationId: number | null) {
      if (!(await staff().inScope(member, organizationId, readerRole(member)))) throw outOfScope();
    },

    /** The draft of a report the member may read (404 ENTRY_NOT_FOUND, 403 OUT_OF_SCOPE). */
    async readableDraft(documentId: string, member: StaffMember) {
      const draft = await draftOf(documentId);
      if (!draft) throw disclosureError(404, 'ENTRY_NOT_FOUND', '年度报告不存在', 'no such annual report', {}, ['documentId']);
      await this.assertReadable(member, draft.publishingOrganization?.id ?? null);
      return draft;
    },

    /**
     * The previous year's released report of the organization: its 结转下年度 row and the applications behind it (from
     * the version it was released with), for the carry-over check. Null when there is none.
     */
    async previousOf(organizationId: number, year: number): Promise<{ carriedOut: number[]; applications: string[] } | null> {
      const prior = await strapi.db.query(UID).findOne({ where: { year: year - 1, publishingOrganization: { id: organizationId }, publishedAt: { $notNull: true } } });
      const figures = parseJson<AnnualReportJson>(prior?.figures);
      if (!prior || !figures) return null;
      const version = await this.versionAt(prior.documentId, prior.publishedAt);
      return { carriedOut: figures.section3.rows.carriedOut ?? [], applications: version?.extras?.carriedOutApplications ?? [] };
    },

    /** The last version generated no later than `at` (a released report's: the one it was released with). */
    async versionAt(documentId: string, at: Date | string | null = null) {
      const q = versions().where('document_id', documentId).orderBy('id', 'desc').first();
      if (at) q.where('generated_at', '<=', new Date(at));
      const row = await q;
      return row ? { ...row, figures: parseJson<AnnualReportJson>(row.figures), extras: parseJson<AnnualReportExtras>(row.extras) } : null;
    },

    /** A fresh computation for the organization and year, with the recorded explanations merged in. */
    async compute(organizationId: number, year: number, scope: ReportScope, feesWanYuan: number | null, notes: Notes | null): Promise<Computed> {
      const previous = await this.previousOf(organizationId, year);
      const { report, extras } = await getService('annual-report-figures', strapi).compute({ organizationId, year, scope, feesWanYuan, previous });
      report.violations = report.violations.map((v: Violation) => ({ ...v, explanation: notes?.[v.key] ?? null }));
      return { report, extras };
    },

    /** Before a submit or release transaction opens: the fresh figures of the report's draft (null without one). */
    async precompute(documentId: string): Promise<Computed | null> {
      const draft = await draftOf(documentId);
      if (!draft?.publishingOrganization || draft.year === null || draft.year === undefined) return null;
      return this.computeFor(draft);
    },

    /** A fresh computation for a report's draft (what generate would write). */
    async computeFor(draft: any): Promise<Computed> {
      return this.compute(draft.publishingOrganization.id, Number(draft.year), (draft.scope ?? 'subtree') as ReportScope, num(draft.feesWanYuan), parseJson<Notes>(draft.violationNotes));
    },

    /**
     * Writes freshly computed figures to the draft and keeps them as a version; returns them with the previous
     * version's figures and the difference. Runs in the caller's transaction when there is one.
     */
    async store(draft: any, computed: Computed, by: string) {
      return strapi.db.transaction(async ({ trx }) => {
        const last = await versions(trx).where('document_id', draft.documentId).orderBy('id', 'desc').first();
        const previous = parseJson<AnnualReportJson>(last?.figures);
        const now = new Date();
        await strapi.db.query(UID).update({ where: { id: draft.id }, data: { figures: computed.report, figuresGeneratedAt: now } });
        await versions(trx).insert({
          document_id: draft.documentId,
          organization_id: draft.publishingOrganization.id,
          year: Number(draft.year),
          scope: draft.scope ?? 'subtree',
          figures: JSON.stringify(computed.report),
          extras: JSON.stringify(computed.extras),
          generated_at: now,
          generated_by: by,
        });
        return { report: computed.report, previous, diff: previous ? diffReports(previous, computed.report) : [] };
      });
    },

    /** 生成数据: a staff member (an editor of the organization) regenerates a draft's figures. */
    async generate(documentId: string, member: StaffMember) {
      const draft = await this.readableDraft(documentId, member);
      if (!member.isSysadmin && !member.actor.roles.includes('editor')) {
        throw disclosureError(403, 'EDITOR_REQUIRED', '只有编辑可以生成年度报告数据', 'only an editor may generate the figures');
      }
      if (!(await staff().inScope(member, draft.publishingOrganization?.id ?? null, 'editor'))) throw outOfScope();
      const workflow = getService('workflow', strapi);
      // Generation is an edit: refused in review and after release, and it sends an approved report back to draft.
      const before = await workflow.beforeEdit(UID, documentId);
      const computed = await this.computeFor(draft);
      return strapi.db.transaction(async ({ trx }) => {
        const result = await this.store(draft, computed, `admin:${member.userId}`);
        await workflow.afterEdit(trx, UID, documentId, before);
        return result;
      });
    },

    /** Every generated version, newest first, with what changed from the one before it. */
    async versions(documentId: string, member: StaffMember) {
      await this.readableDraft(documentId, member);
      const rows = await versions().where('document_id', documentId).orderBy('id', 'desc').limit(100);
      const parsed = rows.map((row: any) => ({ ...row, figures: parseJson<AnnualReportJson>(row.figures), extras: parseJson<AnnualReportExtras>(row.extras) }));
      return parsed.map((row: any, i: number) => ({
        id: row.id,
        year: row.year,
        scope: row.scope,
        generatedAt: new Date(row.generated_at).toISOString(),
        generatedBy: row.generated_by,
        report: row.figures,
        feesCollectedYuan: row.extras?.feesCollectedYuan ?? null,
        diff: parsed[i + 1] ? diffReports(parsed[i + 1].figures, row.figures) : [],
      }));
    },

    /** Records why a violation's figures stand (audited); the draft's figures show it at once. */
    async explain(documentId: string, input: { key: string; note: string }, member: StaffMember) {
      const draft = await this.readableDraft(documentId, member);
      const figures = parseJson<AnnualReportJson>(draft.figures);
      if (!figures?.violations.some((v) => v.key === input.key)) {
        throw disclosureError(400, 'UNKNOWN_VIOLATION', '报告当前数据中没有这一校验问题，请先生成数据', 'the current figures have no violation with this key; generate them first', {}, ['key']);
      }
      const workflow = getService('workflow', strapi);
      const before = await workflow.beforeEdit(UID, documentId);
      const explanation = { note: input.note.trim(), by: member.name, at: new Date().toISOString() };
      const notes = { ...(parseJson<Notes>(draft.violationNotes) ?? {}), [input.key]: explanation };
      figures.violations = figures.violations.map((v) => (v.key === input.key ? { ...v, explanation } : v));
      return strapi.db.transaction(async ({ trx }) => {
        await strapi.db.query(UID).update({ where: { id: draft.id }, data: { violationNotes: notes, figures } });
        await getService('audit', strapi).append(trx, {
          actor: `admin:${member.userId}`,
          actorName: member.name,
          action: 'annual_report_explanation',
          targetUid: UID,
          targetDocumentId: documentId,
          reason: explanation.note,
          data: { key: input.key },
        });
        await workflow.afterEdit(trx, UID, documentId, before);
        return { key: input.key, explanation, violations: figures.violations };
      });
    },

    /** 年度报告 page: the reports of the member's organizations with their state, due date and open violations. */
    async list(member: StaffMember) {
      const scope = member.isSysadmin
        ? null
        : readerRole(member) === 'reviewer'
          ? (member.subtreeIds ??= await staff().subtree(member.organizationId))
          : member.organizationId
            ? [member.organizationId]
            : [];
      const drafts = await strapi.db.query(UID).findMany({
        where: { publishedAt: null, ...(scope ? { publishingOrganization: { id: { $in: scope.length ? scope : [-1] } } } : {}) },
        select: ['id', 'documentId', 'title', 'year', 'scope', 'figures', 'figuresGeneratedAt', 'dueDate'],
        populate: { publishingOrganization: { select: ORG_FIELDS } },
        orderBy: [{ year: 'desc' }, { id: 'asc' }],
        limit: 1000,
      });
      const ids = drafts.map((d: any) => d.documentId);
      const released = new Set(
        (ids.length ? await strapi.db.query(UID).findMany({ where: { documentId: { $in: ids }, publishedAt: { $notNull: true } }, select: ['documentId'] }) : []).map((r: any) => r.documentId)
      );
      const states = await getService('workflow', strapi).statesOf(UID, drafts.map((d: any) => ({ documentId: d.documentId, published: released.has(d.documentId) })));
      const items = [];
      for (const draft of drafts) {
        const state = states.get(draft.documentId)!;
        const violations = parseJson<AnnualReportJson>(draft.figures)?.violations ?? [];
        const org = orgInfo(draft.publishingOrganization);
        items.push({
          documentId: draft.documentId,
          organization: org && { documentId: org.documentId, name: org.name, kind: org.kind },
          year: draft.year,
          scope: draft.scope,
          title: draft.title,
          state,
          stateLabel: STATE_LABELS[state as keyof typeof STATE_LABELS]?.zh ?? state,
          released: released.has(draft.documentId),
          // Stored with the draft by the deadlines service (Art. 49's date by the organization's kind).
          dueDate: legalDayOf(draft.dueDate),
          figuresGeneratedAt: draft.figuresGeneratedAt ? new Date(draft.figuresGeneratedAt).toISOString() : null,
          violations: violations.length,
          unexplained: unexplained(violations).length,
        });
      }
      return { data: items };
    },

    /**
     * The report of an organization and year as the staff export shows it: a released report's frozen figures (from
     * its published row); otherwise a live computation with the draft's scope (or `scope`), fees and explanations, or
     * with the defaults when no report exists yet.
     */
    async lookup(organizationDocumentId: string, yearParam: unknown, member: StaffMember, scopeParam?: ReportScope) {
      const org = await this.organization(organizationDocumentId);
      const year = this.year(yearParam);
      await this.assertReadable(member, org.id);
      const draft = await strapi.db.query(UID).findOne({ where: { year, publishingOrganization: { id: org.id }, publishedAt: null } });
      const texts = (row: any, feesCollectedYuan: number | null): ReportTexts => ({
        organizationName: org.name,
        title: row?.title ?? `${org.name}${year}年政府信息公开工作年度报告`,
        overview: row?.overview ?? null,
        problems: row?.problems ?? null,
        otherMatters: row?.otherMatters ?? null,
        feesCollectedYuan,
      });
      if (draft) {
        const published = await publishedOf(draft.documentId);
        const frozen = parseJson<AnnualReportJson>(published?.figures);
        if (published && frozen) {
          const version = await this.versionAt(draft.documentId, published.publishedAt);
          return { organization: org, year, released: true, report: { ...frozen, frozen: true }, texts: texts(published, version?.extras?.feesCollectedYuan ?? null) };
        }
      }
      const scope = scopeParam ?? ((draft?.scope as ReportScope) || 'subtree');
      const computed = await this.compute(org.id, year, scope, num(draft?.feesWanYuan), parseJson<Notes>(draft?.violationNotes));
      return { organization: org, year, released: false, report: computed.report, texts: texts(draft, computed.extras.feesCollectedYuan) };
    },

    /** 政府网站年度报表 for an organization and year. */
    async website(organizationDocumentId: string, yearParam: unknown, member: StaffMember, scope: ReportScope = 'subtree') {
      const org = await this.organization(organizationDocumentId);
      const year = this.year(yearParam);
      await this.assertReadable(member, org.id);
      return { organization: org, year, report: await getService('annual-report-figures', strapi).website({ organizationId: org.id, year, scope }) };
    },

    /** A released report for the consumer export: texts and 信息处理费 from the version it was released with. */
    async releasedTexts(documentId: string, organizationName: string): Promise<ReportTexts> {
      const published = await publishedOf(documentId);
      const version = published ? await this.versionAt(documentId, published.publishedAt) : null;
      return {
        organizationName,
        title: published?.title,
        overview: published?.overview ?? null,
        problems: published?.problems ?? null,
        otherMatters: published?.otherMatters ?? null,
        feesCollectedYuan: version?.extras?.feesCollectedYuan ?? null,
      };
    },

    /**
     * Called by catalog.settle on every stored draft (any entry point, the content manager included): the report is
     * filed under 政府信息公开年报 (set when empty, another category refused), and there is one per organization and
     * year (409 ANNUAL_REPORT_EXISTS).
     */
    async settle(trx: Knex.Transaction, entry: any) {
      const category = await strapi.db.query(CATEGORY_UID).findOne({ where: { code: ANNUAL_REPORT_CATEGORY }, select: ['id', 'code'] });
      if (entry.category && entry.category.code !== ANNUAL_REPORT_CATEGORY) {
        throw disclosureError(400, 'CATEGORY_NOT_ALLOWED', '年度报告的公开目录分类只能是“政府信息公开年报”', 'an annual report is filed under 政府信息公开年报 (gknb) only', {}, ['category']);
      }
      if (!entry.category && category) {
        await strapi.db.query(UID).update({ where: { id: entry.id }, data: { category: category.id } });
        entry.category = category;
      }
      const organizationId = entry.publishingOrganization?.id;
      if (!organizationId || entry.year === null || entry.year === undefined) return;
      // Two concurrent creates for the same organization and year must not both see the other as absent.
      if (strapi.db.dialect.client === 'postgres') await trx.raw('SELECT pg_advisory_xact_lock(hashtext(?))', [`disclosure:annual-report:${organizationId}:${entry.year}`]);
      const others = await strapi.db.query(UID).count({
        where: { year: Number(entry.year), publishingOrganization: { id: organizationId }, documentId: { $ne: entry.documentId } },
      });
      if (others > 0) {
        throw disclosureError(409, 'ANNUAL_REPORT_EXISTS', `该机构${entry.year}年度的年度报告已存在`, `this organization already has a report for ${entry.year}`, {}, ['year']);
      }
    },

    /** Submit regenerates the figures (in the transition's transaction) and refuses what release would refuse. */
    async beforeSubmit(draft: any, computed: Computed) {
      await this.store(draft, computed, SYSTEM);
      this.assertReleasable(draft, computed.report);
    },

    /**
     * Release compares a fresh computation with the figures the reviewers approved: any difference is 409
     * REPORT_FIGURES_CHANGED with the diff (regenerate and review again); then fees and explanations.
     */
    beforeRelease(draft: any, fresh: Computed) {
      const approved = parseJson<AnnualReportJson>(draft.figures);
      const diff = approved ? diffReports(approved, fresh.report) : [{ path: 'figures', before: null, after: null }];
      const keys = (r: AnnualReportJson | null) => (r?.violations ?? []).map((v) => v.key).sort().join('|');
      if (diff.length > 0 || keys(approved) !== keys(fresh.report)) {
        throw disclosureError(
          409,
          'REPORT_FIGURES_CHANGED',
          '年度报告数据生成后业务数据已变化，请重新生成数据并重新审核',
          'the data changed since the figures were generated; regenerate them and review again',
          { diff },
          ['figures']
        );
      }
      this.assertReleasable(draft, fresh.report);
    },

    assertReleasable(draft: any, report: AnnualReportJson) {
      if (num(draft.feesWanYuan) === null) {
        throw disclosureError(422, 'REPORT_FEES_MISSING', '发布前须填写行政事业性收费金额（万元），没有收费填 0', 'feesWanYuan must be entered before release (0 when none)', {}, ['feesWanYuan']);
      }
      const open = unexplained(report.violations);
      if (open.length > 0) {
        throw disclosureError(
          422,
          'REPORT_INVARIANT_VIOLATED',
          `年度报告有 ${open.length} 项校验问题未处理或说明：${open[0].message}`,
          `${open.length} violation(s) neither resolved nor explained: ${open[0].messageEn}`,
          { violations: open },
          ['figures']
        );
      }
    },

    /** After the release's publish: the published row keeps the approved figures, frozen. */
    async afterRelease(documentId: string) {
      const draft = await strapi.db.query(UID).findOne({ where: { documentId, publishedAt: null }, select: ['id', 'figures', 'violationNotes', 'figuresGeneratedAt'] });
      const figures = parseJson<AnnualReportJson>(draft?.figures);
      if (!figures) return;
      await strapi.db.query(UID).updateMany({
        where: { documentId, publishedAt: { $notNull: true } },
        data: { figures: { ...figures, frozen: true }, violationNotes: draft.violationNotes, figuresGeneratedAt: draft.figuresGeneratedAt },
      });
    },

    scopes: REPORT_SCOPES,
  };
};
