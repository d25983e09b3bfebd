import type { Core } from '@strapi/strapi';
import { CALENDAR_DAY_UID } from '../constants';
import { contentTypeUid, governedUids } from '../utils/content-type-uid';
import { addWorkingDaysDetailed } from '../domain/calendar';
import { ORGANIZATION_UID } from '../constants';
import { disclosureError } from '../utils/disclosure-error';
import { getService } from '../utils/get-service';
import { deadlineQuery, parseOr400, scheduleBody, transitionBody, versionParam, workingDaysQuery } from '../validation';

function governedParam(strapi: Core.Strapi, uid: string) {
  if (!getService('catalog', strapi).isGoverned(uid)) {
    throw disclosureError(404, 'UNKNOWN_CONTENT_TYPE', `内容类型“${uid}”不受审核流程管理`, `content type ${uid} is not governed`, {}, ['uid']);
  }
  return uid;
}

/**
 * May the caller open 节假日安排 (the calendar-day list in the content manager)? Answered with the data the page
 * fetches anyway: the admin's own permission hook can run before the user's permissions have loaded.
 */
const canEnterHolidays = (ctx: any): boolean => Boolean(ctx.state.userAbility?.can('plugin::content-manager.explorer.read', CALENDAR_DAY_UID));

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async transition(ctx: any) {
    const input = parseOr400(transitionBody, ctx.request.body, 'body', {
      action: (issue) => (issue.code === 'invalid_enum_value' ? { code: 'UNKNOWN_ACTION', message: '未知的操作' } : undefined),
      comment: (issue) => (issue.message === 'COMMENT_ONLY_ON_APPROVE' ? { code: 'COMMENT_ONLY_ON_APPROVE', message: '只有“通过”可以填写审核意见，退回、撤回和更正请填写理由' } : undefined),
    });
    const member = await getService('staff', strapi).resolve(ctx.state.user);
    ctx.body = { data: await getService('workflow', strapi).transition(input, member) };
  },

  async history(ctx: any) {
    const uid = governedParam(strapi, ctx.params.uid);
    const member = await getService('staff', strapi).resolve(ctx.state.user);
    ctx.body = { data: await getService('workflow', strapi).describe(uid, ctx.params.documentId, member) };
  },

  /** GET /disclosure/versions/:uid/:documentId — the entry's released versions (更正 history), to those who may read it. */
  async versions(ctx: any) {
    const uid = governedParam(strapi, ctx.params.uid);
    const member = await getService('staff', strapi).resolve(ctx.state.user);
    await getService('workflow', strapi).readable(uid, ctx.params.documentId, member);
    ctx.body = { data: await getService('entry-versions', strapi).list(uid, ctx.params.documentId) };
  },

  /** GET /disclosure/versions/:uid/:documentId/:version — one released version and what changed from the one before. */
  async version(ctx: any) {
    const uid = governedParam(strapi, ctx.params.uid);
    const { version } = parseOr400(versionParam, { version: ctx.params.version }, 'query', {
      version: () => ({ code: 'INVALID_VERSION', message: '版本号必须是正整数' }),
    });
    const member = await getService('staff', strapi).resolve(ctx.state.user);
    await getService('workflow', strapi).readable(uid, ctx.params.documentId, member);
    ctx.body = { data: await getService('entry-versions', strapi).get(uid, ctx.params.documentId, version) };
  },

  /** GET /disclosure/audience/:uid/:documentId — what a release makes public, and which consumer sites receive it. */
  async audience(ctx: any) {
    const uid = governedParam(strapi, ctx.params.uid);
    const member = await getService('staff', strapi).resolve(ctx.state.user);
    ctx.body = { data: await getService('workflow', strapi).audience(uid, ctx.params.documentId, member) };
  },

  /** What the admin needs to know: governed types and their review stages. */
  async config(ctx: any) {
    const workflow = getService('workflow', strapi);
    const contentTypes = governedUids(strapi);
    ctx.body = { data: { contentTypes, stages: Object.fromEntries(contentTypes.map((uid) => [uid, workflow.stagesFor(uid)])) } };
  },

  /** GET /disclosure/me — the caller's organization: the create form prefills 发布机构 with it. */
  async me(ctx: any) {
    const member = await getService('staff', strapi).resolve(ctx.state.user);
    const organization = member.organizationId
      ? await strapi.db.query(ORGANIZATION_UID).findOne({ where: { id: member.organizationId }, select: ['id', 'documentId', 'name'] })
      : null;
    ctx.body = { data: { organization: organization ? { id: organization.id, documentId: organization.documentId, name: organization.name } : null } };
  },

  async inbox(ctx: any) {
    const member = await getService('staff', strapi).resolve(ctx.state.user);
    ctx.body = { data: await getService('workflow', strapi).inbox(member) };
  },

  /** 公开时限 dashboard: GET /disclosure/deadlines?status=at_risk|overdue|all&type=policy|application&organization=<documentId>&asOf=YYYY-MM-DD */
  async deadlines(ctx: any) {
    const { status, type, organization, asOf } = parseOr400(deadlineQuery, ctx.query, 'query');
    const governed = governedUids(strapi);
    // type=application: only the open 依申请公开 applications.
    const onlyApplications = type === 'application';
    const uid = type && !onlyApplications ? governed.find((u) => u === type || u.endsWith(`.${type}`)) : undefined;
    if (type && !onlyApplications && !uid) throw disclosureError(400, 'UNKNOWN_CONTENT_TYPE', `内容类型“${type}”不存在或不受时限管理`, `unknown content type ${type}`, {}, ['type']);
    const organizationId = organization ? await getService('deadlines', strapi).organizationIdOf(organization) : undefined;
    const member = await getService('staff', strapi).resolve(ctx.state.user);
    const applications = Boolean(ctx.state.userAbility?.can('plugin::disclosure.application-handle'));
    const dashboard = await getService('deadlines', strapi).dashboard(member, { status, uid, organizationId, asOf, applications, onlyApplications });
    ctx.body = { data: { ...dashboard, canEnterHolidays: canEnterHolidays(ctx) } };
  },

  /** 定时发布 / 定时撤回: POST /disclosure/schedule { uid, documentId, kind: release|withdraw, runAt, reason? } */
  async schedule(ctx: any) {
    const { documentId, kind, runAt, reason, ...body } = parseOr400(scheduleBody, ctx.request.body, 'body');
    if (new Date(runAt).getTime() <= Date.now()) throw disclosureError(400, 'RUN_AT_IN_PAST', '定时时间必须晚于当前时间', 'runAt must be in the future', {}, ['runAt']);
    const uid = contentTypeUid(body.uid);
    const member = await getService('staff', strapi).resolve(ctx.state.user);
    const workflow = getService('workflow', strapi);
    const description = await workflow.describe(uid, documentId, member);
    if (!description.actions.some((a: any) => a.action === kind)) {
      throw disclosureError(409, 'CANNOT_SCHEDULE', `当前状态“${description.stateLabel}”下您不能安排定时${kind === 'release' ? '发布' : '撤回'}`, `you cannot schedule ${kind} for this entry now`, {}, ['kind']);
    }
    // Bound to this person and, for a release, to the approved content: it runs as them, on that version, or not at all.
    let contentHash: string | null = null;
    if (kind === 'release') {
      const { approvedHash } = await workflow.getState(uid, documentId);
      contentHash = await workflow.draftHash(uid, documentId);
      if (!contentHash || contentHash !== approvedHash) {
        throw disclosureError(409, 'APPROVAL_STALE', '内容在审核通过后被修改，须重新审核', 'the content changed after approval and must be reviewed again');
      }
    }
    const job = await getService('scheduler', strapi).schedule(kind, uid, documentId, new Date(runAt), reason ?? null, { userId: member.userId, contentHash });
    ctx.status = 201;
    ctx.body = { data: { id: job.id, kind: job.kind, runAt: job.run_at, status: job.status, scheduledBy: job.scheduled_by } };
  },

  /** GET /disclosure/calendar/working-days?start=YYYY-MM-DD&n=20 — the n-th working day after start. */
  async workingDays(ctx: any) {
    const { start, n } = parseOr400(workingDaysQuery, ctx.query, 'query', {
      n: () => ({ code: 'INVALID_WORKING_DAY_COUNT', message: '工作日数必须是 0 到 3650 之间的整数' }),
      start: () => ({ code: 'INVALID_DATE', message: '开始日期格式应为 YYYY-MM-DD' }),
    });
    const calendar = await getService('calendar', strapi).get();
    ctx.body = { data: { start, n, ...addWorkingDaysDetailed(start, n, calendar) } };
  },

  async calendarStatus(ctx: any) {
    const missingYears = await getService('calendar', strapi).missingYears();
    const mayEnter = canEnterHolidays(ctx);
    const banner = missingYears.length ? `${missingYears.join('、')}年节假日安排尚未录入，跨入该年的期限为暂定${mayEnter ? '' : '，请联系系统管理员录入'}` : null;
    ctx.body = { data: { missingYears, banner, canEnterHolidays: mayEnter } };
  },

  async verifyAudit(ctx: any) {
    const verdict = await getService('audit', strapi).verify();
    ctx.status = verdict.ok ? 200 : 409;
    ctx.body = { data: verdict };
  },
});
