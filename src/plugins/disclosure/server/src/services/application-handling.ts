import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { APPLICATION_CASE_UID, APPLICATION_UID, ORGANIZATION_UID, PLUGIN_ID, USER_ORGANIZATION_FIELD } from '../constants';
import type { ApplicationSettings } from '../config';
import { AnswerClockError, applicationClock, applicationDueDate, correctionNoticeDueOn } from '../domain/answer-clock';
import {
  APPLICANT_KIND_LABELS,
  APPLICATION_STATE_LABELS,
  ApplicationState,
  CASE_KIND_LABELS,
  CASE_RESULT_LABELS,
  CHANNEL_LABELS,
  CONSULTATION_KIND_LABELS,
  DELIVERY_METHOD_LABELS,
  FEE_METHOD_LABELS,
  ID_DOCUMENT_TYPE_LABELS,
  OPEN_APPLICATION_STATES,
  PREFERRED_FORM_LABELS,
  REPLY_OUTCOME_LABELS,
} from '../domain/application-vocabulary';
import {
  APPLICATION_ACTION_LABELS,
  ApplicationAction,
  ApplicationActionError,
  ApplicationFacts,
  applyApplicationAction,
  availableActions,
  clockInput,
  Permissions,
} from '../domain/application-workflow';
import { addWorkingDays } from '../domain/calendar';
import { issue } from '../domain/field-issue';
import { legalDayOf, toLegalDate } from '../domain/legal-date';
import { renderReplyLetter, ReplyLetterError } from '../domain/reply-letter';
import { groupSimilarRequests } from '../domain/similar-requests';
import { isGovernedUid } from '../utils/content-type-uid';
import { disclosureError } from '../utils/disclosure-error';
import { toValidationError } from '../utils/validation-error';
import { getService } from '../utils/get-service';
import { validateApplicationInput } from '../validation/application';
import type { StaffMember } from './staff';

/** What the signed-in member may do with applications (from their admin permissions). */
export interface ApplicationPermissions extends Permissions {
  canCases: boolean;
}

/** Who acts: a staff member with their permissions, or the scheduler closing lapsed applications. */
type Acting = { member: StaffMember; permissions: ApplicationPermissions } | { system: true };

const SYSTEM_ACTOR = { actor: 'system', actorName: '系统' };
const label = (pair: [string, string] | undefined) => pair?.[0] ?? null;
const displayName = (user: any) => (user ? [user.lastname, user.firstname].filter(Boolean).join('') || user.email || `#${user.id}` : null);

/** 张三 → 张*, 某某有限公司 → 某*****: lists show whose application it is without showing who. */
export const maskName = (name: string | null | undefined) => (name ? `${[...name][0]}${'*'.repeat(Math.max([...name].length - 1, 1))}` : null);

const HISTORY_LABELS: Record<string, string> = {
  'application.submitted': '收到申请',
  'application.personal_data_read': '查看申请人信息',
  'application.case_created': '登记行政复议或行政诉讼案件',
  'application.case_updated': '更新行政复议或行政诉讼案件',
  'application.personal_data_purged': '清除申请人个人信息',
};
const historyLabel = (action: string) => HISTORY_LABELS[action] ?? APPLICATION_ACTION_LABELS[action.replace(/^application\./, '') as ApplicationAction] ?? action;

const POPULATE = {
  receivingOrganization: { select: ['id', 'documentId', 'name'] },
  handler: { select: ['id', 'firstname', 'lastname', 'email'] },
  extensionApprovedBy: { select: ['id', 'firstname', 'lastname', 'email'] },
};

const facts = (row: any): ApplicationFacts => ({
  state: row.state,
  channel: row.channel,
  submittedOn: toLegalDate(row.submittedAt),
  receivedOn: legalDayOf(row.receivedOn),
  correctionRequestedOn: legalDayOf(row.correctionRequestedOn),
  correctionDueOn: legalDayOf(row.correctionDueOn),
  correctionReceivedOn: legalDayOf(row.correctionReceivedOn),
  consultations: Array.isArray(row.consultations) ? row.consultations : [],
  extended: Boolean(row.extended),
  feeNoticeOn: legalDayOf(row.feeNoticeOn),
  feePaymentDueOn: legalDayOf(row.feePaymentDueOn),
  feePaidOn: legalDayOf(row.feePaidOn),
  feeWaived: Boolean(row.feeWaived),
  feeWaivedOn: legalDayOf(row.feeWaivedOn),
});

