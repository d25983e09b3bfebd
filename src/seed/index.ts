import type { Core, UID } from '@strapi/strapi';
import { CATEGORIES, legalBasisOf, topicCode, TOPICS } from './data/reference-data';
import { ORGANIZATIONS, OrganizationSeed, TOP_ORGANIZATION_CODE } from './data/organizations';
import { ENTRIES, ReleaseDays, STATE_COUNCIL_ORGANIZATION } from './data/entries';
import { DEMO_APPLICATIONS } from './data/applications';
import { addWorkingDays, workingDaysBefore } from '../plugins/disclosure/server/src/domain/calendar';
import { toLegalDate } from '../plugins/disclosure/server/src/domain/legal-date';

const ORG = 'api::organization.organization';
const CATEGORY = 'api::disclosure-category.disclosure-category';
const TOPIC = 'api::topic.topic';

/** Local-only demo administrator; the README states these credentials. */
export const DEMO_ADMIN = {
  email: 'admin@gongkai.local',
  password: 'Gongkai-Demo-2026',
  firstname: '演示',
  lastname: '管理员',
};

export interface SeedReport {
  created: Record<string, number>;
}

/**
 * Idempotent demo seed: everything is looked up by its natural key (code, title)
 * first and only what is missing is created, so a second run changes nothing.
 */
export async function seedDemo(strapi: Core.Strapi, { withAdmin = true } = {}): Promise<SeedReport> {
  const created: Record<string, number> = {};
  const count = (key: string) => (created[key] = (created[key] ?? 0) + 1);
  const docs = (uid: UID.ContentType) => strapi.documents(uid);

  const ensure = async (uid: UID.ContentType, key: Record<string, string>, data: Record<string, unknown>) => {
    const existing = await docs(uid).findFirst({ filters: key, fields: ['documentId'] });
    if (existing) return existing.documentId as string;
    const doc = await docs(uid).create({ data: { ...key, ...data } });
    count(uid);
    return doc.documentId as string;
  };

  // Organizations, parents before children.
  const orgIds = new Map<string, string>();
  const orgs: OrganizationSeed[] = [...ORGANIZATIONS, STATE_COUNCIL_ORGANIZATION as OrganizationSeed];
  for (const { code, parentCode, ...data } of orgs) {
    orgIds.set(code, await ensure(ORG, { code }, { ...data, parent: parentCode ? orgIds.get(parentCode) : null }));
  }

  const categoryIds = new Map<string, string>();
  for (const [i, category] of CATEGORIES.entries()) {
    const parentId = await ensure(CATEGORY, { code: category.code }, {
      name: category.name,
      description: category.description,
      statutoryItems: category.statutoryItems,
      legalBasis: legalBasisOf(category.statutoryItems),
      sortOrder: i + 1,
    });
    categoryIds.set(category.code, parentId);
    for (const [j, child] of (category.children ?? []).entries()) {
      categoryIds.set(
        child.code,
        await ensure(CATEGORY, { code: child.code }, {
          name: child.name,
          description: child.description ?? null,
          statutoryItems: category.statutoryItems,
          legalBasis: legalBasisOf(category.statutoryItems),
          parent: parentId,
          sortOrder: j + 1,
        })
      );
    }
  }

  const topicIds = new Map<string, string>();
  for (const [i, name] of TOPICS.entries()) {
    topicIds.set(topicCode(i), await ensure(TOPIC, { code: topicCode(i) }, { name, sortOrder: i + 1 }));
  }

  const days = await releaseDays(strapi);
  const policyIds = new Map<string, string>();
  for (const entry of ENTRIES) {
    const relations: Record<string, unknown> = {
      publishingOrganization: orgIds.get(entry.publishingOrganization),
      category: entry.category ? categoryIds.get(entry.category) : null,
      topics: (entry.topics ?? []).map((code) => topicIds.get(code)),
    };
    for (const [field, codes] of Object.entries(entry.organizations ?? {})) {
      relations[field] = Array.isArray(codes) ? codes.map((c) => orgIds.get(c)) : orgIds.get(codes);
    }
    for (const [field, title] of Object.entries(entry.policies ?? {})) relations[field] = policyIds.get(title);

    const title = entry.data.title as string;
    const existing = await docs(entry.uid).findFirst({ filters: { title }, status: 'draft', fields: ['documentId'] });
    let documentId = existing?.documentId as string | undefined;
    if (!documentId) {
      documentId = (await docs(entry.uid).create({ data: { ...entry.data, ...entry.dates?.(days), ...relations } })).documentId as string;
      count(entry.uid);
      if (entry.published) await releaseThroughWorkflow(strapi, entry.uid, documentId, entry.lateReason);
      else if (entry.reviewStage !== undefined) await moveIntoReview(strapi, entry.uid, documentId, entry.reviewStage);
    }
    if (entry.uid === 'api::policy.policy') policyIds.set(title, documentId);
  }

  // The reference portal's site: the whole 第六师五家渠市 tree, every category.
  await ensure(DEMO_SITE_UID, { name: DEMO_SITE_NAME }, { organizations: [orgIds.get(TOP_ORGANIZATION_CODE)], categories: [], active: true });

  if (withAdmin) await ensureDemoAdmin(strapi, count);
  await seedApplications(strapi, orgIds, days, count);
  return { created };
}

const APPLICATION_UID = 'plugin::disclosure.application';

