import type { Core, UID } from '@strapi/strapi';
import { governedUids } from '../utils/content-type-uid';
import { APPLICATION_UID, ORGANIZATION_UID, PLUGIN_ID, PROACTIVE } from '../constants';
import { addWorkingDays } from '../domain/calendar';
import { DEADLINE_STATUS_LABELS, deadlineStatus, DEFAULT_DEADLINE_RULES, DeadlineRule, dueDateFrom, ruleFor } from '../domain/deadlines';
import { legalDayOf, toLegalDate } from '../domain/legal-date';
import { annualReportDueDate } from '../domain/annual-report';
import { disclosureError } from '../utils/disclosure-error';
import { getService } from '../utils/get-service';
import type { StaffMember } from './staff';

const BATCH = 500;

/**
 * Due dates of governed entries (stored on the entry, indexed) and the 公开时限
 * dashboard. All working-day arithmetic goes through domain/calendar.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const rules = (uid: string): DeadlineRule[] => (strapi.plugin(PLUGIN_ID).config('deadlines.rules') as Record<string, DeadlineRule[]>)?.[uid] ?? DEFAULT_DEADLINE_RULES[uid];
  const atRiskWithin = () => Number(strapi.plugin(PLUGIN_ID).config('deadlines.atRiskWithin') ?? 3);
  const governed = () => governedUids(strapi);

  return {
    atRiskWithin,

    /** The due date an entry's draft should carry, or nulls when no window applies (yet). */
    async compute(uid: string, entry: any): Promise<{ dueDate: string | null; dueDateProvisional: boolean }> {
      const none = { dueDate: null, dueDateProvisional: false };
      if ((entry.disclosureAttribute ?? PROACTIVE) !== PROACTIVE) return none;
      const rule = ruleFor(rules(uid), entry);
      if (!rule) return none;
      if (rule.fixed === 'annualReport') {
        // 条例 第四十九条: a calendar date from the report's year and its organization's kind, no working days.
        const year = Number(entry.year);
        if (!Number.isInteger(year)) return none;
        let kind = entry.publishingOrganization?.kind;
        if (kind === undefined && entry.documentId) {
          const row = await strapi.db.query(uid as UID.ContentType).findOne({ where: { documentId: entry.documentId, publishedAt: null }, populate: { publishingOrganization: { select: ['kind'] } } });
          kind = row?.publishingOrganization?.kind;
        }
        if (!kind) return none;
        return { dueDate: annualReportDueDate(kind, year), dueDateProvisional: false };
      }
      const start = rule.from === 'policyReleasedOn' ? legalDayOf(entry.policy?.releasedOn) : legalDayOf(entry[rule.from]);
      if (!start) return none;
      const due = dueDateFrom(start, rule, await getService('calendar', strapi).get());
      return { dueDate: due.dueDate, dueDateProvisional: due.provisional };
    },

    /** Writes a draft's due date if the rules and calendar now give another one. */
    async refresh(uid: UID.ContentType, draft: any) {
      const next = await this.compute(uid, draft);
      if (legalDayOf(draft.dueDate) !== next.dueDate || Boolean(draft.dueDateProvisional) !== next.dueDateProvisional) {
        await strapi.db.query(uid).updateMany({ where: { documentId: draft.documentId, publishedAt: null }, data: next });
      }
    },

    /** Recomputes one document's draft due date (after its policy is released, or a correction). */
    async recompute(uid: UID.ContentType, documentId: string) {
      const draft = await strapi.db.query(uid).findOne({ where: { documentId, publishedAt: null }, populate: { policy: true } });
      if (draft) await this.refresh(uid, draft);
    },

    /** After a calendar change: every unreleased draft, read in batches (only changed rows are written). */
    async recomputeAll() {
      for (const uid of governed()) {
        const populate = 'policy' in strapi.contentType(uid).attributes ? { policy: true } : {};
        for (let offset = 0; ; offset += BATCH) {
          const drafts = await strapi.db.query(uid).findMany({ where: { publishedAt: null, releasedOn: null }, populate, orderBy: { id: 'asc' }, offset, limit: BATCH });
          for (const draft of drafts) await this.refresh(uid, draft);
          if (drafts.length < BATCH) break;
        }
      }
    },

    /** Status of one draft as of today (the edit-view panel). */
    async statusOf(uid: string, draft: any, today = toLegalDate(new Date())) {
      const dueDate = legalDayOf(draft.dueDate);
      const view = deadlineStatus({ dueDate, releasedOn: legalDayOf(draft.releasedOn), today, atRiskWithin: atRiskWithin(), calendar: await getService('calendar', strapi).get() });
      return { dueDate, provisional: Boolean(draft.dueDateProvisional), ...view, statusLabel: view.status ? DEADLINE_STATUS_LABELS[view.status] : null, legalBasis: ruleFor(rules(uid), draft)?.legalBasis ?? null };
    },

    /**
     * The daily reminder: for each organization, its at-risk and overdue entries,
     * as events (deadline.at_risk / deadline.overdue) for the delivery layer, and a
     * digest by email when a provider is configured (REMINDER_EMAIL=true and the
     * organization has an address), otherwise in the log.
     */
    async sendReminders(asOf = toLegalDate(new Date())) {
      const everyone = { actor: { id: 'system', roles: [] }, userId: 0, name: '系统', organizationId: null, isSysadmin: true } as unknown as StaffMember;
      const board = await this.dashboard(everyone, { status: 'all', asOf, applications: true });
      const byOrg = new Map<number, typeof board.entries>();
      for (const entry of board.entries) {
        strapi.eventHub.emit(entry.status === 'overdue' ? 'deadline.overdue' : 'deadline.at_risk', {
          kind: entry.kind,
          uid: entry.uid,
          documentId: entry.documentId,
          title: entry.title,
          ...(entry.kind === 'application' ? { trackingCode: entry.trackingCode } : {}),
          organizationId: entry.organization?.id ?? null,
          dueDate: entry.dueDate,
          workingDaysLeft: entry.workingDaysLeft ?? null,
          workingDaysLate: entry.workingDaysLate ?? null,
          asOf,
        });
        if (entry.organization) byOrg.set(entry.organization.id, [...(byOrg.get(entry.organization.id) ?? []), entry]);
      }
      // Scheduled work that failed for good since the last digest: it will not happen unless someone acts.
      const failedByOrg = new Map<number, any[]>();
      for (const job of await getService('scheduler', strapi).failedJobs(null, { since: new Date(Date.now() - 86_400_000) })) {
        if (!job.organizationId) continue;
        failedByOrg.set(job.organizationId, [...(failedByOrg.get(job.organizationId) ?? []), job]);
        if (!byOrg.has(job.organizationId)) byOrg.set(job.organizationId, []);
      }
      const digests = [];
      for (const [organizationId, entries] of byOrg) {
        const org = await strapi.db.query('api::organization.organization').findOne({ where: { id: organizationId }, select: ['name', 'email'] });
        const failed = failedByOrg.get(organizationId) ?? [];
        const lines = [
          ...entries.map((e) =>
            e.kind === 'application'
              ? `· 依申请公开 ${e.trackingCode}：${e.title}（${e.statusLabel}，答复期限 ${e.dueDate}${e.provisional ? '，暂定' : ''}）`
              : `· ${e.title}（${e.statusLabel}，公开期限 ${e.dueDate}${e.provisional ? '，暂定' : ''}）`
          ),
          ...failed.map((job) => `· 定时任务未执行：${job.title ?? job.documentId}（${job.error ?? ''}）`),
        ];
        const subject = `【政务公开】${org?.name ?? ''}：${entries.filter((e) => e.status === 'overdue').length} 条已超期，${entries.filter((e) => e.status === 'at_risk').length} 条即将到期${failed.length ? `，${failed.length} 个定时任务失败` : ''}（${asOf}）`;
        const text = `${subject}\n\n${lines.join('\n')}`;
        if (process.env.REMINDER_EMAIL === 'true' && org?.email) {
          await strapi.plugin('email').service('email').send({ to: org.email, subject, text });
        } else {
          strapi.log.info(`[disclosure] ${text}`);
        }
        digests.push({ organizationId, subject, count: entries.length, failedJobs: failed.length, emailed: process.env.REMINDER_EMAIL === 'true' && Boolean(org?.email) });
      }
      return digests;
    },

    /** The id of the organization a dashboard query names by documentId; unknown ones are the caller's 400. */
    async organizationIdOf(documentId: string): Promise<number> {
      const org = await strapi.db.query(ORGANIZATION_UID).findOne({ where: { documentId }, select: ['id'] });
      if (!org) throw disclosureError(400, 'UNKNOWN_ORGANIZATION', '机构不存在', 'unknown organization', {}, ['organization']);
      return org.id;
    },

    /**
     * At-risk and overdue entries: one range query per type on the indexed due
     * date (only rows due within the at-risk window are read), scoped to the
     * member's organizations. With `applications` (the member may handle them), open 依申请公开 applications whose
     * answer clock runs join as rows of kind 'application' (tracking code and requested title only: no personal
     * data), scoped to the member's organization and below.
     */
    async dashboard(member: StaffMember, query: { status?: 'at_risk' | 'overdue' | 'all'; uid?: UID.ContentType; organizationId?: number; asOf?: string; applications?: boolean; onlyApplications?: boolean }) {
      const calendar = await getService('calendar', strapi).get();
      const today = query.asOf ?? toLegalDate(new Date());
      const horizon = addWorkingDays(today, atRiskWithin(), calendar);
      // Scoped like the content manager: editors their organization, reviewers and publishers theirs and below.
      const supervises = member.actor.roles.some((role) => role === 'reviewer' || role === 'publisher');
      const scope = member.isSysadmin
        ? null
        : supervises
          ? (member.subtreeIds ??= await getService('staff', strapi).subtree(member.organizationId))
          : member.organizationId
            ? [member.organizationId]
            : [];
      const orgFilter = query.organizationId ? [query.organizationId] : scope;
      if (scope && query.organizationId && !scope.includes(query.organizationId)) return { today, atRiskWithin: atRiskWithin(), organizations: [], entries: [], missingYears: await getService('calendar', strapi).missingYears() };
      const entries: any[] = [];
      await strapi.db.transaction(async ({ trx }) => {
        // A handful of due rows come through the index, but PostgreSQL's estimate for "open and due by"
        // is far too high and a parallel plan would cost more than the query itself.
        if (strapi.db.dialect.client === 'postgres') await trx.raw('SET LOCAL max_parallel_workers_per_gather = 0');
        for (const uid of query.onlyApplications ? [] : query.uid ? [query.uid] : governed()) {
          const rows = await strapi.db.query(uid).findMany({
            where: {
              publishedAt: null,
              releasedOn: null,
              dueDate: query.status === 'overdue' ? { $lt: today } : { $lte: horizon },
              ...(orgFilter ? { publishingOrganization: { id: { $in: orgFilter.length ? orgFilter : [-1] } } } : {}),
            },
            select: ['documentId', 'title', 'indexNumber', 'dueDate', 'dueDateProvisional', 'releasedOn'],
            populate: { publishingOrganization: { select: ['id', 'name'] } },
            orderBy: { dueDate: 'asc' },
            limit: 1000,
          });
          for (const row of rows) {
            const view = deadlineStatus({ dueDate: legalDayOf(row.dueDate), releasedOn: null, today, atRiskWithin: atRiskWithin(), calendar });
            if (query.status === 'at_risk' && view.status !== 'at_risk') continue;
            entries.push({
              kind: 'entry',
              uid,
              documentId: row.documentId,
              title: row.title,
              indexNumber: row.indexNumber,
              organization: row.publishingOrganization ? { id: row.publishingOrganization.id, name: row.publishingOrganization.name } : null,
              dueDate: legalDayOf(row.dueDate),
              provisional: Boolean(row.dueDateProvisional),
              ...view,
              statusLabel: view.status ? DEADLINE_STATUS_LABELS[view.status] : null,
            });
          }
        }
        if (query.applications && !query.uid) {
          const applicationScope = member.isSysadmin ? null : (member.subtreeIds ??= await getService('staff', strapi).subtree(member.organizationId));
          const within = query.organizationId ? (applicationScope ? applicationScope.filter((id) => id === query.organizationId) : [query.organizationId]) : applicationScope;
          const rows = await getService('application-handling', strapi).dueRows(within, query.status === 'overdue' ? { $lt: today } : { $lte: horizon });
          for (const row of rows) {
            const view = deadlineStatus({ dueDate: legalDayOf(row.dueOn), releasedOn: null, today, atRiskWithin: atRiskWithin(), calendar });
            if (query.status === 'at_risk' && view.status !== 'at_risk') continue;
            entries.push({
              kind: 'application',
              uid: APPLICATION_UID,
              documentId: row.documentId,
              trackingCode: row.trackingCode,
              title: row.requestedTitle,
              requestedTitle: row.requestedTitle,
              state: row.state,
              organization: row.receivingOrganization ? { id: row.receivingOrganization.id, name: row.receivingOrganization.name } : null,
              dueDate: legalDayOf(row.dueOn),
              dueOn: legalDayOf(row.dueOn),
              provisional: Boolean(row.dueOnProvisional),
              ...view,
              statusLabel: view.status ? DEADLINE_STATUS_LABELS[view.status] : null,
            });
          }
        }
      });
      const byOrg = new Map<number, { id: number; name: string; at_risk: number; overdue: number }>();
      for (const entry of entries) {
        if (!entry.organization) continue;
        const row = byOrg.get(entry.organization.id) ?? { ...entry.organization, at_risk: 0, overdue: 0 };
        if (entry.status === 'at_risk') row.at_risk += 1;
        if (entry.status === 'overdue') row.overdue += 1;
        byOrg.set(entry.organization.id, row);
      }
      return {
        today,
        atRiskWithin: atRiskWithin(),
        organizations: [...byOrg.values()].sort((a, b) => b.overdue - a.overdue || b.at_risk - a.at_risk),
        entries,
        missingYears: await getService('calendar', strapi).missingYears(),
        // Scheduled releases and withdrawals that failed for good: work that will not happen unless someone acts.
        failedJobs: await getService('scheduler', strapi).failedJobs(orgFilter ?? null),
      };
    },
  };
};