/**
 * 依申请公开 for staff: the handlers' list and detail (their organization and below, every read of personal data
 * audited), staff intake of letters and visits, the handling actions (domain/application-workflow.ts) with the answer
 * clock (domain/answer-clock.ts) stored on the row, the reply letter, the 行政复议/诉讼 log and Art. 44 suggestions.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const settings = () => strapi.plugin(PLUGIN_ID).config('applications') as ApplicationSettings;
  const calendar = () => getService('calendar', strapi).get();
  const atRiskWithin = () => getService('deadlines', strapi).atRiskWithin();
  const applications = () => strapi.db.query(APPLICATION_UID);

  /** The organizations whose applications this member sees: theirs and below (null: all, for a system administrator). */
  async function scope(member: StaffMember): Promise<number[] | null> {
    if (member.isSysadmin) return null;
    member.subtreeIds ??= await getService('staff', strapi).subtree(member.organizationId);
    return member.subtreeIds;
  }

  const forbidden = () => disclosureError(403, 'APPLICATION_FORBIDDEN', '您无权查看或办理该申请', 'this application is not handled by your organization');
  const notFound = () => disclosureError(404, 'APPLICATION_NOT_FOUND', '申请不存在', 'no such application', {}, ['documentId']);

  function requireHandle(permissions: ApplicationPermissions) {
    if (!permissions.canHandle) throw disclosureError(403, 'APPLICATION_FORBIDDEN', '您没有办理依申请公开的权限', 'this needs plugin::disclosure.application-handle');
  }

  /** The application, when it is this member's to see; another organization's is a 403, like the actions. */
  async function load(documentId: string, member: StaffMember) {
    const row = await applications().findOne({ where: { documentId }, populate: POPULATE });
    if (!row) throw notFound();
    const ids = await scope(member);
    if (ids && !ids.includes(row.receivingOrganization?.id)) throw forbidden();
    return row;
  }

  /** The clock as of today, or as of the reply or closure for an application that ended. */
  async function clockOf(row: any, today = toLegalDate(new Date())) {
    const f = facts(row);
    const input = clockInput(f);
    if (!input) return null;
    const asOf = legalDayOf(row.repliedOn) ?? legalDayOf(row.closedOn) ?? today;
    const clock = applicationClock({ ...input, today: asOf }, await calendar(), atRiskWithin());
    return {
      dueOn: clock.dueOn,
      provisional: clock.provisional,
      pausedWorkingDays: clock.pausedWorkingDays,
      workingDaysLeft: clock.workingDaysLeft ?? null,
      workingDaysLate: clock.workingDaysLate ?? null,
      status: clock.status,
    };
  }

  async function summary(row: any, today?: string) {
    const clock = await clockOf(row, today);
    return {
      documentId: row.documentId,
      trackingCode: row.trackingCode,
      channel: row.channel,
      channelLabel: label(CHANNEL_LABELS[row.channel as keyof typeof CHANNEL_LABELS]),
      applicantKind: row.applicantKind,
      applicantKindLabel: label(APPLICANT_KIND_LABELS[row.applicantKind as keyof typeof APPLICANT_KIND_LABELS]),
      applicantName: maskName(row.applicantName),
      requestedTitle: row.requestedTitle,
      receivingOrganization: row.receivingOrganization ? { documentId: row.receivingOrganization.documentId, name: row.receivingOrganization.name } : null,
      handler: row.handler ? { id: row.handler.id, name: displayName(row.handler) } : null,
      state: row.state as ApplicationState,
      stateLabel: label(APPLICATION_STATE_LABELS[row.state as ApplicationState]),
      submittedAt: row.submittedAt,
      receivedOn: legalDayOf(row.receivedOn),
      dueOn: clock?.dueOn ?? legalDayOf(row.dueOn),
      dueOnProvisional: clock?.provisional ?? Boolean(row.dueOnProvisional),
      pausedWorkingDays: clock?.pausedWorkingDays ?? row.pausedWorkingDays ?? 0,
      workingDaysLeft: clock?.workingDaysLeft ?? null,
      workingDaysLate: clock?.workingDaysLate ?? null,
      deadlineStatus: clock?.status ?? null,
      extended: Boolean(row.extended),
      outcome: row.outcome ?? null,
      outcomeLabel: row.outcome ? label(REPLY_OUTCOME_LABELS[row.outcome as keyof typeof REPLY_OUTCOME_LABELS]) : null,
      repliedOn: legalDayOf(row.repliedOn),
    };
  }

  const caseView = (row: any, application: { documentId: string; trackingCode: string } | null) => ({
    id: row.id,
    application,
    kind: row.kind,
    kindLabel: label(CASE_KIND_LABELS[row.kind as keyof typeof CASE_KIND_LABELS]),
    caseNumber: row.caseNumber ?? null,
    filedOn: legalDayOf(row.filedOn),
    result: row.result,
    resultLabel: label(CASE_RESULT_LABELS[row.result as keyof typeof CASE_RESULT_LABELS]),
    decidedOn: legalDayOf(row.decidedOn),
    note: row.note ?? null,
  });

  async function readAudited(trx: Knex.Transaction, row: any, member: StaffMember, via: string) {
    // Who read whose application: the event names the application, never its personal data.
    if (row.personalDataPurgedAt) return;
    await getService('audit', strapi).append(trx, {
      actor: `admin:${member.userId}`,
      actorName: member.name,
      action: 'application.personal_data_read',
      targetUid: APPLICATION_UID,
      targetDocumentId: row.documentId,
      data: { via },
    });
  }

  async function detail(row: any, member: StaffMember | null, permissions: ApplicationPermissions) {
    const f = facts(row);
    const today = toLegalDate(new Date());
    const clock = await clockOf(row, today);
    const history = await getService('audit', strapi).history(APPLICATION_UID, row.documentId);
    const cases = await strapi.db.query(APPLICATION_CASE_UID).findMany({ where: { application: { id: row.id } }, orderBy: { filedOn: 'asc' } });
    const purged = Boolean(row.personalDataPurgedAt);
    const entry = row.requestedEntryUid && row.requestedEntryDocumentId ? await entryRef(row.requestedEntryUid, row.requestedEntryDocumentId) : null;
    return {
      ...(await summary(row, today)),
      applicant: purged
        ? null
        : {
            name: row.applicantName ?? null,
            contactPerson: row.contactPerson ?? null,
            idType: row.idType ?? null,
            idTypeLabel: row.idType ? label(ID_DOCUMENT_TYPE_LABELS[row.idType as keyof typeof ID_DOCUMENT_TYPE_LABELS]) : null,
            idNumber: row.idNumber ?? null,
            phone: row.phone ?? null,
            email: row.email ?? null,
            postalAddress: row.postalAddress ?? null,
            postalCode: row.postalCode ?? null,
          },
      requested: { title: row.requestedTitle, documentNumber: row.requestedDocumentNumber ?? null, description: row.requestedDescription ?? null, entry },
      purpose: purged ? null : (row.purpose ?? null),
      preferredForm: row.preferredForm ?? null,
      preferredFormLabel: row.preferredForm ? label(PREFERRED_FORM_LABELS[row.preferredForm as keyof typeof PREFERRED_FORM_LABELS]) : null,
      deliveryMethod: row.deliveryMethod ?? null,
      deliveryMethodLabel: row.deliveryMethod ? label(DELIVERY_METHOD_LABELS[row.deliveryMethod as keyof typeof DELIVERY_METHOD_LABELS]) : null,
      correction: {
        requestedOn: f.correctionRequestedOn,
        dueOn: f.correctionDueOn,
        request: row.correctionRequest ?? null,
        receivedOn: f.correctionReceivedOn,
        // 条例 第三十条: the 补正 must be asked within 7 working days of receipt.
        noticeDueOn: f.receivedOn ? correctionNoticeDueOn(f.receivedOn, await calendar()) : null,
      },
      consultations: f.consultations.map((c) => ({ ...c, kindLabel: label(CONSULTATION_KIND_LABELS[c.kind]) })),
      extension: { extended: f.extended, extendedOn: legalDayOf(row.extendedOn), reason: row.extensionReason ?? null, approvedBy: row.extensionApprovedBy ? { id: row.extensionApprovedBy.id, name: displayName(row.extensionApprovedBy) } : null },
      fee: {
        method: row.feeMethod ?? null,
        methodLabel: row.feeMethod ? label(FEE_METHOD_LABELS[row.feeMethod as keyof typeof FEE_METHOD_LABELS]) : null,
        ordinalInMonth: row.feeOrdinalInMonth ?? null,
        pages: row.feePages ?? null,
        amountYuan: row.feeAmountYuan === null || row.feeAmountYuan === undefined ? null : Number(row.feeAmountYuan),
        noticeOn: f.feeNoticeOn,
        paymentDueOn: f.feePaymentDueOn,
        paidOn: f.feePaidOn,
        waived: f.feeWaived,
        waiverReason: row.feeWaiverReason ?? null,
      },
      reply: { outcome: row.outcome ?? null, outcomeLabel: row.outcome ? label(REPLY_OUTCOME_LABELS[row.outcome as keyof typeof REPLY_OUTCOME_LABELS]) : null, repliedOn: legalDayOf(row.repliedOn), onTheSpot: Boolean(row.repliedOnTheSpot), details: row.replyDetails ?? null },
      clock,
      actions: member ? availableActions(f, permissions, today) : [],
      history: history.map((event) => ({ at: event.occurredAt, actorName: event.actorName, action: event.action, label: historyLabel(event.action), reason: event.reason, data: event.data })),
      cases: cases.map((c: any) => caseView(c, { documentId: row.documentId, trackingCode: row.trackingCode })),
    };
  }

  async function entryRef(uid: string, documentId: string) {
    if (!isGovernedUid(strapi, uid)) return null;
    const entry = await strapi.db.query(uid as any).findOne({ where: { documentId }, select: ['documentId', 'title'] });
    return entry ? { uid, documentId, title: entry.title ?? null } : { uid, documentId, title: null };
  }

  /** The stored clock for these facts: dueOn, whether provisional, paused working days (nulls while it does not run). */
  async function storedClock(f: ApplicationFacts, today: string) {
    const input = clockInput(f);
    if (!input) return { dueOn: null, dueOnProvisional: false, pausedWorkingDays: 0 };
    const cal = await calendar();
    // An open pause (a consultation or fee period) runs to today: the due date moves on until it ends.
    const clock = input.consultations.some((c) => !c.answeredOn) ? applicationClock({ ...input, today }, cal, atRiskWithin()) : applicationDueDate(input, cal);
    return { dueOn: clock.dueOn, dueOnProvisional: clock.provisional, pausedWorkingDays: clock.pausedWorkingDays };
  }

  /** The letter for this application; a bad outcome or detail is the caller's 400. */
  function letter(row: any, outcome: string, details: Record<string, string>, repliedOn: string | null) {
    try {
      return renderReplyLetter(letterInput(row, outcome, details, repliedOn));
    } catch (error) {
      if (error instanceof ReplyLetterError) {
        const field = error.field === 'outcome' || error.field.startsWith('details') ? error.field.split('.') : ['outcome'];
        throw disclosureError(400, 'VALIDATION', field[0] === 'outcome' ? '请选择办理结果' : '答复说明格式不正确', error.message, {}, field);
      }
      throw error;
    }
  }

  function letterInput(row: any, outcome: string, details: Record<string, string>, repliedOn: string | null) {
    return {
      organizationName: row.receivingOrganization?.name ?? '',
      trackingCode: row.trackingCode,
      applicantName: row.applicantName ?? '',
      applicantKind: row.applicantKind,
      receivedOn: legalDayOf(row.receivedOn) ?? repliedOn ?? toLegalDate(new Date()),
      repliedOn,
      requested: { title: row.requestedTitle ?? '', documentNumber: row.requestedDocumentNumber ?? undefined, description: row.requestedDescription ?? undefined },
      outcome: outcome as any,
      details,
      ...(row.feeAmountYuan && !row.feeWaived ? { fee: { amountYuan: Number(row.feeAmountYuan) } } : {}),
    };
  }

  /** The row, locked for the rest of the transaction: two handlers acting at once take turns. */
  async function lock(trx: Knex.Transaction, documentId: string) {
    const table = strapi.getModel(APPLICATION_UID).collectionName!;
    const schema = strapi.db.getSchemaName();
    const query = schema ? trx(table).withSchema(schema) : trx(table);
    await query.where({ document_id: documentId }).forUpdate().first('id');
  }

  async function perform(documentId: string, action: ApplicationAction, payload: Record<string, unknown>, acting: Acting, today = toLegalDate(new Date())) {
    return strapi.db.transaction(async ({ trx }) => {
      await lock(trx, documentId);
      const row = 'member' in acting ? await load(documentId, acting.member) : await applications().findOne({ where: { documentId }, populate: POPULATE });
      if (!row) throw notFound();
      const permissions = 'member' in acting ? acting.permissions : { canHandle: true, canExtend: false };
      const before = facts(row);
      let change;
      try {
        change = applyApplicationAction(before, action, payload, { ...permissions, today, correctionWorkingDays: settings().correctionWorkingDays, calendar: await calendar() });
      } catch (error) {
        if (error instanceof ApplicationActionError) throw disclosureError(error.status, error.code, error.messageZh, error.messageEn, {}, error.path);
        if (error instanceof AnswerClockError) throw disclosureError(400, 'VALIDATION', error.messageZh, error.message, {}, error.field.split('.'));
        throw error;
      }
      const patch: Record<string, unknown> = { ...change.patch };
      if (action === 'assign') await checkHandler(Number(patch.handler), row.receivingOrganization?.id ?? null);
      if (action === 'extend' && 'member' in acting) patch.extensionApprovedBy = acting.member.userId;
      try {
        Object.assign(patch, await storedClock(facts({ ...row, ...patch }), today));
      } catch (error) {
        if (error instanceof AnswerClockError) throw disclosureError(400, 'VALIDATION', error.messageZh, error.message, {}, error.field.split('.'));
        throw error;
      }
      if (action === 'reply') {
        patch.replyLetter = letter({ ...row, receivedOn: patch.receivedOn ?? row.receivedOn }, String(patch.outcome), patch.replyDetails as Record<string, string>, String(patch.repliedOn));
      }
      await applications().update({ where: { id: row.id }, data: patch });
      const who = 'member' in acting ? { actor: `admin:${acting.member.userId}`, actorName: acting.member.name } : SYSTEM_ACTOR;
      await getService('audit', strapi).append(trx, {
        ...who,
        action: `application.${action}`,
        targetUid: APPLICATION_UID,
        targetDocumentId: documentId,
        fromState: change.fromState,
        toState: change.toState,
        reason: change.reason,
        data: change.data,
      });
      return applications().findOne({ where: { id: row.id }, populate: POPULATE });
    });
  }

  /** A handler must work for the receiving organization or one below it. */
  async function checkHandler(userId: number, organizationId: number | null) {
    const user = await strapi.db.query('admin::user').findOne({ where: { id: userId }, populate: { [USER_ORGANIZATION_FIELD]: { select: ['id'] } } });
    const ids = await getService('staff', strapi).subtree(organizationId);
    if (!user || !ids.includes(user[USER_ORGANIZATION_FIELD]?.id)) {
      throw disclosureError(400, 'VALIDATION', '承办人应为受理机关（或其下属机构）的工作人员', 'the handler must work for the receiving organization', {}, ['handlerId']);
    }
  }

  return {
    /** The applications of the member's organization and below, newest first, with their clocks. */
    async list(member: StaffMember, permissions: ApplicationPermissions, query: { state?: ApplicationState; due?: 'at_risk' | 'overdue'; q?: string; page: number; pageSize: number }) {
      requireHandle(permissions);
      const ids = await scope(member);
      const today = toLegalDate(new Date());
      const where: any[] = [];
      if (ids) where.push({ receivingOrganization: { id: { $in: ids.length ? ids : [-1] } } });
      if (query.state) where.push({ state: query.state });
      if (query.due) {
        // Only clocks that run can be at risk or overdue: the paused states wait on someone else.
        where.push({ state: { $in: ['received', 'in_progress'] } });
        where.push({ dueOn: query.due === 'overdue' ? { $lt: today } : { $gte: today, $lte: addWorkingDays(today, atRiskWithin(), await calendar()) } });
      }
      if (query.q?.trim()) {
        const q = query.q.trim();
        where.push({ $or: [{ trackingCode: { $containsi: q } }, { requestedTitle: { $containsi: q } }, { requestedDocumentNumber: { $containsi: q } }] });
      }
      const filter = { $and: where };
      const [rows, total] = await Promise.all([
        applications().findMany({ where: filter, populate: POPULATE, orderBy: [{ submittedAt: 'desc' }, { id: 'desc' }], offset: (query.page - 1) * query.pageSize, limit: query.pageSize }),
        applications().count({ where: filter }),
      ]);
      return { data: await Promise.all(rows.map((row: any) => summary(row, today))), meta: { pagination: { page: query.page, pageSize: query.pageSize, total } } };
    },

    /** One application with everything a handler needs; the read of its personal data is audited. */
    async detail(documentId: string, member: StaffMember, permissions: ApplicationPermissions) {
      requireHandle(permissions);
      const row = await load(documentId, member);
      await strapi.db.transaction(async ({ trx }) => readAudited(trx, row, member, 'detail'));
      return detail(row, member, permissions);
    },

    /**
     * Staff intake of an application by letter, in person, fax or email, received on the day given: the portal's field
     * rules and intake (services/application-intake.ts), for the member's organization unless they name another in
     * their scope; the member becomes its handler. The lookup secret is answered this once, for the applicant.
     */
    async create(body: Record<string, unknown>, member: StaffMember, permissions: ApplicationPermissions) {
      requireHandle(permissions);
      const own = member.organizationId ? await strapi.db.query(ORGANIZATION_UID).findOne({ where: { id: member.organizationId }, select: ['documentId'] }) : null;
      const checked = validateApplicationInput({ ...body, organization: body.organization ?? own?.documentId }, { channel: 'staff' });
      if (!checked.ok) throw toValidationError(checked.issues, 'VALIDATION_FAILED');
      const { channel, receivedOn, ...input } = checked.value;
      const today = toLegalDate(new Date());
      if (receivedOn > today) throw toValidationError([issue(['receivedOn'], 'FUTURE_DATE', '收到申请日期不能晚于今天', 'receivedOn is in the future')], 'VALIDATION_FAILED');
      const organization = await strapi.db.query(ORGANIZATION_UID).findOne({ where: { documentId: input.organization }, select: ['id'] });
      const ids = await scope(member);
      if (organization && ids && !ids.includes(organization.id)) throw forbidden();
      const created = await getService('application-intake', strapi).create(input, { channel, receivedOn, actor: { actor: `admin:${member.userId}`, actorName: member.name } });
      const row = await applications().findOne({ where: { documentId: created.documentId }, populate: POPULATE });
      await applications().update({ where: { id: row.id }, data: { handler: member.userId, ...(await storedClock(facts(row), today)) } });
      const stored = await applications().findOne({ where: { id: row.id }, populate: POPULATE });
      await strapi.db.transaction(async ({ trx }) => readAudited(trx, stored, member, 'intake'));
      return { ...(await detail(stored, member, permissions)), secret: created.secret };
    },

    /** One handling action, in one transaction; the detail afterwards (its personal data read is audited). */
    async act(documentId: string, action: ApplicationAction, payload: Record<string, unknown>, member: StaffMember, permissions: ApplicationPermissions) {
      const row = await perform(documentId, action, payload, { member, permissions });
      await strapi.db.transaction(async ({ trx }) => readAudited(trx, row, member, 'action'));
      return detail(row, member, permissions);
    },

    /**
     * The daily task: applications whose 补正 or payment deadline passed end as 逾期不补正 / 逾期未缴费, by the system.
     * Each closes in its own transaction: one that cannot close (someone acted meanwhile) leaves the others alone.
     */
    async closeLapsed(today = toLegalDate(new Date())) {
      const lapsed = await applications().findMany({
        where: {
          $or: [
            { state: 'correction_requested', correctionDueOn: { $lt: today }, correctionReceivedOn: { $null: true } },
            { state: 'awaiting_payment', feePaymentDueOn: { $lt: today }, feePaidOn: { $null: true }, feeWaived: { $ne: true } },
          ],
        },
        select: ['documentId', 'state'],
        limit: 1000,
      });
      const closed: string[] = [];
      for (const row of lapsed) {
        const action = row.state === 'correction_requested' ? 'close_no_correction' : 'close_fee_unpaid';
        try {
          await perform(row.documentId, action, {}, { system: true }, today);
          closed.push(row.documentId);
        } catch (error) {
          strapi.log.warn(`[disclosure] could not close application ${row.documentId}: ${(error as Error).message}`);
        }
      }
      return closed;
    },

    /** The 答复告知书 an outcome would give, before replying (reads the applicant's name: audited). */
    async letterPreview(documentId: string, outcome: string, details: Record<string, string>, member: StaffMember, permissions: ApplicationPermissions) {
      requireHandle(permissions);
      const row = await load(documentId, member);
      await strapi.db.transaction(async ({ trx }) => readAudited(trx, row, member, 'letter_preview'));
      // The date is left blank until the reply is issued.
      return letter(row, outcome, details, legalDayOf(row.repliedOn));
    },

    /** The letter as issued at the reply. */
    async letter(documentId: string, member: StaffMember, permissions: ApplicationPermissions) {
      requireHandle(permissions);
      const row = await strapi.db.query(APPLICATION_UID).findOne({ where: { documentId }, select: ['id', 'documentId', 'replyLetter', 'personalDataPurgedAt'], populate: { receivingOrganization: { select: ['id'] } } });
      if (!row) throw notFound();
      const ids = await scope(member);
      if (ids && !ids.includes(row.receivingOrganization?.id)) throw forbidden();
      if (!row.replyLetter) throw disclosureError(404, 'LETTER_NOT_ISSUED', '该申请尚未答复，没有答复告知书', 'no reply letter has been issued');
      await strapi.db.transaction(async ({ trx }) => readAudited(trx, row, member, 'letter'));
      return row.replyLetter as string;
    },

    /** 行政复议、行政诉讼 cases, of one application or of every application in the member's scope. */
    async listCases(member: StaffMember, permissions: ApplicationPermissions, applicationDocumentId?: string) {
      if (!permissions.canCases && !permissions.canHandle) throw forbidden();
      const ids = await scope(member);
      const where: any = {};
      if (applicationDocumentId) where.application = { documentId: applicationDocumentId };
      if (ids) where.application = { ...(where.application ?? {}), receivingOrganization: { id: { $in: ids.length ? ids : [-1] } } };
      const rows = await strapi.db.query(APPLICATION_CASE_UID).findMany({ where, populate: { application: { select: ['documentId', 'trackingCode'] } }, orderBy: [{ filedOn: 'desc' }, { id: 'desc' }] });
      return rows.map((row: any) => caseView(row, row.application ? { documentId: row.application.documentId, trackingCode: row.application.trackingCode } : null));
    },

    async saveCase(member: StaffMember, permissions: ApplicationPermissions, input: Record<string, any>, id?: number) {
      if (!permissions.canCases) throw disclosureError(403, 'APPLICATION_FORBIDDEN', '您没有登记行政复议、行政诉讼案件的权限', 'this needs plugin::disclosure.application-cases');
      return strapi.db.transaction(async ({ trx }) => {
        const existing = id ? await strapi.db.query(APPLICATION_CASE_UID).findOne({ where: { id }, populate: { application: { select: ['id', 'documentId'] } } }) : null;
        if (id && !existing) throw disclosureError(404, 'CASE_NOT_FOUND', '案件不存在', 'no such case', {}, ['id']);
        const applicationDocumentId = input.application ?? existing?.application?.documentId;
        if (!applicationDocumentId) throw disclosureError(400, 'VALIDATION', '请选择关联的申请', 'application is required', {}, ['application']);
        const application = await strapi.db.query(APPLICATION_UID).findOne({ where: { documentId: applicationDocumentId }, select: ['id', 'documentId', 'trackingCode'], populate: { receivingOrganization: { select: ['id'] } } });
        if (!application) throw disclosureError(400, 'VALIDATION', '关联的申请不存在', 'no such application', {}, ['application']);
        const ids = await scope(member);
        if (ids && !ids.includes(application.receivingOrganization?.id)) throw forbidden();
        const data = { ...input, application: application.id };
        const saved = existing
          ? await strapi.db.query(APPLICATION_CASE_UID).update({ where: { id }, data })
          : await strapi.db.query(APPLICATION_CASE_UID).create({ data: { result: 'pending', ...data } });
        await getService('audit', strapi).append(trx, {
          actor: `admin:${member.userId}`,
          actorName: member.name,
          action: existing ? 'application.case_updated' : 'application.case_created',
          targetUid: APPLICATION_UID,
          targetDocumentId: application.documentId,
          data: { caseId: saved.id, kind: saved.kind, result: saved.result },
        });
        return caseView(saved, { documentId: application.documentId, trackingCode: application.trackingCode });
      });
    },

    /** 条例 第四十四条: open and replied applications of the member's scope asking for the same information. */
    async suggestions(member: StaffMember, permissions: ApplicationPermissions) {
      requireHandle(permissions);
      const ids = await scope(member);
      const rows = await applications().findMany({
        where: { state: { $in: [...OPEN_APPLICATION_STATES, 'replied'] }, ...(ids ? { receivingOrganization: { id: { $in: ids.length ? ids : [-1] } } } : {}) },
        select: ['documentId', 'trackingCode', 'requestedTitle', 'requestedDescription', 'requestedEntryUid', 'requestedEntryDocumentId'],
        orderBy: { id: 'asc' },
        limit: 5000,
      });
      const byId = new Map(rows.map((row: any) => [row.documentId as string, row]));
      const { similarityThreshold, proactiveSuggestionThreshold } = settings();
      const groups = groupSimilarRequests(
        rows.map((row: any) => ({
          id: row.documentId,
          text: [row.requestedTitle, row.requestedDescription].filter(Boolean).join(' '),
          entryKey: row.requestedEntryUid && row.requestedEntryDocumentId ? `${row.requestedEntryUid}:${row.requestedEntryDocumentId}` : undefined,
        })),
        { threshold: similarityThreshold, minGroupSize: proactiveSuggestionThreshold }
      );
      return Promise.all(
        groups.map(async (group) => {
          const members = group.ids.map((id) => byId.get(id)!);
          const linked = members.find((row: any) => row.requestedEntryUid && row.requestedEntryDocumentId);
          return {
            key: group.key,
            count: group.ids.length,
            entry: group.entryKey && linked ? await entryRef(linked.requestedEntryUid, linked.requestedEntryDocumentId) : null,
            sampleTitle: members[0]?.requestedTitle ?? group.sampleText,
            applications: members.map((row: any) => ({ documentId: row.documentId, trackingCode: row.trackingCode })),
          };
        })
      );
    },

    /** Open applications whose clock runs, due by `horizon`, for the 公开时限 dashboard (no personal data). */
    async dueRows(organizationIds: number[] | null, dueBy: { $lt: string } | { $lte: string }) {
      return applications().findMany({
        where: {
          state: { $in: ['received', 'in_progress'] },
          dueOn: dueBy,
          ...(organizationIds ? { receivingOrganization: { id: { $in: organizationIds.length ? organizationIds : [-1] } } } : {}),
        },
        select: ['documentId', 'trackingCode', 'requestedTitle', 'dueOn', 'dueOnProvisional', 'state'],
        populate: { receivingOrganization: { select: ['id', 'name'] } },
        orderBy: { dueOn: 'asc' },
        limit: 1000,
      });
    },
  };
};