/**
 * The demo 依申请公开 applications (data/applications.ts), each recorded through the intake service and handled
 * through the handling service's actions by the first super administrator, as an office would — so clocks, audit
 * trail and reply letter are what the app makes of them. Without an administrator only the intake is seeded.
 * Looked up by the requested information's name: a second run adds nothing.
 */
async function seedApplications(strapi: Core.Strapi, orgIds: Map<string, string>, days: ReleaseDays, count: (key: string) => void) {
  const plugin = strapi.plugin('disclosure');
  const admin = await strapi.db.query('admin::user').findOne({ where: { roles: { code: 'strapi-super-admin' } }, orderBy: { id: 'asc' } });
  const member = admin ? await plugin.service('staff').resolve(admin) : null;
  const permissions = { canHandle: true, canExtend: true, canCases: true };
  const dated = (payload: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(payload).map(([key, value]) => [key, typeof value === 'object' && value && 'workingDaysAgo' in value ? days.before((value as { workingDaysAgo: number }).workingDaysAgo) : value]));

  for (const demo of DEMO_APPLICATIONS) {
    if (await strapi.db.query(APPLICATION_UID).findOne({ where: { requestedTitle: demo.fields.requestedTitle }, select: ['id'] })) continue;
    const receivedOn = demo.receivedWorkingDaysAgo === null ? null : days.before(demo.receivedWorkingDaysAgo);
    const online = demo.channel === 'online';
    const input = { organization: orgIds.get(demo.organization), contactPerson: null, email: null, postalAddress: null, postalCode: null, requestedDocumentNumber: null, requestedDescription: null, requestedEntry: null, purpose: null, ...demo.fields };
    const created = await plugin.service('application-intake').create(input, {
      channel: demo.channel,
      receivedOn: online ? null : receivedOn,
      actor: online ? { actor: 'applicant', actorName: '申请人（网上提交）' } : { actor: 'system', actorName: '演示数据' },
    });
    count(APPLICATION_UID);
    // Demo history: the application came in on the day it was received, not on the day the demo was seeded.
    if (receivedOn) await strapi.db.query(APPLICATION_UID).update({ where: { documentId: created.documentId }, data: { submittedAt: days.at(receivedOn, online ? '21:14' : '10:30') } });
    if (!member) continue;
    const steps = online && receivedOn ? [{ action: 'confirm_receipt', payload: { receivedOn } }, ...demo.steps] : demo.steps;
    for (const step of steps) {
      await plugin.service('application-handling').act(created.documentId, step.action, dated(step.payload), member, permissions);
    }
  }
}

const DEMO_SITE_UID = 'plugin::disclosure.consumer-site';
export const DEMO_SITE_NAME = '第六师五家渠市政府门户（演示）';

/**
 * A fresh token for the demo portal site (the previous one stops working): tokens are shown once and only their
 * hash is stored, so the demo issues one at each start and prints the portal link with it.
 */
export async function demoPortalToken(strapi: Core.Strapi): Promise<string | null> {
  const site = await strapi.documents(DEMO_SITE_UID).findFirst({ filters: { name: DEMO_SITE_NAME }, fields: ['documentId'] });
  if (!site) return null;
  return (await strapi.plugin('disclosure').service('consumer-sites').issueToken(site.documentId)).token;
}

/** Today in Beijing, the demo's release day, and the days around it by the app's working-day calendar. */
async function releaseDays(strapi: Core.Strapi): Promise<ReleaseDays> {
  const calendar = await strapi.plugin('disclosure').service('calendar').get();
  const release = toLegalDate(new Date());
  return {
    before: (n) => workingDaysBefore(release, n, calendar),
    after: (n) => addWorkingDays(release, n, calendar),
    at: (day, time) => `${day}T${time}:00+08:00`,
  };
}

/**
 * Demo entries are released the way every entry is: submitted, approved at each
 * stage and released, by the system actor, with an audit event for each step.
 * Released within its statutory window an entry needs no reason; one released
 * late carries its lateness reason.
 */
export async function releaseThroughWorkflow(strapi: Core.Strapi, uid: string, documentId: string, lateReason?: string) {
  const workflow = strapi.plugin('disclosure').service('workflow');
  await workflow.transition({ uid, documentId, action: 'submit' }, 'system');
  for (let i = 0; i < workflow.stagesFor(uid).length; i += 1) {
    await workflow.transition({ uid, documentId, action: 'approve' }, 'system');
  }
  await workflow.transition({ uid, documentId, action: 'release', ...(lateReason ? { reason: lateReason } : {}) }, 'system');
}

/** Leaves a demo entry waiting at a review stage, so the inbox has something to show. */
async function moveIntoReview(strapi: Core.Strapi, uid: string, documentId: string, stage: number) {
  const workflow = strapi.plugin('disclosure').service('workflow');
  await workflow.transition({ uid, documentId, action: 'submit' }, 'system');
  for (let i = 0; i < stage; i += 1) await workflow.transition({ uid, documentId, action: 'approve' }, 'system');
}

async function ensureDemoAdmin(strapi: Core.Strapi, count: (key: string) => void) {
  const users = strapi.service('admin::user');
  if ((await users.count()) > 0) return;
  const superAdmin = await strapi.service('admin::role').getSuperAdmin();
  if (!superAdmin) return;
  await users.create({
    ...DEMO_ADMIN,
    isActive: true,
    registrationToken: null,
    roles: [superAdmin.id],
    preferedLanguage: 'zh-Hans',
  });
  count('admin::user');
}
