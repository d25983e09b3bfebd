import type { Core, UID } from '@strapi/strapi';
import type { Knex } from 'knex';
import { ANNUAL_REPORT_UID, PLUGIN_ID, SYSTEM, WORKFLOW_STATE_UID } from '../constants';
import { contentHash } from '../domain/content-hash';
import { legalDayOf, toLegalDate } from '../domain/legal-date';
import { PublicPeriodRule, publicWindow, withdrawalAllowed } from '../domain/public-period';
import { overridable } from '../domain/release-checks';
import {
  ACTION_LABELS,
  Actor,
  actionOptions,
  AdminStatus,
  adminStatus,
  availableActions,
  decide,
  Decision,
  DEFAULT_STAGES,
  DistinctApproversSetting,
  distinctApproversFor,
  editLock,
  editPolicy,
  StageDefinition,
  STATE_LABELS,
  WorkflowAction,
  WorkflowRole,
  WorkflowState,
} from '../domain/workflow';
import { disclosureError } from '../utils/disclosure-error';
import { getService } from '../utils/get-service';
import { contentTypeUid, governedUids } from '../utils/content-type-uid';
import { releaseContext } from '../utils/release-context';
import type { FeedEventKind } from './feed';
import type { Computed as AnnualReportFigures } from './annual-reports';
import type { StaffMember } from './staff';

const POLICY_UID = 'api::policy.policy';

/** How the history names each audit action: the workflow's own, and the events around them. */
const HISTORY_LABELS: Record<string, string> = {
  ...Object.fromEntries(Object.entries(ACTION_LABELS).map(([action, label]) => [action, label.zh])),
  create: '新建',
  edit: '保存修改',
  approval_invalidated: '审核后修改，退回草稿',
  reopened: '撤回后修改',
  expire: '失效',
};
const INTERPRETATION_UID = 'api::interpretation.interpretation';
const DUAL_UID = 'api::dual-publicity-record.dual-publicity-record';

export interface TransitionInput {
  uid: string;
  documentId: string;
  action: string;
  reason?: string | null;
  /** 审核意见: an approver's optional comment, kept with the approval and in the audit trail. */
  comment?: string | null;
  overrideReason?: string | null;
  /** 信用修复: the ground for taking a 双公示 record down before its public period ends. */
  creditRepair?: boolean;
  /** Set by the scheduler when a person's 定时发布/定时撤回 runs: recorded in the audit event. */
  scheduled?: { jobId: number; runAt: string };
  /**
   * The review stage the person saw (its key) when approving or returning: if the entry has moved on meanwhile, the
   * decision is not applied to a stage they did not look at.
   */
  stage?: string | null;
}

interface StateRow {
  id: number | null;
  state: WorkflowState;
  stageIndex: number | null;
  stages: StageDefinition[] | null;
  approvals: { stage: string; userId: number | 'system'; at: string; comment?: string | null }[];
  submittedHash: string | null;
  approvedHash: string | null;
  releasedHash: string | null;
  version: number;
}

