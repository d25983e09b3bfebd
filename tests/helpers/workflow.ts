import { createRefs, payloads, Refs } from './fixtures';
import { createStaff, Staff, StaffRole } from './staff';
import type { TestApp } from './strapi';
import { stepsTo } from './workflow-table';

export const ITEM = 'api::disclosure-item.disclosure-item';
export const CM_ITEM = `/content-manager/collection-types/${ITEM}`;

export interface Team {
  refs: Refs;
  orgId: number;
  author: Staff;
  staff: Record<Exclude<StaffRole, 'applicationHandler' | 'applicationHead'>, Staff>;
}

export async function organizationId(app: TestApp, documentId: string): Promise<number> {
  return (await app.strapi.db.query('api::organization.organization').findOne({ where: { documentId } })).id;
}

/** One organization with an author, and one member of each role who did not write the entries. */
export async function createTeam(app: TestApp): Promise<Team> {
  const refs = await createRefs(app.strapi);
  const orgId = await organizationId(app, refs.org.documentId);
  const author = await createStaff(app, 'editor', orgId);
  const staff = {
    editor: await createStaff(app, 'editor', orgId),
    reviewer: await createStaff(app, 'reviewer', orgId),
    publisher: await createStaff(app, 'publisher', orgId),
    sysadmin: await createStaff(app, 'sysadmin', null),
  };
  return { refs, orgId, author, staff };
}

let n = 0;
/** A draft written by the team's author in the content manager. */
export async function authorDraft(team: Team, overrides: Record<string, unknown> = {}): Promise<string> {
  n += 1;
  const res = await team.author.post(CM_ITEM, { ...payloads(team.refs)[ITEM](`工作流条目 ${n}`), ...overrides });
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data.documentId;
}

export async function driveTo(app: TestApp, documentId: string, state: Parameters<typeof stepsTo>[0], stage: number | null = null, uid = ITEM) {
  const workflow = app.strapi.plugin('disclosure').service('workflow');
  for (const action of stepsTo(state, stage)) await workflow.transition({ uid, documentId, action, reason: '测试' }, 'system');
}

/** Everything a failed transition must leave alone. */
export async function footprint(app: TestApp, documentId: string, uid = ITEM) {
  const { strapi } = app;
  return {
    state: await strapi.db.query('plugin::disclosure.workflow-state').findOne({ where: { targetUid: uid, targetDocumentId: documentId } }),
    audit: await strapi.db.query('plugin::disclosure.audit-event').count({ where: { targetDocumentId: documentId } }),
    rows: await strapi.db.connection(strapi.contentType(uid).collectionName).where({ document_id: documentId }).orderBy('id').select('id', 'published_at', 'updated_at', 'title'),
  };
}