/**
 * Drives entries through review. Every transition runs in one transaction:
 * claim the state row (optimistic version, so of two racing reviewers exactly one
 * wins), apply the effect (publish/unpublish through the gate), append the audit
 * event. Anything that fails leaves nothing changed.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const stagesFor = (uid: string): StageDefinition[] => {
    const configured = strapi.plugin(PLUGIN_ID).config('workflow.stages') as Record<string, StageDefinition[]> | undefined;
    return configured?.[uid] ?? configured?.default ?? DEFAULT_STAGES;
  };
  const stateQuery = () => strapi.db.query(WORKFLOW_STATE_UID);
  /** What decide needs to know about the approvals so far: who, and whether they must differ per stage. */
  const approvalRule = (uid: string, approvals: StateRow['approvals'] | null) => ({
    approvals: approvals ?? [],
    distinctApprovers: distinctApproversFor(strapi.plugin(PLUGIN_ID).config('workflow.distinctApprovers') as DistinctApproversSetting | undefined, uid),
  });

  const loadDraft = (uid: UID.ContentType, documentId: string) =>
    strapi.db.query(uid).findOne({
      where: { documentId, publishedAt: null },
      populate: { publishingOrganization: { select: ['id'] }, createdBy: { select: ['id'] }, updatedBy: { select: ['id'] } },
    });

  /** What a transition knows once the decision is taken: each action's handler reads it and fills `next`/`recorded`. */
  interface TransitionStep {
    uid: UID.ContentType;
    documentId: string;
    input: TransitionInput;
    who: StaffMember | typeof SYSTEM;
    actor: Actor;
    draft: any;
    content: any;
    current: StateRow;
    stages: StageDefinition[];
    decision: Extract<Decision, { ok: true }>;
    hash: string;
    today: string;
    next: Partial<StateRow>;
    warnings: unknown[];
    recorded: { override: unknown; lateness: unknown; creditRepair: boolean };
    trx: Knex;
    /** 年度报告: the figures computed fresh before the transaction (submit and release). */
    annualReport: AnnualReportFigures | null;
  }
  /** The service's own checks and effects the handlers use. */
  interface Service {
    hasPublishedVersion(uid: UID.ContentType, documentId: string): Promise<boolean>;
    assertPolicyReleased(interpretationDocumentId: string): Promise<void>;
    recomputeInterpretations(policyDocumentId: string): Promise<unknown>;
    interpretationWarnings(policyDocumentId: string): Promise<unknown[]>;
    assertWithdrawable(draft: any, today: string, creditRepair: boolean): boolean;
    fullDraft(uid: UID.ContentType, documentId: string): Promise<any>;
  }
  /**
   * One handler per action: `prepare` checks and computes the next state before the state row is claimed (so a
   * refusal changes nothing), `effect` acts on the entry after the claim and names the feed event, if any.
   */
  interface ActionHandler {
    prepare(step: TransitionStep, workflow: Service): Promise<void> | void;
    effect?(step: TransitionStep, workflow: Service): Promise<FeedEventKind | null>;
  }

  /** Submit and release pass the release checks: 不主动公开 refuses, other findings need a reviewer's stated reason. */
  const releaseChecks = async (step: TransitionStep) => {
    const { uid, content, input, who } = step;
    const findings = await getService('release-checks', strapi).check(uid, content);
    const notProactive = findings.find((f) => f.kind === 'not_proactive');
    if (notProactive) throw disclosureError(422, 'NOT_PROACTIVE', notProactive.message, notProactive.messageEn, { findings: [notProactive] }, notProactive.path);
    const blocking = findings.filter(overridable);
    if (blocking.length > 0) {
      if (!input.overrideReason?.trim()) {
        throw disclosureError(
          422,
          'RELEASE_CHECK_BLOCKED',
          `发布前检查未通过：${blocking[0].message}`,
          `release check failed: ${blocking[0].messageEn}`,
          { findings: blocking },
          blocking[0].path
        );
      }
      const mayOverride = who === SYSTEM || who.actor.roles.some((r) => r !== 'editor');
      if (!mayOverride) throw disclosureError(403, 'OVERRIDE_NOT_ALLOWED', '只有审核人员可以说明理由后放行', 'only a reviewer may override a release check');
      step.recorded.override = { reason: input.overrideReason, findings: blocking.map(({ kind, path, position, excerpt }) => ({ kind, path, position, excerpt })) };
    }
    step.warnings.push(...findings.filter((f) => f.severity === 'warn'));
  };

  const handlers: Record<WorkflowAction, ActionHandler> = {
    submit: {
      async prepare(step, workflow) {
        await releaseChecks(step);
        if (step.uid === ANNUAL_REPORT_UID && step.annualReport) {
          // A report goes to review with figures regenerated now; what is submitted (and hashed) includes them.
          await getService('annual-reports', strapi).beforeSubmit(step.draft, step.annualReport);
          step.content = await workflow.fullDraft(step.uid, step.documentId);
          step.hash = contentHash(step.content);
        }
        Object.assign(step.next, { stages: step.stages, approvals: [], submittedHash: step.hash, approvedHash: null });
      },
    },
    approve: {
      prepare(step) {
        const { current, decision, actor, hash } = step;
        const approvals = [...current.approvals, { stage: decision.stage!.key, userId: actor.id, at: new Date().toISOString(), comment: step.input.comment?.trim() || null }];
        Object.assign(step.next, { approvals, approvedHash: decision.to === 'approved' ? hash : null });
      },
      async effect(step) {
        // What was approved, kept so that a reviewer of a later edit sees what changed since (entries never released).
        if (step.next.approvedHash) {
          await getService('entry-versions', strapi).recordApproval(step.trx, { uid: step.uid, documentId: step.documentId, content: step.content, hash: step.hash, who: step.who });
        }
        return null;
      },
    },
    return: {
      prepare(step) {
        Object.assign(step.next, { approvals: [], submittedHash: null, approvedHash: null });
      },
    },
    release: {
      async prepare(step, workflow) {
        await releaseChecks(step);
        const { uid, documentId, draft, today, input, hash, current } = step;
        const deadline = await getService('deadlines', strapi).statusOf(uid, draft, today);
        if (deadline.status === 'overdue') {
          // Releasing after the statutory window is allowed, but the reason is kept in the audit trail.
          if (!input.reason?.trim()) {
            throw disclosureError(
              400,
              'LATENESS_REASON_REQUIRED',
              `已超过法定公开期限（${deadline.dueDate}）${deadline.workingDaysLate}个工作日，发布须填写超期理由`,
              `the due date ${deadline.dueDate} passed ${deadline.workingDaysLate} working day(s) ago; a lateness reason is required`,
              {},
              ['reason']
            );
          }
          step.recorded.lateness = { dueDate: deadline.dueDate, workingDaysLate: deadline.workingDaysLate };
        }
        if (hash !== current.approvedHash) {
          throw disclosureError(409, 'APPROVAL_STALE', '内容在审核通过后被修改，须重新审核', 'the content changed after approval and must be reviewed again');
        }
        if (uid === INTERPRETATION_UID) await workflow.assertPolicyReleased(documentId);
        if (uid === ANNUAL_REPORT_UID && step.annualReport) getService('annual-reports', strapi).beforeRelease(draft, step.annualReport);
        Object.assign(step.next, { releasedHash: hash });
      },
      async effect(step, workflow) {
        const { uid, documentId, hash, today, trx } = step;
        const event = (await workflow.hasPublishedVersion(uid, documentId)) ? 'updated' : 'released';
        await releaseContext.run({ uid, documentId, operation: 'publish', hash }, () => strapi.documents(uid).publish({ documentId }));
        await strapi.db.query(uid).updateMany({ where: { documentId }, data: { releasedOn: today } });
        // The version of record for 更正 history and the reviewer's diff: the content as approved and released.
        await getService('entry-versions', strapi).record(trx, { uid, documentId, content: step.content, hash, today, who: step.who });
        // A report's published row keeps the approved figures, frozen (whatever the publish copied).
        if (uid === ANNUAL_REPORT_UID) await getService('annual-reports', strapi).afterRelease(documentId);
        await getService('search-index', strapi).refresh(trx, uid, documentId);
        // Full-text search reads the released version as the public sees it (and its attachments' text).
        await getService('search', strapi).index(trx, uid, documentId);
        if (uid === POLICY_UID) await workflow.recomputeInterpretations(documentId);
        await getService('scheduler', strapi).scheduleAfterRelease(uid, documentId);
        return event;
      },
    },
    withdraw: {
      async prepare(step, workflow) {
        const { uid, documentId, draft, today, input } = step;
        if (uid === POLICY_UID) step.warnings.push(...(await workflow.interpretationWarnings(documentId)));
        if (uid === DUAL_UID) step.recorded.creditRepair = workflow.assertWithdrawable(draft, today, Boolean(input.creditRepair));
      },
      async effect({ uid, documentId, trx }) {
        await releaseContext.run({ uid, documentId, operation: 'unpublish' }, () => strapi.documents(uid).unpublish({ documentId }));
        await getService('search', strapi).remove(trx, uid, documentId);
        return 'withdrawn';
      },
    },
    correct: {
      prepare(step) {
        Object.assign(step.next, { approvals: [], submittedHash: null, approvedHash: null });
      },
      async effect({ uid, documentId }) {
        // The new version has its own window; the released version keeps its release date.
        await strapi.db.query(uid).updateMany({ where: { documentId, publishedAt: null }, data: { releasedOn: null } });
        await getService('deadlines', strapi).recompute(uid, documentId);
        return null;
      },
    },
  };

  return {
    stagesFor,

    async hasPublishedVersion(uid: UID.ContentType, documentId: string) {
      return (await strapi.db.query(uid).count({ where: { documentId, publishedAt: { $notNull: true } } })) > 0;
    },

    /**
     * The content manager's status of many entries at once, from their workflow states (`published` tells which have
     * a released version: Strapi's own status of each).
     */
    /** The workflow states of many entries in one query (an entry that predates the workflow: by its publication). */
    async statesOf(uid: UID.ContentType, entries: { documentId: string; published: boolean }[]): Promise<Map<string, WorkflowState>> {
      const rows = entries.length
        ? await stateQuery().findMany({ where: { targetUid: uid, targetDocumentId: { $in: entries.map((e) => e.documentId) } }, select: ['targetDocumentId', 'state'] })
        : [];
      const stored = new Map<string, WorkflowState>(rows.map((row: any) => [row.targetDocumentId, row.state]));
      return new Map(entries.map((e) => [e.documentId, stored.get(e.documentId) ?? (e.published ? 'released' : 'draft')]));
    },

    async adminStatuses(uid: UID.ContentType, entries: { documentId: string; published: boolean }[]): Promise<Map<string, AdminStatus>> {
      const states = await this.statesOf(uid, entries);
      return new Map(entries.map((e) => [e.documentId, adminStatus(states.get(e.documentId)!, e.published)]));
    },

    /** The stored state, or what it must be for an entry that predates the workflow. */
    async getState(uid: UID.ContentType, documentId: string): Promise<StateRow> {
      const row = await stateQuery().findOne({ where: { targetUid: uid, targetDocumentId: documentId } });
      if (row) return { ...row, approvals: row.approvals ?? [] };
      const released = await this.hasPublishedVersion(uid, documentId);
      return {
        id: null,
        state: released ? 'released' : 'draft',
        stageIndex: null,
        stages: null,
        approvals: [],
        submittedHash: null,
        approvedHash: null,
        releasedHash: null,
        version: 0,
      };
    },

    /** The draft with everything that would be published (relations, components, media). */
    fullDraft(uid: UID.ContentType, documentId: string) {
      return strapi.documents(uid).findOne({ documentId, status: 'draft', populate: '*' });
    },

    /** Hash of the draft content exactly as it would be published. */
    async draftHash(uid: UID.ContentType, documentId: string) {
      const draft = await this.fullDraft(uid, documentId);
      return draft ? contentHash(draft) : null;
    },

    /** Writes the next state if nobody else moved the entry since `current` was read. */
    async claim(uid: UID.ContentType, documentId: string, current: StateRow, next: Partial<StateRow>) {
      const data = { ...next, version: current.version + 1, updatedAt: new Date() };
      if (current.id) {
        const { count } = await stateQuery().updateMany({ where: { id: current.id, version: current.version }, data });
        if (count === 1) return;
      } else {
        try {
          await stateQuery().create({
            data: { targetUid: uid, targetDocumentId: documentId, state: current.state, stageIndex: null, stages: null, approvals: [], ...data },
          });
          return;
        } catch {
          // The unique (uid, documentId) row appeared meanwhile: someone else moved first.
        }
      }
      throw disclosureError(409, 'CONCURRENT_TRANSITION', '该条目刚被其他人处理，请刷新后重试', 'the entry was changed by someone else; reload and retry');
    },

    async transition(input: TransitionInput, who: StaffMember | typeof SYSTEM) {
      const { uid, documentId, action } = input;
      if (!getService('catalog', strapi).isGoverned(uid)) {
        throw disclosureError(400, 'UNKNOWN_CONTENT_TYPE', `内容类型“${uid}”不受审核流程管理`, `content type ${uid} is not governed by the workflow`, {}, ['uid']);
      }
      // A report's figures are computed before the transaction opens: the aggregation reads outside it.
      const annualReport = uid === ANNUAL_REPORT_UID && (action === 'submit' || action === 'release') ? await getService('annual-reports', strapi).precompute(documentId) : null;
      return strapi.db.transaction(async ({ trx }) => {
        const draft = await loadDraft(uid, documentId);
        if (!draft) throw disclosureError(404, 'ENTRY_NOT_FOUND', '条目不存在', 'no such entry', {}, ['documentId']);
        const current = await this.getState(uid, documentId);
        const stages = current.state === 'in_review' && current.stages ? current.stages : stagesFor(uid);
        if (input.stage && (current.state !== 'in_review' || stages[current.stageIndex ?? -1]?.key !== input.stage)) {
          throw disclosureError(409, 'CONCURRENT_TRANSITION', '该条目已进入其他环节，请刷新后重试', 'the entry is no longer at the stage you saw; reload and retry', {}, ['stage']);
        }
        const actor: Actor = who === SYSTEM ? { id: SYSTEM, roles: [] } : who.actor;
        const decision = decide(
          { state: current.state, stageIndex: current.stageIndex, stages, authorId: draft.createdBy?.id ?? null, lastEditorId: draft.updatedBy?.id ?? null, ...approvalRule(uid, current.approvals) },
          action,
          actor,
          { reason: input.reason }
        );
        if (decision.ok === false) {
          const refusal = decision as Extract<Decision, { ok: false }>;
          throw disclosureError(refusal.status, refusal.code, refusal.message, refusal.messageEn, {}, refusal.code === 'REASON_REQUIRED' ? ['reason'] : ['action']);
        }

        if (who !== SYSTEM) {
          const acting: WorkflowRole = ['submit', 'correct'].includes(decision.action) ? 'editor' : 'reviewer';
          if (!(await getService('staff', strapi).inScope(who, draft.publishingOrganization?.id ?? null, acting))) {
            throw disclosureError(403, 'OUT_OF_SCOPE', '该条目不属于您负责的机构', 'this entry belongs to an organization outside your scope');
          }
        }

        const content = await this.fullDraft(uid, documentId);
        const step: TransitionStep = {
          uid,
          documentId,
          input,
          who,
          actor,
          draft,
          content,
          current,
          stages,
          decision,
          hash: contentHash(content),
          today: toLegalDate(new Date()),
          next: { state: decision.to, stageIndex: decision.stageIndex },
          warnings: [],
          recorded: { override: null, lateness: null, creditRepair: false },
          trx,
          annualReport,
        };
        const handler = handlers[decision.action];
        await handler.prepare(step, this);
        const { hash, warnings } = step;
        const { override, lateness, creditRepair } = step.recorded;

        await this.claim(uid, documentId, current, step.next);
        // Whatever was scheduled for the state the entry leaves no longer holds.
        await getService('scheduler', strapi).cancelPending(trx, uid, documentId, `条目已${ACTION_LABELS[decision.action].zh}`);

        const feedEvent = handler.effect ? await handler.effect(step, this) : null;

        await getService('audit', strapi).append(trx, {
          actor: who === SYSTEM ? SYSTEM : `admin:${who.userId}`,
          actorName: who === SYSTEM ? '系统' : who.name,
          action: decision.action,
          targetUid: uid,
          targetDocumentId: documentId,
          versionHash: hash,
          fromState: decision.from,
          toState: decision.to,
          reason: input.reason?.trim() || null,
          data: {
            stage: decision.stage?.key ?? null,
            // The stage names as configured when it happened: the history reads the same after the configuration changes.
            stageName: decision.stage?.name,
            nextStage: decision.stageIndex !== null ? stages[decision.stageIndex]?.key : null,
            nextStageName: decision.stageIndex !== null ? stages[decision.stageIndex]?.name : undefined,
            comment: decision.action === 'approve' ? input.comment?.trim() || undefined : undefined,
            override,
            lateness,
            creditRepair: creditRepair || undefined,
            scheduled: input.scheduled,
          },
        });
        // After the audit event: its lock, held until commit, keeps feed ids in commit order.
        if (feedEvent) await getService('feed', strapi).recordChange(trx, uid, documentId, feedEvent);

        return {
          uid,
          documentId,
          state: decision.to,
          stateLabel: STATE_LABELS[decision.to].zh,
          stage: decision.stageIndex !== null ? stages[decision.stageIndex] : null,
          warnings,
        };
      });
    },

    async assertPolicyReleased(interpretationDocumentId: string) {
      const draft = await strapi.db.query(INTERPRETATION_UID).findOne({
        where: { documentId: interpretationDocumentId, publishedAt: null },
        populate: { policy: { select: ['documentId'] } },
      });
      const policyId = draft?.policy?.documentId;
      if (!policyId || !(await this.hasPublishedVersion(POLICY_UID, policyId))) {
        throw disclosureError(409, 'POLICY_NOT_RELEASED', '所解读的政策文件尚未发布，政策解读不能先于政策发布', 'the interpreted policy is not released yet', {}, ['policy']);
      }
    },

    /** 双公示 records stay up for their minimum period; before publicUntil only 信用修复 takes them down. Returns whether it was credit repair. */
    assertWithdrawable(draft: any, today: string, creditRepair: boolean): boolean {
      const period = (strapi.plugin(PLUGIN_ID).config('publicPeriods') as Record<string, PublicPeriodRule>)?.[draft.kind];
      const decision = legalDayOf(draft.decisionDate);
      if (!period || !decision) return false;
      const verdict = withdrawalAllowed(today, legalDayOf(draft.publicUntil), publicWindow(decision, period), creditRepair);
      if (verdict.allowed === false) {
        const refusal = verdict as Extract<typeof verdict, { allowed: false }>;
        if (refusal.code === 'PUBLIC_PERIOD_MINIMUM') {
          throw disclosureError(409, refusal.code, `行政处罚信息至少公示至${refusal.earliestEnd}，此前不能撤下`, `the record must stay public until ${refusal.earliestEnd}`);
        }
        throw disclosureError(400, refusal.code, '公示期内撤下须经信用修复，并填写理由', 'withdrawing before the end of the public period requires credit repair (creditRepair: true) and a reason', {}, ['creditRepair']);
      }
      return (verdict as { creditRepair: boolean }).creditRepair;
    },

    /** A normative document reaching its 有效期: 有效 → 失效, on every version, audited. */
    async expire(uid: UID.ContentType, documentId: string, reason: string | null) {
      return strapi.db.transaction(async ({ trx }) => {
        const rows = await strapi.db.query(uid).findMany({ where: { documentId }, select: ['id', 'validity'] });
        if (!rows.some((r: any) => r.validity === 'valid')) return { changed: false };
        await strapi.db.query(uid).updateMany({ where: { documentId, validity: 'valid' }, data: { validity: 'expired' } });
        const current = await this.getState(uid, documentId);
        await getService('audit', strapi).append(trx, {
          actor: SYSTEM,
          actorName: '系统',
          action: 'expire',
          targetUid: uid,
          targetDocumentId: documentId,
          versionHash: null,
          fromState: current.state,
          toState: current.state,
          reason,
          data: { validity: { from: 'valid', to: 'expired' } },
        });
        if (current.state === 'released') await getService('feed', strapi).recordChange(trx, uid, documentId, 'updated');
        return { changed: true };
      });
    },

    /** An interpretation's window runs from its policy's release. */
    async recomputeInterpretations(policyDocumentId: string) {
      const drafts = await strapi.db.query(INTERPRETATION_UID).findMany({
        where: { publishedAt: null, policy: { documentId: policyDocumentId } },
        select: ['documentId'],
      });
      for (const { documentId } of drafts) await getService('deadlines', strapi).recompute(INTERPRETATION_UID, documentId);
    },

    async interpretationWarnings(policyDocumentId: string) {
      const released = await strapi.documents(INTERPRETATION_UID).findMany({
        status: 'published',
        filters: { policy: { documentId: policyDocumentId } },
        fields: ['title'],
      });
      if (released.length === 0) return [];
      return [
        {
          code: 'RELEASED_INTERPRETATIONS',
          severity: 'warn',
          message: `该政策文件有 ${released.length} 篇已发布的政策解读，请一并评估是否撤回：${released.map((r: any) => `《${r.title}》`).join('、')}`,
          messageEn: `${released.length} released interpretation(s) of this policy remain public`,
          documents: released.map((r: any) => ({ uid: INTERPRETATION_UID, documentId: r.documentId, title: r.title })),
        },
      ];
    },

    /**
     * Called by the gate around an edit of a governed entry: refuses edits in review
     * and after release, and sends an approved (or withdrawn) entry back to draft.
     */
    async beforeEdit(uid: UID.ContentType, documentId: string) {
      const current = await this.getState(uid, documentId);
      const policy = editPolicy(current.state);
      if (policy === 'refuse_in_review') {
        throw disclosureError(409, 'ENTRY_IN_REVIEW', '条目正在审核中，不能修改；如需修改请先退回', 'the entry is in review; return it before editing');
      }
      if (policy === 'refuse_correction_required') {
        throw disclosureError(409, 'CORRECTION_REQUIRED', '条目已发布，修改前请先发起更正', 'the entry is released; start a correction before editing');
      }
      return { current, policy };
    },

    async afterEdit(trx: Knex.Transaction, uid: UID.ContentType, documentId: string, { current, policy }: { current: StateRow; policy: string }) {
      if (policy !== 'allow_back_to_draft') return;
      await this.claim(uid, documentId, current, { state: 'draft', stageIndex: null, approvals: [], submittedHash: null, approvedHash: null });
      await getService('scheduler', strapi).cancelPending(trx, uid, documentId, '条目在审核通过或撤回后被修改');
      await getService('audit', strapi).append(trx, {
        actor: SYSTEM,
        actorName: '系统',
        action: current.state === 'approved' ? 'approval_invalidated' : 'reopened',
        targetUid: uid,
        targetDocumentId: documentId,
        versionHash: await this.draftHash(uid, documentId),
        fromState: current.state,
        toState: 'draft',
        reason: current.state === 'approved' ? '审核通过后内容被修改，须重新审核' : '已撤回的条目被修改',
        data: null,
      });
    },

    /** The draft, refused (403) unless the member may read it: editors their organization, reviewers theirs and below. */
    async readable(uid: UID.ContentType, documentId: string, member: StaffMember) {
      const draft = await loadDraft(uid, documentId);
      if (!draft) throw disclosureError(404, 'ENTRY_NOT_FOUND', '条目不存在', 'no such entry', {}, ['documentId']);
      const readerRole: WorkflowRole = member.actor.roles.some((r) => r === 'reviewer' || r === 'publisher') ? 'reviewer' : 'editor';
      if (!(await getService('staff', strapi).inScope(member, draft.publishingOrganization?.id ?? null, readerRole))) {
        throw disclosureError(403, 'OUT_OF_SCOPE', '该条目不属于您负责的机构', 'this entry belongs to an organization outside your scope');
      }
      return draft;
    },

    /**
     * State, stage, history and every action the state allows — each available to this member or not, with the
     * reason — for the edit-view panel.
     */
    async describe(uid: UID.ContentType, documentId: string, member: StaffMember) {
      const draft = await this.readable(uid, documentId, member);
      const current = await this.getState(uid, documentId);
      const stages = current.state === 'in_review' && current.stages ? current.stages : stagesFor(uid);
      const snapshot = { state: current.state, stageIndex: current.stageIndex, stages, authorId: draft.createdBy?.id ?? null, lastEditorId: draft.updatedBy?.id ?? null, ...approvalRule(uid, current.approvals) };
      const scopeRole: Record<string, WorkflowRole> = { submit: 'editor', correct: 'editor' };
      const options = [];
      for (const option of actionOptions(snapshot, member.actor)) {
        const base = { action: option.action, label: ACTION_LABELS[option.action].zh, needsReason: option.needsReason };
        if (!option.available) {
          options.push({ ...base, available: false, code: option.code, message: option.message });
        } else if (!(await getService('staff', strapi).inScope(member, draft.publishingOrganization?.id ?? null, scopeRole[option.action] ?? 'reviewer'))) {
          // Readable but not theirs to act on (an editor of a parent organization, a reviewer's colleague elsewhere).
          options.push({ ...base, available: false, code: 'OUT_OF_SCOPE', message: scopeRole[option.action] ? '只能为本机构的信息提交审核或发起更正' : '该条目不属于您负责的机构' });
        } else {
          options.push({ ...base, available: true });
        }
      }
      return {
        state: current.state,
        stateLabel: STATE_LABELS[current.state].zh,
        stage: current.state === 'in_review' ? stages[current.stageIndex ?? 0] : null,
        stages,
        hasReleasedVersion: await this.hasPublishedVersion(uid, documentId),
        /** Why the form is read-only now (the gate refuses saves in this state), or null. */
        lock: editLock(current.state),
        deadline: await getService('deadlines', strapi).statusOf(uid, draft),
        /** What this member may do now (the 定时发布 check and older clients read this). */
        actions: options.filter((o) => o.available),
        /** Every action the state allows, available or not, with the reason. */
        options,
        history: await this.history(uid, documentId),
        /** The draft compared with the latest released version, field by field (null if never released). */
        diff: await getService('entry-versions', strapi).draftDiff(uid, documentId),
      };
    },

    /**
     * The entry's history for people: each workflow step with the stage it acted on (key and name), its 审核意见 or
     * reason, and the staff's saves in between.
     */
    async history(uid: UID.ContentType, documentId: string) {
      const known = [...stagesFor(uid), ...DEFAULT_STAGES];
      const stageRef = (key: unknown, name: unknown) =>
        typeof key === 'string' && key ? { key, name: typeof name === 'string' && name ? name : (known.find((s) => s.key === key)?.name ?? key) } : null;
      const events = await getService('audit', strapi).history(uid, documentId);
      return events.map((event) => {
        const data = (event.data && typeof event.data === 'object' ? event.data : {}) as Record<string, unknown>;
        return {
          seq: event.seq,
          action: event.action,
          actionLabel: HISTORY_LABELS[event.action] ?? event.action,
          stage: stageRef(data.stage, data.stageName),
          nextStage: stageRef(data.nextStage, data.nextStageName),
          actor: event.actor,
          actorName: event.actorName ?? (event.actor === SYSTEM ? '系统' : null),
          occurredAt: event.occurredAt,
          fromState: event.fromState,
          toState: event.toState,
          comment: typeof data.comment === 'string' ? data.comment : null,
          reason: event.reason,
        };
      });
    },

    /**
     * Where a release of this entry goes: the active consumer sites whose scope (organizations with their subtrees,
     * categories) includes the entry's publishing organization and category.
     */
    async audience(uid: UID.ContentType, documentId: string, member: StaffMember) {
      const draft = await this.readable(uid, documentId, member);
      const entry = await strapi.db.query(uid).findOne({
        where: { id: draft.id },
        select: ['id', 'title', 'indexNumber'],
        populate: { publishingOrganization: { select: ['id', 'name'] }, category: { select: ['id', 'name'] } },
      });
      const sites = await getService('consumer-sites', strapi).reaching(entry.publishingOrganization?.id ?? null, entry.category?.id ?? null);
      return {
        title: entry.title,
        indexNumber: entry.indexNumber ?? null,
        type: { uid, name: strapi.contentType(uid).info.displayName },
        organization: entry.publishingOrganization ? { name: entry.publishingOrganization.name } : null,
        category: entry.category ? { name: entry.category.name } : null,
        sites,
      };
    },

    /** A staff member's (or an API token's) save of a governed entry, in the audit trail beside the workflow steps. */
    async recordSave(trx: Knex.Transaction, uid: UID.ContentType, documentId: string, action: 'create' | 'clone' | 'update') {
      const writer = await getService('staff', strapi).writer();
      if (writer.kind !== 'staff' && writer.kind !== 'token') return;
      const { state } = await this.getState(uid, documentId);
      await getService('audit', strapi).append(trx, {
        actor: writer.kind === 'staff' ? `admin:${writer.member.userId}` : 'api-token',
        actorName: writer.kind === 'staff' ? writer.member.name : '接口令牌',
        action: action === 'update' ? 'edit' : 'create',
        targetUid: uid,
        targetDocumentId: documentId,
        versionHash: null,
        fromState: state,
        toState: state,
        reason: null,
        data: null,
      });
    },

    /** Entries waiting for this member: review stages of their role, approvals to release, their returned drafts. */
    async inbox(member: StaffMember) {
      const rows: any[] = await stateQuery().findMany({ where: { state: { $in: ['in_review', 'approved', 'draft'] } }, orderBy: { updatedAt: 'desc' }, limit: 500 });
      // One query per content type for the drafts, not one per waiting entry.
      const drafts = new Map<string, any>();
      const select = ['documentId', 'title', 'indexNumber', 'updatedAt'];
      const populate = { publishingOrganization: { select: ['id'] }, createdBy: { select: ['id'] }, updatedBy: { select: ['id'] } };
      for (const uid of new Set<string>(rows.map((row: any) => row.targetUid))) {
        const found = await strapi.db.query(contentTypeUid(uid)).findMany({
          where: { documentId: { $in: rows.filter((r: any) => r.targetUid === uid).map((r: any) => r.targetDocumentId) }, publishedAt: null },
          select,
          populate,
        });
        for (const draft of found) drafts.set(`${uid}:${draft.documentId}`, draft);
      }
      // A draft nobody has submitted yet has no state row (it gets one at its first transition): an editor's
      // unsubmitted drafts are theirs to submit all the same.
      if (member.isSysadmin || (member.actor.roles.includes('editor') && member.organizationId)) {
        for (const uid of governedUids(strapi)) {
          const unsubmitted = await strapi.db.query(uid).findMany({
            where: { publishedAt: null, ...(member.isSysadmin ? {} : { publishingOrganization: { id: member.organizationId } }) },
            select,
            populate,
            orderBy: { updatedAt: 'desc' },
            limit: 500,
          });
          if (unsubmitted.length === 0) continue;
          const documentIds = unsubmitted.map((d: any) => d.documentId);
          const tracked = await stateQuery().findMany({ where: { targetUid: uid, targetDocumentId: { $in: documentIds } }, select: ['targetDocumentId'] });
          const released = await strapi.db.query(uid).findMany({ where: { documentId: { $in: documentIds }, publishedAt: { $notNull: true } }, select: ['documentId'] });
          const known = new Set([...tracked.map((t: any) => t.targetDocumentId), ...released.map((r: any) => r.documentId)]);
          for (const draft of unsubmitted) {
            if (known.has(draft.documentId)) continue;
            drafts.set(`${uid}:${draft.documentId}`, draft);
            rows.push({ targetUid: uid, targetDocumentId: draft.documentId, state: 'draft', stageIndex: null, stages: null, approvals: [], updatedAt: draft.updatedAt });
          }
        }
        rows.sort((a, b) => new Date(b.updatedAt).getTime() - new Date(a.updatedAt).getTime());
      }
      const items = [];
      for (const row of rows) {
        const stages: StageDefinition[] = row.stages ?? stagesFor(row.targetUid);
        const draft = drafts.get(`${row.targetUid}:${row.targetDocumentId}`);
        if (!draft) continue;
        const snapshot = { state: row.state, stageIndex: row.stageIndex, stages, authorId: draft.createdBy?.id ?? null, lastEditorId: draft.updatedBy?.id ?? null, ...approvalRule(row.targetUid, row.approvals) };
        const actions = availableActions(snapshot, member.actor).filter((a) => a !== 'return');
        if (actions.length === 0) continue;
        const role: WorkflowRole = actions.includes('submit') ? 'editor' : 'reviewer';
        if (!(await getService('staff', strapi).inScope(member, draft.publishingOrganization?.id ?? null, role))) continue;
        items.push({
          uid: row.targetUid,
          documentId: row.targetDocumentId,
          title: draft.title,
          indexNumber: draft.indexNumber,
          state: row.state,
          stateLabel: STATE_LABELS[row.state as WorkflowState].zh,
          stage: row.state === 'in_review' ? stages[row.stageIndex ?? 0] : null,
          actions,
          updatedAt: row.updatedAt,
        });
      }
      return this.markReturnsAndCorrections(items);
    },

    /**
     * 待我处理 says which entries came back (退回, with the reason) and which are corrections of a released entry (更正,
     * with its reason), from each entry's last submit/return/correct in the audit trail and its released version.
     */
    async markReturnsAndCorrections<T extends { uid: string; documentId: string; state: string }>(items: T[]) {
      const marked = [];
      const published = new Set<string>();
      for (const uid of new Set(items.map((i) => i.uid))) {
        const rows = await strapi.db.query(contentTypeUid(uid)).findMany({
          where: { documentId: { $in: items.filter((i) => i.uid === uid).map((i) => i.documentId) }, publishedAt: { $notNull: true } },
          select: ['documentId'],
        });
        for (const r of rows) published.add(`${uid}:${r.documentId}`);
      }
      const audit = getService('audit', strapi);
      const last = await audit.lastOf(items, ['submit', 'return', 'correct']);
      const corrections = await audit.lastOf(items.filter((i) => published.has(`${i.uid}:${i.documentId}`)), ['correct']);
      for (const item of items) {
        const key = `${item.uid}:${item.documentId}`;
        const latest = last.get(key);
        const returned = item.state === 'draft' && latest?.action === 'return';
        const correction = published.has(key);
        marked.push({
          ...item,
          returned,
          returnReason: returned ? latest?.reason ?? null : null,
          correction,
          correctionReason: correction ? (corrections.get(key)?.reason ?? null) : null,
        });
      }
      return marked;
    },
  };
};
